// Reads one HTTP/1.1 request from bytes and checks it before anything acts on it: framing
// (RFC 9112 6.1, 6.3), Host, line folding, the target, and that every decoded path segment and
// query parameter is UTF-8 without NUL. The server feeds it from a socket; tests and the fuzz
// target feed it from memory, so both see the same rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/error.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace loket::http {

struct ParserOptions {
  std::size_t header_limit = std::size_t{16} * 1024;
  std::size_t body_limit = std::size_t{1024} * 1024;
  // With the routes, a path segment that is not text is named by its route parameter ("id");
  // without them, or when no route matches, by the segment as sent.
  const Router* router = nullptr;
  // The largest body any route takes (Router::largest_body_limit; 0: none above body_limit). A
  // request to such a route may send up to its route's limit, any other up to body_limit.
  std::size_t large_body_limit = 0;
};

// Why a request is refused. The server answers it as problem+json and closes the connection,
// because after a framing error it cannot know where the next request would start.
struct Refusal {
  int status = 400;
  std::string code = "invalid-request";  // problem type
  std::string detail;
  std::vector<InvalidParam> invalid_params;
};

// Where a diverted body's bytes go, in order; false when they could not be stored (the request
// is then refused with 503).
using BodySink = std::function<bool(std::string_view bytes)>;

class RequestParser {
 public:
  enum class State {
    Head,     // the request head is not complete yet
    Body,     // head read and accepted; body bytes still to come
    Done,     // a whole request: take() it
    Refused,  // see refusal()
  };

  explicit RequestParser(ParserOptions options = {});
  ~RequestParser();
  RequestParser(const RequestParser&) = delete;
  RequestParser& operator=(const RequestParser&) = delete;

  // Takes bytes of this request from the front of `data` and returns how many it took; bytes of
  // a pipelined next request are left to the caller. In state Head it takes nothing until the
  // whole head is there (so keep offering the same bytes plus more). Never throws.
  std::size_t feed(std::string_view data);

  State state() const { return state_; }
  const Refusal& refusal() const { return refusal_; }

  // Known once the head is accepted (state Body or Done), and when head_read() also for a
  // request refused for its body (over its limit).
  const Request& head() const { return request_; }
  bool head_read() const { return head_read_; }
  std::optional<std::uint64_t> content_length() const;
  bool chunked() const;
  bool keep_alive() const;
  unsigned version() const;  // 10 or 11
  bool expects_continue() const;
  std::size_t body_size() const;  // body bytes decoded so far
  // From now on the body's bytes go to `sink` instead of into the request (whose body stays
  // empty): the server writes a large upload to a file as it arrives. Only in state Body before
  // any body byte was taken; otherwise nothing changes.
  void divert_body(BodySink sink);
  bool diverted() const;
  // The most this request's body may hold: its route's limit once the head is accepted.
  std::size_t body_limit() const { return limit_; }

  // The request with its body (state Done); the parser is spent afterwards.
  Request take();

 private:
  void refuse(int status, std::string code, std::string detail,
              std::vector<InvalidParam> params = {});
  void accept_head();

  struct Impl;
  std::unique_ptr<Impl> impl_;
  ParserOptions options_;
  std::size_t limit_ = 0;
  bool head_read_ = false;
  State state_ = State::Head;
  bool folded_ = false;          // a head line started with SP or HTAB
  bool after_line_end_ = false;  // the bytes taken so far end with LF
  Refusal refusal_;
  Request request_;
};

// One request from memory, for tests and fuzzing. Exactly one of request and refusal is set when
// the bytes hold a whole request (valid or not); neither when more bytes are needed.
struct Parsed {
  std::optional<Request> request;
  std::optional<Refusal> refusal;
  std::size_t consumed = 0;
};
Parsed parse_request(std::string_view bytes, ParserOptions options = {});

}  // namespace loket::http
