// Outbound HTTP (libcurl) with short timeouts, for OpenID Connect and, later, webhooks and ZGW
// references. Loopback and allow-listed hosts only is the caller's policy, not this file's.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace loket::http {

struct ClientRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{5000};
  std::size_t max_response_bytes = std::size_t{1024} * 1024;
};

struct ClientResponse {
  int status = 0;
  std::string body;
  std::string content_type;
};

// nullopt with `error` set on a network failure, timeout or an oversized response; HTTP error
// statuses are returned as responses.
std::optional<ClientResponse> fetch(const ClientRequest& request, std::string* error);

// application/x-www-form-urlencoded encoding of one value.
std::string form_encode(std::string_view value);

}  // namespace loket::http
