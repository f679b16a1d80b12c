// ISO 8601 durations ("P30D", "P1Y6M", "P2W", "PT12H"): the terms of case types and the
// extensions of cases, read and written in one place.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loket::common {

struct Duration {
  std::int64_t years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
  bool operator==(const Duration&) const = default;
};

// The duration in `text`, or nullopt. Strict: a leading 'P', whole numbers (each at most about a
// million), each designator at most once and in the order Y M W D T H M S, at least one part, and
// a time part after a 'T'. No signs, fractions, lower case or spaces.
std::optional<Duration> parse_duration(std::string_view text);

// The shortest text parse_duration reads back as `d`, parts that are zero left out ("P1Y6M",
// "PT12H"); a duration of nothing is "P0D". For durations of whole non-negative numbers.
std::string format_duration(const Duration& d);

// True when every part is zero ("P0D", "PT0S").
bool is_zero(const Duration& d);

// `day` plus the date part of the duration: years and months first (clamped to the month's last
// day: 31 January plus P1M is 28 or 29 February), then weeks and days. Hours and smaller are
// ignored.
std::chrono::sys_days add_duration(std::chrono::sys_days day, const Duration& d);

}  // namespace loket::common
