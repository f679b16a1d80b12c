// The scan loop: a batch at a time, at once again while batches come back full, then a pause.
#include "documents/scan_worker.hpp"

#include "common/log.hpp"

namespace loket::documents {

ScanWorker::ScanWorker(DocumentService& service, ClamdClient clamd, ScanWorkerOptions options)
    : service_(service), clamd_(std::move(clamd)), options_(options) {}

ScanWorker::~ScanWorker() { stop(); }

void ScanWorker::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void ScanWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ScanWorker::loop() {
  for (;;) {
    std::chrono::milliseconds pause = options_.poll;
    try {
      auto run = service_.scan_pending(clamd_, options_.batch);
      if (run.unavailable) {
        pause = options_.unavailable;
      } else if (run.scanned >= options_.batch) {
        pause = std::chrono::milliseconds(0);  // more may be waiting
      }
    } catch (const std::exception& e) {
      // A database hiccup: the blobs stay pending and the next round tries again.
      common::log::error("virus scan round failed", {{"error", e.what()}});
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, pause, [this] { return stopping_; })) return;
  }
}

}  // namespace loket::documents
