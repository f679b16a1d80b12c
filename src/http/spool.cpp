// Spool files: O_TMPFILE, write(2) in a loop, mmap(2) when the body is complete.
#include "http/spool.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <random>
#include <string>
#include <utility>

namespace loket::http {
namespace {

// A named file for file systems without O_TMPFILE, unlinked before anyone can use its name.
int open_named(const std::filesystem::path& dir) {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto path = dir / (".spool-" + std::to_string(random()));
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::unlink(path.c_str());
      return fd;
    }
    if (errno != EEXIST) return -1;
  }
  return -1;
}

// Keeps a mapping alive for Body::borrow.
struct Mapping {
  void* address;
  std::size_t length;
  Mapping(void* a, std::size_t n) : address(a), length(n) {}
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() { ::munmap(address, length); }
};

}  // namespace

std::optional<Spool> Spool::open(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) fd = open_named(dir);
  if (fd < 0) return std::nullopt;
  return Spool(fd);
}

Spool::Spool(Spool&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), size_(std::exchange(other.size_, 0)) {}

Spool& Spool::operator=(Spool&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

Spool::~Spool() {
  if (fd_ >= 0) ::close(fd_);
}

bool Spool::write(std::string_view bytes) {
  while (!bytes.empty()) {
    auto n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
    size_ += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<Body> Spool::body() && {
  if (size_ == 0) return Body();
  void* at = ::mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd_, 0);
  if (at == MAP_FAILED) return std::nullopt;
  // Read in order, most of it once: tell the kernel to read ahead.
  ::madvise(at, size_, MADV_SEQUENTIAL);
  auto mapping = std::make_shared<const Mapping>(at, size_);
  std::string_view bytes(static_cast<const char*>(at), size_);
  ::close(std::exchange(fd_, -1));  // the mapping keeps the file
  return Body::borrow(bytes, mapping);
}

}  // namespace loket::http
