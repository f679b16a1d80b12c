#include "identity/lockout.hpp"

#include <gtest/gtest.h>

namespace loket::identity {
namespace {

TEST(Lockout, FreeFailuresThenGrowingDelays) {
  LockoutPolicy p;
  std::vector<std::int64_t> f{100, 101, 102};
  EXPECT_TRUE(decide(f, 103, p.max_per_account, p).allowed);
  f.push_back(103);  // 4th failure: wait 1 s
  EXPECT_FALSE(decide(f, 103, p.max_per_account, p).allowed);
  EXPECT_EQ(decide(f, 103, p.max_per_account, p).retry_after, 1);
  EXPECT_TRUE(decide(f, 104, p.max_per_account, p).allowed);
  f.push_back(104);  // 5th: 2 s
  EXPECT_EQ(decide(f, 104, p.max_per_account, p).retry_after, 2);
  for (int i = 0; i < 20; ++i) f.push_back(105);
  EXPECT_EQ(decide(f, 105, p.max_per_account, p).retry_after, p.max_delay);
}

TEST(Lockout, HourlyMaximumHoldsUntilTheOldestFailureExpires) {
  LockoutPolicy p;
  std::vector<std::int64_t> f(100, 0);
  f[0] = -100;
  auto d = decide(f, 1000, p.max_per_account, p);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, 3600 - 100 - 1000);
  EXPECT_TRUE(decide(f, 10000, p.max_per_account, p).allowed);  // all outside the window
}

}  // namespace
}  // namespace loket::identity
