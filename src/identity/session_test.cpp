#include "identity/session.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace loket::identity {
namespace {

TEST(Session, TimeoutsIdleAndAbsolute) {
  SessionTimeouts t{900, 43200};
  EXPECT_EQ(session_status(0, 0, 899, t), SessionStatus::Active);
  EXPECT_EQ(session_status(0, 0, 900, t), SessionStatus::IdleExpired);
  EXPECT_EQ(session_status(0, 43000, 43199, t), SessionStatus::Active);
  EXPECT_EQ(session_status(0, 43100, 43200, t), SessionStatus::Expired);
}

TEST(Session, TokensAreLongRandomAndStoredHashed) {
  ASSERT_GE(sodium_init(), 0);
  auto a = random_token();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, random_token());
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Session, PkceS256MatchesRfc7636Example) {
  // RFC 7636 appendix B.
  EXPECT_EQ(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Session, OnlyLocalReturnPaths) {
  EXPECT_TRUE(is_local_path("/"));
  EXPECT_TRUE(is_local_path("/zaken/123?tab=2"));
  for (auto bad :
       {"", "//evil.example", "/\\evil.example", "https://evil.example", "zaken", "/a\nb"}) {
    EXPECT_FALSE(is_local_path(bad)) << bad;
  }
}

}  // namespace
}  // namespace loket::identity
