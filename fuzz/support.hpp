// Shared pieces of the fuzz targets: the server's request translation, findings that stop the
// run. Tokens are signed with zgw::sign_hs256 and decoded with common::base64url_decode.
#pragma once

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
#include "http/request_parser.hpp"

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

// A Request as the server builds it from a request target (http::parse_request); nullopt where
// the server answers 400 before any route sees the request.
inline std::optional<http::Request> request_from_target(std::string_view target) {
  // Through the server's own parser, so a target sees what a handler sees (decoding, the UTF-8
  // and NUL checks); white space or a line end would make another request line.
  if (target.find_first_of(" \t\r\n") != std::string_view::npos) return std::nullopt;
  auto parsed =
      http::parse_request("GET " + std::string(target) + " HTTP/1.1\r\nHost: fuzz\r\n\r\n");
  if (!parsed.request) return std::nullopt;
  return std::move(*parsed.request);
}

}  // namespace loket::fuzz
