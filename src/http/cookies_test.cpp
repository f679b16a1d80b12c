#include "http/cookies.hpp"

#include <gtest/gtest.h>

namespace loket::http {
namespace {

TEST(Cookies, FindsByExactName) {
  Request r;
  r.headers.add("Cookie", "a=1; __Host-loket_session=abc; b=\"q\"");
  r.headers.add("Cookie", "c=3");
  EXPECT_EQ(cookie(r, "__Host-loket_session"), "abc");
  EXPECT_EQ(cookie(r, "b"), "q");
  EXPECT_EQ(cookie(r, "c"), "3");
  EXPECT_EQ(cookie(r, "loket_session"), std::nullopt);
  EXPECT_EQ(cookie(Request{}, "a"), std::nullopt);
}

TEST(Cookies, SetCookieHasTheSecureDefaults) {
  EXPECT_EQ(set_cookie("__Host-x", "v", {}), "__Host-x=v; Path=/; Secure; HttpOnly; SameSite=Lax");
  CookieOptions gone;
  gone.max_age = 0;
  EXPECT_EQ(set_cookie("__Host-x", "", gone),
            "__Host-x=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax");
}

}  // namespace
}  // namespace loket::http
