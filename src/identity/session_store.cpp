// Session SQL; the same text runs on SQLite (3.35+ for RETURNING) and PostgreSQL.
#include "identity/session_store.hpp"

namespace loket::identity {
namespace {

constexpr std::string_view kInsertLogin =
    "INSERT INTO oidc_logins (state_hash, browser_hash, provider, nonce, code_verifier, return_to,"
    " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kTakeLogin =
    "DELETE FROM oidc_logins WHERE state_hash = $1 RETURNING state_hash, browser_hash, provider,"
    " nonce, code_verifier, return_to, created_at";
constexpr std::string_view kPurgeLogins = "DELETE FROM oidc_logins WHERE created_at < $1";

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (id_hash, subject_kind, subject_index, subject_enc, provider,"
    " provider_sub, provider_sid, csrf_token, created_at, last_seen_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr std::string_view kFindSession =
    "SELECT id_hash, subject_kind, subject_index, subject_enc, provider, provider_sub,"
    " provider_sid, csrf_token, created_at, last_seen_at, acting_for FROM sessions"
    " WHERE id_hash = $1";
constexpr std::string_view kSessionsForSubject =
    "SELECT id_hash, subject_kind, subject_index, subject_enc, provider, provider_sub,"
    " provider_sid, csrf_token, created_at, last_seen_at, acting_for FROM sessions"
    " WHERE subject_index = $1 ORDER BY created_at";
constexpr std::string_view kTouchSession =
    "UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1";
constexpr std::string_view kSetActingFor = "UPDATE sessions SET acting_for = $2 WHERE id_hash = $1";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE id_hash = $1";
constexpr std::string_view kDeleteBySid =
    "DELETE FROM sessions WHERE provider = $1 AND provider_sid = $2";
constexpr std::string_view kDeleteOfSubject =
    "DELETE FROM sessions WHERE subject_kind = $1 AND subject_index = $2";
constexpr std::string_view kDeleteBySub =
    "DELETE FROM sessions WHERE provider = $1 AND provider_sub = $2";

}  // namespace

void insert_login(db::Connection& c, const PendingLogin& l) {
  c.execute(kInsertLogin, {l.state_hash, l.browser_hash, l.provider, l.nonce, l.code_verifier,
                           l.return_to, l.created_at});
}

std::optional<PendingLogin> take_login(db::Connection& c, const std::string& state_hash) {
  auto rows = c.query(kTakeLogin, {state_hash});
  if (rows.empty()) return std::nullopt;
  auto r = rows[0];
  return PendingLogin{r.text(0), r.text(1), r.text(2),   r.text(3),
                      r.text(4), r.text(5), r.integer(6)};
}

void purge_logins(db::Connection& c, std::int64_t older_than) {
  c.execute(kPurgeLogins, {older_than});
}

void insert_session(db::Connection& c, const SessionRecord& s) {
  c.execute(kInsertSession,
            {s.id_hash, s.subject_kind, s.subject_index, s.subject_enc, s.provider, s.provider_sub,
             s.provider_sid.empty() ? db::Value(nullptr) : db::Value(s.provider_sid), s.csrf_token,
             s.created_at, s.last_seen_at});
}

namespace {

SessionRecord session_from(const db::Rows::Row& r) {
  return SessionRecord{r.text(0),
                       r.text(1),
                       r.text(2),
                       r.text(3),
                       r.text(4),
                       r.text(5),
                       r.optional_text(6).value_or(""),
                       r.text(7),
                       r.integer(8),
                       r.integer(9),
                       r.optional_text(10).value_or("")};
}

}  // namespace

std::optional<SessionRecord> find_session(db::Connection& c, const std::string& id_hash) {
  auto rows = c.query(kFindSession, {id_hash});
  if (rows.empty()) return std::nullopt;
  return session_from(rows[0]);
}

std::optional<SessionRecord> find_session(db::Database& db, const std::string& id_hash) {
  auto rows = db.read_once(kFindSession, {id_hash});
  if (rows.empty()) return std::nullopt;
  return session_from(rows[0]);
}

std::vector<SessionRecord> sessions_for_subject(db::Connection& c,
                                                const std::string& subject_index) {
  std::vector<SessionRecord> out;
  auto rows = c.query(kSessionsForSubject, {subject_index});
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(session_from(rows[i]));
  return out;
}

void touch_session(db::Connection& c, const std::string& id_hash, std::int64_t now) {
  c.execute(kTouchSession, {id_hash, now});
}

void set_acting_for(db::Connection& c, const std::string& id_hash, const std::string& mandate_id) {
  c.execute(kSetActingFor,
            {id_hash, mandate_id.empty() ? db::Value(nullptr) : db::Value(mandate_id)});
}

void delete_session(db::Connection& c, const std::string& id_hash) {
  c.execute(kDeleteSession, {id_hash});
}

std::int64_t delete_sessions_by_sid(db::Connection& c, const std::string& provider,
                                    const std::string& sid) {
  return c.execute(kDeleteBySid, {provider, sid});
}

std::int64_t delete_sessions_of_subject(db::Connection& c, const std::string& kind,
                                        const std::string& subject_index) {
  return c.execute(kDeleteOfSubject, {kind, subject_index});
}

std::int64_t delete_sessions_by_sub(db::Connection& c, const std::string& provider,
                                    const std::string& sub) {
  return c.execute(kDeleteBySub, {provider, sub});
}

}  // namespace loket::identity
