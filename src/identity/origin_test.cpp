// The Origin check of state-changing requests: our public URL, and in make run's loopback set-up
// whichever loopback name the browser used.
#include <gtest/gtest.h>

#include "identity/auth.hpp"

namespace loket::identity {
namespace {

TEST(OwnOrigin, PublicUrlAlwaysCounts) {
  EXPECT_TRUE(is_own_origin("https://loket.example.nl", "https://loket.example.nl", false,
                            "loket.example.nl"));
  EXPECT_FALSE(
      is_own_origin("https://evil.example", "https://loket.example.nl", false, "loket.example.nl"));
  EXPECT_FALSE(is_own_origin("null", "https://loket.example.nl", true, "127.0.0.1:8080"));
}

TEST(OwnOrigin, LoopbackNameOfTheHostWhenListeningOnLoopback) {
  const char* pub = "http://localhost:8080";
  EXPECT_TRUE(is_own_origin("http://localhost:8080", pub, false, "127.0.0.1:8080"));
  EXPECT_FALSE(is_own_origin("http://127.0.0.1:8080", pub, false, "127.0.0.1:8080"));
  EXPECT_TRUE(is_own_origin("http://127.0.0.1:8080", pub, true, "127.0.0.1:8080"));
  EXPECT_TRUE(is_own_origin("http://[::1]:8080", pub, true, "[::1]:8080"));
  // Another port on the same machine is another site; so is an Origin that is not the Host.
  EXPECT_FALSE(is_own_origin("http://127.0.0.1:3000", pub, true, "127.0.0.1:8080"));
  EXPECT_FALSE(
      is_own_origin("http://localhost:8080", "https://loket.example.nl", true, "127.0.0.1:8080"));
  // Only loopback names: a real deployment's host is its public URL.
  EXPECT_FALSE(is_own_origin("http://loket.example.nl", "https://loket.example.nl", true,
                             "loket.example.nl"));
  EXPECT_FALSE(is_own_origin("https://127.0.0.1:8080", pub, true, "127.0.0.1:8080"));
}

}  // namespace
}  // namespace loket::identity
