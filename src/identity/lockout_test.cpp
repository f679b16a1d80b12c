#include "identity/lockout.hpp"

#include <gtest/gtest.h>

namespace loket::identity {
namespace {

TEST(Lockout, FreeFailuresThenGrowingDelays) {
  LockoutPolicy p;
  std::vector<std::int64_t> f{100'000, 101'000, 102'000};
  EXPECT_TRUE(decide(f, 102'100, p.max_per_account, p).allowed);
  f.push_back(103'000);  // 4th failure: wait 1 s
  EXPECT_FALSE(decide(f, 103'100, p.max_per_account, p).allowed);
  EXPECT_EQ(decide(f, 103'100, p.max_per_account, p).retry_after, 900);
  EXPECT_TRUE(decide(f, 104'000, p.max_per_account, p).allowed);
  f.push_back(104'000);  // 5th: 2 s
  EXPECT_EQ(decide(f, 104'000, p.max_per_account, p).retry_after, 2000);
  for (int i = 0; i < 20; ++i) f.push_back(105'000);
  EXPECT_EQ(decide(f, 105'000, p.max_per_account, p).retry_after, p.max_delay);
}

TEST(Lockout, HourlyMaximumHoldsUntilTheOldestFailureExpires) {
  LockoutPolicy p;
  std::vector<std::int64_t> f(100, 0);
  f[0] = -100'000;
  auto d = decide(f, 1'000'000, p.max_per_account, p);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, 3'600'000 - 100'000 - 1'000'000);
  EXPECT_TRUE(decide(f, 10'000'000, p.max_per_account, p).allowed);  // all outside the window
}

}  // namespace
}  // namespace loket::identity
