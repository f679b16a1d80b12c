// Lockout arithmetic.
#include "identity/lockout.hpp"

#include <algorithm>

namespace loket::identity {

LockoutDecision decide(const std::vector<std::int64_t>& failures, std::int64_t now,
                       std::int64_t max_failures, const LockoutPolicy& p) {
  std::vector<std::int64_t> recent;
  for (auto t : failures) {
    if (t > now - p.window) recent.push_back(t);
  }
  if (recent.empty()) return {};
  std::sort(recent.begin(), recent.end());
  auto count = static_cast<std::int64_t>(recent.size());
  if (count >= max_failures) {
    return {false, std::max<std::int64_t>(1, recent.front() + p.window - now)};
  }
  if (count <= p.free_failures) return {};
  auto exponent = std::min<std::int64_t>(count - p.free_failures - 1, 20);
  auto delay = std::min<std::int64_t>(p.first_delay << exponent, p.max_delay);
  auto until = recent.back() + delay;
  if (now >= until) return {};
  return {false, until - now};
}

}  // namespace loket::identity
