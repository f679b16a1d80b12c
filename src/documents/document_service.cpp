// The documents use cases over the blob store, the metadata tables and clamd.
#include "documents/document_service.hpp"

#include "common/log.hpp"
#include "common/uuid.hpp"
#include "documents/media_type.hpp"
#include "documents/rules.hpp"

namespace loket::documents {
namespace log = common::log;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

DocumentService::DocumentService(db::Database& db, BlobStore& blobs, ServiceOptions options)
    : db_(db), blobs_(blobs), options_(options) {}

Result<Document> DocumentService::add(std::string_view content, const NewDocument& document) {
  auto staged = blobs_.put(content);
  if (!staged) return staged.error();
  return add(std::move(*staged), document);
}

Result<Document> DocumentService::add(StagedBlob staged, const NewDocument& document) {
  // Detection reads the synced temporary file, outside the transaction.
  auto detected = detect_media_type(staged.temp_path());
  const auto& allowed = document.allowed_media_types.empty() ? default_allowed_media_types()
                                                             : document.allowed_media_types;
  if (auto refused = check_media_type({.declared = document.declared_media_type,
                                       .detected = detected,
                                       .allowed = allowed,
                                       .declared_field = document.declared_field,
                                       .content_field = document.content_field})) {
    return *refused;
  }
  auto size = static_cast<std::int64_t>(staged.size());
  std::optional<Refusal> refusal;
  Document out;
  db_.write([&](db::Connection& c) {
    auto now = now_ms();
    if (auto known = find_blob(c, staged.sha256());
        known && known->scan_status == ScanStatus::Infected) {
      refusal = refuse(Refusal::Kind::Infected, document.content_field,
                       "The file contains a virus and was not accepted.");
      return;
    }
    if (document.case_id) {
      lock_case(c, db_.dialect(), *document.case_id);
      auto used = case_bytes(c, *document.case_id);
      if (static_cast<std::uint64_t>(used) + staged.size() > options_.max_case_bytes) {
        refusal = refuse(Refusal::Kind::CaseLimit, document.content_field,
                         "The documents of this case would exceed the limit of " +
                             std::to_string(options_.max_case_bytes) + " bytes together.");
        return;
      }
    }
    // The file is whole and synced under its name before the row that names it commits.
    staged.publish();
    out.blob = upsert_blob(
        c, BlobRow{.sha256 = staged.sha256(),
                   .size = size,
                   .media_type = detected,
                   .scan_status = options_.scanning ? ScanStatus::Pending : ScanStatus::NotScanned,
                   .created_at = now,
                   .touched_at = now});
    out.document = DocumentRow{.uuid = common::new_uuid(),
                               .version = 1,
                               .blob_sha256 = staged.sha256(),
                               .title = document.title,
                               .filename = document.filename,
                               .declared_media_type = document.declared_media_type,
                               .confidentiality = document.confidentiality,
                               .case_id = document.case_id,
                               .created_at = now};
    insert_document(c, out.document);
  });
  if (refusal) return *refusal;
  return out;
}

Result<Download> DocumentService::download(std::string_view uuid,
                                           std::optional<std::int64_t> version) {
  std::optional<DocumentRow> doc;
  std::optional<BlobRow> blob;
  db_.read([&](db::Connection& c) {
    doc = find_document(c, uuid, version);
    if (doc) blob = find_blob(c, doc->blob_sha256);
  });
  if (!doc || !blob) return refuse(Refusal::Kind::NotFound, "uuid", "No such document.");
  if (blob->scan_status == ScanStatus::Infected) {
    return refuse(Refusal::Kind::Infected, "content", "The file contains a virus.");
  }
  if (!servable(blob->scan_status, options_.scanning)) {
    return refuse(Refusal::Kind::NotScanned, "content",
                  "The file has not been checked for viruses yet; try again later.");
  }
  auto body = blobs_.read(blob->sha256);
  if (!body) {
    // Judged infected (and removed) between the look at its row and the read.
    auto now = db_.read_value([&](db::Connection& c) { return find_blob(c, blob->sha256); });
    if (now && now->scan_status == ScanStatus::Infected) {
      return refuse(Refusal::Kind::Infected, "content", "The file contains a virus.");
    }
    throw std::runtime_error("blob store: the file of a document is missing");
  }
  return Download{std::move(*body), doc->filename, blob->media_type};
}

ScanRun DocumentService::scan_pending(const ClamdClient& clamd, std::int64_t limit,
                                      bool retry_errors) {
  ScanRun run;
  auto waiting = db_.read_value([&](db::Connection& c) {
    return blobs_to_scan(c, /*with_not_scanned=*/true, retry_errors, limit);
  });
  for (const auto& blob : waiting) {
    auto path = blobs_.find(blob.sha256);
    ScanVerdict verdict;
    if (!path) {
      verdict = {ScanVerdict::Outcome::Error, "the blob's file is missing"};
    } else {
      try {
        verdict = clamd.scan_file(*path);
      } catch (const ClamdUnavailable& e) {
        run.unavailable = true;
        run.unavailable_reason = e.what();
        log::warn("virus scanner unavailable; blobs stay pending", {{"error", e.what()}});
        break;
      }
    }
    auto status = verdict.outcome == ScanVerdict::Outcome::Clean      ? ScanStatus::Clean
                  : verdict.outcome == ScanVerdict::Outcome::Infected ? ScanStatus::Infected
                                                                      : ScanStatus::Error;
    std::optional<std::string> detail;
    if (!verdict.detail.empty()) detail = verdict.detail;
    bool recorded = db_.write_value(
        [&](db::Connection& c) { return record_scan(c, blob.sha256, status, detail, now_ms()); });
    ++run.scanned;
    if (status == ScanStatus::Infected) {
      ++run.infected;
      // Removed after the verdict is committed: a crash in between leaves a file that is never
      // served (its row says infected) and that gc removes. Not when another scanner's verdict
      // came first: the row is what counts, and that scanner removed the file if it had to.
      if (recorded) blobs_.remove(blob.sha256);
      log::warn("infected blob",
                {{"sha256", blob.sha256}, {"signature", verdict.detail}, {"removed", recorded}});
    } else if (status == ScanStatus::Clean) {
      ++run.clean;
    } else {
      ++run.errors;
      log::warn("virus scan failed", {{"sha256", blob.sha256}, {"error", verdict.detail}});
    }
  }
  return run;
}

GcRun DocumentService::collect_garbage(std::chrono::seconds grace) {
  GcRun run;
  auto cutoff = now_ms() - std::chrono::duration_cast<std::chrono::milliseconds>(grace).count();
  run.rows_removed =
      db_.write_value([&](db::Connection& c) { return delete_unreferenced_blobs(c, cutoff); });
  run.files = blobs_.collect(
      [&](std::string_view prefix) {
        return db_.read_value(
            [&](db::Connection& c) { return blob_hashes_with_prefix(c, prefix); });
      },
      grace);
  return run;
}

}  // namespace loket::documents
