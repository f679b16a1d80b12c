// Moments as the registry stores them: UTC, RFC 3339, to the microsecond, so that records made
// one after the other in one process sort in that order (audit trail, versions, relations).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace loket::common {

// "2026-03-02T10:15:30.123456Z".
std::string format_instant_micros(std::chrono::system_clock::time_point t);
// The same for now.
std::string now_micros();
// An RFC 3339 date-time (any offset, a fraction of any length) as the same moment in UTC to the
// microsecond, "2026-03-02T09:15:30.123000Z", so that moments compare as text whatever form a
// client sent ("…:30Z" sorts after "…:30.5Z" as written, and "+01:00" not at all); nullopt when
// the text is no such date-time.
std::optional<std::string> normalise_instant(std::string_view rfc3339);
// Today's date in UTC as "2026-03-02"; `offset_days` later (or earlier, when negative).
std::string today(int offset_days = 0);

}  // namespace loket::common
