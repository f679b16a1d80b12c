// Domain events out of the outbox: every row whose kind is not "mail" is an event ("case.created",
// "document.linked", …; payload ids only). The dispatcher hands each event, oldest first, to every
// handler registered for a prefix of its kind, inside one write transaction that also marks the
// event handled: what a handler writes (a notification to deliver, an inbox message, a mail) is
// there exactly when the event is consumed. A handler that throws rolls its event back; the event
// is retried later with backoff and the others go on.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "db/database.hpp"

namespace loket::notify {

struct Event {
  std::string id;  // the outbox row id: stable, so receivers can drop duplicates
  std::string kind;
  boost::json::object payload;  // {} when the stored text was not a JSON object
  std::int64_t created_ms = 0;
};

// Runs inside the dispatcher's write transaction; writes through `c` only. It may run more than
// once for one event (a rolled-back attempt), so it must not act outside the transaction.
using EventHandler = std::function<void(db::Connection& c, const Event& e)>;

struct DispatcherOptions {
  std::chrono::milliseconds poll{200};
  std::int64_t batch = 200;
};

class EventDispatcher {
 public:
  explicit EventDispatcher(db::Database& db, DispatcherOptions options = {});
  ~EventDispatcher();  // stops and joins
  EventDispatcher(const EventDispatcher&) = delete;
  EventDispatcher& operator=(const EventDispatcher&) = delete;

  // Before start(): `handler` gets every event whose kind starts with `kind_prefix` ("case.",
  // "document.", or "" for all).
  void on(std::string kind_prefix, EventHandler handler);

  void start();
  void stop();
  // Handles the events due at `now_ms`, once; returns how many were consumed. Events without a
  // handler are consumed too (nobody needs them). (The thread calls it; tests call it directly.)
  std::int64_t run_once(std::int64_t now_ms);
  std::int64_t run_once();

 private:
  void loop();
  void handle(db::Connection& c, const Event& e);

  db::Database& db_;
  DispatcherOptions options_;
  std::vector<std::pair<std::string, EventHandler>> handlers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// Events not yet consumed (for /metrics).
std::int64_t pending_events(db::Connection& c);

}  // namespace loket::notify
