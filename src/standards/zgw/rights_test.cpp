#include "standards/zgw/rights.hpp"

#include <gtest/gtest.h>

namespace loket::zgw {
namespace {

TEST(Rights, ScopeAlternativesAndTypes) {
  Client c;
  c.autorisaties.push_back({"zrc", {"zaken.lezen", "zaken.heropenen"}, "/zt/1", 3});
  EXPECT_TRUE(c.may("zrc", "zaken.lezen"));
  EXPECT_FALSE(c.may("zrc", "zaken.aanmaken"));
  EXPECT_TRUE(c.may("zrc", "zaken.aanmaken | zaken.heropenen"));
  EXPECT_TRUE(c.may("zrc", "zaken.aanmaken|zaken.heropenen", "/zt/1", 3));
  EXPECT_FALSE(c.may("zrc", "zaken.aanmaken | zaken.heropenen", "/zt/1", 4));
  EXPECT_FALSE(c.may("zrc", "zaken.aanmaken | zaken.heropenen", "/zt/2", 0));
  EXPECT_FALSE(c.may("zrc", "zaken.aanmaken | zaken.bijwerken"));
  EXPECT_EQ(c.grants("zrc", "zaken.bijwerken | zaken.lezen").size(), 1U);
  EXPECT_FALSE(c.may("ztc", "zaken.lezen"));
}

}  // namespace
}  // namespace loket::zgw
