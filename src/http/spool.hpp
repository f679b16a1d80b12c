// A large request body on its way in: written to a nameless temporary file as it arrives, then
// handed to the handler mapped read-only, so that an upload costs page cache, not memory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "http/message.hpp"

namespace loket::http {

// A file's bytes mapped read-only as a body, for a file nobody changes in place (a blob of the
// blob store: written once, removed by unlink only). nullopt when it cannot be opened or mapped.
std::optional<Body> map_file(const std::filesystem::path& path);

class Spool {
 public:
  // A file in `dir` that has no name (O_TMPFILE; where the file system has none, a named one
  // removed at once), so that nothing is left behind whatever happens to the process. nullopt
  // when it cannot be made.
  static std::optional<Spool> open(const std::filesystem::path& dir);

  Spool(Spool&& other) noexcept;
  Spool& operator=(Spool&& other) noexcept;
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  ~Spool();

  // Appends; false when the bytes could not be written (the disk is full, say).
  bool write(std::string_view bytes);
  std::size_t size() const { return size_; }

  // The bytes written, mapped read-only; the file goes once the body and its copies are gone.
  // nullopt when the mapping fails.
  std::optional<Body> body() &&;

 private:
  explicit Spool(int fd) : fd_(fd) {}
  int fd_ = -1;
  std::size_t size_ = 0;
};

}  // namespace loket::http
