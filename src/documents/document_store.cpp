// Documents and blobs in SQL: one text per statement, $N parameters, for both databases.
#include "documents/document_store.hpp"

#include <array>

namespace loket::documents {
namespace {

constexpr std::string_view kFindBlob =
    "SELECT sha256, size, media_type, scan_status, scan_result, scanned_at, created_at, "
    "touched_at FROM blobs WHERE sha256 = $1";
// DO UPDATE rather than DO NOTHING: it locks an existing row, so on PostgreSQL a collector's
// DELETE running at the same moment waits, then sees the fresh touched_at and keeps the row.
constexpr std::string_view kUpsertBlob =
    "INSERT INTO blobs (sha256, size, media_type, scan_status, scan_result, scanned_at, "
    "created_at, touched_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (sha256) DO UPDATE SET touched_at = excluded.touched_at "
    "RETURNING sha256, size, media_type, scan_status, scan_result, scanned_at, created_at, "
    "touched_at";
constexpr std::string_view kInsertDocument =
    "INSERT INTO documents (uuid, version, blob_sha256, title, filename, declared_media_type, "
    "confidentiality, case_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kFindVersion =
    "SELECT uuid, version, blob_sha256, title, filename, declared_media_type, confidentiality, "
    "case_id, created_at FROM documents WHERE uuid = $1 AND version = $2";
constexpr std::string_view kFindLatest =
    "SELECT uuid, version, blob_sha256, title, filename, declared_media_type, confidentiality, "
    "case_id, created_at FROM documents WHERE uuid = $1 ORDER BY version DESC LIMIT 1";
constexpr std::string_view kLockCase = "SELECT pg_advisory_xact_lock(hashtextextended($1, 11))";
constexpr std::string_view kCaseBytes =
    "SELECT COALESCE(SUM(b.size), 0) FROM documents d JOIN blobs b ON b.sha256 = d.blob_sha256 "
    "WHERE d.case_id = $1";
constexpr std::string_view kToScan =
    "SELECT sha256, size, media_type, scan_status, scan_result, scanned_at, created_at, "
    "touched_at FROM blobs WHERE scan_status = 'pending' "
    "OR (scan_status = 'not_scanned' AND $1 = 1) OR (scan_status = 'error' AND $2 = 1) "
    "ORDER BY created_at LIMIT $3";
constexpr std::string_view kRecordScan =
    "UPDATE blobs SET scan_status = $2, scan_result = $3, scanned_at = $4 "
    "WHERE sha256 = $1 AND scan_status IN ('pending', 'not_scanned', 'error')";
constexpr std::string_view kDeleteUnreferenced =
    "DELETE FROM blobs WHERE touched_at <= $1 "
    "AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.blob_sha256 = blobs.sha256)";
// A range rather than a LIKE, so that the primary key's index serves it in both databases;
// "g" sorts after every hex digit. Infected blobs are left out: their files must go.
constexpr std::string_view kHashesWithPrefix =
    "SELECT sha256 FROM blobs WHERE sha256 >= $1 AND sha256 < $2 AND scan_status <> 'infected'";

constexpr std::array<std::string_view, 5> kStatusNames{"pending", "not_scanned", "clean",
                                                       "infected", "error"};

db::Value optional_text(const std::optional<std::string>& v) {
  return v ? db::Value(*v) : db::Value(nullptr);
}

BlobRow blob_from(const db::Rows::Row& r) {
  BlobRow b;
  b.sha256 = r.text(0);
  b.size = r.integer(1);
  b.media_type = r.text(2);
  auto status = parse_scan_status(r.text(3));
  if (!status) throw db::Error("blobs: unknown scan_status " + r.text(3));
  b.scan_status = *status;
  b.scan_result = r.optional_text(4);
  if (!r.is_null(5)) b.scanned_at = r.integer(5);
  b.created_at = r.integer(6);
  b.touched_at = r.integer(7);
  return b;
}

DocumentRow document_from(const db::Rows::Row& r) {
  DocumentRow d;
  d.uuid = r.text(0);
  d.version = r.integer(1);
  d.blob_sha256 = r.text(2);
  d.title = r.text(3);
  d.filename = r.text(4);
  d.declared_media_type = r.text(5);
  d.confidentiality = r.text(6);
  d.case_id = r.optional_text(7);
  d.created_at = r.integer(8);
  return d;
}

}  // namespace

std::string_view to_string(ScanStatus s) { return kStatusNames.at(static_cast<std::size_t>(s)); }

std::optional<ScanStatus> parse_scan_status(std::string_view s) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == s) return static_cast<ScanStatus>(i);
  }
  return std::nullopt;
}

bool servable(ScanStatus s, bool scanning_configured) {
  if (s == ScanStatus::Clean) return true;
  return s == ScanStatus::NotScanned && !scanning_configured;
}

std::optional<BlobRow> find_blob(db::Connection& c, std::string_view sha256) {
  auto rows = c.query(kFindBlob, {std::string(sha256)});
  if (rows.empty()) return std::nullopt;
  return blob_from(rows[0]);
}

BlobRow upsert_blob(db::Connection& c, const BlobRow& row) {
  auto rows =
      c.query(kUpsertBlob, {row.sha256, row.size, row.media_type,
                            std::string(to_string(row.scan_status)), optional_text(row.scan_result),
                            row.scanned_at ? db::Value(*row.scanned_at) : db::Value(nullptr),
                            row.created_at, row.touched_at});
  return blob_from(rows[0]);
}

void insert_document(db::Connection& c, const DocumentRow& row) {
  c.execute(kInsertDocument, {row.uuid, row.version, row.blob_sha256, row.title, row.filename,
                              row.declared_media_type, row.confidentiality,
                              optional_text(row.case_id), row.created_at});
}

std::optional<DocumentRow> find_document(db::Connection& c, std::string_view uuid,
                                         std::optional<std::int64_t> version) {
  auto rows = version ? c.query(kFindVersion, {std::string(uuid), *version})
                      : c.query(kFindLatest, {std::string(uuid)});
  if (rows.empty()) return std::nullopt;
  return document_from(rows[0]);
}

void lock_case(db::Connection& c, db::Dialect dialect, std::string_view case_id) {
  if (dialect == db::Dialect::Postgres) c.query(kLockCase, {std::string(case_id)});
}

std::int64_t case_bytes(db::Connection& c, std::string_view case_id) {
  return c.query(kCaseBytes, {std::string(case_id)})[0].integer(0);
}

std::vector<BlobRow> blobs_to_scan(db::Connection& c, bool with_not_scanned, bool with_errors,
                                   std::int64_t limit) {
  auto rows = c.query(
      kToScan, {std::int64_t{with_not_scanned ? 1 : 0}, std::int64_t{with_errors ? 1 : 0}, limit});
  std::vector<BlobRow> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(blob_from(rows[i]));
  return out;
}

bool record_scan(db::Connection& c, std::string_view sha256, ScanStatus status,
                 const std::optional<std::string>& result, std::int64_t scanned_at) {
  return c.execute(kRecordScan, {std::string(sha256), std::string(to_string(status)),
                                 optional_text(result), scanned_at}) > 0;
}

std::int64_t delete_unreferenced_blobs(db::Connection& c, std::int64_t before_ms) {
  return c.execute(kDeleteUnreferenced, {before_ms});
}

std::unordered_set<std::string> blob_hashes_with_prefix(db::Connection& c,
                                                        std::string_view prefix) {
  auto rows = c.query(kHashesWithPrefix, {std::string(prefix), std::string(prefix) + "g"});
  std::unordered_set<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.insert(rows[i].text(0));
  return out;
}

}  // namespace loket::documents
