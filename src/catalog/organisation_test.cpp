#include "catalog/organisation.hpp"

#include <gtest/gtest.h>

namespace loket::catalog {
namespace {

Organisation good() {
  return {"0b6e2a57-1c4e-4d53-9a43-2f1f3b5d2a01", "Gemeente Utrecht", "municipality",
          "00000001002220647000"};
}

TEST(Organisation, ValidPasses) { EXPECT_EQ(validate(good()), std::nullopt); }

TEST(Organisation, EachRuleNamesItsField) {
  auto o = good();
  o.id = "0B6E2A57-1C4E-4D53-9A43-2F1F3B5D2A01";
  EXPECT_EQ(validate(o)->substr(0, 3), "id:");
  o = good();
  o.name = "";
  EXPECT_EQ(validate(o)->substr(0, 5), "name:");
  o = good();
  o.kind = "country";
  EXPECT_EQ(validate(o)->substr(0, 5), "kind:");
  o = good();
  o.oin = "123";
  EXPECT_EQ(validate(o)->substr(0, 4), "oin:");
}

}  // namespace
}  // namespace loket::catalog
