// ISO 8601 durations: a strict reader, the writer, and date arithmetic with std::chrono.
#include "common/duration.hpp"

#include <array>

namespace loket::common {

std::optional<Duration> parse_duration(std::string_view t) {
  if (t.size() < 3 || t[0] != 'P') return std::nullopt;
  Duration d;
  bool time = false, any = false, time_any = false;
  int last_rank = 0;
  std::int64_t n = 0;
  bool digits = false;
  for (std::size_t i = 1; i < t.size(); ++i) {
    char c = t[i];
    if (c >= '0' && c <= '9') {
      if (n > 100000) return std::nullopt;
      n = n * 10 + (c - '0');
      digits = true;
      continue;
    }
    if (c == 'T') {
      if (time || digits) return std::nullopt;
      time = true;
      continue;
    }
    if (!digits) return std::nullopt;
    // Each designator once, in the order Y M W D T H M S.
    static constexpr std::string_view kDate = "YMWD", kTime = "HMS";
    auto at = (time ? kTime : kDate).find(c);
    if (at == std::string_view::npos) return std::nullopt;
    int rank = static_cast<int>(at) + (time ? 5 : 1);
    std::array<std::int64_t*, 8> fields{nullptr, &d.years, &d.months,  &d.weeks,
                                        &d.days, &d.hours, &d.minutes, &d.seconds};
    *fields[static_cast<std::size_t>(rank)] = n;
    if (rank <= last_rank) return std::nullopt;
    last_rank = rank;
    n = 0;
    digits = false;
    any = true;
    time_any = time_any || time;
  }
  // "P1DT": a time designator needs a time part after it.
  if (digits || !any || (time && !time_any)) return std::nullopt;
  return d;
}

std::string format_duration(const Duration& d) {
  if (is_zero(d)) return "P0D";
  std::string out = "P";
  auto part = [&](std::int64_t n, char designator) {
    if (n != 0) out += std::to_string(n) + designator;
  };
  part(d.years, 'Y');
  part(d.months, 'M');
  part(d.weeks, 'W');
  part(d.days, 'D');
  if (d.hours != 0 || d.minutes != 0 || d.seconds != 0) out += 'T';
  part(d.hours, 'H');
  part(d.minutes, 'M');
  part(d.seconds, 'S');
  return out;
}

bool is_zero(const Duration& d) { return d == Duration{}; }

std::chrono::sys_days add_duration(std::chrono::sys_days day, const Duration& d) {
  using namespace std::chrono;
  year_month_day ymd{day};
  auto ym = year_month{ymd.year(), ymd.month()} + years{d.years} + months{d.months};
  auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  auto dd = ymd.day() > last ? last : ymd.day();
  return sys_days{year_month_day{ym.year(), ym.month(), dd}} + days{d.weeks * 7 + d.days};
}

}  // namespace loket::common
