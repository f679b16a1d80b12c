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

TEST(Instant, NormalisedMomentsCompareAsText) {
  EXPECT_EQ(normalise_instant("2026-12-01T15:40:15Z"), "2026-12-01T15:40:15.000000Z");
  EXPECT_EQ(normalise_instant("2026-12-01T15:40:15.718Z"), "2026-12-01T15:40:15.718000Z");
  EXPECT_EQ(normalise_instant("2026-12-01t15:40:15.123456789z"), "2026-12-01T15:40:15.123456Z");
  EXPECT_EQ(normalise_instant("2026-12-01T16:40:15+01:00"), "2026-12-01T15:40:15.000000Z");
  EXPECT_EQ(normalise_instant("2026-12-31T23:30:00-01:00"), "2027-01-01T00:30:00.000000Z");
  EXPECT_EQ(normalise_instant("2026-03-01T00:15:00+00:30"), "2026-02-28T23:45:00.000000Z");
  for (const char* bad :
       {"", "2026-12-01", "2026-12-01T15:40:15", "2026-02-30T10:00:00Z", "2026-12-01T24:00:00Z",
        "2026-12-01T15:40:15.Z", "2026-12-01T15:40:15+1", "2026-12-01T15:40:15Zx",
        "2026-12-01T15:40:15+01:00:00", "2026-12-01 15:40:15Z"}) {
    EXPECT_EQ(normalise_instant(bad), std::nullopt) << bad;
  }
  EXPECT_LT(*normalise_instant("2026-12-01T15:40:15Z"),
            *normalise_instant("2026-12-01T15:40:15.5Z"));
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
