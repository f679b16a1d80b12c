#include "privacy/bsn.hpp"

#include <gtest/gtest.h>

namespace loket::privacy {
namespace {

TEST(Bsn, ElevenTest) {
  // 999993653: 9*9+8*9+7*9+6*9+5*9+4*3+3*6+2*5-3 = 330 = 30*11.
  EXPECT_TRUE(is_valid_bsn("999993653"));
  // 111222333: 9+8+7+12+10+8+9+6-3 = 66 = 6*11.
  EXPECT_TRUE(is_valid_bsn("111222333"));
  EXPECT_TRUE(is_valid_bsn("123456782"));
  EXPECT_FALSE(is_valid_bsn("999993654"));
  EXPECT_FALSE(is_valid_bsn("000000000"));
  for (auto bad : {"", "99999365", "9999936530", "99999365a", " 99999365", "999 93653"}) {
    EXPECT_FALSE(is_valid_bsn(bad)) << bad;
  }
}

TEST(Bsn, MaskKeepsLastFour) {
  EXPECT_EQ(mask_bsn("999993653"), "*****3653");
  EXPECT_EQ(mask_bsn("123"), "***");
}

}  // namespace
}  // namespace loket::privacy
