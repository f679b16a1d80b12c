// The documents use cases, one transaction each: add a document (type checks, limits, blob
// published before its row commits), serve it only when clean, scan what waits, collect what
// nothing references. Every door (portal upload, back office, ZGW Documenten) calls these.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "documents/blob_store.hpp"
#include "documents/clamd.hpp"
#include "documents/document_store.hpp"
#include "documents/refusal.hpp"

namespace loket::documents {

inline constexpr std::uint64_t kDefaultMaxCaseBytes = 1024ull * 1024 * 1024;

struct ServiceOptions {
  std::uint64_t max_case_bytes = kDefaultMaxCaseBytes;  // all versions of a case's documents
  bool scanning = false;  // a scanner is configured: new blobs are pending until it judged them
};

struct NewDocument {
  std::string title;
  std::string filename;             // as given; stored for display only
  std::string declared_media_type;  // may be empty
  std::string confidentiality = "openbaar";
  std::optional<std::string> case_id;
  // The information object type's allow-list; empty: default_allowed_media_types().
  std::vector<std::string> allowed_media_types;
  // The request's field names, for refusals: a door passes its own ("formaat", "inhoud").
  std::string declared_field = "mediaType";
  std::string content_field = "content";
};

struct Document {
  DocumentRow document;
  BlobRow blob;
};

struct Download {
  std::string body;
  std::string filename;    // as stored; sanitised when the headers are made
  std::string media_type;  // detected
};

struct ScanRun {
  std::int64_t scanned = 0;
  std::int64_t clean = 0;
  std::int64_t infected = 0;
  std::int64_t errors = 0;
  bool unavailable = false;  // clamd could not be reached; the rest stays pending
  std::string unavailable_reason;
};

struct GcRun {
  std::int64_t rows_removed = 0;  // blob rows no document named
  GcStats files;
};

class DocumentService {
 public:
  DocumentService(db::Database& db, BlobStore& blobs, ServiceOptions options);

  // The store, to stage content before add(): blobs().begin() for content that arrives in
  // pieces, blobs().put_base64() for inline base64.
  const BlobStore& blobs() const { return blobs_; }
  // Checks the content's type, the limits and an earlier verdict on the same bytes, then
  // publishes the blob and commits its row and the document's (version 1, a new uuid).
  Result<Document> add(StagedBlob staged, const NewDocument& document);
  Result<Document> add(std::string_view content, const NewDocument& document);

  // A version (the latest when nullopt), only once it may be served.
  Result<Download> download(std::string_view uuid,
                            std::optional<std::int64_t> version = std::nullopt);

  // Sends up to `limit` waiting blobs to clamd and records each verdict; an infected blob's file
  // is removed. Callable from any worker thread; several at once do no harm.
  ScanRun scan_pending(const ClamdClient& clamd, std::int64_t limit = 100,
                       bool retry_errors = false);

  // Deletes blob rows no document names and files no row names, both older than `grace`.
  GcRun collect_garbage(std::chrono::seconds grace);

 private:
  db::Database& db_;
  BlobStore& blobs_;
  ServiceOptions options_;
};

// Milliseconds since the epoch, the unit of the documents tables.
std::int64_t now_ms();

}  // namespace loket::documents
