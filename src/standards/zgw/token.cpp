// HS256 JWTs with libsodium's HMAC-SHA256 and base64url; Boost.JSON for the parts.
#include "standards/zgw/token.hpp"

#include <sodium.h>

#include <boost/json.hpp>
#include <vector>

#include "common/base64.hpp"

namespace loket::zgw {
namespace {

using common::base64url_decode;
using common::base64url_encode;

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

struct Parts {
  std::string_view header, payload, signature;
};

std::optional<Parts> split(std::string_view token) {
  auto a = token.find('.');
  if (a == std::string_view::npos) return std::nullopt;
  auto b = token.find('.', a + 1);
  if (b == std::string_view::npos || token.find('.', b + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  return Parts{token.substr(0, a), token.substr(a + 1, b - a - 1), token.substr(b + 1)};
}

std::optional<boost::json::object> decode_object(std::string_view part) {
  auto text = base64url_decode(part);
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(*text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

// A string claim, or "" when it is absent, no string, or holds a NUL (JSON allows \u0000; no
// client id, issuer or user does, and a NUL must not reach a database query).
std::string string_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  if (!v || !v->is_string() || v->as_string().find('\0') != boost::json::string::npos) return {};
  return std::string(v->as_string());
}

}  // namespace

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return std::nullopt;
    }
  }
  auto token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (token.empty()) return std::nullopt;
  return token;
}

std::optional<std::string> peek_client_id(std::string_view token) {
  auto parts = split(token);
  if (!parts) return std::nullopt;
  auto claims = decode_object(parts->payload);
  if (!claims) return std::nullopt;
  auto id = string_claim(*claims, "client_id");
  if (id.empty()) return std::nullopt;
  return id;
}

namespace {

// A NumericDate claim (RFC 7519 2) as whole seconds, or nullopt when it is not a finite number
// from 0 to kMaxNumericDate: a value past 2^63 (or 1e300) can neither be converted nor compared
// safely, and no honest clock produces one.
std::optional<std::int64_t> numeric_date(const boost::json::value& v) {
  if (v.is_int64()) {
    auto n = v.as_int64();
    if (n < 0 || n > kMaxNumericDate) return std::nullopt;
    return n;
  }
  if (v.is_uint64()) {
    auto n = v.as_uint64();
    if (n > static_cast<std::uint64_t>(kMaxNumericDate)) return std::nullopt;
    return static_cast<std::int64_t>(n);
  }
  if (v.is_double()) {
    auto d = v.as_double();
    // The comparisons are false for NaN, so it is refused too.
    if (!(d >= 0.0 && d <= static_cast<double>(kMaxNumericDate))) return std::nullopt;
    return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

std::string out_of_range(std::string_view name) {
  return "The token's " + std::string(name) +
         " claim is not a date in range (whole seconds since 1970, at most year 9999).";
}

}  // namespace

std::variant<TokenClaims, std::string> verify_token(std::string_view token, std::string_view secret,
                                                    const TokenRules& rules) {
  auto parts = split(token);
  if (!parts) return std::string("The token is not a JWT (three base64url parts).");
  auto header = decode_object(parts->header);
  if (!header) return std::string("The token's header is not valid base64url JSON.");
  if (string_claim(*header, "alg") != "HS256") {
    return std::string("The token must be signed with HS256.");
  }
  auto signature = base64url_decode(parts->signature);
  auto expected =
      hmac_sha256(secret, token.substr(0, parts->header.size() + 1 + parts->payload.size()));
  if (!signature || signature->size() != expected.size() ||
      sodium_memcmp(signature->data(), expected.data(), expected.size()) != 0) {
    return std::string("The token's signature does not match the client's secret.");
  }
  auto claims = decode_object(parts->payload);
  if (!claims) return std::string("The token's payload is not valid base64url JSON.");
  TokenClaims out;
  out.iss = string_claim(*claims, "iss");
  out.client_id = string_claim(*claims, "client_id");
  out.user_id = string_claim(*claims, "user_id");
  out.user_representation = string_claim(*claims, "user_representation");
  if (out.iss.empty()) return std::string("The token has no iss claim.");
  if (out.client_id.empty()) return std::string("The token has no client_id claim.");
  const auto* iat = claims->if_contains("iat");
  if (iat == nullptr || !(iat->is_int64() || iat->is_uint64() || iat->is_double())) {
    return std::string("The token has no numeric iat claim.");
  }
  auto issued = numeric_date(*iat);
  if (!issued) return out_of_range("iat");
  out.iat = *issued;
  if (out.iat > rules.now + rules.clock_skew) {
    return std::string("The token was issued in the future (iat); check the client's clock.");
  }
  if (out.iat < rules.now - rules.max_age - rules.clock_skew) {
    return std::string("The token has expired (iat is too old); make a new one.");
  }
  // The standard's tokens carry no exp or nbf, but a token that does must honour them
  // (RFC 7519 4.1.4, 4.1.5), with the same leeway for clocks.
  for (auto name : {"exp", "nbf"}) {
    const auto* v = claims->if_contains(name);
    if (v == nullptr) continue;
    if (!(v->is_int64() || v->is_uint64() || v->is_double())) {
      return std::string("The token's ") + name + " claim is not a number.";
    }
    auto date = numeric_date(*v);
    if (!date) return out_of_range(name);
    auto at = *date;
    if (std::string_view(name) == "exp" && at < rules.now - rules.clock_skew) {
      return std::string("The token has expired (exp); make a new one.");
    }
    if (std::string_view(name) == "nbf" && at > rules.now + rules.clock_skew) {
      return std::string("The token is not valid yet (nbf); check the client's clock.");
    }
  }
  return out;
}

std::string sign_token(const TokenClaims& claims, std::string_view secret) {
  boost::json::object payload{
      {"iss", claims.iss}, {"iat", claims.iat}, {"client_id", claims.client_id}};
  if (!claims.user_id.empty()) payload["user_id"] = claims.user_id;
  if (!claims.user_representation.empty()) {
    payload["user_representation"] = claims.user_representation;
  }
  return sign_hs256(R"({"alg":"HS256","typ":"JWT"})", boost::json::serialize(payload), secret);
}

std::string sign_hs256(std::string_view header, std::string_view payload, std::string_view secret) {
  auto signing_input = base64url_encode(header) + "." + base64url_encode(payload);
  return signing_input + "." + base64url_encode(hmac_sha256(secret, signing_input));
}

}  // namespace loket::zgw
