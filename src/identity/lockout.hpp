// How often someone may fail to log in: pure rules, fed with the recent failures from the
// database, so that several servers share one count.
#pragma once

#include <cstdint>
#include <vector>

namespace loket::identity {

// Times are in milliseconds: with whole seconds, a one-second delay could lapse between two
// quick attempts that straddle a second boundary.
struct LockoutPolicy {
  std::int64_t window = 3'600'000;     // over which failures count
  std::int64_t max_per_account = 100;  // failures per account per window
  std::int64_t max_per_address = 300;  // failures per IP address per window
  std::int64_t free_failures = 3;      // failures before delays start
  std::int64_t first_delay = 1000;     // after the first failure past the free ones; doubles
  std::int64_t max_delay = 900'000;
};

struct LockoutDecision {
  bool allowed = true;
  std::int64_t retry_after = 0;  // milliseconds, when not allowed
};

// `failures` are the times of failures within the window, any order. Delays grow 1, 2, 4, …
// seconds after the free failures, up to max_delay; past the hourly maximum the subject waits
// until the oldest failure leaves the window.
LockoutDecision decide(const std::vector<std::int64_t>& failures, std::int64_t now,
                       std::int64_t max_failures, const LockoutPolicy& policy);

}  // namespace loket::identity
