// JSON request bodies: the one place a body becomes a value, so that every key and string in
// it is checked (valid UTF-8, no NUL) before a route, a store or a database sees it.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "http/message.hpp"

namespace loket::http {

// Deeper nesting is refused: no form or standard here needs it, and each level costs stack.
inline constexpr std::size_t kMaxJsonDepth = 64;

// Why a body was refused. json_body() turns it into a problem; the ZGW APIs into their own.
struct JsonBodyError {
  enum class Kind {
    MediaType,  // Content-Type is not application/json
    Syntax,     // not JSON
    Depth,      // nested deeper than kMaxJsonDepth
    Text,       // a key or string that is not valid UTF-8 or holds a NUL
  };
  Kind kind = Kind::Syntax;
  std::string field;  // Text: the path of the key or value, e.g. "rollen.0.naam"
};

// Content-Type application/json (any parameters), the body parsed and every text checked.
std::variant<boost::json::value, JsonBodyError> read_json_body(const Request& request);

// The same, throwing http::Error: 415 for another Content-Type, 400 for the rest, with
// invalidParams naming "body" or, for bad text, the field's path.
boost::json::value json_body(const Request& request);

// json_body(), which must be an object (400 naming "body" otherwise).
boost::json::object json_object_body(const Request& request);

// The path of the first key or string in `value` that is not valid UTF-8 without NUL
// ("" for the value itself), or nullopt when every text is clean. A bad key is named with its
// bad bytes replaced, so that the path can be echoed.
std::optional<std::string> first_unclean_text(const boost::json::value& value);

// Whether a Content-Type header names application/json (case-insensitive, any parameters).
bool is_json_media_type(std::string_view content_type);

}  // namespace loket::http
