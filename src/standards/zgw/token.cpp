// HS256 JWTs through common/jose (libcjose) for the signature; the ZGW rules on top: alg,
// claims, NumericDate bounds and the clock.
#include "standards/zgw/token.hpp"

#include <boost/json.hpp>

#include "common/jose.hpp"

namespace loket::zgw {
namespace {

namespace jose = common::jose;

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
  // Only the payload is read here, whatever the other parts hold; verify_token checks them all.
  auto a = token.find('.');
  auto b = a == std::string_view::npos ? a : token.find('.', a + 1);
  if (b == std::string_view::npos || token.find('.', b + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  auto claims = jose::decode_object(token.substr(a + 1, b - a - 1));
  if (!claims) return std::nullopt;
  auto id = string_claim(*claims, "client_id");
  if (id.empty()) return std::nullopt;
  return id;
}

namespace {

std::string out_of_range(std::string_view name) {
  return "The token's " + std::string(name) +
         " claim is not a date in range (whole seconds since 1970, at most year 9999).";
}

}  // namespace

std::variant<TokenClaims, std::string> verify_token(std::string_view token, std::string_view secret,
                                                    const TokenRules& rules) {
  // Every part strict base64url before anything reads it (libcjose would abort on one that is
  // not); then the header's alg as we read it, then the signature as libcjose checks it (which
  // insists on HS256 as it reads the header itself).
  auto parts = jose::split(token);
  if (!parts) return std::string("The token is not a JWT (three base64url parts).");
  auto header = jose::decode_object(parts->header);
  if (!header) return std::string("The token's header is not valid base64url JSON.");
  if (string_claim(*header, "alg") != "HS256") {
    return std::string("The token must be signed with HS256.");
  }
  auto payload = jose::verify_hs256(token, secret);
  if (!payload) return std::string("The token's signature does not match the client's secret.");
  boost::system::error_code ec;
  auto parsed = boost::json::parse(*payload, ec);
  if (ec || !parsed.is_object()) {
    return std::string("The token's payload is not valid base64url JSON.");
  }
  const auto& claims = parsed.as_object();
  TokenClaims out;
  out.iss = string_claim(claims, "iss");
  out.client_id = string_claim(claims, "client_id");
  out.user_id = string_claim(claims, "user_id");
  out.user_representation = string_claim(claims, "user_representation");
  if (out.iss.empty()) return std::string("The token has no iss claim.");
  if (out.client_id.empty()) return std::string("The token has no client_id claim.");
  auto iat = jose::numeric_date(claims, "iat");
  if (!iat.present() || iat.state == jose::NumericDate::State::NotANumber) {
    return std::string("The token has no numeric iat claim.");
  }
  if (!iat.valid()) return out_of_range("iat");
  out.iat = iat.seconds;
  if (out.iat > rules.now + rules.clock_skew) {
    return std::string("The token was issued in the future (iat); check the client's clock.");
  }
  if (out.iat < rules.now - rules.max_age - rules.clock_skew) {
    return std::string("The token has expired (iat is too old); make a new one.");
  }
  // The standard's tokens carry no exp or nbf, but a token that does must honour them
  // (RFC 7519 4.1.4, 4.1.5), with the same leeway for clocks.
  for (std::string_view name : {"exp", "nbf"}) {
    auto date = jose::numeric_date(claims, name);
    if (!date.present()) continue;
    if (date.state == jose::NumericDate::State::NotANumber) {
      return "The token's " + std::string(name) + " claim is not a number.";
    }
    if (!date.valid()) return out_of_range(name);
    if (name == "exp" && date.seconds < rules.now - rules.clock_skew) {
      return std::string("The token has expired (exp); make a new one.");
    }
    if (name == "nbf" && date.seconds > rules.now + rules.clock_skew) {
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
  return sign_hs256(boost::json::serialize(payload), secret);
}

std::string sign_hs256(std::string_view payload, std::string_view secret) {
  return jose::sign_hs256(payload, secret);
}

}  // namespace loket::zgw
