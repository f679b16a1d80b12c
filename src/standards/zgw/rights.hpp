// What a ZGW client may do: its autorisaties per component and scope, limited per zaaktype
// (zrc), informatieobjecttype (drc) or besluittype (brc) and a maximum confidentiality, or all
// rights. Pure: the authenticator loads them, the resources ask.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/confidentiality.hpp"

namespace loket::zgw {

// The confidentiality levels (vertrouwelijkheidaanduiding), from open to most secret; the
// position is the level, -1 for an unknown name. Defined once, in common/confidentiality.hpp.
using common::confidentiality_level;
using common::confidentiality_name;
inline constexpr int kMaxConfidentiality = common::kHighestConfidentiality;  // zeer_geheim

// Components whose autorisaties are limited per type: the type field ("zaaktype" for zrc,
// "informatieobjecttype" for drc, "besluittype" for brc), or empty when the scope alone decides.
std::string_view type_field(std::string_view component);
// Components whose autorisaties need maxVertrouwelijkheidaanduiding (zrc, drc).
bool needs_max_level(std::string_view component);

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
  // The scope is allowed for an object of `type` at confidentiality `level`. In a component
  // limited per type, an autorisatie without its type (or without the maximum level the
  // component needs) allows no object at all: the same limits as grants(), so that a read by
  // URL never shows what a list would hide.
  bool may(std::string_view component, std::string_view scope, std::string_view type,
           int level) const;
  // Every type the scope is allowed for, and up to which level; empty when none. Only
  // meaningful without all rights.
  std::vector<Grant> grants(std::string_view component, std::string_view scope) const;
};

// Reads an Autorisaties API `applicatie` (heeftAlleAutorisaties, autorisaties[]) into a Client.
// `relative` turns a type URL into the form the registry stores (internal URLs relative).
Client client_from_applicatie(const boost::json::object& applicatie,
                              std::string (*relative)(std::string_view, std::string_view),
                              std::string_view base);

}  // namespace loket::zgw
