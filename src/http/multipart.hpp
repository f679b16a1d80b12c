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

struct Request;

// A multipart form post read whole: its text fields in order and its file parts (those with a
// filename, chosen or not).
struct MultipartForm {
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<MultipartPart> files;
  // The first field of this name, "" when absent.
  std::string field(std::string_view name) const;
};
// nullopt when the request is not multipart/form-data. Throws BadRequest (400) when the body is
// not well framed (naming "form") or a text field is not UTF-8 without NUL (naming it). The
// form's `csrf` field becomes the request's X-CSRF-Token header, where Auth::require_csrf looks
// for it (it reads a field only from a plain form body).
std::optional<MultipartForm> read_multipart_form(Request& request);

}  // namespace loket::http
