// The consultation's pure rules: postcodes and postcode ranges.
#include "cases/consultation.hpp"

#include <gtest/gtest.h>

namespace loket::cases {
namespace {

TEST(ConsultationRules, PostcodesAreNormalised) {
  EXPECT_EQ(normalise_postcode("3511 ab"), "3511AB");
  EXPECT_EQ(normalise_postcode("3511AB"), "3511AB");
  EXPECT_FALSE(normalise_postcode("0511AB"));  // no Dutch postcode starts with 0
  EXPECT_FALSE(normalise_postcode("3511A"));
  EXPECT_FALSE(normalise_postcode("35111B"));
  EXPECT_FALSE(normalise_postcode("3511É1"));
}

TEST(ConsultationRules, RangesCoverTheirBounds) {
  auto area = parse_postcode_ranges("3511AA-3511ZZ, 3584 , 3600-3699");
  ASSERT_TRUE(area);
  ASSERT_EQ(area->size(), 3u);
  EXPECT_TRUE(in_area(*area, "3511AB"));
  EXPECT_TRUE(in_area(*area, "3584 CS"));  // a four-digit bound covers all its letters
  EXPECT_TRUE(in_area(*area, "3650KL"));
  EXPECT_TRUE(in_area(*area, "3699ZZ"));
  EXPECT_FALSE(in_area(*area, "3512AA"));
  EXPECT_FALSE(in_area(*area, "3700AA"));
  EXPECT_FALSE(in_area(*area, "not a postcode"));
}

TEST(ConsultationRules, BadRangesAreRefused) {
  EXPECT_FALSE(parse_postcode_ranges(""));
  EXPECT_FALSE(parse_postcode_ranges("Utrecht"));
  EXPECT_FALSE(parse_postcode_ranges("3600-3500"));  // backwards
  EXPECT_FALSE(parse_postcode_ranges("3511AA-"));
  EXPECT_TRUE(parse_postcode_ranges(" , 3511,"));  // empty parts are skipped
}

}  // namespace
}  // namespace loket::cases
