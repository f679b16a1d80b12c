// The blob store's file handling: temp file, fsync, rename, folder fsync; a shared lock file
// keeps the collector from removing a file that an upload is publishing at that moment.
#include "documents/blob_store.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "documents/base64_stream.hpp"
#include "http/spool.hpp"

namespace loket::documents {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kTempPrefix = ".tmp-";
constexpr std::string_view kPartsDir = ".parts";
constexpr std::size_t kSlice = 1 << 20;  // put() hands memory to write() in slices of this size

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
  throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

void sync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("blob store: cannot open folder", dir);
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) fail("blob store: cannot sync folder", dir);
}

// flock(2) on a file of its own per use: locks belong to the open file, so two threads of one
// process exclude each other only when each opens it.
class DirLock {
 public:
  DirLock(const fs::path& path, int operation) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd_ < 0) fail("blob store: cannot open lock", path);
    while (::flock(fd_, operation) != 0) {
      if (errno != EINTR) {
        int saved = errno;
        ::close(fd_);
        errno = saved;
        fail("blob store: cannot lock", path);
      }
    }
  }
  ~DirLock() { ::close(fd_); }  // closing releases the lock
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

 private:
  int fd_ = -1;
};

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

bool older_than(const struct stat& st, std::chrono::seconds grace) {
  auto now = std::chrono::system_clock::now();
  auto mtime = std::chrono::system_clock::time_point(
      std::chrono::seconds(st.st_mtim.tv_sec) +
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
  return mtime + grace <= now;  // a time in the future is young
}

}  // namespace

// ---- StagedBlob ----

StagedBlob::StagedBlob(StagedBlob&& other) noexcept
    : store_(other.store_),
      temp_(std::move(other.temp_)),
      sha256_(std::move(other.sha256_)),
      head_(std::move(other.head_)),
      size_(other.size_),
      published_(other.published_) {
  other.temp_.clear();
  other.published_ = true;
}

StagedBlob& StagedBlob::operator=(StagedBlob&& other) noexcept {
  if (this != &other) {
    if (!published_ && !temp_.empty()) ::unlink(temp_.c_str());
    store_ = other.store_;
    temp_ = std::move(other.temp_);
    sha256_ = std::move(other.sha256_);
    head_ = std::move(other.head_);
    size_ = other.size_;
    published_ = other.published_;
    other.temp_.clear();
    other.published_ = true;
  }
  return *this;
}

StagedBlob::~StagedBlob() {
  if (!published_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void StagedBlob::publish() {
  if (published_) return;
  auto target = store_->path_of(sha256_);
  auto folder = target.parent_path();
  DirLock lock(store_->lock_path(), LOCK_SH);
  if (::mkdir(folder.c_str(), 0750) == 0) {
    sync_dir(store_->options_.dir);  // the new folder's own entry
  } else if (errno != EEXIST) {
    fail("blob store: cannot create folder", folder);
  }
  if (::rename(temp_.c_str(), target.c_str()) != 0) fail("blob store: cannot rename", temp_);
  published_ = true;
  sync_dir(folder);
}

// ---- BlobWriter ----

BlobWriter::BlobWriter(const BlobStore* store) : store_(store) {
  temp_ = store_->options_.dir / (std::string(kTempPrefix) + random_hex(16));
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd_ < 0) fail("blob store: cannot create", temp_);
  auto* ctx = EVP_MD_CTX_new();
  if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(ctx);
    ::close(fd_);
    ::unlink(temp_.c_str());
    throw std::runtime_error("blob store: cannot start SHA-256");
  }
  hash_ = ctx;
}

BlobWriter::BlobWriter(BlobWriter&& other) noexcept
    : store_(other.store_),
      temp_(std::move(other.temp_)),
      fd_(other.fd_),
      size_(other.size_),
      refused_(other.refused_),
      head_(std::move(other.head_)),
      hash_(other.hash_) {
  other.hash_ = nullptr;
  other.fd_ = -1;
  other.temp_.clear();
}

BlobWriter::~BlobWriter() {
  discard();
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(hash_));
}

void BlobWriter::discard() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

Refusal BlobWriter::too_large() const {
  return refuse(Refusal::Kind::TooLarge, store_->options_.size_field,
                "The file is larger than the limit of " +
                    std::to_string(store_->options_.max_size) + " bytes.");
}

