// ZGW clients: an application (Autorisaties API `applicatie`) with its client_id and the shared
// secret its tokens are signed with. `loket clients add` bootstraps the first one.
#pragma once

#include <boost/json/array.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "privacy/field_crypto.hpp"
#include "standards/zgw/rights.hpp"

namespace loket::zgw {

struct NewClient {
  std::string client_id;
  std::string secret;
  std::string label;
  bool all_rights = false;
  boost::json::array autorisaties;  // as in the Autorisaties API, URLs absolute
};

// The scopes a component's API specification defines ("zrc": zaken.lezen, ...); empty for a
// component the Autorisaties API does not know.
const std::vector<std::string_view>& scopes_of(std::string_view component);
// The Autorisaties API's componentWeergave ("Zaken API"); empty for an unknown component.
std::string_view component_title(std::string_view component);
// type_field and needs_max_level: see rights.hpp.

// A limit a per-type autorisatie lacks: the Autorisaties API field ("zaaktype", ...,
// "maxVertrouwelijkheidaanduiding") and why.
struct MissingLimit {
  std::string field;
  std::string reason;
};
// The one rule for a limited client, shared by the Autorisaties API and `loket clients add`: in a
// component limited per type (zrc, drc, brc) an autorisatie names its type, and in zrc and drc
// its maximum confidentiality. Without them a client would read every type, or up to
// zeer_geheim (and rights.hpp allows such an autorisatie no object at all).
std::vector<MissingLimit> missing_limits(std::string_view component, bool has_type,
                                         bool has_max_level);

// The first thing wrong with a new client, as "--option: reason", or nullopt.
std::optional<std::string> validate(const NewClient& client);

// Creates the application, its client_id and its encrypted secret in one transaction and
// returns the application's uuid. Throws std::invalid_argument when the client_id is taken.
std::string add_client(db::Database& db, const privacy::KeyRing& keys, const NewClient& client);

// Replaces the secret of an existing client_id and makes every process reload its clients.
// Throws std::invalid_argument when the secret is too short or no application has the id.
void set_secret(db::Database& db, const privacy::KeyRing& keys, const std::string& client_id,
                const std::string& secret);

// Stores (or replaces) the secret of a client_id, encrypted; inside the caller's transaction.
void store_secret(db::Connection& c, const privacy::KeyRing& keys, const std::string& client_id,
                  const std::string& secret);

}  // namespace loket::zgw
