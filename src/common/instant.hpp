// Moments as the registry stores them: UTC, RFC 3339, to the microsecond, so that records made
// one after the other in one process sort in that order (audit trail, versions, relations).
#pragma once

#include <chrono>
#include <string>

namespace loket::common {

// "2026-03-02T10:15:30.123456Z".
std::string format_instant_micros(std::chrono::system_clock::time_point t);
// The same for now.
std::string now_micros();
// Today's date in UTC as "2026-03-02"; `offset_days` later (or earlier, when negative).
std::string today(int offset_days = 0);

}  // namespace loket::common
