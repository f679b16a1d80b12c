// Documents in the app: `loket blobs gc` and `loket blobs scan` (the blob store from the command
// line, for cron or by hand, without a running server) and what `serve` runs for documents.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <optional>

#include "app/config.hpp"
#include "db/database.hpp"
#include "documents/blob_store.hpp"
#include "documents/document_service.hpp"
#include "documents/scan_worker.hpp"

namespace loket::app {

struct BlobsCommand {
  CLI::App* gc = nullptr;
  CLI::App* scan = nullptr;
  std::uint64_t grace = 3600;  // seconds an unreferenced file or row is left alone
  // Seconds the parts of an unfinished upload in parts are kept (a week).
  std::uint64_t parts_max_age = 7 * 86400;
  std::uint64_t limit = 1000;  // blobs one scan run sends to clamd at most
  bool retry_errors = false;
};

// Adds `blobs gc` and `blobs scan` with their options (which write into `s` and the result).
BlobsCommand add_blobs_command(CLI::App& app, Settings& s);

// Runs the parsed one and returns its exit status; nullopt when neither was given.
std::optional<int> run_blobs_command(const BlobsCommand& cmd, const Settings& s);

// With --clamd: the blob store, the documents service and a ScanWorker over them, started at
// once; without it, nothing (uploads are then stored as not scanned).
class DocumentsBackground {
 public:
  DocumentsBackground(db::Database& db, const Settings& s);
  ~DocumentsBackground() { stop(); }
  DocumentsBackground(const DocumentsBackground&) = delete;
  DocumentsBackground& operator=(const DocumentsBackground&) = delete;
  void stop();

 private:
  std::unique_ptr<documents::BlobStore> blobs_;
  std::unique_ptr<documents::DocumentService> service_;
  std::unique_ptr<documents::ScanWorker> scanner_;
};

}  // namespace loket::app
