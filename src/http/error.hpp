// The typed errors a handler may throw; one place (problem_response) turns them into RFC 9457
// application/problem+json.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace loket::http {

// One field that failed validation: `name` is the field as the client sent it.
struct InvalidParam {
  std::string name;
  std::string code;    // machine-readable, e.g. "invalid", "required", "max-value"
  std::string reason;  // human-readable
};

class Error : public std::runtime_error {
 public:
  // `code` identifies the problem type, e.g. "not-found"; `detail` says what to do about it.
  Error(int status, std::string code, const std::string& detail,
        std::vector<InvalidParam> params = {})
      : std::runtime_error(detail),
        status_(status),
        code_(std::move(code)),
        params_(std::move(params)) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  std::string detail() const { return what(); }
  const std::vector<InvalidParam>& invalid_params() const { return params_; }
  Headers& headers() { return headers_; }
  const Headers& headers() const { return headers_; }

 private:
  int status_;
  std::string code_;
  std::vector<InvalidParam> params_;
  Headers headers_;
};

struct BadRequest : Error {
  explicit BadRequest(const std::string& detail, std::vector<InvalidParam> params = {})
      : Error(400, "invalid-request", detail, std::move(params)) {}
};
struct Unauthorized : Error {
  explicit Unauthorized(const std::string& detail) : Error(401, "unauthorized", detail) {}
};
struct Forbidden : Error {
  explicit Forbidden(const std::string& detail) : Error(403, "forbidden", detail) {}
};
struct NotFound : Error {
  explicit NotFound(const std::string& detail) : Error(404, "not-found", detail) {}
};
struct MethodNotAllowed : Error {
  MethodNotAllowed(const std::string& detail, const std::string& allow)
      : Error(405, "method-not-allowed", detail) {
    headers().set("allow", allow);
  }
};
struct Conflict : Error {
  explicit Conflict(const std::string& detail) : Error(409, "conflict", detail) {}
};
struct PayloadTooLarge : Error {
  explicit PayloadTooLarge(const std::string& detail) : Error(413, "payload-too-large", detail) {}
};
struct ServiceUnavailable : Error {
  explicit ServiceUnavailable(const std::string& detail)
      : Error(503, "service-unavailable", detail) {}
};

// Renders an error as problem+json. `accept_language` picks the title's language (nl by
// default, en on request); `instance` is the request path.
Response problem_response(const Error& error, std::string_view instance,
                          std::string_view accept_language = {});

// The title of a problem code in Dutch or English.
std::string_view problem_title(std::string_view code, bool english);

// True when the Accept-Language header prefers English over Dutch.
bool prefers_english(std::string_view accept_language);

}  // namespace loket::http
