#include "http/form.hpp"

#include <gtest/gtest.h>

namespace loket::http {
namespace {

TEST(Form, DecodesFields) {
  EXPECT_EQ(form_field("a=1&logout_token=x.y.z&c=a+b%21", "logout_token"), "x.y.z");
  EXPECT_EQ(form_field("a=1&c=a+b%21", "c"), "a b!");
  EXPECT_EQ(form_field("flag&a=1", "flag"), "");
  EXPECT_EQ(form_field("a=1", "b"), std::nullopt);
  EXPECT_EQ(form_field("a=%zz", "a"), std::nullopt);
  EXPECT_EQ(form_field("a=%4", "a"), std::nullopt);
  EXPECT_EQ(form_field("", "a"), std::nullopt);
}

}  // namespace
}  // namespace loket::http
