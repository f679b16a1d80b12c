// Staff accounts. Passwords: Argon2id with libsodium's interactive limits; TOTP secrets
// encrypted like any identifying number.
#include "identity/staff.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "catalog/organisation.hpp"
#include "catalog/organisation_store.hpp"
#include "identity/session.hpp"
#include "identity/staff_store.hpp"
#include "identity/totp.hpp"

namespace loket::identity {

std::string lower_email(std::string_view email) {
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<std::string> validate(const NewStaff& s) {
  auto at = s.email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= s.email.size() || s.email.size() > 254 ||
      s.email.find(' ') != std::string::npos) {
    return "email: not an e-mail address";
  }
  if (s.display_name.empty() || s.display_name.size() > 200) return "name: 1 to 200 characters";
  if (!common::is_uuid(s.organisation_id)) return "organisation: not an organisation id (UUID)";
  static constexpr std::string_view kRoles[] = {"case-worker", "approver", "contractor",
                                                "administrator", "privacy-officer"};
  if (std::find(std::begin(kRoles), std::end(kRoles), s.role) == std::end(kRoles)) {
    return "role: one of case-worker, approver, contractor, administrator, privacy-officer";
  }
  if (!s.password.empty() && s.password.size() < 12) return "password: at least 12 characters";
  return std::nullopt;
}

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& dummy_password_hash() {
  static const std::string hash = hash_password(random_token());
  return hash;
}

CreatedStaff create_staff(db::Database& db, const privacy::KeyRing& keys, NewStaff staff) {
  staff.email = lower_email(staff.email);
  if (auto problem = validate(staff)) throw std::invalid_argument(*problem);
  CreatedStaff out;
  out.id = common::new_uuid();
  out.password = staff.password.empty() ? random_token(18) : staff.password;
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  out.totp_secret = base32_encode(secret);
  out.totp_uri = totp_uri("Loket", staff.email, secret);

  StaffAccount a{out.id,
                 staff.email,
                 staff.display_name,
                 hash_password(out.password),
                 privacy::encrypt(keys, secret, "staff_accounts.totp_secret_enc:" + out.id),
                 0,
                 false,
                 unix_now()};
  sodium_memzero(secret.data(), secret.size());
  db.write([&](db::Connection& c) {
    if (!catalog::find_organisation(c, staff.organisation_id)) {
      throw std::invalid_argument("organisation: no organisation with this id");
    }
    insert_staff(c, a);
    insert_staff_role(c, a.id, {staff.organisation_id, staff.role});
  });
  return out;
}

}  // namespace loket::identity
