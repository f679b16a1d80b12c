// JOSE plumbing: strict compact parts, HS256 with libcjose (the RFC 7515 example, and the same
// tokens as a plain HMAC-SHA256), the guards in front of libcjose, and NumericDate claims.
#include "common/jose.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <limits>
#include <stdexcept>

#include "common/base64.hpp"

namespace loket::common::jose {
namespace {

constexpr std::string_view kSecret = "a-shared-secret-of-some-length";

std::string hmac_sha256(std::string_view key, std::string_view data) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
  return mac;
}

// A token over any header text, its MAC cut to `mac_bytes` (a real HS256 MAC has 32).
std::string hand_made(std::string_view header, std::string_view payload,
                      std::size_t mac_bytes = 32) {
  auto input = base64url_encode(header) + "." + base64url_encode(payload);
  return input + "." + base64url_encode(hmac_sha256(kSecret, input).substr(0, mac_bytes));
}

TEST(JoseSplit, TakesThreeStrictBase64urlPartsOnly) {
  auto parts = split("eyJ9.e30.c2ln");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->header, "eyJ9");
  EXPECT_EQ(parts->payload, "e30");
  EXPECT_EQ(parts->signature, "c2ln");
  EXPECT_TRUE(split(".."));
  for (const char* bad : {"", "a", "e30.e30", "e30.e30.e30.e30", "e30=.e30.e30", "e30.e3=0.e30",
                          "e30.e30.c2ln=", "e30.e 30.e30", "e30.e30.+/8"}) {
    EXPECT_FALSE(split(bad)) << bad;
  }
}

TEST(JoseHs256, VerifiesTheRfc7515Example) {
  // RFC 7515 appendix A.1: its header has a line break and its own key order.
  auto key = base64url_decode(
      "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
  ASSERT_TRUE(key);
  constexpr std::string_view kToken =
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0"
      "cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  auto payload = verify_hs256(kToken, *key);
  ASSERT_TRUE(payload);
  EXPECT_EQ(*payload,
            "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
  EXPECT_FALSE(verify_hs256(kToken, kSecret));
}

TEST(JoseHs256, SignsWhatAPlainHmacSignsAndRoundTrips) {
  for (std::string_view payload : {std::string_view(R"({"iss":"app"})"), std::string_view(""),
                                   std::string_view("not JSON \x01\xff")}) {
    auto token = sign_hs256(payload, kSecret);
    EXPECT_EQ(token, hand_made(R"({"alg":"HS256","typ":"JWT"})", payload));
    EXPECT_EQ(verify_hs256(token, kSecret), std::string(payload));
  }
  EXPECT_THROW(sign_hs256("{}", ""), std::invalid_argument);
}

TEST(JoseHs256, RefusesAnotherSecretAlgorithmOrMacLength) {
  auto token = sign_hs256("{}", kSecret);
  EXPECT_FALSE(verify_hs256(token, "another-secret-of-some-length"));
  EXPECT_FALSE(verify_hs256(token, ""));
  // A MAC cut short or left out never reaches libcjose's comparison (which would read past it).
  for (std::size_t bytes : {0, 1, 16, 31}) {
    EXPECT_FALSE(verify_hs256(hand_made(R"({"alg":"HS256"})", "{}", bytes), kSecret)) << bytes;
  }
  EXPECT_FALSE(verify_hs256(token + "A", kSecret));
  for (const char* header : {R"({"alg":"none"})", R"({"alg":"HS384"})", R"({"alg":"HS512"})",
                             R"({"alg":"hs256"})", R"({"typ":"JWT"})", R"({"alg":5})", "[]",
                             "not JSON", R"({"alg":"HS256","x":"a\u0000b"})"}) {
    EXPECT_FALSE(verify_hs256(hand_made(header, "{}"), kSecret)) << header;
  }
  // Our reader and libcjose's take the last of two alg members alike; either way libcjose's
  // reading decides.
  EXPECT_TRUE(verify_hs256(hand_made(R"({"alg":"none","alg":"HS256"})", "{}"), kSecret));
  EXPECT_FALSE(verify_hs256(hand_made(R"({"alg":"HS256","alg":"none"})", "{}"), kSecret));
}

TEST(JoseVerify, ChecksTheAlgorithmAndTheKeyTypeBeforeLibcjose) {
  constexpr std::string_view kHs256[] = {"HS256"};
  constexpr std::string_view kPublicKeyAlgs[] = {"RS256", "ES256"};
  auto token = sign_hs256("{}", kSecret);
  auto oct =
      boost::json::serialize(boost::json::object{{"kty", "oct"}, {"k", base64url_encode(kSecret)}});
  std::string reason;
  EXPECT_EQ(verify(token, oct, kHs256, &reason), "{}") << reason;
  EXPECT_FALSE(verify(token, oct, kPublicKeyAlgs, &reason));
  EXPECT_EQ(reason, "algorithm not allowed: HS256");
  // An HMAC over a public key's bytes: never, whatever the caller allows.
  constexpr std::string_view kEcKey =
      R"({"kty":"EC","crv":"P-256","x":"WvRDchT4c9tmKlLOeBK1Hy3NLQ5ZunQDDQ9yDQJeVy0",)"
      R"("y":"gPlST-h3IEz6tjtDxvsPf9m5_ECEEaojSMBRvam9Db4"})";
  EXPECT_FALSE(verify(token, kEcKey, kHs256, &reason));
  EXPECT_EQ(reason, "key is not oct");
  EXPECT_FALSE(verify("e30=.e30.e30", oct, kHs256, &reason));
  EXPECT_EQ(reason, "not a compact JWS of base64url parts");
  EXPECT_FALSE(verify(token, "{}", kHs256, &reason));
  EXPECT_EQ(reason, "key unreadable");
}

TEST(JoseNumericDate, ReadsWholeSecondsInRangeOnly) {
  using State = NumericDate::State;
  boost::json::object claims{
      {"int", 1'800'000'000},   {"fraction", 1'800'000'000.5},
      {"max", kMaxNumericDate}, {"past_max", kMaxNumericDate + 1},
      {"negative", -1},         {"huge", std::numeric_limits<std::uint64_t>::max()},
      {"double_huge", 1e300},   {"text", "1800000000"},
      {"null", nullptr}};
  EXPECT_EQ(numeric_date(claims, "int").seconds, 1'800'000'000);
  EXPECT_TRUE(numeric_date(claims, "int").valid());
  EXPECT_EQ(numeric_date(claims, "fraction").seconds, 1'800'000'000);
  EXPECT_EQ(numeric_date(claims, "max").seconds, kMaxNumericDate);
  for (const char* name : {"past_max", "negative", "huge", "double_huge"}) {
    EXPECT_EQ(numeric_date(claims, name).state, State::OutOfRange) << name;
  }
  EXPECT_EQ(numeric_date(claims, "text").state, State::NotANumber);
  EXPECT_EQ(numeric_date(claims, "null").state, State::NotANumber);
  EXPECT_FALSE(numeric_date(claims, "absent").present());
}

}  // namespace
}  // namespace loket::common::jose
