// The blobs subcommands (collect unreferenced files and rows, scan what waits for clamd) and the
// scan worker of serve.
#include "app/documents.hpp"

#include <boost/json.hpp>
#include <iostream>

#include "common/log.hpp"
#include "db/migrate.hpp"

namespace loket::app {

BlobsCommand add_blobs_command(CLI::App& app, Settings& s) {
  BlobsCommand cmd;
  auto* blobs = app.add_subcommand("blobs", "The documents' blob store: gc, scan");
  blobs->require_subcommand(1);
  cmd.gc = blobs->add_subcommand(
      "gc",
      "Remove blob files and rows no document references, older than --grace, and the parts of "
      "uploads in parts older than --parts-max-age");
  cmd.scan = blobs->add_subcommand(
      "scan", "Send blobs waiting for a virus scan to clamd (--clamd) and record the verdicts");
  for (auto* sub : {cmd.gc, cmd.scan}) {
    sub->add_option("--database", s.database, "sqlite:PATH or postgresql://USER@HOST:PORT/NAME")
        ->envname("LOKET_DATABASE")
        ->capture_default_str();
    sub->add_option("--blob-dir", s.blob_dir,
                    "Blob store folder (default: blobs/ beside the SQLite file, else var/blobs)")
        ->envname("LOKET_BLOB_DIR");
  }
  cmd.gc
      ->add_option("--grace", cmd.grace,
                   "Seconds an unreferenced file or row is kept, so uploads in flight survive")
      // At least a minute: an upload publishes its file a moment before its row commits.
      ->check(CLI::Range(std::uint64_t{60}, std::uint64_t{365} * 86400))
      ->capture_default_str();
  cmd.gc
      ->add_option("--parts-max-age", cmd.parts_max_age,
                   "Seconds the parts of an upload in parts (bestandsdelen) are kept after they "
                   "were written; older ones belong to an abandoned upload and are removed")
      ->check(CLI::Range(std::uint64_t{60}, std::uint64_t{365} * 86400))
      ->capture_default_str();
  cmd.scan->add_option("--clamd", s.clamd, "clamd address: unix:/PATH, /PATH or tcp:HOST:PORT")
      ->envname("LOKET_CLAMD")
      ->required();
  cmd.scan->add_option("--limit", cmd.limit, "Blobs to scan at most in this run")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{10'000'000}))
      ->capture_default_str();
  cmd.scan->add_flag("--retry-errors", cmd.retry_errors,
                     "Also scan again blobs whose last scan failed (clamd limits)");
  // Unsigned options would silently wrap "-5" around; refuse negative input as typed.
  for (auto* opt : {cmd.gc->get_option("--grace"), cmd.gc->get_option("--parts-max-age"),
                    cmd.scan->get_option("--limit")}) {
    opt->check(CLI::Validator(
        [](std::string& v) -> std::string {
          if (!v.empty() && v.find_first_not_of("0123456789") == std::string::npos) return {};
          return "expected a whole number, got \"" + v + "\"";
        },
        "WHOLE NUMBER"));
  }
  return cmd;
}

std::optional<int> run_blobs_command(const BlobsCommand& cmd, const Settings& s) {
  if (!cmd.gc->parsed() && !cmd.scan->parsed()) return std::nullopt;
  auto db = db::open(s.database);
  db::migrate(*db);
  documents::BlobStore store({.dir = effective_blob_dir(s), .max_size = s.max_document_size});
  documents::DocumentService service(
      *db, store, {.max_case_bytes = s.max_case_documents_size, .scanning = !s.clamd.empty()});
  if (cmd.gc->parsed()) {
    auto run = service.collect_garbage(std::chrono::seconds(cmd.grace),
                                       std::chrono::seconds(cmd.parts_max_age));
    std::cout << boost::json::serialize(
                     boost::json::object{{"rowsRemoved", run.rows_removed},
                                         {"filesRemoved", run.files.blobs_removed},
                                         {"bytesRemoved", run.files.bytes_removed},
                                         {"tempFilesRemoved", run.files.temp_removed},
                                         {"keptYoung", run.files.kept_young},
                                         {"partsRemoved", run.files.parts_removed}})
              << "\n";
    return 0;
  }
  documents::ClamdClient clamd(s.clamd);
  auto run = service.scan_pending(clamd, static_cast<std::int64_t>(cmd.limit), cmd.retry_errors);
  boost::json::object out{{"scanned", run.scanned},
                          {"clean", run.clean},
                          {"infected", run.infected},
                          {"errors", run.errors}};
  if (run.unavailable) out["unavailable"] = run.unavailable_reason;
  std::cout << boost::json::serialize(out) << "\n";
  return run.unavailable ? 1 : 0;
}

DocumentsBackground::DocumentsBackground(db::Database& db, const Settings& s) {
  if (s.clamd.empty()) return;
  blobs_ = std::make_unique<documents::BlobStore>(
      documents::BlobStoreOptions{.dir = effective_blob_dir(s), .max_size = s.max_document_size});
  service_ = std::make_unique<documents::DocumentService>(
      db, *blobs_,
      documents::ServiceOptions{.max_case_bytes = s.max_case_documents_size, .scanning = true});
  documents::ClamdClient clamd(s.clamd);
  // A short look, so that an unreachable address does not hold up the start.
  if (!documents::ClamdClient(s.clamd, std::chrono::seconds(2)).ping()) {
    common::log::warn("clamd does not answer; uploads stay pending until it does",
                      {{"clamd", s.clamd}});
  }
  scanner_ = std::make_unique<documents::ScanWorker>(*service_, std::move(clamd));
  scanner_->start();
}

void DocumentsBackground::stop() {
  if (scanner_) scanner_->stop();
}

}  // namespace loket::app
