// Base64 helpers: RFC 4648 test vectors and strict decoding.
#include "common/base64.hpp"

#include <gtest/gtest.h>

namespace loket::common {
namespace {

TEST(Base64, EncodesTheRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Base64, UrlDecodingIsStrict) {
  EXPECT_EQ(base64url_decode("-_8"), std::string("\xfb\xff"));
  EXPECT_EQ(base64url_decode(""), std::string());
  EXPECT_FALSE(base64url_decode("Zg=="));  // padding
  EXPECT_FALSE(base64url_decode("Z=g"));   // '=' inside: libcjose would abort on it
  EXPECT_FALSE(base64url_decode("+/8"));   // the standard alphabet
  EXPECT_FALSE(base64url_decode("Zm 9v"));
}

}  // namespace
}  // namespace loket::common