Result<void> BlobWriter::write(std::string_view bytes) {
  if (refused_) return too_large();
  if (fd_ < 0) throw std::logic_error("blob store: write after finish");
  if (bytes.size() > store_->options_.max_size - size_) {
    refused_ = true;
    discard();  // stop at once: the rest of a too-large upload is not worth a disk write
    return too_large();
  }
  if (EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(hash_), bytes.data(), bytes.size()) != 1) {
    throw std::runtime_error("blob store: SHA-256 failed");
  }
  if (head_.size() < kBlobHead) head_.append(bytes.substr(0, kBlobHead - head_.size()));
  while (!bytes.empty()) {
    auto n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("blob store: cannot write", temp_);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
    size_ += static_cast<std::uint64_t>(n);
  }
  return {};
}

Result<StagedBlob> BlobWriter::finish() {
  if (refused_) return too_large();
  if (fd_ < 0) throw std::logic_error("blob store: finish twice");
  // Read-only from here on: a blob never changes under its hash.
  if (::fchmod(fd_, 0440) != 0) fail("blob store: cannot chmod", temp_);
  if (::fsync(fd_) != 0) fail("blob store: cannot sync", temp_);
  if (::close(fd_) != 0) {
    fd_ = -1;
    fail("blob store: cannot close", temp_);
  }
  fd_ = -1;
  unsigned char digest[32];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(hash_), digest, &length) != 1 ||
      length != sizeof digest) {
    throw std::runtime_error("blob store: SHA-256 failed");
  }
  std::string hex(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.pop_back();
  StagedBlob staged(store_, std::move(temp_), std::move(hex), size_, std::move(head_));
  temp_.clear();
  return staged;
}

// ---- BlobStore ----

BlobStore::BlobStore(BlobStoreOptions options) : options_(std::move(options)) {
  if (options_.dir.empty()) throw std::invalid_argument("blob store: no folder");
  fs::create_directories(options_.dir);
  if (options_.max_size == 0) throw std::invalid_argument("blob store: a size limit of 0");
}

BlobWriter BlobStore::begin() const { return BlobWriter(this); }

Result<StagedBlob> BlobStore::put(std::string_view bytes) const {
  auto writer = begin();
  while (!bytes.empty()) {
    auto slice = bytes.substr(0, kSlice);
    if (auto r = writer.write(slice); !r) return r.error();
    bytes.remove_prefix(slice.size());
  }
  return writer.finish();
}

Result<StagedBlob> BlobStore::put_base64(std::string_view text, std::string_view field) const {
  auto writer = begin();
  std::optional<Refusal> refused;
  Base64Decoder decoder([&](std::string_view bytes) {
    if (auto r = writer.write(bytes); !r) {
      refused = r.error();
      refused->field = field;
      return false;
    }
    return true;
  });
  bool ok = decoder.feed(text) && decoder.finish();
  if (refused) return *refused;
  if (!ok) return refuse(Refusal::Kind::BadEncoding, std::string(field), decoder.error());
  return writer.finish();
}

bool BlobStore::valid_sha256(std::string_view sha256) {
  return sha256.size() == 64 &&
         sha256.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

fs::path BlobStore::path_of(std::string_view sha256) const {
  // A fan-out of 256 folders keeps each folder small; the name is the hash, never user input.
  return options_.dir / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

std::optional<fs::path> BlobStore::find(std::string_view sha256) const {
  if (!valid_sha256(sha256)) return std::nullopt;
  auto path = path_of(sha256);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return path;
}

std::optional<http::Body> BlobStore::map(std::string_view sha256) const {
  auto path = find(sha256);
  if (!path) return std::nullopt;
  return http::map_file(*path);
}

bool BlobStore::remove(std::string_view sha256) const {
  if (!valid_sha256(sha256)) return false;
  auto path = path_of(sha256);
  DirLock lock(lock_path(), LOCK_EX);
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return false;
    fail("blob store: cannot remove", path);
  }
  sync_dir(path.parent_path());
  return true;
}

fs::path BlobStore::part_path(std::string_view part_uuid) const {
  // Only a uuid names a part: never a path the client could steer.
  bool ok = part_uuid.size() == 36;
  for (std::size_t i = 0; ok && i < part_uuid.size(); ++i) {
    char ch = part_uuid[i];
    ok = (i == 8 || i == 13 || i == 18 || i == 23) ? ch == '-'
                                                   : std::isxdigit(static_cast<unsigned char>(ch));
  }
  if (!ok) throw std::invalid_argument("blob store: a part is named by a uuid");
  return options_.dir / kPartsDir / std::string(part_uuid);
}

Result<void> BlobStore::put_part(std::string_view part_uuid, std::string_view bytes,
                                 std::string_view field) const {
  auto target = part_path(part_uuid);
  if (bytes.size() > options_.max_size) {
    return refuse(
        Refusal::Kind::TooLarge, std::string(field),
        "The file is larger than the limit of " + std::to_string(options_.max_size) + " bytes.");
  }
  auto folder = target.parent_path();
  if (::mkdir(folder.c_str(), 0750) == 0) {
    sync_dir(options_.dir);
  } else if (errno != EEXIST) {
    fail("blob store: cannot create folder", folder);
  }
  auto temp = folder / (std::string(kTempPrefix) + random_hex(16));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) fail("blob store: cannot create", temp);
  auto give_up = [&](const char* what) {
    int saved = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    errno = saved;
    fail(what, temp);
  };
  while (!bytes.empty()) {
    auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      give_up("blob store: cannot write");
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd) != 0) give_up("blob store: cannot sync");
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    fail("blob store: cannot close", temp);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    fail("blob store: cannot rename", temp);
  }
  sync_dir(folder);
  return {};
}

