// Mandate rules and the date arithmetic they need (civil-from-days, so no time zone database).
#include "identity/mandate.hpp"

#include <fmt/format.h>

#include <charconv>

namespace loket::identity {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

bool is_active(const Mandate& m, std::int64_t now) {
  return !m.revoked_at && m.valid_from <= now && now <= m.valid_until;
}

std::optional<std::int64_t> end_of_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [](std::string_view part, auto& out) {
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && p == part.data() + part.size();
  };
  if (!num(s.substr(0, 4), y) || !num(s.substr(5, 2), m) || !num(s.substr(8, 2), d))
    return std::nullopt;
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1970 || m < 1 || m > 12 || d < 1) return std::nullopt;
  unsigned max = kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
  if (d > max) return std::nullopt;
  return days_from_civil(y, m, d) * 86400 + 86399;
}

std::string date_of(std::int64_t seconds) {
  // civil_from_days, the inverse of the above.
  std::int64_t z = seconds / 86400 + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

}  // namespace loket::identity
