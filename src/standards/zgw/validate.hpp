// Field checks for ZGW request bodies and query parameters: each failure becomes an
// invalidParams entry naming the field, with the codes the standard's reference implementation
// uses (required, null, blank, max_length, invalid, invalid_choice, ...). Pure.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "http/error.hpp"

namespace loket::zgw {

// 400 with invalidParams; the ZGW "ValidatieFout".
struct ValidationError : http::Error {
  explicit ValidationError(std::vector<http::InvalidParam> params)
      : http::Error(400, "invalid",
                    "Een of meer velden zijn niet goed ingevuld; zie invalidParams.",
                    std::move(params)) {}
  ValidationError(std::string name, std::string code, std::string reason)
      : ValidationError({{std::move(name), std::move(code), std::move(reason)}}) {}
};

// A calendar date "YYYY-MM-DD" that exists.
std::optional<std::chrono::sys_days> parse_date(std::string_view text);
std::string format_date(std::chrono::sys_days day);
// An RFC 3339 date-time ("2026-01-31T12:00:00Z", optional fraction and offset).
bool is_datetime(std::string_view text);
// http(s)://host[:port]/... with no spaces; at most 1000 characters (the standard's limit).
bool is_url(std::string_view text);
// Nine digits passing the 11-proef (RSIN, like a BSN).
bool is_rsin(std::string_view text);
// A zaak's identificatie as Loket accepts it: 1 to 40 of A-Z, a-z, 0-9, '-', '_' and '.'
// (the yaml only says maxLength 40; this set covers generated numbers like ZAAK-2026-0000000001
// and keeps control characters, spaces and markup out of a number people read and copy).
bool is_identificatie(std::string_view text);

struct StringRules {
  bool required = false;
  std::size_t max_length = 0;  // 0: no limit
  bool allow_blank = true;
};

// Reads fields of one JSON body, collecting what is wrong; finish() throws ValidationError
// with every problem at once.
class Checker {
 public:
  explicit Checker(const boost::json::object& body, std::string prefix = {})
      : body_(body), prefix_(std::move(prefix)) {}

  // Absent or null: nullopt (an error when required). Wrong type: an error.
  std::optional<std::string> string(std::string_view name, StringRules rules = {});
  std::optional<std::string> choice(std::string_view name,
                                    std::initializer_list<std::string_view> values,
                                    bool required = false);
  // The same for a list defined elsewhere (common::kConfidentialityNames).
  std::optional<std::string> choice(std::string_view name, std::span<const std::string_view> values,
                                    bool required = false);
  std::optional<std::string> date(std::string_view name, bool required = false);
  std::optional<std::string> datetime(std::string_view name, bool required = false);
  std::optional<std::string> url(std::string_view name, bool required = false);
  std::optional<std::string> rsin(std::string_view name, bool required = false);
  std::optional<std::string> duration(std::string_view name, bool required = false);
  std::optional<bool> boolean(std::string_view name, bool required = false);
  std::optional<std::int64_t> integer(std::string_view name, bool required = false,
                                      std::int64_t min = INT64_MIN, std::int64_t max = INT64_MAX);
  // An array of URLs (each checked); absent gives an empty list.
  std::vector<std::string> urls(std::string_view name, bool required = false);
  // The field when it is an object (nullopt when absent or null; an error for another type).
  const boost::json::object* object(std::string_view name, bool required = false);
  const boost::json::array* array(std::string_view name, bool required = false);

  void fail(std::string_view name, std::string code, std::string reason);
  bool ok() const { return errors_.empty(); }
  std::vector<http::InvalidParam>& errors() { return errors_; }
  // Throws ValidationError when anything failed.
  void finish() const;

 private:
  const boost::json::value* present(std::string_view name, bool required);
  std::string full(std::string_view name) const;
  const boost::json::object& body_;
  std::string prefix_;
  std::vector<http::InvalidParam> errors_;
};

}  // namespace loket::zgw