std::optional<Result<StagedBlob>> BlobStore::join_parts(const std::vector<std::string>& part_uuids,
                                                        std::string_view field) const {
  auto writer = begin();
  std::string buffer(kSlice, '\0');
  for (const auto& id : part_uuids) {
    int fd = ::open(part_path(id).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return std::nullopt;
      fail("blob store: cannot open", part_path(id));
    }
    for (;;) {
      auto n = ::read(fd, buffer.data(), buffer.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        int saved = errno;
        ::close(fd);
        errno = saved;
        fail("blob store: cannot read", part_path(id));
      }
      if (n == 0) break;
      if (auto r = writer.write(std::string_view(buffer.data(), static_cast<std::size_t>(n))); !r) {
        ::close(fd);
        auto refusal = r.error();
        refusal.field = field;
        return Result<StagedBlob>(refusal);
      }
    }
    ::close(fd);
  }
  return writer.finish();
}

void BlobStore::remove_parts(const std::vector<std::string>& part_uuids) const {
  for (const auto& id : part_uuids) ::unlink(part_path(id).c_str());
}

GcStats BlobStore::collect(
    const std::function<std::unordered_set<std::string>(std::string_view prefix)>& referenced,
    std::chrono::seconds grace, std::optional<std::chrono::seconds> parts_max_age) const {
  GcStats stats;
  if (parts_max_age) {
    // No lock: a part being written is a fresh temporary file, and a part removed just before
    // an unlock joins it is missing there (the unlock says so; the client sends it again).
    std::error_code ec;
    for (fs::directory_iterator it(options_.dir / kPartsDir, ec), end; !ec && it != end;
         it.increment(ec)) {
      struct stat st {};
      if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
      if (older_than(st, *parts_max_age) && ::unlink(it->path().c_str()) == 0) {
        ++stats.parts_removed;
      }
    }
  }
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(options_.dir)) {
    auto name = entry.path().filename().string();
    struct stat st {};
    if (::lstat(entry.path().c_str(), &st) != 0) continue;  // gone meanwhile
    if (name.starts_with(kTempPrefix) && S_ISREG(st.st_mode)) {
      // An upload still writing touches its file with every write; one idle past the grace
      // period has died (its writer would find the file gone and fail, never publish half).
      if (older_than(st, grace) && ::unlink(entry.path().c_str()) == 0) ++stats.temp_removed;
    } else if (S_ISDIR(st.st_mode) && name.size() == 2 &&
               name.find_first_not_of("0123456789abcdef") == std::string::npos) {
      folders.push_back(entry.path());
    }
  }
  for (const auto& folder : folders) {
    auto prefix = folder.filename().string();
    // The referenced set is read before the lock: a row that commits after this read belongs to
    // an upload that published its file (fresh, so kept below) before it committed.
    auto keep = referenced(prefix);
    DirLock lock(lock_path(), LOCK_EX);
    bool removed = false;
    for (const auto& entry : fs::directory_iterator(folder)) {
      auto name = entry.path().filename().string();
      if (!valid_sha256(name) || keep.contains(name)) continue;
      struct stat st {};
      if (::lstat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
      if (!older_than(st, grace)) {
        ++stats.kept_young;
        continue;
      }
      if (::unlink(entry.path().c_str()) == 0) {
        ++stats.blobs_removed;
        stats.bytes_removed += static_cast<std::int64_t>(st.st_size);
        removed = true;
      }
    }
    if (removed) sync_dir(folder);
  }
  return stats;
}

}  // namespace loket::documents
