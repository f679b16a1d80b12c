// Reading the Cookie header and writing Set-Cookie values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace loket::http {

// The value of the first cookie with this name, or nullopt.
std::optional<std::string> cookie(const Request& request, std::string_view name);

struct CookieOptions {
  bool secure = true;
  bool http_only = true;
  std::string same_site = "Lax";
  std::string path = "/";
  std::optional<long> max_age;  // seconds; 0 deletes the cookie
};

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace loket::http
