// A strict multipart/form-data reader: browsers frame parts simply, so anything unusual is
// refused rather than guessed at.
#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

#include "http/error.hpp"
#include "http/message.hpp"
#include "http/text.hpp"

namespace loket::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A parameter of a header value (`name="x"` or `name=x`); quoted-pair escapes are undone.
std::optional<std::string> parameter(std::string_view value, std::string_view key) {
  std::size_t i = value.find(';');
  while (i != std::string_view::npos && i < value.size()) {
    ++i;
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    auto eq = value.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    auto k = lower(trim(value.substr(i, eq - i)));
    std::size_t j = eq + 1;
    std::string v;
    if (j < value.size() && value[j] == '"') {
      ++j;
      while (j < value.size() && value[j] != '"') {
        if (value[j] == '\\' && j + 1 < value.size()) ++j;
        v += value[j++];
      }
      if (j >= value.size()) return std::nullopt;  // an unclosed quote
      ++j;
    } else {
      auto end = value.find(';', j);
      v = std::string(trim(value.substr(j, end == std::string_view::npos ? end : end - j)));
      j = end == std::string_view::npos ? value.size() : end;
    }
    if (k == key) return v;
    i = value.find(';', j);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  auto semi = content_type.find(';');
  if (lower(trim(content_type.substr(0, semi))) != "multipart/form-data") return std::nullopt;
  auto b = parameter(content_type, "boundary");
  // RFC 2046: 1 to 70 characters.
  if (!b || b->empty() || b->size() > 70) return std::nullopt;
  return b;
}

std::optional<std::vector<MultipartPart>> parse_multipart(std::string_view body,
                                                          std::string_view boundary) {
  std::string delimiter = "--" + std::string(boundary);
  std::vector<MultipartPart> parts;
  auto pos = body.find(delimiter);
  // Only a preamble of nothing or a line break is expected from a browser.
  if (pos == std::string_view::npos) return std::nullopt;
  pos += delimiter.size();
  std::string next = "\r\n" + delimiter;
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    auto headers_end = body.find("\r\n\r\n", pos);
    auto end = body.find(next, pos);
    if (end == std::string_view::npos) return std::nullopt;
    MultipartPart part;
    bool form_data = false;
    std::size_t content_start;
    if (body.substr(pos, 2) == "\r\n") {
      content_start = pos + 2;  // a part without headers
    } else {
      if (headers_end == std::string_view::npos || headers_end > end) return std::nullopt;
      auto headers = body.substr(pos, headers_end - pos);
      content_start = headers_end + 4;
      while (!headers.empty()) {
        auto eol = headers.find("\r\n");
        auto line = headers.substr(0, eol);
        headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
        auto colon = line.find(':');
        if (colon == std::string_view::npos) return std::nullopt;
        auto name = lower(trim(line.substr(0, colon)));
        auto value = trim(line.substr(colon + 1));
        if (name == "content-disposition") {
          auto semi = value.find(';');
          if (lower(trim(value.substr(0, semi))) != "form-data") return std::nullopt;
          form_data = true;
          part.name = parameter(value, "name").value_or("");
          part.filename = parameter(value, "filename");
        } else if (name == "content-type") {
          part.content_type = std::string(value);
        }
      }
    }
    if (!form_data || part.name.empty() || content_start > end) return std::nullopt;
    part.content = body.substr(content_start, end - content_start);
    parts.push_back(std::move(part));
    pos = end + next.size();
  }
}

std::string MultipartForm::field(std::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return {};
}

std::optional<MultipartForm> read_multipart_form(Request& request) {
  auto boundary = multipart_boundary(request.header("content-type").value_or(""));
  if (!boundary) return std::nullopt;
  auto parts = parse_multipart(request.body, *boundary);
  if (!parts) {
    throw BadRequest("The form could not be read.",
                     {{"form", "invalid", "Not a well-formed multipart body."}});
  }
  MultipartForm form;
  for (auto& part : *parts) {
    if (part.filename) {
      form.files.push_back(std::move(part));
    } else {
      if (!is_clean_text(part.content)) {
        throw BadRequest("The form field " + part.name + " is malformed.",
                         {{part.name, "invalid", "Not valid text."}});
      }
      form.fields.emplace_back(part.name, std::string(part.content));
    }
  }
  if (auto token = form.field("csrf"); !token.empty()) request.headers.set("x-csrf-token", token);
  return form;
}

}  // namespace loket::http
