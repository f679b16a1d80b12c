// Outbox SQL; the same text on SQLite and PostgreSQL.
#include "notify/outbox.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "common/json.hpp"
#include "common/uuid.hpp"

namespace loket::notify {
namespace {

constexpr std::int64_t kFirstDelay = 2000;
constexpr std::int64_t kMaxDelay = 3'600'000;

constexpr std::string_view kInsert =
    "INSERT INTO outbox (id, kind, payload, created_at, attempts, next_attempt_at)"
    " VALUES ($1, $2, $3, $4, 0, $4)";
constexpr std::string_view kDue =
    "SELECT id, kind, payload, attempts, next_attempt_at FROM outbox"
    " WHERE sent_at IS NULL AND kind = $3 AND next_attempt_at <= $1"
    " ORDER BY next_attempt_at, created_at LIMIT $2";
constexpr std::string_view kClaim =
    "UPDATE outbox SET next_attempt_at = $3, attempts = attempts + 1"
    " WHERE id = $1 AND next_attempt_at = $2 AND sent_at IS NULL";
constexpr std::string_view kSent =
    "UPDATE outbox SET sent_at = $2, last_error = NULL, payload = '{}' WHERE id = $1";
constexpr std::string_view kFailed =
    "UPDATE outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1 AND sent_at IS NULL";
constexpr std::string_view kPurgeSent = "DELETE FROM outbox WHERE sent_at < $1";
constexpr std::string_view kPending =
    "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND kind = $1";

}  // namespace

std::int64_t retry_delay(std::int64_t attempts) {
  if (attempts <= 1) return kFirstDelay;
  std::int64_t d = kFirstDelay;
  for (std::int64_t i = 1; i < attempts && d < kMaxDelay; ++i) d *= 2;
  return std::min(d, kMaxDelay);
}

std::string enqueue_mail(db::Connection& c, const Mail& mail, std::int64_t now_ms) {
  if (auto problem = validate(mail)) throw std::invalid_argument("mail " + *problem);
  auto id = common::new_uuid();
  auto payload = boost::json::serialize(
      boost::json::object{{"to", mail.to}, {"subject", mail.subject}, {"text", mail.text}});
  c.execute(kInsert, {id, std::string(kMailKind), payload, now_ms});
  return id;
}

std::string enqueue_event(db::Connection& c, std::string_view kind, const std::string& payload,
                          std::int64_t now_ms) {
  auto id = common::new_uuid();
  c.execute(kInsert, {id, std::string(kind), payload, now_ms});
  return id;
}

std::optional<Mail> mail_from_payload(const std::string& payload) {
  boost::system::error_code ec;
  auto v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  const auto *to = common::string_at(o, "to"), *subject = common::string_at(o, "subject"),
             *body = common::string_at(o, "text");
  if (!to || !subject || !body) return std::nullopt;
  return Mail{std::string(*to), std::string(*subject), std::string(*body)};
}

std::vector<OutboxRow> due_rows(db::Connection& c, std::int64_t now_ms, std::int64_t limit,
                                std::string_view kind) {
  std::vector<OutboxRow> out;
  auto rows = c.query(kDue, {now_ms, limit, std::string(kind)});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows[i].text(0), rows[i].text(1), rows[i].text(2), rows[i].integer(3),
                   rows[i].integer(4)});
  }
  return out;
}

bool claim(db::Connection& c, const OutboxRow& row, std::int64_t now_ms, std::int64_t lease_ms) {
  return c.execute(kClaim, {row.id, row.next_attempt_at, now_ms + lease_ms}) == 1;
}

void mark_sent(db::Connection& c, const std::string& id, std::int64_t now_ms) {
  c.execute(kSent, {id, now_ms});
}

void mark_failed(db::Connection& c, const std::string& id, std::int64_t next_attempt_at,
                 const std::string& error) {
  c.execute(kFailed, {id, next_attempt_at, error.substr(0, 500)});
}

std::int64_t purge_sent(db::Connection& c, std::int64_t before_ms) {
  return c.execute(kPurgeSent, {before_ms});
}

std::int64_t pending_count(db::Connection& c, std::string_view kind) {
  return c.query(kPending, {std::string(kind)})[0].integer(0);
}

}  // namespace loket::notify
