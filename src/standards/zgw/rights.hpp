// What a ZGW client may do: its autorisaties per component and scope, limited per zaaktype
// (zrc), informatieobjecttype (drc) or besluittype (brc) and a maximum confidentiality, or all
// rights. Pure: the authenticator loads them, the resources ask.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loket::zgw {

// The confidentiality levels (vertrouwelijkheidaanduiding), from open to most secret; the
// position is the level. -1 for an unknown name.
int confidentiality_level(std::string_view name);
std::string_view confidentiality_name(int level);
inline constexpr int kMaxConfidentiality = 7;  // zeer_geheim

struct Autorisatie {
  std::string component;  // "zrc", "ztc", "ac", "drc", "brc", "nrc"
  std::vector<std::string> scopes;
  std::string type;    // zaaktype (zrc), informatieobjecttype (drc) or besluittype (brc)
  int max_level = -1;  // maxVertrouwelijkheidaanduiding; -1 when not limited
};

// One type a client may see with a scope, and up to which level.
struct Grant {
  std::string type;
  int max_level = kMaxConfidentiality;
};

struct Client {
  std::string client_id;
  std::string user_id;
  std::string user_representation;
  std::string applicatie;  // the application's uuid
  std::string label;
  bool all_rights = false;
  std::vector<Autorisatie> autorisaties;

  // A scope may name alternatives, "a | b": any one of them will do.
  // The component allows the scope at all (for some type, in components limited per type).
  bool may(std::string_view component, std::string_view scope) const;
  // The scope is allowed for an object of `type` at confidentiality `level`.
  bool may(std::string_view component, std::string_view scope, std::string_view type,
           int level) const;
  // Every type the scope is allowed for; empty when none. Only meaningful without all rights.
  std::vector<Grant> grants(std::string_view component, std::string_view scope) const;
};

// Reads an Autorisaties API `applicatie` (heeftAlleAutorisaties, autorisaties[]) into a Client.
// `relative` turns a type URL into the form the registry stores (internal URLs relative).
Client client_from_applicatie(const boost::json::object& applicatie,
                              std::string (*relative)(std::string_view, std::string_view),
                              std::string_view base);

}  // namespace loket::zgw
