// How often someone may fail to log in: pure rules, fed with the recent failures from the
// database, so that several servers share one count.
#pragma once

#include <cstdint>
#include <vector>

namespace loket::identity {

struct LockoutPolicy {
  std::int64_t window = 3600;          // seconds over which failures count
  std::int64_t max_per_account = 100;  // failures per account per window
  std::int64_t max_per_address = 300;  // failures per IP address per window
  std::int64_t free_failures = 3;      // failures before delays start
  std::int64_t max_delay = 900;        // seconds
};

struct LockoutDecision {
  bool allowed = true;
  std::int64_t retry_after = 0;  // seconds, when not allowed
};

// `failures` are the times (seconds) of failures within the window, any order.
// Delays grow 1, 2, 4, … seconds after the free failures, up to max_delay; past the hourly
// maximum the subject waits until the oldest failure leaves the window.
LockoutDecision decide(const std::vector<std::int64_t>& failures, std::int64_t now,
                       std::int64_t max_failures, const LockoutPolicy& policy);

}  // namespace loket::identity
