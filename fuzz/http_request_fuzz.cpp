// libFuzzer target: arbitrary bytes as an HTTP request, through the parser the server uses
// (http::RequestParser). Every input ends as a request, a refusal or "needs more bytes", and a
// request reads the same whether it arrives at once or in two pieces, its body kept or diverted to
// a sink; never a crash, never an exception.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "http/request_parser.hpp"
#include "http/text.hpp"

namespace {

[[noreturn]] void finding(const char* what) {
  std::fprintf(stderr, "fuzz: finding: %s\n", what);
  std::abort();
}

void check(std::string_view bytes, std::size_t split) {
  using loket::http::is_clean_text;
  using State = loket::http::RequestParser::State;
  // Small limits, so that the limit paths are reached too.
  const loket::http::ParserOptions limits{.header_limit = 4096, .body_limit = 4096};

  auto whole = loket::http::parse_request(bytes, limits);
  if (whole.request && whole.refusal) finding("both a request and a refusal");
  if (whole.consumed > bytes.size()) finding("consumed more bytes than it was given");
  if (whole.request) {
    // What reaches a handler is text: the path and every query parameter.
    if (!is_clean_text(whole.request->path)) finding("a path that is not UTF-8 text");
    for (const auto& [name, value] : whole.request->query) {
      if (!is_clean_text(name) || !is_clean_text(value)) finding("a query that is not text");
    }
    if (whole.request->body.size() > limits.body_limit) finding("a body over the limit");
  }
  if (whole.refusal && (whole.refusal->status < 400 || whole.refusal->status > 599)) {
    finding("a refusal that is not a 4xx or 5xx");
  }

  // As a socket may deliver it: first a prefix, then the rest; for an odd split with the body
  // diverted to a sink, as the server does with a large upload.
  loket::http::RequestParser parser(limits);
  std::string sunk;
  auto divert = [&] {
    if (split % 2 == 1 && parser.state() == State::Body && !parser.diverted()) {
      parser.divert_body([&sunk](std::string_view b) {
        sunk.append(b);
        return true;
      });
    }
  };
  std::string pending(bytes.substr(0, split));
  pending.erase(0, parser.feed(pending));
  divert();
  pending.append(bytes.substr(split));
  for (;;) {
    auto n = parser.feed(pending);
    pending.erase(0, n);
    divert();
    if (n == 0) break;
  }
  // Beast may spot a malformed head sooner when it has all of it, so "refused" against "needs
  // more bytes" is fine; a request read one way and refused (or read differently) the other is
  // not.
  bool done = parser.state() == State::Done;
  if (done != whole.request.has_value()) {
    finding("two pieces read differently from one");
  }
  if (done && whole.request) {
    bool diverted = parser.diverted();
    auto body = parser.take().body;
    if (diverted && !body.empty()) finding("a diverted body also in the request");
    if ((diverted ? std::string_view(sunk) : body.view()) != whole.request->body.view()) {
      finding("two pieces, another body");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    check(bytes, size == 0 ? 0 : data[0] % (size + 1));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: unexpected exception from http::RequestParser: %s\n", e.what());
    std::abort();
  }
  return 0;
}
