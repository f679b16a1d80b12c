// libmagic behind one function: a cookie per thread, since a cookie is not thread-safe and
// loading the database for every file would cost more than the detection.
#include "documents/media_type.hpp"

#include <magic.h>

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

std::string checked(const char* type) {
  if (!type) throw std::runtime_error(std::string("libmagic: ") + magic_error(cookie()));
  return type;
}

}  // namespace

std::string detect_media_type_of(std::string_view bytes) {
  bytes = bytes.substr(0, kJudgedHead);
  return checked(magic_buffer(cookie(), bytes.data(), bytes.size()));
}

}  // namespace loket::documents
