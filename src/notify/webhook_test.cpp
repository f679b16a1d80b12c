// The pure rules of webhook delivery: SSRF address ranges, callback URLs, backoff, signature.
#include "notify/webhook.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace loket::notify {
namespace {

TEST(WebhookAddress, RefusesInternalRanges) {
  for (const char* ip : {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                         "192.168.1.1", "169.254.169.254", "0.0.0.0", "224.0.0.1",
                         "255.255.255.255", "100.64.0.1", "::1", "::", "fc00::1", "fd12:3456::1",
                         "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"}) {
    EXPECT_FALSE(public_address(std::string_view(ip))) << ip;
  }
}

TEST(WebhookAddress, AllowsPublicOnes) {
  for (const char* ip : {"8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "1.1.1.1",
                         "2001:4860:4860::8888", "::ffff:8.8.8.8"}) {
    EXPECT_TRUE(public_address(std::string_view(ip))) << ip;
  }
}

TEST(WebhookCallback, OnlyHttpWithAHost) {
  EXPECT_FALSE(check_callback_url("https://example.org/cb"));
  EXPECT_FALSE(check_callback_url("http://example.org:8080/cb?x=1"));
  EXPECT_TRUE(check_callback_url("ftp://example.org/cb"));
  EXPECT_TRUE(check_callback_url("file:///etc/passwd"));
  EXPECT_TRUE(check_callback_url("gopher://example.org/"));
  EXPECT_TRUE(check_callback_url("http:///cb"));
  EXPECT_TRUE(check_callback_url("http://user:pw@example.org/cb"));
  EXPECT_TRUE(check_callback_url("http://example.org/a b"));
  EXPECT_EQ(host_port_of("http://Example.org:81/x"), "example.org:81");
  EXPECT_EQ(host_port_of("https://[::1]:8443/x"), "[::1]:8443");
}

TEST(WebhookBackoff, ExponentialWithFullJitterCappedAtAnHour) {
  EXPECT_EQ(backoff_delay(1, 0.999999), 3'999);
  EXPECT_EQ(backoff_delay(3, 0.5), 8'000);
  EXPECT_EQ(backoff_delay(40, 0.999999), 3'599'996);
  EXPECT_EQ(backoff_delay(5, 0.0), 1);  // never zero: at least a millisecond
  EXPECT_EQ(backoff_delay(20, 0.5, 0.001), 1'800);
  // A day of retries: the sum of the largest delays exceeds 24 hours only after many attempts,
  // so parking goes by elapsed time, not by a count.
}

TEST(WebhookSignature, IsHmacSha256OfTheBody) {
  ASSERT_GE(sodium_init(), 0);
  // RFC 4231 test case 2.
  EXPECT_EQ(signature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace loket::notify
