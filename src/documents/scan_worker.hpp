// The background thread of `loket serve --clamd …` that sends waiting blobs to clamd, so that
// no request thread waits for a scan. Several servers may run one each: a verdict is recorded
// once, a second scan of the same blob only costs time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "documents/clamd.hpp"
#include "documents/document_service.hpp"

namespace loket::documents {

struct ScanWorkerOptions {
  std::chrono::milliseconds poll{2000};          // between looks when nothing waits
  std::chrono::milliseconds unavailable{30000};  // between tries while clamd is unreachable
  std::int64_t batch = 20;
};

class ScanWorker {
 public:
  ScanWorker(DocumentService& service, ClamdClient clamd, ScanWorkerOptions options = {});
  ~ScanWorker();  // stops and joins
  ScanWorker(const ScanWorker&) = delete;
  ScanWorker& operator=(const ScanWorker&) = delete;

  void start();
  void stop();

 private:
  void loop();

  DocumentService& service_;
  ClamdClient clamd_;
  ScanWorkerOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace loket::documents
