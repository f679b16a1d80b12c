// Our own request and response types, so that Beast stays inside server.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace boost::json {
class value;
}

namespace loket::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

std::string_view to_string(Method m);

// Header names are stored in lower case; lookups are case-insensitive.
class Headers {
 public:
  void add(std::string_view name, std::string_view value);
  void set(std::string_view name, std::string_view value);
  std::optional<std::string_view> get(std::string_view name) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& all() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct Request {
  Method method = Method::Get;
  std::string method_text;
  std::string target;  // as received, for logs after redaction
  std::string path;    // percent-decoded path, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  Headers headers;
  std::string body;
  std::string remote_address;
  std::unordered_map<std::string, std::string> params;  // path parameters from the router
  std::string trace_id;  // W3C trace id (32 hex), from traceparent or new
  std::string span_id;   // this server's span (16 hex)
  std::string route;     // matched route pattern, for metrics and logs

  std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
  // The first value of a query parameter.
  std::optional<std::string_view> query_param(std::string_view name) const;
  std::string_view param(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  static Response json(int status, const boost::json::value& body);
  static Response text(int status, std::string body, std::string_view content_type);
};

}  // namespace loket::http
