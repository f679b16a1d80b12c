// ISO 8601 durations: what the reader takes and refuses, the writer's round trip, and the date
// arithmetic at the ends of months.
#include "common/duration.hpp"

#include <gtest/gtest.h>

namespace loket::common {
namespace {

using namespace std::chrono;

TEST(ParseDuration, AcceptsIso8601Durations) {
  auto d = parse_duration("P1Y6M2W3DT4H5M6S");
  ASSERT_TRUE(d);
  EXPECT_EQ(
      *d,
      (Duration{
          .years = 1, .months = 6, .weeks = 2, .days = 3, .hours = 4, .minutes = 5, .seconds = 6}));
  EXPECT_TRUE(parse_duration("P30D"));
  EXPECT_TRUE(parse_duration("P8W"));
  EXPECT_TRUE(parse_duration("PT12H"));
  EXPECT_TRUE(parse_duration("P0D"));
  EXPECT_EQ(parse_duration("P1M")->months, 1);
  EXPECT_EQ(parse_duration("PT1M")->minutes, 1);
}

TEST(ParseDuration, RefusesMalformedDurations) {
  for (const char* bad : {"",      "P",     "PT",     "P1DT",  "P1YT",
                          "1D",    "P1",    "PD",     "P1H",   "PT1D",
                          "P1D1Y", "P1D1D", "PT1S1H", "P1.5D", "P-1D",
                          "p1d",   "P1DT1", "P 1D",   "PTT1H", "P99999999999999999999D"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
}

TEST(FormatDuration, WritesTheShortestFormAndRoundTrips) {
  EXPECT_EQ(format_duration({.days = 30}), "P30D");
  EXPECT_EQ(format_duration({.years = 1, .months = 6}), "P1Y6M");
  EXPECT_EQ(format_duration({.hours = 12}), "PT12H");
  EXPECT_EQ(format_duration({.months = 1, .minutes = 1}), "P1MT1M");
  EXPECT_EQ(format_duration({}), "P0D");
  for (const char* text : {"P1Y6M2W3DT4H5M6S", "P30D", "P8W", "PT12H", "P1M", "PT1M", "P0D"}) {
    auto d = parse_duration(text);
    ASSERT_TRUE(d) << text;
    EXPECT_EQ(format_duration(*d), text);
    EXPECT_EQ(parse_duration(format_duration(*d)), d) << text;
  }
}

TEST(IsZero, OnlyWhenEveryPartIsZero) {
  EXPECT_TRUE(is_zero(*parse_duration("P0D")));
  EXPECT_TRUE(is_zero(*parse_duration("PT0S")));
  EXPECT_TRUE(is_zero(*parse_duration("P0Y0M0W0DT0H0M0S")));
  EXPECT_FALSE(is_zero(*parse_duration("PT1S")));
}

TEST(AddDuration, ClampsToTheEndOfTheMonth) {
  auto day = sys_days{2024y / January / 31};
  EXPECT_EQ(add_duration(day, *parse_duration("P1M")), sys_days{2024y / February / 29});
  EXPECT_EQ(add_duration(day, *parse_duration("P1Y1M")), sys_days{2025y / February / 28});
  EXPECT_EQ(add_duration(day, *parse_duration("P2W1D")), sys_days{2024y / February / 15});
  EXPECT_EQ(add_duration(day, *parse_duration("PT23H")), day);
}

}  // namespace
}  // namespace loket::common
