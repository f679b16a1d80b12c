// Spool files: O_TMPFILE, write(2) in a loop, mmap(2) when the body is complete; and any file
// mapped as a body.
#include "http/spool.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
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

// The first `size` bytes of an open file as a body; the mapping outlives the descriptor.
std::optional<Body> map_fd(int fd, std::size_t size, int advice) {
  if (size == 0) return Body();
  void* at = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  if (at == MAP_FAILED) return std::nullopt;
  ::madvise(at, size, advice);
  auto mapping = std::make_shared<const Mapping>(at, size);
  return Body::borrow(std::string_view(static_cast<const char*>(at), size), mapping);
}

}  // namespace

std::optional<Body> map_file(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<Body> body;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    // Sent in order, once: read ahead.
    body = map_fd(fd, static_cast<std::size_t>(st.st_size), MADV_SEQUENTIAL);
  }
  ::close(fd);
  return body;
}

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
  // Read in order, most of it once: read ahead. The mapping keeps the file once fd_ is closed.
  return map_fd(fd_, size_, MADV_SEQUENTIAL);
}

}  // namespace loket::http
