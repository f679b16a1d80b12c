// Serves the web front end's files from one folder, safely: no way out of that folder.
#pragma once

#include <filesystem>
#include <optional>

#include "http/message.hpp"

namespace loket::http {

class StaticFiles {
 public:
  // An empty root serves nothing.
  explicit StaticFiles(const std::filesystem::path& root);

  // The file for a GET or HEAD request, a 304 when the client's ETag still matches, or nullopt
  // when there is no such file (or the path tries to leave the root).
  std::optional<Response> serve(const Request& request) const;

  static std::string_view content_type(const std::filesystem::path& file);

 private:
  std::filesystem::path root_;  // canonical
};

}  // namespace loket::http
