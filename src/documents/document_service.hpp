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
  http::Body body;         // the blob's file, mapped
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

// Content whose type is checked, staged and ready to commit inside a transaction (commit()).
struct PreparedContent {
  StagedBlob staged;
  std::string detected;  // the media type libmagic found
};

// A document's link to an object of a registration: a zaak or a besluit (the ZGW Documenten
// API's objectinformatieobject). `object` is the object's URL as the door stores it.
struct DocumentLink {
  std::string uuid;
  std::string document_uuid;
  std::string object;
  std::string object_type;  // "zaak" | "besluit"
  std::int64_t created_at = 0;
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

  // The two halves of add() for a door that writes more in the same transaction (the ZGW
  // Documenten API: its representation, audit trail, domain events). prepare() reads the staged
  // file (type detection, allow-list, declared type) outside any transaction; commit() checks
  // an earlier verdict and the case limit, publishes the blob and inserts version `version` of
  // `uuid`. A later version inherits the case of the one before (the case limit counts it).
  Result<PreparedContent> prepare(StagedBlob staged, const NewDocument& document) const;
  Result<Document> commit(db::Connection& c, PreparedContent& content, const NewDocument& document,
                          const std::string& uuid, std::int64_t version);
  // A new version `version` with the content of the latest one (only the metadata changed);
  // nullopt when the document has no content yet.
  std::optional<Document> copy_version(db::Connection& c, const std::string& uuid,
                                       std::int64_t version, const NewDocument& document);
  // Removes every version and link of a document (its files go with the next gc).
  void remove(db::Connection& c, const std::string& uuid);

  // Links a document to a zaak or besluit, with the domain event `document.linked` (payload
  // {"document", "case"|"decision": object_id}). Linking to a zaak counts the document's
  // bytes towards that case (413 CaseLimit past --max-case-documents-size). The Zaken API's
  // zaakinformatieobjecten and the Besluiten API's besluitinformatieobjecten call it in their
  // own transaction, which is how objectinformatieobjecten are mirrored (zrc-005). A link that
  // exists already is returned as it is.
  Result<DocumentLink> link_object(db::Connection& c, const std::string& document_uuid,
                                   const std::string& object_url, const std::string& object_type,
                                   const std::optional<std::string>& object_id);
  // Removes the link (event `document.unlinked`); false when there was none.
  bool unlink_object(db::Connection& c, const std::string& document_uuid,
                     const std::string& object_url, const std::optional<std::string>& object_id);
  // Writes the domain event `kind` ("document.created|updated|deleted") with {"document": uuid,
  // "case"?: id} in the caller's transaction. add() does it itself; a door writing versions
  // through commit()/copy_version() calls it once per change.
  static void emit(db::Connection& c, std::string_view kind, const std::string& document_uuid,
                   const std::optional<std::string>& case_id = std::nullopt);
  // Whether the service only serves scanned-clean content.
  bool scanning() const { return options_.scanning; }
  std::uint64_t max_case_bytes() const { return options_.max_case_bytes; }

  // A version (the latest when nullopt), only once it may be served.
  Result<Download> download(std::string_view uuid,
                            std::optional<std::int64_t> version = std::nullopt);

  // Sends up to `limit` waiting blobs to clamd and records each verdict; an infected blob's file
  // is removed. Callable from any worker thread; several at once do no harm.
  ScanRun scan_pending(const ClamdClient& clamd, std::int64_t limit = 100,
                       bool retry_errors = false);

  // Deletes blob rows no document names and files no row names, both older than `grace`, and
  // with `parts_max_age` the part files of uploads in parts written longer ago than that.
  GcRun collect_garbage(std::chrono::seconds grace,
                        std::optional<std::chrono::seconds> parts_max_age = std::nullopt);

 private:
  db::Database& db_;
  BlobStore& blobs_;
  ServiceOptions options_;
};

// Milliseconds since the epoch, the unit of the documents tables.
std::int64_t now_ms();

}  // namespace loket::documents
