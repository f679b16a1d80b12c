// The registry's moments: UTC, to the microsecond, zero-padded so that text order is time order.
#include "common/instant.hpp"

#include <gtest/gtest.h>

namespace loket::common {
namespace {

using namespace std::chrono;

TEST(Instant, FormatsUtcToTheMicrosecond) {
  sys_days day = year{2026} / 3 / 2;
  EXPECT_EQ(format_instant_micros(day + hours{10} + minutes{5} + seconds{7} + microseconds{42}),
            "2026-03-02T10:05:07.000042Z");
  EXPECT_EQ(format_instant_micros(day), "2026-03-02T00:00:00.000000Z");
  EXPECT_LT(format_instant_micros(day + microseconds{999999}),
            format_instant_micros(day + seconds{1}));
}

TEST(Instant, NowHasTheSameShape) {
  auto now = now_micros();
  ASSERT_EQ(now.size(), 27u);
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now.back(), 'Z');
}

TEST(Instant, TodayIsTheDateOfNowAndMovesByWholeDays) {
  auto before = now_micros().substr(0, 10);
  auto day = today();
  auto after = now_micros().substr(0, 10);
  // Around midnight the calls may fall on either side of it.
  EXPECT_TRUE(day == before || day == after) << day;
  ASSERT_EQ(day.size(), 10u);
  EXPECT_LT(today(-1), day);
  EXPECT_GT(today(1), day);
  EXPECT_LT(today(-400).substr(0, 4), day.substr(0, 4));
}

}  // namespace
}  // namespace loket::common
