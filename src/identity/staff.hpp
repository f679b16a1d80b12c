// Staff accounts: creation (from the command line for now) and password hashing.
#pragma once

#include <optional>
#include <string>

#include "common/uuid.hpp"
#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::identity {

struct NewStaff {
  std::string email;
  std::string display_name;
  std::string organisation_id;
  std::string role;
  std::string password;  // empty: generate one
};

struct CreatedStaff {
  std::string id;
  std::string password;     // shown once when generated
  std::string totp_secret;  // base32, for the authenticator app
  std::string totp_uri;
};

// The first rule the new account breaks, as "field: reason", or nullopt.
std::optional<std::string> validate(const NewStaff& s);

// Throws std::invalid_argument on invalid input (see validate) or an unknown organisation, and
// db::ConstraintError when the e-mail address is taken.
CreatedStaff create_staff(db::Database& db, const privacy::KeyRing& keys, NewStaff staff);

std::string hash_password(const std::string& password);  // Argon2id, libsodium's string format
bool verify_password(const std::string& hash, const std::string& password);
// A hash of a random password, to verify against when the account does not exist, so that the
// answer takes as long either way.
const std::string& dummy_password_hash();

std::string lower_email(std::string_view email);

}  // namespace loket::identity
