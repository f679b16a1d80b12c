// Boost.JSON field helpers.
#include "common/json.hpp"

#include <boost/json/string.hpp>

namespace loket::common {

std::string text(const boost::json::object& o, std::string_view key) {
  const auto* s = string_at(o, key);
  return s != nullptr ? std::string(*s) : std::string();
}

const boost::json::string* string_at(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? &v->get_string() : nullptr;
}

boost::json::value or_null(const std::optional<std::string>& s) {
  return s ? boost::json::value(boost::json::string(*s)) : boost::json::value(nullptr);
}

boost::json::value empty_as_null(const std::string& s) {
  return s.empty() ? boost::json::value(nullptr) : boost::json::value(boost::json::string(s));
}

boost::json::value empty_as_null(const std::optional<std::string>& s) {
  return s ? empty_as_null(*s) : boost::json::value(nullptr);
}

}  // namespace loket::common
