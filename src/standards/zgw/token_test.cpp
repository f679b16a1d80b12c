// verify_token: the signature, the algorithm, the required claims and the iat window.
#include "standards/zgw/token.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <limits>
#include <string>
#include <variant>

namespace loket::zgw {
namespace {

constexpr std::string_view kSecret = "a-shared-secret-of-some-length";
constexpr std::int64_t kNow = 1'800'000'000;

std::string b64url(std::string_view in) {
  std::string out(sodium_base64_encoded_len(in.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()),
                    in.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);
  return out;
}

std::string hmac(std::string_view key, std::string_view data) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
  return mac;
}

// A JWT with any header and payload, signed HMAC-SHA256 with `key` (whatever the header says).
std::string jwt(const boost::json::object& header, const boost::json::object& payload,
                std::string_view key = kSecret) {
  auto input =
      b64url(boost::json::serialize(header)) + "." + b64url(boost::json::serialize(payload));
  return input + "." + b64url(hmac(key, input));
}

boost::json::object hs256() { return {{"alg", "HS256"}, {"typ", "JWT"}}; }
boost::json::object claims(std::int64_t iat = kNow) {
  return {{"iss", "app"}, {"iat", iat}, {"client_id", "app"}};
}

TokenRules rules() { return {.now = kNow, .clock_skew = 60, .max_age = 3600}; }

bool accepted(const std::variant<TokenClaims, std::string>& r) {
  return std::holds_alternative<TokenClaims>(r);
}
std::string reason(const std::variant<TokenClaims, std::string>& r) {
  return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : "";
}

TEST(VerifyToken, AcceptsAValidTokenAndReadsItsClaims) {
  auto payload = claims();
  payload["user_id"] = "u-123";
  payload["user_representation"] = "Willy De Kooning";
  auto r = verify_token(jwt(hs256(), payload), kSecret, rules());
  ASSERT_TRUE(accepted(r)) << reason(r);
  const auto& c = std::get<TokenClaims>(r);
  EXPECT_EQ(c.client_id, "app");
  EXPECT_EQ(c.iss, "app");
  EXPECT_EQ(c.iat, kNow);
  EXPECT_EQ(c.user_id, "u-123");
  EXPECT_EQ(c.user_representation, "Willy De Kooning");
}

TEST(VerifyToken, SignTokenRoundTrips) {
  auto token = sign_token({.iss = "x", .iat = kNow, .client_id = "x", .user_id = "u"}, kSecret);
  auto r = verify_token(token, kSecret, rules());
  ASSERT_TRUE(accepted(r)) << reason(r);
  EXPECT_EQ(std::get<TokenClaims>(r).user_id, "u");
  EXPECT_EQ(peek_client_id(token), "x");
}

TEST(VerifyToken, RefusesAnotherSecret) {
  EXPECT_FALSE(accepted(verify_token(jwt(hs256(), claims(), "another-secret"), kSecret, rules())));
}

TEST(VerifyToken, RefusesATamperedPayload) {
  auto good = jwt(hs256(), claims());
  auto first = good.find('.');
  auto second = good.find('.', first + 1);
  auto forged = claims();
  forged["client_id"] = "admin";
  auto tampered =
      good.substr(0, first + 1) + b64url(boost::json::serialize(forged)) + good.substr(second);
  EXPECT_FALSE(accepted(verify_token(tampered, kSecret, rules())));
}

TEST(VerifyToken, RefusesAnEmptyOrTruncatedSignature) {
  auto good = jwt(hs256(), claims());
  auto cut = good.rfind('.');
  EXPECT_FALSE(accepted(verify_token(good.substr(0, cut + 1), kSecret, rules())));
  EXPECT_FALSE(accepted(verify_token(good.substr(0, good.size() - 4), kSecret, rules())));
}

TEST(VerifyToken, RefusesAlgNoneAndEveryOtherAlgorithm) {
  for (const char* alg :
       {"none", "None", "NONE", "HS384", "HS512", "RS256", "ES256", "hs256", ""}) {
    auto r = verify_token(jwt({{"alg", alg}, {"typ", "JWT"}}, claims()), kSecret, rules());
    EXPECT_FALSE(accepted(r)) << alg;
    EXPECT_NE(reason(r).find("HS256"), std::string::npos) << alg;
  }
  // alg none with an empty signature, as an attacker would send it.
  auto unsigned_token =
      b64url(R"({"alg":"none"})") + "." + b64url(boost::json::serialize(claims())) + ".";
  EXPECT_FALSE(accepted(verify_token(unsigned_token, kSecret, rules())));
  EXPECT_FALSE(accepted(verify_token(jwt({{"typ", "JWT"}}, claims()), kSecret, rules())));
}

TEST(VerifyToken, RefusesWhatIsNotAJwt) {
  for (const char* t : {"", "abc", "a.b", "a.b.c.d", "...", "not base64!.e30.sig", "e30.e30.e30"}) {
    EXPECT_FALSE(accepted(verify_token(t, kSecret, rules()))) << t;
  }
  // A header that is JSON but not an object.
  auto input = b64url("[]") + "." + b64url(boost::json::serialize(claims()));
  EXPECT_FALSE(
      accepted(verify_token(input + "." + b64url(hmac(kSecret, input)), kSecret, rules())));
}

TEST(VerifyToken, RequiresIssClientIdAndNumericIat) {
  for (const char* missing : {"iss", "client_id", "iat"}) {
    auto payload = claims();
    payload.erase(missing);
    EXPECT_FALSE(accepted(verify_token(jwt(hs256(), payload), kSecret, rules()))) << missing;
  }
  auto text_iat = claims();
  text_iat["iat"] = std::to_string(kNow);
  EXPECT_FALSE(accepted(verify_token(jwt(hs256(), text_iat), kSecret, rules())));
  auto blank = claims();
  blank["client_id"] = "";
  EXPECT_FALSE(accepted(verify_token(jwt(hs256(), blank), kSecret, rules())));
}

TEST(VerifyToken, AllowsClockSkewIntoTheFutureButNoMore) {
  EXPECT_TRUE(accepted(verify_token(jwt(hs256(), claims(kNow + 60)), kSecret, rules())));
  auto r = verify_token(jwt(hs256(), claims(kNow + 61)), kSecret, rules());
  EXPECT_FALSE(accepted(r));
  EXPECT_NE(reason(r).find("future"), std::string::npos);
}

TEST(VerifyToken, RefusesTokensOlderThanTheMaximumAgePlusSkew) {
  EXPECT_TRUE(accepted(verify_token(jwt(hs256(), claims(kNow - 3600 - 60)), kSecret, rules())));
  auto r = verify_token(jwt(hs256(), claims(kNow - 3600 - 61)), kSecret, rules());
  EXPECT_FALSE(accepted(r));
  EXPECT_NE(reason(r).find("expired"), std::string::npos);
  auto strict = rules();
  strict.max_age = 10;
  strict.clock_skew = 0;
  EXPECT_FALSE(accepted(verify_token(jwt(hs256(), claims(kNow - 11)), kSecret, strict)));
}

TEST(VerifyToken, HonoursExpAndNbfWhenPresent) {
  auto with = [](const char* name, boost::json::value v) {
    auto c = claims();
    c[name] = std::move(v);
    return jwt(hs256(), c);
  };
  EXPECT_TRUE(accepted(verify_token(with("exp", kNow + 10), kSecret, rules())));
  EXPECT_TRUE(accepted(verify_token(with("exp", kNow - 60), kSecret, rules())));  // skew
  EXPECT_FALSE(accepted(verify_token(with("exp", kNow - 61), kSecret, rules())));
  EXPECT_FALSE(accepted(verify_token(with("exp", "tomorrow"), kSecret, rules())));
  EXPECT_TRUE(accepted(verify_token(with("nbf", kNow + 60), kSecret, rules())));
  EXPECT_FALSE(accepted(verify_token(with("nbf", kNow + 61), kSecret, rules())));
}

// F8: a signed token with iat or exp at or past 2^63 gave a 500 (the conversion threw), and
// nbf: 1e300 was accepted (the double's conversion to an integer is undefined).
TEST(VerifyToken, RefusesNumericDatesOutOfRange) {
  auto with = [](const char* name, boost::json::value v) {
    auto c = claims();
    c[name] = std::move(v);
    return jwt(hs256(), c);
  };
  const boost::json::value huge[] = {std::uint64_t{1} << 63,
                                     std::numeric_limits<std::uint64_t>::max(),
                                     1e300,
                                     -1e300,
                                     static_cast<double>(kMaxNumericDate) + 2,
                                     std::int64_t{-1},
                                     std::numeric_limits<std::int64_t>::min(),
                                     kMaxNumericDate + 1};
  for (const auto* name : {"iat", "exp", "nbf"}) {
    for (const auto& v : huge) {
      auto r = verify_token(with(name, v), kSecret, rules());
      EXPECT_FALSE(accepted(r)) << name << " = " << boost::json::serialize(v);
      EXPECT_NE(reason(r).find(name), std::string::npos) << reason(r);
    }
  }
  // A far but sane exp is fine; a fractional iat is read as whole seconds.
  EXPECT_TRUE(accepted(verify_token(with("exp", kMaxNumericDate), kSecret, rules())));
  EXPECT_TRUE(
      accepted(verify_token(with("iat", static_cast<double>(kNow) + 0.5), kSecret, rules())));
}

TEST(VerifyToken, ReasonsNeverQuoteTheToken) {
  auto token = jwt(hs256(), claims(), "wrong-secret");
  auto r = verify_token(token, kSecret, rules());
  ASSERT_FALSE(accepted(r));
  EXPECT_EQ(reason(r).find(token.substr(token.rfind('.') + 1)), std::string::npos);
}

TEST(BearerToken, ReadsTheBearerSchemeOnly) {
  EXPECT_EQ(bearer_token("Bearer abc"), "abc");
  EXPECT_EQ(bearer_token("bearer abc"), "abc");
  EXPECT_EQ(bearer_token("Bearer    abc"), "abc");
  EXPECT_FALSE(bearer_token("Basic abc"));
  EXPECT_FALSE(bearer_token("Bearer "));
  EXPECT_FALSE(bearer_token("Bearer"));
  EXPECT_FALSE(bearer_token(""));
}

TEST(PeekClientId, NeedsAStringClientId) {
  EXPECT_EQ(peek_client_id(jwt(hs256(), claims())), "app");
  auto numeric = claims();
  numeric["client_id"] = 5;
  EXPECT_FALSE(peek_client_id(jwt(hs256(), numeric)));
  EXPECT_FALSE(peek_client_id("garbage"));
  auto with_nul = claims();
  with_nul["client_id"] = std::string("app\0x", 5);
  EXPECT_FALSE(peek_client_id(jwt(hs256(), with_nul)));
  EXPECT_FALSE(accepted(verify_token(jwt(hs256(), with_nul), kSecret, rules())));
}

}  // namespace
}  // namespace loket::zgw
