// libmagic behind one function: a cookie per thread, since a cookie is not thread-safe and
// loading the database for every file would cost more than the detection.
#include "documents/media_type.hpp"

#include <fcntl.h>
#include <magic.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace loket::documents {
namespace {

struct CookieCloser {
  void operator()(magic_t cookie) const { magic_close(cookie); }
};
using Cookie = std::unique_ptr<std::remove_pointer_t<magic_t>, CookieCloser>;

magic_t cookie() {
  thread_local Cookie c = [] {
    // MAGIC_MIME_TYPE: only "type/subtype". No MAGIC_COMPRESS: a gzip file is application/gzip,
    // not what it holds. MAGIC_ERROR: report unreadable input instead of a guess.
    Cookie made(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR));
    if (!made) throw std::runtime_error("libmagic: magic_open failed");
    if (magic_load(made.get(), nullptr) != 0) {
      throw std::runtime_error(std::string("libmagic: ") + magic_error(made.get()));
    }
    return made;
  }();
  return c.get();
}

// The type is decided by the head of a file: magic numbers and the structures libmagic knows
// sit at the front (a zip's first entry says it is a .docx). Given a whole megabyte of text,
// libmagic spent most of an upload's time re-reading it for its encoding and text patterns.
constexpr std::size_t kHead = 64 * 1024;

std::string checked(const char* type) {
  if (!type) throw std::runtime_error(std::string("libmagic: ") + magic_error(cookie()));
  return type;
}

}  // namespace

std::string detect_media_type(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw std::runtime_error("libmagic: cannot open " + file.string() + ": " +
                             std::strerror(errno));
  }
  std::string head(kHead, '\0');
  std::size_t got = 0;
  while (got < head.size()) {
    auto n = ::read(fd, head.data() + got, head.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      throw std::runtime_error("libmagic: cannot read " + file.string() + ": " +
                               std::strerror(saved));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  head.resize(got);
  return detect_media_type_of(head);
}

std::string detect_media_type_of(std::string_view bytes) {
  bytes = bytes.substr(0, kHead);
  return checked(magic_buffer(cookie(), bytes.data(), bytes.size()));
}

}  // namespace loket::documents
