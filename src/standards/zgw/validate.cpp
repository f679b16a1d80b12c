#include "standards/zgw/validate.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <regex>

#include "common/duration.hpp"

namespace loket::zgw {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::chrono::sys_days> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !all_digits(t.substr(0, 4)) ||
      !all_digits(t.substr(5, 2)) || !all_digits(t.substr(8, 2))) {
    return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  std::chrono::year_month_day ymd{std::chrono::year{num(0, 4)},
                                  std::chrono::month{static_cast<unsigned>(num(5, 2))},
                                  std::chrono::day{static_cast<unsigned>(num(8, 2))}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

std::string format_date(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

bool is_datetime(std::string_view t) {
  static const std::regex re(
      R"(\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?)");
  if (t.size() < 16 || !parse_date(t.substr(0, 10))) return false;
  return std::regex_match(t.begin(), t.end(), re);
}

bool is_url(std::string_view t) {
  if (t.size() > 1000) return false;
  std::string_view rest;
  if (t.starts_with("https://")) {
    rest = t.substr(8);
  } else if (t.starts_with("http://")) {
    rest = t.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/' || rest.front() == ':') return false;
  return std::none_of(t.begin(), t.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) || c == '<' || c == '>' || c == '"';
  });
}

bool is_identificatie(std::string_view t) {
  return !t.empty() && t.size() <= 40 && std::all_of(t.begin(), t.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

bool is_rsin(std::string_view t) {
  if (t.size() != 9 || !all_digits(t)) return false;
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (9 - i) * (t[static_cast<std::size_t>(i)] - '0');
  sum -= t[8] - '0';
  return sum % 11 == 0;
}

std::string Checker::full(std::string_view name) const {
  return prefix_.empty() ? std::string(name) : prefix_ + "." + std::string(name);
}

void Checker::fail(std::string_view name, std::string code, std::string reason) {
  errors_.push_back({full(name), std::move(code), std::move(reason)});
}

void Checker::finish() const {
  if (!errors_.empty()) throw ValidationError(errors_);
}

const boost::json::value* Checker::present(std::string_view name, bool required) {
  const auto* v = body_.if_contains(name);
  if (v == nullptr || v->is_null()) {
    if (required) {
      if (v == nullptr) {
        fail(name, "required", "Dit veld is verplicht.");
      } else {
        fail(name, "null", "Dit veld mag niet leeg (null) zijn.");
      }
    }
    return nullptr;
  }
  return v;
}

std::optional<std::string> Checker::string(std::string_view name, StringRules rules) {
  const auto* v = present(name, rules.required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    fail(name, "invalid", "Geef hier tekst (een string).");
    return std::nullopt;
  }
  std::string s(v->as_string());
  if (s.empty() && (!rules.allow_blank || rules.required)) {
    fail(name, "blank", "Dit veld mag niet leeg zijn.");
    return std::nullopt;
  }
  if (rules.max_length > 0 && s.size() > rules.max_length) {
    fail(name, "max_length",
         "Dit veld mag hoogstens " + std::to_string(rules.max_length) + " tekens bevatten.");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Checker::choice(std::string_view name,
                                           std::initializer_list<std::string_view> values,
                                           bool required) {
  return choice(name, std::span<const std::string_view>(values.begin(), values.size()), required);
}

std::optional<std::string> Checker::choice(std::string_view name,
                                           std::span<const std::string_view> values,
                                           bool required) {
  auto s = string(name, {.required = required});
  if (!s) return std::nullopt;
  for (auto v : values) {
    if (v == *s) return s;
  }
  std::string list;
  for (auto v : values) list += (list.empty() ? "" : ", ") + std::string(v);
  fail(name, "invalid_choice", "Kies een van: " + list + ".");
  return std::nullopt;
}

std::optional<std::string> Checker::date(std::string_view name, bool required) {
  auto s = string(name, {.required = required});
  if (!s) return std::nullopt;
  if (!parse_date(*s)) {
    fail(name, "invalid", "Geef een bestaande datum als JJJJ-MM-DD.");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Checker::datetime(std::string_view name, bool required) {
  auto s = string(name, {.required = required});
  if (!s) return std::nullopt;
  if (!is_datetime(*s)) {
    fail(name, "invalid", "Geef een datum en tijd volgens RFC 3339, zoals 2026-01-31T12:00:00Z.");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Checker::url(std::string_view name, bool required) {
  auto s = string(name, {.required = required, .allow_blank = !required});
  if (!s || s->empty()) return s;
  if (!is_url(*s)) {
    fail(name, "bad-url", "Geef een volledige http(s)-URL van hoogstens 1000 tekens.");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Checker::rsin(std::string_view name, bool required) {
  auto s = string(name, {.required = required});
  if (!s) return std::nullopt;
  if (!is_rsin(*s)) {
    fail(name, "invalid", "Geef een RSIN van 9 cijfers dat aan de 11-proef voldoet.");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Checker::duration(std::string_view name, bool required) {
  auto s = string(name, {.required = required});
  if (!s) return std::nullopt;
  if (!common::parse_duration(*s)) {
    fail(name, "invalid", "Geef een duur volgens ISO 8601, zoals P30D of P1Y.");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> Checker::boolean(std::string_view name, bool required) {
  const auto* v = present(name, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) {
    fail(name, "invalid", "Geef true of false.");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::int64_t> Checker::integer(std::string_view name, bool required, std::int64_t min,
                                             std::int64_t max) {
  const auto* v = present(name, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_int64() && !v->is_uint64()) {
    fail(name, "invalid", "Geef een geheel getal.");
    return std::nullopt;
  }
  if (v->is_uint64() && v->as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) {
    fail(name, "max_value", "Dit getal is te groot.");
    return std::nullopt;
  }
  auto n = v->to_number<std::int64_t>();
  if (n < min) {
    fail(name, "min_value", "Geef een getal van minstens " + std::to_string(min) + ".");
    return std::nullopt;
  }
  if (n > max) {
    fail(name, "max_value", "Geef een getal van hoogstens " + std::to_string(max) + ".");
    return std::nullopt;
  }
  return n;
}

std::vector<std::string> Checker::urls(std::string_view name, bool required) {
  std::vector<std::string> out;
  const auto* list = array(name, required);
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& item = (*list)[i];
    auto at = std::string(name) + "." + std::to_string(i);
    if (!item.is_string() || !is_url(item.as_string())) {
      fail(at, "bad-url", "Geef een volledige http(s)-URL van hoogstens 1000 tekens.");
      continue;
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

const boost::json::object* Checker::object(std::string_view name, bool required) {
  const auto* v = present(name, required);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) {
    fail(name, "invalid", "Geef hier een object.");
    return nullptr;
  }
  return &v->as_object();
}

const boost::json::array* Checker::array(std::string_view name, bool required) {
  const auto* v = present(name, required);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    fail(name, "not_a_list", "Geef hier een lijst.");
    return nullptr;
  }
  return &v->as_array();
}

}  // namespace loket::zgw
