// multipart/form-data bodies (RFC 7578): the HTML form that carries a file without JavaScript.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loket::http {

// One part of the body. `content` points into the request body, which must outlive it.
struct MultipartPart {
  std::string name;
  std::optional<std::string> filename;  // present for a file input (empty when none was chosen)
  std::string content_type;             // as the browser declared it; never trusted for files
  std::string_view content;
};

// The boundary parameter of a multipart/form-data Content-Type; nullopt for any other type.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Every part in order; nullopt when the body is not well framed (no closing boundary, a part
// without Content-Disposition form-data or name, headers that do not end).
std::optional<std::vector<MultipartPart>> parse_multipart(std::string_view body,
                                                          std::string_view boundary);

}  // namespace loket::http
