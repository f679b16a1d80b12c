// The event dispatcher: outbox rows that are not mail, consumed in one transaction each batch.
// On PostgreSQL the rows are locked with SKIP LOCKED, so any number of dispatchers (serve
// processes, `loket worker`) share the work without handling an event twice; SQLite has one
// writer at a time, which gives the same.
#include "notify/events.hpp"

#include <optional>

#include "common/log.hpp"
#include "notify/outbox.hpp"

namespace loket::notify {
namespace {

namespace log = common::log;
namespace json = boost::json;

constexpr std::string_view kDueEvents =
    "SELECT id, kind, payload, created_at, attempts FROM outbox"
    " WHERE sent_at IS NULL AND kind <> 'mail' AND next_attempt_at <= $1"
    " ORDER BY created_at, id LIMIT $2";
constexpr std::string_view kLockSuffix = " FOR UPDATE SKIP LOCKED";
// Only for an event this transaction claimed (due_events: locked on PostgreSQL, and SQLite has
// one writer), so by its id alone: with "AND sent_at IS NULL" both planners took the partial
// index of pending rows, which the statistics of a quiet moment show as empty, and scanned every
// pending event for each one marked (0.7 ms per event under a burst of submits).
constexpr std::string_view kDone =
    "UPDATE outbox SET sent_at = $2, last_error = NULL WHERE id = $1";
constexpr std::string_view kRetry =
    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3"
    " WHERE id = $1 AND sent_at IS NULL";
constexpr std::string_view kPendingEvents =
    "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND kind <> 'mail'";

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Due {
  Event event;
  std::int64_t attempts = 0;
};

std::vector<Due> due_events(db::Connection& c, db::Dialect dialect, std::int64_t now_ms,
                            std::int64_t limit) {
  std::string sql(kDueEvents);
  if (dialect == db::Dialect::Postgres) sql += kLockSuffix;
  std::vector<Due> out;
  auto rows = c.query(sql, {now_ms, limit});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Due d;
    d.event.id = rows[i].text(0);
    d.event.kind = rows[i].text(1);
    boost::system::error_code ec;
    auto v = json::parse(rows[i].text(2), ec);
    if (!ec && v.is_object()) d.event.payload = std::move(v.as_object());
    d.event.created_ms = rows[i].integer(3);
    d.attempts = rows[i].integer(4);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

EventDispatcher::EventDispatcher(db::Database& db, DispatcherOptions options)
    : db_(db), options_(options) {}

EventDispatcher::~EventDispatcher() { stop(); }

void EventDispatcher::on(std::string kind_prefix, EventHandler handler) {
  handlers_.emplace_back(std::move(kind_prefix), std::move(handler));
}

void EventDispatcher::start() {
  thread_ = std::thread([this] { loop(); });
}

void EventDispatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void EventDispatcher::loop() {
  for (;;) {
    std::int64_t handled = 0;
    try {
      handled = run_once();
    } catch (const std::exception& e) {
      log::error("event dispatcher: database error; trying again", {{"error", e.what()}});
    }
    std::unique_lock lock(mutex_);
    // A full batch means more are waiting: go on at once.
    auto wait = handled >= options_.batch ? std::chrono::milliseconds(0) : options_.poll;
    if (wake_.wait_for(lock, wait, [this] { return stopping_; })) return;
  }
}

void EventDispatcher::handle(db::Connection& c, const Event& e) {
  for (const auto& [prefix, handler] : handlers_) {
    if (e.kind.starts_with(prefix)) handler(c, e);
  }
}

std::int64_t EventDispatcher::run_once() { return run_once(wall_ms()); }

std::int64_t EventDispatcher::run_once(std::int64_t now_ms) {
  // First the whole batch in one transaction (one commit for many events); when a handler
  // throws, that transaction is rolled back and the batch is done one event per transaction,
  // so one bad event delays only itself.
  std::int64_t handled = 0;
  bool failed = false;
  try {
    db_.write([&](db::Connection& c) {
      handled = 0;
      for (const auto& d : due_events(c, db_.dialect(), now_ms, options_.batch)) {
        handle(c, d.event);
        // Read with the next event's first statement (PostgreSQL): no round trip of its own.
        c.execute_later(kDone, {d.event.id, now_ms});
        ++handled;
      }
    });
  } catch (const std::exception&) {
    failed = true;  // a handler or the database; one at a time tells which event
  }
  if (!failed) return handled;

  handled = 0;
  for (std::int64_t i = 0; i < options_.batch; ++i) {
    bool any = false;
    std::optional<Due> bad;
    std::string error;
    try {
      db_.write([&](db::Connection& c) {
        any = false;
        auto due = due_events(c, db_.dialect(), now_ms, 1);
        if (due.empty()) return;
        any = true;
        bad = due.front();
        handle(c, due.front().event);
        c.execute(kDone, {due.front().event.id, now_ms});
        bad.reset();
      });
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (!any) break;
    if (bad) {
      log::error("event handler failed; the event is tried again later",
                 {{"event", bad->event.id}, {"kind", bad->event.kind}, {"error", error}});
      db_.write([&](db::Connection& c) {
        c.execute(kRetry,
                  {bad->event.id, now_ms + retry_delay(bad->attempts + 1), error.substr(0, 500)});
      });
      continue;
    }
    ++handled;
  }
  return handled;
}

std::int64_t pending_events(db::Connection& c) { return c.query(kPendingEvents)[0].integer(0); }

}  // namespace loket::notify
