// Reading fields of a Boost.JSON object and writing optional text, with one meaning everywhere.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace loket::common {

// The text at `key`, or "" when the key is absent or holds null or another type. For fields
// where "absent" and "empty" mean the same.
std::string text(const boost::json::object& o, std::string_view key);

// The string at `key`, or nullptr when the key is absent or holds null or another type. For
// fields where "absent" and "empty" differ.
const boost::json::string* string_at(const boost::json::object& o, std::string_view key);

// Optional text to JSON: nullopt becomes null; any string, also "", stays that string.
boost::json::value or_null(const std::optional<std::string>& s);

// Text where "" means "not set" to JSON: "" (or nullopt) becomes null, any other string stays.
boost::json::value empty_as_null(const std::string& s);
boost::json::value empty_as_null(const std::optional<std::string>& s);

}  // namespace loket::common
