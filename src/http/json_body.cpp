// JSON body reading. Boost.JSON is told to let invalid UTF-8 through so that we, not the
// parser, find it, and can name the field it is in; then every key and string is walked.
#include "http/json_body.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <vector>

#include "http/error.hpp"
#include "http/text.hpp"

namespace loket::http {
namespace {

std::string join(const std::string& path, std::string_view part) {
  return path.empty() ? std::string(part) : path + "." + std::string(part);
}

// Iterative, so that a deep document costs no stack (the parser bounds the depth anyway).
std::optional<std::string> walk(const boost::json::value& root) {
  struct Item {
    const boost::json::value* value;
    std::string path;
  };
  std::vector<Item> todo{{&root, ""}};
  while (!todo.empty()) {
    auto [v, path] = std::move(todo.back());
    todo.pop_back();
    if (v->is_string()) {
      if (!is_clean_text(v->as_string())) return path;
    } else if (v->is_array()) {
      const auto& a = v->as_array();
      // Reversed, so that the first bad element in document order is found first.
      for (std::size_t i = a.size(); i-- > 0;)
        todo.push_back({&a[i], join(path, std::to_string(i))});
    } else if (v->is_object()) {
      const auto& o = v->as_object();
      for (const auto& kv : o) {
        if (!is_clean_text(kv.key())) return join(path, printable(kv.key()));
      }
      for (auto it = o.end(); it != o.begin();) {
        --it;
        todo.push_back({&it->value(), join(path, it->key())});
      }
    }
  }
  return std::nullopt;
}

}  // namespace

bool is_json_media_type(std::string_view type) {
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  constexpr std::string_view kJson = "application/json";
  if (type.size() != kJson.size()) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != kJson[i]) return false;
  }
  return true;
}

std::optional<std::string> first_unclean_text(const boost::json::value& value) {
  return walk(value);
}

std::variant<boost::json::value, JsonBodyError> read_json_body(const Request& request) {
  using Kind = JsonBodyError::Kind;
  if (!is_json_media_type(request.header("content-type").value_or(""))) {
    return JsonBodyError{Kind::MediaType, ""};
  }
  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  options.allow_invalid_utf8 = true;  // found below, with the field's name
  boost::system::error_code ec;
  auto value = boost::json::parse(request.body.view(), ec, {}, options);
  if (ec == boost::json::error::too_deep) return JsonBodyError{Kind::Depth, ""};
  if (ec) return JsonBodyError{Kind::Syntax, ""};
  if (auto bad = walk(value)) return JsonBodyError{Kind::Text, std::move(*bad)};
  return value;
}

boost::json::value json_body(const Request& request) {
  auto result = read_json_body(request);
  if (auto* value = std::get_if<boost::json::value>(&result)) return std::move(*value);
  const auto& e = std::get<JsonBodyError>(result);
  switch (e.kind) {
    case JsonBodyError::Kind::MediaType:
      throw Error(415, "unsupported-media-type", "Send the body as application/json.");
    case JsonBodyError::Kind::Depth:
      throw BadRequest(
          "The JSON is nested too deeply.",
          {{"body", "too-deep",
            "Nest objects and arrays at most " + std::to_string(kMaxJsonDepth) + " levels deep."}});
    case JsonBodyError::Kind::Text:
      throw BadRequest("A field holds text that is not valid UTF-8, or a NUL character.",
                       {{e.field.empty() ? std::string("body") : e.field, "invalid-text",
                         "Use valid UTF-8 text without NUL characters."}});
    case JsonBodyError::Kind::Syntax:
      break;
  }
  throw BadRequest("The body is not valid JSON.", {{"body", "invalid", "Send valid JSON."}});
}

boost::json::object json_object_body(const Request& request) {
  auto value = json_body(request);
  if (!value.is_object()) {
    throw BadRequest("Send a JSON object.", {{"body", "invalid", "Not a JSON object."}});
  }
  return std::move(value.as_object());
}

}  // namespace loket::http
