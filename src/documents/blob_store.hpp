// Content-addressed files: each blob is stored once under the hex SHA-256 of its bytes, written
// to a temporary file in the store's folder, synced, then renamed into place and the folder
// synced, so that a blob is either whole under its name or not there at all.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "documents/media_type.hpp"
#include "documents/refusal.hpp"
#include "http/message.hpp"

namespace loket::documents {

inline constexpr std::uint64_t kDefaultMaxBlobSize = 100ull * 1024 * 1024;

struct BlobStoreOptions {
  std::filesystem::path dir;                     // created when missing
  std::uint64_t max_size = kDefaultMaxBlobSize;  // bytes per blob; Refusal::TooLarge past it
  std::string size_field = "content";            // the field a TooLarge refusal names
  std::uint64_t part_size = 512ull * 1024;       // bytes per part of a file uploaded in parts
};

class BlobStore;

// A blob written in full and synced to a temporary file, not yet visible under its hash.
// Destroying it without publish() removes the temporary file.
class StagedBlob {
 public:
  StagedBlob(StagedBlob&& other) noexcept;
  StagedBlob& operator=(StagedBlob&& other) noexcept;
  StagedBlob(const StagedBlob&) = delete;
  StagedBlob& operator=(const StagedBlob&) = delete;
  ~StagedBlob();

  const std::string& sha256() const { return sha256_; }
  std::uint64_t size() const { return size_; }
  // The first kBlobHead bytes, kept in memory as they were written (for type detection).
  const std::string& head() const { return head_; }

  // Renames the file to its content address (replacing an identical one: same content, and a
  // fresh time for the collector) and syncs the folder. Call it before the row that names the
  // blob commits. Idempotent.
  void publish();
  bool published() const { return published_; }

 private:
  friend class BlobWriter;
  StagedBlob(const BlobStore* store, std::filesystem::path temp, std::string sha256,
             std::uint64_t size, std::string head)
      : store_(store),
        temp_(std::move(temp)),
        sha256_(std::move(sha256)),
        head_(std::move(head)),
        size_(size) {}
  const BlobStore* store_ = nullptr;
  std::filesystem::path temp_;
  std::string sha256_;
  std::string head_;
  std::uint64_t size_ = 0;
  bool published_ = false;
};

// What the writer keeps of a blob's start: as much as type detection judges.
inline constexpr std::size_t kBlobHead = kJudgedHead;

// Streams one blob into a temporary file, hashing as it goes; only its head (kBlobHead bytes,
// for type detection) is held in memory.
class BlobWriter {
 public:
  BlobWriter(BlobWriter&& other) noexcept;
  BlobWriter& operator=(BlobWriter&&) = delete;
  BlobWriter(const BlobWriter&) = delete;
  ~BlobWriter();  // removes the temporary file unless finish() handed it on

  // Appends bytes. Past the store's size limit: Refusal::TooLarge, the file is removed and
  // every later call is refused the same way.
  Result<void> write(std::string_view bytes);
  // Syncs and closes the file; the blob can now be checked and published.
  Result<StagedBlob> finish();
  std::uint64_t size() const { return size_; }

 private:
  friend class BlobStore;
  explicit BlobWriter(const BlobStore* store);
  void discard() noexcept;
  Refusal too_large() const;
  const BlobStore* store_;
  std::filesystem::path temp_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
  bool refused_ = false;
  std::string head_;
  // OpenSSL's SHA-256 (EVP_MD_CTX*): it uses the CPU's SHA instructions, several times
  // libsodium's portable one on a 1 MiB upload.
  void* hash_ = nullptr;
};

struct GcStats {
  std::int64_t blobs_removed = 0;
  std::int64_t bytes_removed = 0;
  std::int64_t temp_removed = 0;  // temporary files of uploads that never finished
  std::int64_t kept_young = 0;    // unreferenced, but younger than the grace period
  // Part files of uploads in parts abandoned for longer than the parts' age.
  std::int64_t parts_removed = 0;
};

class BlobStore {
 public:
  explicit BlobStore(BlobStoreOptions options);

  const BlobStoreOptions& options() const { return options_; }

  BlobWriter begin() const;
  // Writes bytes held in memory (no copy is made).
  Result<StagedBlob> put(std::string_view bytes) const;
  // Decodes standard base64 (inline content) straight into a blob, a piece at a time, so the
  // decoded bytes are never all in memory. Refusal::BadEncoding naming `field` when it is not
  // base64; Refusal::TooLarge (naming the same field) past the limit.
  Result<StagedBlob> put_base64(std::string_view text, std::string_view field) const;

  // Where the blob's file is, when it is there. nullopt for a malformed hash too.
  std::optional<std::filesystem::path> find(std::string_view sha256) const;
  // The whole blob mapped read-only (a download is written from it, never copied into memory),
  // or nullopt.
  std::optional<http::Body> map(std::string_view sha256) const;
  // Removes a blob's file now (an infected one). True when there was one.
  bool remove(std::string_view sha256) const;

  // Removes the blob files whose hash is not in referenced(prefix) (the hashes that start with
  // that two-character prefix and that metadata still names), and the temporary files, when they
  // are older than `grace`. A blob being uploaded is younger than `grace` from the moment it is
  // published until its row commits, so the grace must outlast that (minutes are plenty).
  // With `parts_max_age`, also the files under `.parts/` (and their temporary files) written
  // longer ago than that: an upload in parts left unfinished that long is abandoned, and a
  // client that still comes back finds the part missing and sends it again.
  GcStats collect(
      const std::function<std::unordered_set<std::string>(std::string_view prefix)>& referenced,
      std::chrono::seconds grace,
      std::optional<std::chrono::seconds> parts_max_age = std::nullopt) const;

  static bool valid_sha256(std::string_view sha256);

  // Parts of a file uploaded in pieces (the Documenten API's bestandsdelen), under `.parts/`
  // named by the part's uuid. put_part() writes to a temporary file, syncs it and renames it
  // over the name, so a part sent twice is whole in one version or the other, never mixed.
  // Refusal::TooLarge (naming `field`) past the per-file limit.
  Result<void> put_part(std::string_view part_uuid, std::string_view bytes,
                        std::string_view field) const;
  // Joins the parts in this order into one staged blob (hashing as it goes); nullopt when a
  // part's file is missing. Refusal::TooLarge naming `field` past the limit.
  std::optional<Result<StagedBlob>> join_parts(const std::vector<std::string>& part_uuids,
                                               std::string_view field) const;
  // Removes parts' files (after the rows that named them are gone); missing ones are no error.
  void remove_parts(const std::vector<std::string>& part_uuids) const;

 private:
  std::filesystem::path part_path(std::string_view part_uuid) const;
  friend class StagedBlob;
  friend class BlobWriter;
  std::filesystem::path path_of(std::string_view sha256) const;
  std::filesystem::path lock_path() const { return options_.dir / ".lock"; }
  BlobStoreOptions options_;
};

}  // namespace loket::documents
