// Staff SQL; the same text on SQLite and PostgreSQL.
#include "identity/staff_store.hpp"

namespace loket::identity {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO staff_accounts (id, email, display_name, password_hash, totp_secret_enc,"
    " totp_last_step, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr std::string_view kInsertRole =
    "INSERT INTO staff_roles (account_id, organisation_id, role) VALUES ($1, $2, $3)";
constexpr std::string_view kByEmail =
    "SELECT id, email, display_name, password_hash, totp_secret_enc, totp_last_step, disabled,"
    " created_at FROM staff_accounts WHERE email = $1";
constexpr std::string_view kById =
    "SELECT id, email, display_name, password_hash, totp_secret_enc, totp_last_step, disabled,"
    " created_at FROM staff_accounts WHERE id = $1";
constexpr std::string_view kRoles =
    "SELECT organisation_id, role FROM staff_roles WHERE account_id = $1 ORDER BY organisation_id, "
    "role";
constexpr std::string_view kUseStep =
    "UPDATE staff_accounts SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2";
constexpr std::string_view kSetPassword =
    "UPDATE staff_accounts SET password_hash = $2 WHERE id = $1";
constexpr std::string_view kSetDisabled = "UPDATE staff_accounts SET disabled = $2 WHERE id = $1";
constexpr std::string_view kInsertReset =
    "INSERT INTO staff_password_resets (token_hash, account_id, created_at, expires_at, purpose)"
    " VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kFindReset =
    "SELECT token_hash, account_id, created_at, expires_at, used_at, purpose"
    " FROM staff_password_resets WHERE token_hash = $1";
constexpr std::string_view kUseReset =
    "UPDATE staff_password_resets SET used_at = $2"
    " WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2";
constexpr std::string_view kRevokeResets =
    "UPDATE staff_password_resets SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL";
constexpr std::string_view kPurgeResets = "DELETE FROM staff_password_resets WHERE expires_at < $1";
constexpr std::string_view kRecentFailures =
    "SELECT at FROM login_failures WHERE subject = $1 AND at > $2";
constexpr std::string_view kRecordFailure =
    "INSERT INTO login_failures (subject, at) VALUES ($1, $2)";
constexpr std::string_view kPurgeResetRequests =
    "DELETE FROM login_failures WHERE subject LIKE 'reset-%' AND at < $1";
constexpr std::string_view kClearFailures = "DELETE FROM login_failures WHERE subject = $1";
constexpr std::string_view kLoginEvent =
    "INSERT INTO login_events (at, account_id, remote, outcome) VALUES ($1, $2, $3, $4)";

StaffAccount from_row(const db::Rows::Row& r) {
  return StaffAccount{r.text(0), r.text(1),    r.text(2),         r.text(3),
                      r.text(4), r.integer(5), r.integer(6) != 0, r.integer(7)};
}

}  // namespace

void insert_staff(db::Connection& c, const StaffAccount& a) {
  c.execute(kInsert, {a.id, a.email, a.display_name, a.password_hash, a.totp_secret_enc,
                      a.totp_last_step, std::int64_t{a.disabled ? 1 : 0}, a.created_at});
}

void insert_staff_role(db::Connection& c, const std::string& account_id, const StaffRole& role) {
  c.execute(kInsertRole, {account_id, role.organisation_id, role.role});
}

std::optional<StaffAccount> find_staff_by_email(db::Connection& c, const std::string& email) {
  auto rows = c.query(kByEmail, {email});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::optional<StaffAccount> find_staff(db::Connection& c, const std::string& id) {
  auto rows = c.query(kById, {id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::vector<StaffRole> staff_roles(db::Connection& c, const std::string& account_id) {
  std::vector<StaffRole> out;
  auto rows = c.query(kRoles, {account_id});
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back({rows[i].text(0), rows[i].text(1)});
  return out;
}

std::vector<StaffRole> staff_roles(db::Database& db, const std::string& account_id) {
  std::vector<StaffRole> out;
  auto rows = db.read_once(kRoles, {account_id});
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back({rows[i].text(0), rows[i].text(1)});
  return out;
}

bool use_totp_step(db::Connection& c, const std::string& account_id, std::int64_t step) {
  return c.execute(kUseStep, {account_id, step}) == 1;
}

void set_password_hash(db::Connection& c, const std::string& account_id, const std::string& hash) {
  c.execute(kSetPassword, {account_id, hash});
}

void set_staff_disabled(db::Connection& c, const std::string& account_id, bool disabled) {
  c.execute(kSetDisabled, {account_id, std::int64_t{disabled ? 1 : 0}});
}

void insert_password_reset(db::Connection& c, const PasswordReset& r) {
  c.execute(kInsertReset, {r.token_hash, r.account_id, r.created_at, r.expires_at, r.purpose});
}

std::optional<PasswordReset> find_password_reset(db::Connection& c, const std::string& token_hash) {
  auto rows = c.query(kFindReset, {token_hash});
  if (rows.empty()) return std::nullopt;
  return PasswordReset{rows[0].text(0), rows[0].text(1), rows[0].integer(2), rows[0].integer(3),
                       !rows[0].is_null(4), rows[0].text(5)};
}

bool use_password_reset(db::Connection& c, const std::string& token_hash, std::int64_t now) {
  return c.execute(kUseReset, {token_hash, now}) == 1;
}

void revoke_password_resets(db::Connection& c, const std::string& account_id, std::int64_t now) {
  c.execute(kRevokeResets, {account_id, now});
}

void purge_password_resets(db::Connection& c, std::int64_t before) {
  c.execute(kPurgeResets, {before});
}

std::vector<std::int64_t> recent_failures(db::Connection& c, const std::string& subject,
                                          std::int64_t since) {
  std::vector<std::int64_t> out;
  auto rows = c.query(kRecentFailures, {subject, since});
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].integer(0));
  return out;
}

void record_failure(db::Connection& c, const std::string& subject, std::int64_t at) {
  c.execute(kRecordFailure, {subject, at});
}

void purge_reset_requests(db::Connection& c, std::int64_t before) {
  c.execute(kPurgeResetRequests, {before});
}

void clear_failures(db::Connection& c, const std::string& subject) {
  c.execute(kClearFailures, {subject});
}

void record_login_event(db::Connection& c, std::int64_t at, const std::string& account_id,
                        const std::string& remote, const std::string& outcome) {
  c.execute(kLoginEvent,
            {at, account_id.empty() ? db::Value(nullptr) : db::Value(account_id), remote, outcome});
}

}  // namespace loket::identity

namespace loket::identity {
namespace {
constexpr std::string_view kCaseHandlers =
    "SELECT DISTINCT a.id, a.display_name FROM staff_accounts a"
    " JOIN staff_roles r ON r.account_id = a.id"
    " WHERE r.organisation_id = $1 AND r.role IN ('case-worker', 'approver') AND a.disabled = 0"
    " ORDER BY a.display_name, a.id";
}  // namespace

std::vector<StaffName> case_handlers_of(db::Connection& c, const std::string& organisation_id) {
  std::vector<StaffName> out;
  auto rows = c.query(kCaseHandlers, {organisation_id});
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back({rows[i].text(0), rows[i].text(1)});
  return out;
}
}  // namespace loket::identity
