// The 11-proef and masking of burgerservicenummers.
#include "privacy/bsn.hpp"

#include <gtest/gtest.h>

namespace loket::privacy {
namespace {

TEST(Bsn, ElevenTestAcceptsValidNumbers) {
  // 999993653: 81+72+63+54+45+12+18+10 - 3 = 352 = 32*11.
  EXPECT_TRUE(is_valid_bsn("999993653"));
  // 111222333: 9+8+7+12+10+8+9+6 - 3 = 66 = 6*11.
  EXPECT_TRUE(is_valid_bsn("111222333"));
  // 123456782: 9+16+21+24+25+24+21+16 - 2 = 154 = 14*11.
  EXPECT_TRUE(is_valid_bsn("123456782"));
  // 012345672 (leading zero kept): 0+8+14+18+20+20+18+14 - 2 = 110 = 10*11.
  EXPECT_TRUE(is_valid_bsn("012345672"));
}

TEST(Bsn, ElevenTestRejectsWrongCheckDigit) {
  // 999993654: 355 - 4 = 351 = 31*11 + 10.
  EXPECT_FALSE(is_valid_bsn("999993654"));
  // 123456789: 156 - 9 = 147 = 13*11 + 4.
  EXPECT_FALSE(is_valid_bsn("123456789"));
  // First digit mistyped: 199993653 gives 9+72+63+54+45+12+18+10 - 3 = 280 = 25*11 + 5.
  EXPECT_FALSE(is_valid_bsn("199993653"));
  // 000000000 passes the sum but is no number.
  EXPECT_FALSE(is_valid_bsn("000000000"));
}

TEST(Bsn, RejectsWrongShape) {
  // 12345672 is 012345672 without its leading zero: we do not guess the missing digit.
  for (auto bad : {"", "12345672", "99999365", "9999936530", "99999365a", " 99999365", "99999365 ",
                   "999 93653", "999.993.653", "+99993653", "-99993653", "٩٩٩٩٩٣٦٥٣"}) {
    EXPECT_FALSE(is_valid_bsn(bad)) << bad;
  }
  EXPECT_FALSE(is_valid_bsn(std::string_view("99999365\0", 9)));
}

TEST(Bsn, MaskKeepsLastFour) {
  EXPECT_EQ(mask_bsn("999993653"), "*****3653");
  EXPECT_EQ(mask_bsn("012345672"), "*****5672");
  EXPECT_EQ(mask_bsn("1234"), "****");
  EXPECT_EQ(mask_bsn("123"), "***");
  EXPECT_EQ(mask_bsn(""), "");
}

}  // namespace
}  // namespace loket::privacy
