// The dashboard's percentiles: nearest rank over sorted lead times.
#include "cases/case_insight.hpp"

#include <gtest/gtest.h>

namespace loket::cases {
namespace {

TEST(CaseInsight, PercentileByNearestRank) {
  EXPECT_EQ(percentile({}, 0.5), 0);
  EXPECT_EQ(percentile({7}, 0.5), 7);
  EXPECT_EQ(percentile({7}, 0.9), 7);
  std::vector<std::int64_t> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(percentile(v, 0.5), 5);
  EXPECT_EQ(percentile(v, 0.9), 9);
  EXPECT_EQ(percentile(v, 1.0), 10);
  EXPECT_EQ(percentile(v, 0.0), 1);
}

}  // namespace
}  // namespace loket::cases
