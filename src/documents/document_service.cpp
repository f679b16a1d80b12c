// The documents use cases over the blob store, the metadata tables and clamd.
#include "documents/document_service.hpp"

#include <boost/json.hpp>

#include "common/log.hpp"
#include "common/uuid.hpp"
#include "documents/media_type.hpp"
#include "documents/rules.hpp"
#include "notify/outbox.hpp"

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
  auto prepared = prepare(std::move(staged), document);
  if (!prepared) return prepared.error();
  std::optional<Refusal> refusal;
  Document out;
  db_.write([&](db::Connection& c) {
    auto done = commit(c, *prepared, document, common::new_uuid(), 1);
    if (!done) {
      refusal = done.error();
      return;
    }
    out = std::move(*done);
    emit(c, "document.created", out.document.uuid, out.document.case_id);
  });
  if (refusal) return *refusal;
  return out;
}

Result<PreparedContent> DocumentService::prepare(StagedBlob staged,
                                                 const NewDocument& document) const {
  // Detection judges the head the writer kept, outside the transaction.
  auto detected = detect_media_type_of(staged.head());
  const auto& allowed = document.allowed_media_types.empty() ? default_allowed_media_types()
                                                             : document.allowed_media_types;
  if (auto refused = check_media_type({.declared = document.declared_media_type,
                                       .detected = detected,
                                       .allowed = allowed,
                                       .declared_field = document.declared_field,
                                       .content_field = document.content_field})) {
    return *refused;
  }
  return PreparedContent{std::move(staged), std::move(detected)};
}

Result<Document> DocumentService::commit(db::Connection& c, PreparedContent& content,
                                         const NewDocument& document, const std::string& uuid,
                                         std::int64_t version) {
  auto& staged = content.staged;
  auto size = static_cast<std::int64_t>(staged.size());
  auto now = now_ms();
  if (auto known = find_blob(c, staged.sha256());
      known && known->scan_status == ScanStatus::Infected) {
    return refuse(Refusal::Kind::Infected, document.content_field,
                  "The file contains a virus and was not accepted.");
  }
  auto case_id = document.case_id;
  if (!case_id && version > 1) {
    if (auto before = find_document(c, uuid)) case_id = before->case_id;
  }
  if (case_id) {
    lock_case(c, db_.dialect(), *case_id);
    auto used = case_bytes(c, *case_id);
    if (static_cast<std::uint64_t>(used) + staged.size() > options_.max_case_bytes) {
      return refuse(Refusal::Kind::CaseLimit, document.content_field,
                    "The documents of this case would exceed the limit of " +
                        std::to_string(options_.max_case_bytes) + " bytes together.");
    }
  }
  // The file is whole and synced under its name before the row that names it commits.
  staged.publish();
  Document out;
  out.blob = upsert_blob(
      c, BlobRow{.sha256 = staged.sha256(),
                 .size = size,
                 .media_type = content.detected,
                 .scan_status = options_.scanning ? ScanStatus::Pending : ScanStatus::NotScanned,
                 .created_at = now,
                 .touched_at = now});
  out.document = DocumentRow{.uuid = uuid,
                             .version = version,
                             .blob_sha256 = staged.sha256(),
                             .title = document.title,
                             .filename = document.filename,
                             .declared_media_type = document.declared_media_type,
                             .confidentiality = document.confidentiality,
                             .case_id = case_id,
                             .created_at = now};
  insert_document(c, out.document);
  return out;
}

std::optional<Document> DocumentService::copy_version(db::Connection& c, const std::string& uuid,
                                                      std::int64_t version,
                                                      const NewDocument& document) {
  auto before = find_document(c, uuid);
  if (!before) return std::nullopt;
  auto blob = find_blob(c, before->blob_sha256);
  if (!blob) return std::nullopt;
  Document out{DocumentRow{.uuid = uuid,
                           .version = version,
                           .blob_sha256 = before->blob_sha256,
                           .title = document.title,
                           .filename = document.filename,
                           .declared_media_type = document.declared_media_type,
                           .confidentiality = document.confidentiality,
                           .case_id = before->case_id,
                           .created_at = now_ms()},
               *blob};
  insert_document(c, out.document);
  return out;
}

