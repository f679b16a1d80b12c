// Cookie parsing per RFC 6265 section 5.4: "name=value" pairs separated by "; ".
#include "http/cookies.hpp"

namespace loket::http {

std::optional<std::string> cookie(const Request& request, std::string_view name) {
  for (const auto& [k, v] : request.headers.all()) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      auto pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (pair.substr(0, eq) == name) {
        auto value = pair.substr(eq + 1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
          value = value.substr(1, value.size() - 2);
        }
        return std::string(value);
      }
    }
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& o) {
  std::string out;
  out.append(name).append("=").append(value);
  out.append("; Path=").append(o.path);
  if (o.max_age) out.append("; Max-Age=").append(std::to_string(*o.max_age));
  if (o.secure) out.append("; Secure");
  if (o.http_only) out.append("; HttpOnly");
  if (!o.same_site.empty()) out.append("; SameSite=").append(o.same_site);
  return out;
}

}  // namespace loket::http
