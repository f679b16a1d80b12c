// Our own request and response types, so that Beast stays inside server.cpp.
#pragma once

#include <cstdint>
#include <memory>
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

// A request's or response's body, read as text. The server holds a small request body in memory;
// a large upload it writes to a temporary file as it arrives and hands over mapped read-only (the
// bytes stay the kernel's page cache, not the process's memory), with `owner` keeping the mapping
// alive. A download is answered the same way, from its blob's file.
class Body {
 public:
  Body() = default;
  Body(std::string text) : text_(std::move(text)) {}  // NOLINT(google-explicit-constructor)
  Body& operator=(std::string text) {
    text_ = std::move(text);
    owner_.reset();
    view_ = {};
    return *this;
  }
  static Body borrow(std::string_view bytes, std::shared_ptr<const void> owner) {
    Body b;
    b.view_ = bytes;
    b.owner_ = std::move(owner);
    return b;
  }

  std::string_view view() const { return owner_ ? view_ : std::string_view(text_); }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  const char* data() const { return view().data(); }
  std::size_t size() const { return view().size(); }
  bool empty() const { return view().empty(); }
  // Whether the bytes are a mapped file rather than memory of this process.
  bool borrowed() const { return owner_ != nullptr; }
  // Gives the memory (or the mapping) back.
  void clear() { *this = Body(); }
  // The bytes as a string of their own: moved out when they are text, copied from a mapping.
  std::string into_string() && { return owner_ ? std::string(view_) : std::move(text_); }
  friend bool operator==(const Body& a, std::string_view b) { return a.view() == b; }

 private:
  std::string text_;
  std::string_view view_;
  std::shared_ptr<const void> owner_;
};

struct Request {
  Method method = Method::Get;
  std::string method_text;
  std::string target;  // as received, for logs after redaction
  std::string path;    // percent-decoded path, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  Headers headers;
  Body body;
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
  Body body;  // a document's content is a mapped file, written from the mapping

  static Response json(int status, const boost::json::value& body);
  static Response text(int status, std::string body, std::string_view content_type);
};

}  // namespace loket::http
