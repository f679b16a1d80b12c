// Outbox delivery. A failure is logged with the row id and the reason only (no address, no
// content); the row is tried again after retry_delay(attempts), forever: it is never dropped.
#include "notify/worker.hpp"

#include <chrono>

#include "common/log.hpp"
#include "notify/outbox.hpp"

namespace loket::notify {
namespace {

namespace log = common::log;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

OutboxWorker::OutboxWorker(db::Database& db, WorkerOptions options)
    : db_(db), options_(std::move(options)) {}

OutboxWorker::~OutboxWorker() { stop(); }

void OutboxWorker::start() {
  if (options_.smtp.url.empty()) {
    log::warn("mail is not configured (no --smtp-url); mails stay queued in the outbox");
  }
  thread_ = std::thread([this] { loop(); });
}

void OutboxWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxWorker::loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, options_.poll, [this] { return stopping_; })) return;
    }
    try {
      run_once();
    } catch (const std::exception& e) {
      log::error("outbox worker: database error; trying again", {{"error", e.what()}});
    }
  }
}

bool OutboxWorker::deliver(const std::string& kind, const std::string& payload,
                           const std::string& id, std::string* error) {
  if (kind == kMailKind) {
    auto mail = mail_from_payload(payload);
    if (!mail) {
      *error = "payload is not a mail";
      return false;
    }
    auto domain = options_.smtp.from.substr(options_.smtp.from.find('@') + 1);
    while (!domain.empty() && domain.back() == '>') domain.pop_back();
    return send_smtp(options_.smtp, *mail, id + "@" + (domain.empty() ? "loket" : domain), error);
  }
  *error = "unknown outbox kind";
  return false;
}

std::int64_t OutboxWorker::run_once() {
  if (options_.smtp.url.empty()) return 0;  // the only kind so far is mail
  auto now = now_ms();
  if (now - purged_at_ > 600'000) {  // every ten minutes
    purged_at_ = now;
    db_.write([&](db::Connection& c) { purge_sent(c, now - options_.keep_sent_ms); });
  }
  auto rows = db_.read_value([&](db::Connection& c) { return due_rows(c, now, options_.batch); });
  std::int64_t sent = 0;
  for (const auto& row : rows) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    bool mine = db_.write_value(
        [&](db::Connection& c) { return claim(c, row, now_ms(), options_.lease_ms); });
    if (!mine) continue;
    std::string error;
    auto attempts = row.attempts + 1;
    if (deliver(row.kind, row.payload, row.id, &error)) {
      db_.write([&](db::Connection& c) { mark_sent(c, row.id, now_ms()); });
      log::info("outbox delivered", {{"id", row.id}, {"kind", row.kind}, {"attempts", attempts}});
      ++sent;
    } else {
      auto delay = retry_delay(attempts);
      db_.write([&](db::Connection& c) { mark_failed(c, row.id, now_ms() + delay, error); });
      log::warn("outbox delivery failed; will retry", {{"id", row.id},
                                                       {"kind", row.kind},
                                                       {"attempts", attempts},
                                                       {"retry_in_ms", delay},
                                                       {"error", error}});
    }
  }
  return sent;
}

}  // namespace loket::notify
