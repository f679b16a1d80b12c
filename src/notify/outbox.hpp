// The transactional outbox: rows written in the same transaction as the change that causes
// them, delivered later by the OutboxWorker, at least once. SQL here; the schedule is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "notify/mail.hpp"

namespace loket::notify {

inline constexpr std::string_view kMailKind = "mail";

struct OutboxRow {
  std::string id;
  std::string kind;
  std::string payload;  // JSON
  std::int64_t attempts = 0;
  std::int64_t next_attempt_at = 0;  // milliseconds since the epoch
};

// Delay before attempt number `attempts + 1`, after `attempts` failures (1, 2, 3, …):
// 2 s, 4 s, 8 s, … doubling, at most an hour. Milliseconds.
std::int64_t retry_delay(std::int64_t attempts);

// Queues a mail in the caller's transaction; throws std::invalid_argument when validate(mail)
// finds a problem. Returns the row id.
std::string enqueue_mail(db::Connection& c, const Mail& mail, std::int64_t now_ms);

// Queues an event of `kind` (a domain event such as "case.created", payload JSON) in the caller's
// transaction; it waits until a worker that delivers that kind claims it. Returns the row id.
std::string enqueue_event(db::Connection& c, std::string_view kind, const std::string& payload,
                          std::int64_t now_ms);

// The mail in a mail row's payload, or nullopt when the payload is not one.
std::optional<Mail> mail_from_payload(const std::string& payload);

// Pending rows of `kind` whose time has come, oldest first. A worker asks only for the kinds it
// delivers, so events of other kinds wait for their own consumer instead of failing.
std::vector<OutboxRow> due_rows(db::Connection& c, std::int64_t now_ms, std::int64_t limit,
                                std::string_view kind = kMailKind);
// Takes a due row for `lease_ms` (pushes its next attempt out and counts the attempt); false
// when another worker took it first.
bool claim(db::Connection& c, const OutboxRow& row, std::int64_t now_ms, std::int64_t lease_ms);
// Also empties the payload: a sent mail's address and link (a reset token) need not be kept.
void mark_sent(db::Connection& c, const std::string& id, std::int64_t now_ms);
void mark_failed(db::Connection& c, const std::string& id, std::int64_t next_attempt_at,
                 const std::string& error);
// Forgets rows sent before `before_ms`; returns how many.
std::int64_t purge_sent(db::Connection& c, std::int64_t before_ms);
// Rows of `kind` not yet sent (for /metrics and the logs).
std::int64_t pending_count(db::Connection& c, std::string_view kind = kMailKind);

}  // namespace loket::notify
