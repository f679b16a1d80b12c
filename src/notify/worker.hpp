// The background thread of `loket serve` that delivers the outbox: due rows are claimed (so that
// several servers on one database do not send a row twice at the same time), delivered, and
// marked sent or rescheduled with backoff.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "db/database.hpp"
#include "notify/mail.hpp"

namespace loket::notify {

struct WorkerOptions {
  SmtpSettings smtp;  // url empty: mail is not configured and mail rows stay queued
  std::chrono::milliseconds poll{500};
  std::int64_t lease_ms = 60'000;  // a claimed row is retried after this when its sender died
  std::int64_t batch = 20;
  std::int64_t keep_sent_ms = 30LL * 24 * 3'600'000;  // sent rows are forgotten after 30 days
};

class OutboxWorker {
 public:
  OutboxWorker(db::Database& db, WorkerOptions options);
  ~OutboxWorker();  // stops and joins
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  void start();
  void stop();
  // Delivers the rows due now, once; returns how many were sent. (The thread calls it.)
  std::int64_t run_once();

 private:
  void loop();
  bool deliver(const std::string& kind, const std::string& payload, const std::string& id,
               std::string* error);

  db::Database& db_;
  WorkerOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::int64_t purged_at_ = 0;
  std::thread thread_;
};

}  // namespace loket::notify
