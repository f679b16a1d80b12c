// Form decoding: '+' is a space, %XX a byte; a bad escape, or decoded bytes that are no clean
// text (invalid UTF-8, NUL), make the field unreadable.
#include "http/form.hpp"

#include "http/error.hpp"
#include "http/message.hpp"
#include "http/text.hpp"

namespace loket::http {
namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  if (!is_clean_text(out)) return std::nullopt;
  return out;
}

}  // namespace

FormField find_form_field(std::string_view body, std::string_view name) {
  while (!body.empty()) {
    auto amp = body.find('&');
    auto pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    auto eq = pair.find('=');
    auto key = decode(pair.substr(0, eq));
    if (!key || *key != name) continue;
    if (eq == std::string_view::npos) return {FormField::State::Present, ""};
    auto value = decode(pair.substr(eq + 1));
    if (!value) return {FormField::State::Malformed, ""};
    return {FormField::State::Present, std::move(*value)};
  }
  return {};
}

std::optional<std::string> form_field(std::string_view body, std::string_view name) {
  auto f = find_form_field(body, name);
  if (f.state != FormField::State::Present) return std::nullopt;
  return std::move(f.value);
}

std::string form_text(const Request& request, std::string_view name) {
  auto f = find_form_field(request.body, name);
  if (f.state == FormField::State::Malformed) {
    throw BadRequest("The form field " + std::string(name) + " is malformed.",
                     {{std::string(name), "invalid", "Not valid text."}});
  }
  auto& v = f.value;
  for (auto p = v.find("\r\n"); p != std::string::npos; p = v.find("\r\n", p)) v.erase(p, 1);
  return std::move(v);
}

std::vector<std::string> form_texts(const Request& request, std::string_view name) {
  std::vector<std::string> out;
  std::string_view body = request.body;
  while (!body.empty()) {
    auto amp = body.find('&');
    auto f = find_form_field(body.substr(0, amp), name);
    if (f.state == FormField::State::Present) out.push_back(std::move(f.value));
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return out;
}

}  // namespace loket::http
