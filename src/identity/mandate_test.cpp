#include "identity/mandate.hpp"

#include <gtest/gtest.h>

namespace loket::identity {
namespace {

TEST(Mandate, EndOfDayAndBack) {
  EXPECT_EQ(end_of_day("1970-01-01"), 86399);
  EXPECT_EQ(end_of_day("2026-11-28"), 1795910399);  // date -u -d '2026-11-28 23:59:59' +%s
  EXPECT_EQ(date_of(1795910399), "2026-11-28");
  EXPECT_EQ(date_of(*end_of_day("2028-02-29")), "2028-02-29");
  for (auto bad : {"2027-02-29", "2026-13-01", "2026-00-10", "2026-1-1", "26-11-28",
                   "2026-11-28T00", "abcd-ef-gh", "1969-12-31"}) {
    EXPECT_EQ(end_of_day(bad), std::nullopt) << bad;
  }
}

TEST(Mandate, ActiveOnlyWithinItsPeriodAndUntilRevoked) {
  Mandate m;
  m.valid_from = 100;
  m.valid_until = 200;
  EXPECT_FALSE(is_active(m, 99));
  EXPECT_TRUE(is_active(m, 100));
  EXPECT_TRUE(is_active(m, 200));
  EXPECT_FALSE(is_active(m, 201));
  m.revoked_at = 150;
  EXPECT_FALSE(is_active(m, 120));
}

}  // namespace
}  // namespace loket::identity
