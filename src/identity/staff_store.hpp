// SQL for staff accounts, their roles, failed logins and login events.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace loket::identity {

struct StaffRole {
  std::string organisation_id;
  std::string role;  // case-worker, approver, contractor, administrator, privacy-officer
};

struct StaffAccount {
  std::string id;
  std::string email;
  std::string display_name;
  std::string password_hash;
  std::string totp_secret_enc;
  std::int64_t totp_last_step = 0;
  bool disabled = false;
  std::int64_t created_at = 0;
};

void insert_staff(db::Connection& c, const StaffAccount& a);
void insert_staff_role(db::Connection& c, const std::string& account_id, const StaffRole& role);
std::optional<StaffAccount> find_staff_by_email(db::Connection& c, const std::string& email);
std::optional<StaffAccount> find_staff(db::Connection& c, const std::string& id);
std::vector<StaffRole> staff_roles(db::Connection& c, const std::string& account_id);
// The same as one statement without a transaction (each staff request asks it with the session).
std::vector<StaffRole> staff_roles(db::Database& db, const std::string& account_id);
// Records the step of a used TOTP code; false when that step (or a later one) was used already.
bool use_totp_step(db::Connection& c, const std::string& account_id, std::int64_t step);

void set_password_hash(db::Connection& c, const std::string& account_id, const std::string& hash);
// Blocks or unblocks an account (a blocked one cannot log in).
void set_staff_disabled(db::Connection& c, const std::string& account_id, bool disabled);

// One-time password reset links; only the token's hash is stored. Times in seconds.
struct PasswordReset {
  std::string token_hash;
  std::string account_id;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  bool used = false;
  std::string purpose = "reset";  // "reset", or "setup": a new account's first link
};
void insert_password_reset(db::Connection& c, const PasswordReset& r);
std::optional<PasswordReset> find_password_reset(db::Connection& c, const std::string& token_hash);
// Marks the link used; false when it was used already or has expired (a concurrent use lost).
bool use_password_reset(db::Connection& c, const std::string& token_hash, std::int64_t now);
// Ends every unused link of the account (after a reset, the older links must not work).
void revoke_password_resets(db::Connection& c, const std::string& account_id, std::int64_t now);
// Forgets links that expired before `before` (seconds).
void purge_password_resets(db::Connection& c, std::int64_t before);

std::vector<std::int64_t> recent_failures(db::Connection& c, const std::string& subject,
                                          std::int64_t since);
void record_failure(db::Connection& c, const std::string& subject, std::int64_t at);
void clear_failures(db::Connection& c, const std::string& subject);
// Forgets counted reset requests ("reset-…" subjects) from before `before` (milliseconds).
void purge_reset_requests(db::Connection& c, std::int64_t before);
void record_login_event(db::Connection& c, std::int64_t at, const std::string& account_id,
                        const std::string& remote, const std::string& outcome);

}  // namespace loket::identity

namespace loket::identity {
// The enabled accounts that handle cases (case-worker, approver) of an organisation, by name:
// whom a case may be assigned to.
struct StaffName {
  std::string id;
  std::string display_name;
};
std::vector<StaffName> case_handlers_of(db::Connection& c, const std::string& organisation_id);
}  // namespace loket::identity
