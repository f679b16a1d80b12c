// RFC 3339 moments to the microsecond; see instant.hpp.
#include "common/instant.hpp"

#include <cstdio>

namespace loket::common {

std::string format_instant_micros(std::chrono::system_clock::time_point t) {
  auto micros = std::chrono::time_point_cast<std::chrono::microseconds>(t);
  auto day = std::chrono::floor<std::chrono::days>(micros);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss time{micros - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()),
                static_cast<int>(time.subseconds().count()));
  return buf;
}

std::string now_micros() { return format_instant_micros(std::chrono::system_clock::now()); }

std::string today(int offset_days) {
  std::chrono::year_month_day ymd{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) +
      std::chrono::days(offset_days)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace loket::common
