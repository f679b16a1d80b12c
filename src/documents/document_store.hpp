// The SQL of documents and blobs (tables of migration 0015); every function runs in the
// caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "db/database.hpp"

namespace loket::documents {

// pending: waiting for the scanner (scanning is configured); not_scanned: stored while scanning
// was off; clean; infected (its file is removed); error: clamd could not judge it (a limit).
enum class ScanStatus { Pending, NotScanned, Clean, Infected, Error };

std::string_view to_string(ScanStatus s);
std::optional<ScanStatus> parse_scan_status(std::string_view s);

// Whether a blob in this state may be served: clean, or stored unscanned while no scanner is
// configured. When scanning is configured only clean is served, so nothing unscanned ever is.
bool servable(ScanStatus s, bool scanning_configured);

struct BlobRow {
  std::string sha256;
  std::int64_t size = 0;
  std::string media_type;  // detected
  ScanStatus scan_status = ScanStatus::Pending;
  std::optional<std::string> scan_result;
  std::optional<std::int64_t> scanned_at;  // milliseconds since the epoch
  std::int64_t created_at = 0;
  std::int64_t touched_at = 0;
};

struct DocumentRow {
  std::string uuid;
  std::int64_t version = 1;
  std::string blob_sha256;
  std::string title;
  std::string filename;  // display only
  std::string declared_media_type;
  std::string confidentiality;
  std::optional<std::string> case_id;
  std::int64_t created_at = 0;
};

std::optional<BlobRow> find_blob(db::Connection& c, std::string_view sha256);
// Inserts the blob's row, or for content already known marks it used at `row.touched_at` (so
// the collector's grace starts again) and keeps its scan state. Returns the row as it is now.
BlobRow upsert_blob(db::Connection& c, const BlobRow& row);

void insert_document(db::Connection& c, const DocumentRow& row);
// A version, or the latest when `version` is nullopt.
std::optional<DocumentRow> find_document(db::Connection& c, std::string_view uuid,
                                         std::optional<std::int64_t> version = std::nullopt);

// Serialises uploads to one case until the transaction ends (PostgreSQL; SQLite has one writer
// anyway), so two parallel uploads cannot both fit under the per-case limit.
void lock_case(db::Connection& c, db::Dialect dialect, std::string_view case_id);
// Bytes of every document version of a case.
std::int64_t case_bytes(db::Connection& c, std::string_view case_id);

// Blobs waiting for the scanner, oldest first: pending, and also not_scanned (stored while
// scanning was off) and error when asked.
std::vector<BlobRow> blobs_to_scan(db::Connection& c, bool with_not_scanned, bool with_errors,
                                   std::int64_t limit);
// Records a verdict unless another scanner recorded one first; false then.
bool record_scan(db::Connection& c, std::string_view sha256, ScanStatus status,
                 const std::optional<std::string>& result, std::int64_t scanned_at);

// Deletes the rows of blobs no document names any more, last used at or before `before_ms`.
std::int64_t delete_unreferenced_blobs(db::Connection& c, std::int64_t before_ms);
// The hashes with a row that start with `prefix` (two hex characters), infected ones left out
// (their files are to be removed).
std::unordered_set<std::string> blob_hashes_with_prefix(db::Connection& c, std::string_view prefix);

}  // namespace loket::documents
