// SQL for logins in progress and sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace loket::identity {

struct PendingLogin {
  std::string state_hash;
  std::string browser_hash;
  std::string provider;
  std::string nonce;
  std::string code_verifier;
  std::string return_to;
  std::int64_t created_at = 0;
};

struct SessionRecord {
  std::string id_hash;
  std::string subject_kind;   // "resident" or "business"
  std::string subject_index;  // blind index of the BSN or KvK number
  std::string subject_enc;    // encrypted subject
  std::string provider;
  std::string provider_sub;
  std::string provider_sid;
  std::string csrf_token;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::string acting_for;  // mandate id while acting for someone else
};

void insert_login(db::Connection& c, const PendingLogin& login);
// Removes and returns the login with this state: a state can be used once.
std::optional<PendingLogin> take_login(db::Connection& c, const std::string& state_hash);
void purge_logins(db::Connection& c, std::int64_t older_than);

void insert_session(db::Connection& c, const SessionRecord& s);
// Sessions of one subject (by blind index), for the person's own export.
std::vector<SessionRecord> sessions_for_subject(db::Connection& c,
                                                const std::string& subject_index);
std::optional<SessionRecord> find_session(db::Connection& c, const std::string& id_hash);
// The same as one statement without a transaction around it: every request with a session
// cookie asks it, and on PostgreSQL this is one round trip instead of three.
std::optional<SessionRecord> find_session(db::Database& db, const std::string& id_hash);
void touch_session(db::Connection& c, const std::string& id_hash, std::int64_t now);
void set_acting_for(db::Connection& c, const std::string& id_hash, const std::string& mandate_id);
void delete_session(db::Connection& c, const std::string& id_hash);
// Back-channel logout: by the provider's session id, or by its subject when no sid is given.
std::int64_t delete_sessions_by_sid(db::Connection& c, const std::string& provider,
                                    const std::string& sid);
// Every session of one subject (by kind and blind index): after a password reset.
std::int64_t delete_sessions_of_subject(db::Connection& c, const std::string& kind,
                                        const std::string& subject_index);
std::int64_t delete_sessions_by_sub(db::Connection& c, const std::string& provider,
                                    const std::string& sub);

}  // namespace loket::identity
