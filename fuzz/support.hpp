// Shared pieces of the fuzz targets: the server's request translation, findings that stop the
// run. Tokens are signed with zgw::sign_hs256 and decoded with common::base64url_decode.
#pragma once

#include <boost/url/parse.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>

#include "http/message.hpp"

namespace loket::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// An oracle failed: the code under test answered something it must never answer. Aborts, so
// libFuzzer keeps the input and the replay counts a crash.
[[noreturn]] inline void finding(const char* what) {
  std::fprintf(stderr, "fuzz: finding: %s\n", what);
  std::abort();
}

// An exception no caller expects from this function (a refusal would be a value or an
// http::Error): the server would answer 500 or worse.
[[noreturn]] inline void unexpected(const char* where, const std::exception& e) {
  std::fprintf(stderr, "fuzz: unexpected exception from %s: %s: %s\n", where, typeid(e).name(),
               e.what());
  std::abort();
}

// Splits off the first line: ("a", "b\nc") for "a\nb\nc"; the rest is empty without a newline.
inline std::pair<std::string_view, std::string_view> first_line(std::string_view text) {
  auto nl = text.find('\n');
  if (nl == std::string_view::npos) return {text, {}};
  return {text.substr(0, nl), text.substr(nl + 1)};
}

// A Request as src/http/server.cpp (translate) builds it from a request target: origin-form,
// the decoded path without NUL, the decoded query parameters in order. nullopt where the server
// answers 400 before any route sees the request.
inline std::optional<http::Request> request_from_target(std::string_view target) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return std::nullopt;
  http::Request out;
  out.target = std::string(target);
  out.path = url->path();
  if (out.path.find('\0') != std::string::npos) return std::nullopt;
  for (auto param : url->params()) out.query.emplace_back(param.key, param.value);
  return out;
}

}  // namespace loket::fuzz
