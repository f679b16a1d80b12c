#include "identity/jwt.hpp"

#include <cjose/cjose.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <limits>
#include <memory>
#include <vector>

namespace loket::identity {
namespace {

std::string b64url(std::string_view s) {
  std::string out(sodium_base64_ENCODED_LEN(s.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()),
                    s.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

class JwtTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    cjose_err err{};
    static const std::uint8_t e[] = {0x01, 0x00, 0x01};
    key_ = cjose_jwk_create_RSA_random(2048, e, sizeof e, &err);
    ASSERT_NE(key_, nullptr);
    cjose_jwk_set_kid(key_, "k1", 2, &err);
    // cjose allocates with malloc; the unique_ptr gives it back with free.
    std::unique_ptr<char, void (*)(void*)> pub(cjose_jwk_to_json(key_, false, &err), std::free);
    auto jwk = boost::json::parse(pub.get()).as_object();
    jwk["use"] = "sig";
    jwks_ = boost::json::serialize(boost::json::object{{"keys", boost::json::array{jwk}}});
  }
  void TearDown() override { cjose_jwk_release(key_); }

  std::string sign(const boost::json::object& claims, const char* alg = "RS256") {
    cjose_err err{};
    cjose_header_t* h = cjose_header_new(&err);
    cjose_header_set(h, CJOSE_HDR_ALG, alg, &err);
    cjose_header_set(h, CJOSE_HDR_KID, "k1", &err);
    auto payload = boost::json::serialize(claims);
    cjose_jws_t* jws = cjose_jws_sign(
        key_, h, reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size(), &err);
    const char* compact = nullptr;
    cjose_jws_export(jws, &compact, &err);
    std::string out = compact;
    cjose_jws_release(jws);
    cjose_header_release(h);
    return out;
  }

  boost::json::object claims() const {
    return {{"iss", "https://op.example"},
            {"aud", "loket"},
            {"sub", "abc"},
            {"nonce", "n-1"},
            {"iat", now_},
            {"exp", now_ + 300},
            {"bsn", "999993653"}};
  }
  IdTokenRules rules() const { return {"https://op.example", "loket", "n-1", now_}; }
  // A valid back-channel logout token's claims, and the rules it is checked by (no nonce).
  boost::json::object logout_claims() const {
    return {{"iss", "https://op.example"},
            {"aud", "loket"},
            {"iat", now_},
            {"jti", "j1"},
            {"sid", "s1"},
            {"events",
             {{"http://schemas.openid.net/event/backchannel-logout", boost::json::object{}}}}};
  }
  IdTokenRules logout_rules() const {
    auto r = rules();
    r.nonce.clear();
    return r;
  }

  cjose_jwk_t* key_ = nullptr;
  std::string jwks_;
  std::int64_t now_ = 1'800'000'000;
};

TEST_F(JwtTest, ValidTokenVerifiesAndPassesTheRules) {
  std::string reason;
  auto c = verify_jws(sign(claims()), jwks_, &reason);
  ASSERT_TRUE(c) << reason;
  EXPECT_EQ(c->at("bsn").as_string(), "999993653");
  EXPECT_EQ(check_id_token(*c, rules()), std::nullopt);
}

TEST_F(JwtTest, TamperedPayloadIsRefused) {
  auto token = sign(claims());
  auto first = token.find('.');
  auto second = token.find('.', first + 1);
  auto forged = claims();
  forged["bsn"] = "111222333";
  token =
      token.substr(0, first + 1) + b64url(boost::json::serialize(forged)) + token.substr(second);
  std::string reason;
  EXPECT_FALSE(verify_jws(token, jwks_, &reason));
  EXPECT_EQ(reason, "signature does not verify");
}

TEST_F(JwtTest, AlgNoneAndHmacAreRefusedBeforeAnyKeyIsUsed) {
  auto payload = b64url(boost::json::serialize(claims()));
  std::string reason;
  EXPECT_FALSE(verify_jws(b64url(R"({"alg":"none"})") + "." + payload + ".", jwks_, &reason));
  EXPECT_EQ(reason, "algorithm not allowed: none");
  EXPECT_FALSE(verify_jws(b64url(R"({"alg":"HS256","kid":"k1"})") + "." + payload + ".c2ln", jwks_,
                          &reason));
  EXPECT_EQ(reason, "algorithm not allowed: HS256");
}

TEST_F(JwtTest, UnknownKeyIdAndGarbageAreRefused) {
  std::string reason;
  auto payload = b64url(boost::json::serialize(claims()));
  EXPECT_FALSE(verify_jws(b64url(R"({"alg":"RS256","kid":"other"})") + "." + payload + ".AAAA",
                          jwks_, &reason));
  EXPECT_EQ(reason, "no provider key with this kid");
  EXPECT_FALSE(verify_jws("not-a-token", jwks_, &reason));
  EXPECT_FALSE(verify_jws(sign(claims()), "{}", &reason));
}

TEST_F(JwtTest, ClaimRulesEachRefuse) {
  auto check = [&](auto mutate) {
    auto c = claims();
    mutate(c);
    return check_id_token(c, rules());
  };
  EXPECT_EQ(*check([](auto& c) { c["iss"] = "https://evil.example"; }),
            "iss is not the provider's issuer");
  EXPECT_EQ(*check([](auto& c) { c["aud"] = "someone-else"; }), "aud does not name this client");
  EXPECT_EQ(*check([](auto& c) {
    c["aud"] = boost::json::array{"x", "loket"};
  }),
            "azp is not this client");
  EXPECT_EQ(check([](auto& c) {
              c["aud"] = boost::json::array{"x", "loket"};
              c["azp"] = "loket";
            }),
            std::nullopt);
  EXPECT_EQ(*check([&](auto& c) { c["exp"] = now_ - 3600; }), "token has expired");
  EXPECT_EQ(*check([&](auto& c) { c["iat"] = now_ + 3600; }), "iat is in the future");
  EXPECT_EQ(*check([&](auto& c) { c["iat"] = now_ - 7200; }), "iat is too old");
  EXPECT_EQ(*check([](auto& c) { c.erase("nonce"); }), "nonce is missing");
  EXPECT_EQ(*check([](auto& c) { c["nonce"] = "n-2"; }), "nonce does not match");
  EXPECT_EQ(*check([](auto& c) { c.erase("sub"); }), "sub is missing");
}

TEST_F(JwtTest, LogoutTokenRules) {
  auto c = logout_claims();
  auto r = logout_rules();
  EXPECT_EQ(check_logout_token(c, r), std::nullopt);
  auto with_nonce = c;
  with_nonce["nonce"] = "x";
  EXPECT_TRUE(check_logout_token(with_nonce, r));
  auto no_event = c;
  no_event.erase("events");
  EXPECT_TRUE(check_logout_token(no_event, r));
}

// F8: a time claim that is no usable time (not a number, 2^63 and beyond, not finite, absurdly
// far away, negative) makes the token invalid; it is never converted to an integer.
TEST_F(JwtTest, TimeClaimsThatAreNoTimeMakeTheTokenInvalid) {
  auto logout = logout_claims();
  auto rules_for_logout = logout_rules();
  std::vector<boost::json::value> bad;
  // As a provider sends them: parsed from the token's text.
  for (const char* text :
       {"9223372036854775807", "9223372036854775808", "18446744073709551615", "1e300", "-1e300",
        "1e19", "253402300800", "-1", "\"1800000000\"", "null", "true", "[1800000000]", "{}"}) {
    bad.push_back(boost::json::parse(text));
  }
  bad.emplace_back(std::numeric_limits<double>::infinity());
  bad.emplace_back(-std::numeric_limits<double>::infinity());
  bad.emplace_back(std::numeric_limits<double>::quiet_NaN());
  for (std::string_view claim : {"iat", "exp", "nbf", "auth_time"}) {
    for (const auto& value : bad) {
      auto id = claims();
      id[claim] = value;
      auto problem = check_id_token(id, rules());
      ASSERT_TRUE(problem) << claim << " = " << value;
      EXPECT_EQ(*problem, std::string(claim) + " is not a valid time") << value;
      auto lt = logout;
      lt[claim] = value;
      problem = check_logout_token(lt, rules_for_logout);
      ASSERT_TRUE(problem) << claim << " = " << value;
      EXPECT_EQ(*problem, std::string(claim) + " is not a valid time") << value;
    }
  }
  // The same claims with usable values, also as fractions (NumericDate allows them).
  auto c = claims();
  c["iat"] = static_cast<double>(now_) + 0.5;
  c["exp"] = static_cast<double>(now_ + 300);
  c["nbf"] = now_;
  c["auth_time"] = now_ - 30;
  EXPECT_EQ(check_id_token(c, rules()), std::nullopt);
  c["nbf"] = now_ + 3600;
  EXPECT_EQ(check_id_token(c, rules()), "token is not valid yet");
  auto lt = logout;
  lt["exp"] = now_ - 3600;
  EXPECT_EQ(check_logout_token(lt, rules_for_logout), "token has expired");
}

// The same through a signed token: the numbers come out of the payload, not our code.
TEST_F(JwtTest, SignedTokenWithHugeIatIsRefused) {
  auto payload = boost::json::serialize(claims());
  auto at = payload.find("\"iat\":");
  ASSERT_NE(at, std::string::npos);
  auto end = payload.find(',', at);
  payload.replace(at, end - at, "\"iat\":9223372036854775808");
  std::string reason;
  auto c = verify_jws(sign(boost::json::parse(payload).as_object()), jwks_, &reason);
  ASSERT_TRUE(c) << reason;
  EXPECT_EQ(check_id_token(*c, rules()), "iat is not a valid time");
}

// F7: a signed token whose claims hold a NUL is refused before any claim is used.
TEST_F(JwtTest, ClaimsWithANulAreRefused) {
  auto c = claims();
  c["sid"] = std::string("s\0x", 3);
  std::string reason;
  EXPECT_FALSE(verify_jws(sign(c), jwks_, &reason));
  EXPECT_EQ(reason, "claim sid is not valid UTF-8 text without NUL");
  c = claims();
  c["address"] = boost::json::object{{"street", std::string("a\0", 2)}};
  EXPECT_FALSE(verify_jws(sign(c), jwks_, &reason));
  EXPECT_EQ(reason, "claim address.street is not valid UTF-8 text without NUL");
}

}  // namespace
}  // namespace loket::identity