void DocumentService::remove(db::Connection& c, const std::string& uuid) {
  c.execute("DELETE FROM document_links WHERE document_uuid = $1", {uuid});
  c.execute("DELETE FROM documents WHERE uuid = $1", {uuid});
}

void DocumentService::emit(db::Connection& c, std::string_view kind,
                           const std::string& document_uuid,
                           const std::optional<std::string>& case_id) {
  boost::json::object payload{{"document", document_uuid}};
  if (case_id) payload["case"] = *case_id;
  notify::enqueue_event(c, kind, boost::json::serialize(payload), now_ms());
}

namespace {

std::string link_payload(const std::string& document_uuid, const std::string& object_type,
                         const std::optional<std::string>& object_id) {
  boost::json::object payload{{"document", document_uuid}};
  if (object_id) payload[object_type == "zaak" ? "case" : "decision"] = *object_id;
  return boost::json::serialize(payload);
}

}  // namespace

Result<DocumentLink> DocumentService::link_object(db::Connection& c,
                                                  const std::string& document_uuid,
                                                  const std::string& object_url,
                                                  const std::string& object_type,
                                                  const std::optional<std::string>& object_id) {
  auto existing = c.query(
      "SELECT uuid, created_at FROM document_links WHERE object = $1 AND document_uuid = $2",
      {object_url, document_uuid});
  if (!existing.empty()) {
    return DocumentLink{existing[0].text(0), document_uuid, object_url, object_type,
                        existing[0].integer(1)};
  }
  if (object_type == "zaak" && object_id) {
    // The document's bytes now count towards the case (the per-case limit).
    lock_case(c, db_.dialect(), *object_id);
    auto rows = c.query(
        "SELECT COALESCE(SUM(b.size), 0) FROM documents d JOIN blobs b ON b.sha256 = "
        "d.blob_sha256 WHERE d.uuid = $1 AND d.case_id IS NULL",
        {document_uuid});
    auto extra = rows.empty() ? 0 : rows[0].integer(0);
    if (extra > 0) {
      auto used = case_bytes(c, *object_id);
      if (static_cast<std::uint64_t>(used + extra) > options_.max_case_bytes) {
        return refuse(Refusal::Kind::CaseLimit, "informatieobject",
                      "The documents of this case would exceed the limit of " +
                          std::to_string(options_.max_case_bytes) + " bytes together.");
      }
      c.execute("UPDATE documents SET case_id = $1 WHERE uuid = $2 AND case_id IS NULL",
                {*object_id, document_uuid});
    }
  }
  DocumentLink link{common::new_uuid(), document_uuid, object_url, object_type, now_ms()};
  boost::json::object data{{"uuid", link.uuid},
                           {"document", document_uuid},
                           {"object", object_url},
                           {"objectType", object_type}};
  c.execute(
      "INSERT INTO document_links (uuid, data, document_uuid, object, object_type, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {link.uuid, boost::json::serialize(data), document_uuid, object_url, object_type,
       link.created_at});
  notify::enqueue_event(c, "document.linked", link_payload(document_uuid, object_type, object_id),
                        link.created_at);
  return link;
}

bool DocumentService::unlink_object(db::Connection& c, const std::string& document_uuid,
                                    const std::string& object_url,
                                    const std::optional<std::string>& object_id) {
  auto rows = c.query(
      "DELETE FROM document_links WHERE object = $1 AND document_uuid = $2 RETURNING object_type",
      {object_url, document_uuid});
  if (rows.empty()) return false;
  notify::enqueue_event(c, "document.unlinked",
                        link_payload(document_uuid, rows[0].text(0), object_id), now_ms());
  return true;
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
  auto body = blobs_.map(blob->sha256);
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

GcRun DocumentService::collect_garbage(std::chrono::seconds grace,
                                       std::optional<std::chrono::seconds> parts_max_age) {
  GcRun run;
  auto cutoff = now_ms() - std::chrono::duration_cast<std::chrono::milliseconds>(grace).count();
  run.rows_removed =
      db_.write_value([&](db::Connection& c) { return delete_unreferenced_blobs(c, cutoff); });
  run.files = blobs_.collect(
      [&](std::string_view prefix) {
        return db_.read_value(
            [&](db::Connection& c) { return blob_hashes_with_prefix(c, prefix); });
      },
      grace, parts_max_age);
  return run;
}

}  // namespace loket::documents
