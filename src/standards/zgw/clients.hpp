// ZGW clients: an application (Autorisaties API `applicatie`) with its client_id and the shared
// secret its tokens are signed with. `loket clients add` bootstraps the first one.
#pragma once

#include <boost/json/array.hpp>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::zgw {

struct NewClient {
  std::string client_id;
  std::string secret;
  std::string label;
  bool all_rights = false;
  boost::json::array autorisaties;  // as in the Autorisaties API, URLs absolute
};

// The first thing wrong with a new client, as "field: reason", or nullopt.
std::optional<std::string> validate(const NewClient& client);

// Creates the application, its client_id and its encrypted secret in one transaction and
// returns the application's uuid. Throws std::invalid_argument when the client_id is taken.
std::string add_client(db::Database& db, const privacy::KeyRing& keys, const NewClient& client);

// Stores (or replaces) the secret of a client_id, encrypted; inside the caller's transaction.
void store_secret(db::Connection& c, const privacy::KeyRing& keys, const std::string& client_id,
                  const std::string& secret);

}  // namespace loket::zgw
