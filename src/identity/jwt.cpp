// JWS verification through common/jose (libcjose); the algorithm is checked against our
// allow-list before any key is touched, so "alg: none" and algorithm-confusion tokens never reach
// a verifier.
#include "identity/jwt.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "common/jose.hpp"
#include "common/json.hpp"
#include "http/json_body.hpp"

namespace loket::identity {
namespace {

namespace jose = common::jose;
using common::text;
using jose::numeric_date;

bool allowed(std::string_view alg) {
  return std::find(std::begin(kAllowedAlgs), std::end(kAllowedAlgs), alg) != std::end(kAllowedAlgs);
}

// iss, aud/azp, and the times (iat, exp, nbf, auth_time): shared by ID tokens and logout tokens.
std::optional<std::string> check_common(const boost::json::object& c, const IdTokenRules& r) {
  if (text(c, "iss") != r.issuer) return "iss is not the provider's issuer";
  auto* aud = c.if_contains("aud");
  bool ours = false;
  std::size_t audiences = 0;
  if (aud && aud->is_string()) {
    ours = aud->as_string() == r.client_id;
    audiences = 1;
  } else if (aud && aud->is_array()) {
    for (const auto& a : aud->as_array()) {
      ++audiences;
      if (a.is_string() && a.as_string() == r.client_id) ours = true;
    }
  }
  if (!ours) return "aud does not name this client";
  if (audiences > 1 && text(c, "azp") != r.client_id) return "azp is not this client";
  if (auto azp = text(c, "azp"); !azp.empty() && azp != r.client_id)
    return "azp is not this client";
  for (std::string_view claim : {"iat", "exp", "nbf", "auth_time"}) {
    auto d = numeric_date(c, claim);
    if (d.present() && !d.valid()) return std::string(claim) + " is not a valid time";
  }
  auto iat = numeric_date(c, "iat");
  if (!iat.present()) return "iat is missing";
  if (iat.seconds > r.now + r.clock_skew) return "iat is in the future";
  if (iat.seconds < r.now - r.max_age - r.clock_skew) return "iat is too old";
  if (auto exp = numeric_date(c, "exp"); exp.present() && exp.seconds < r.now - r.clock_skew)
    return "token has expired";
  if (auto nbf = numeric_date(c, "nbf"); nbf.present() && nbf.seconds > r.now + r.clock_skew)
    return "token is not valid yet";
  return std::nullopt;
}

}  // namespace

std::optional<JwtHeader> peek_header(std::string_view token) {
  auto dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto h = jose::decode_object(token.substr(0, dot));
  if (!h) return std::nullopt;
  return JwtHeader{text(*h, "alg"), text(*h, "kid")};
}

std::optional<boost::json::object> verify_jws(std::string_view token, std::string_view jwks_json,
                                              std::string* reason) {
  auto fail = [&](std::string why) -> std::optional<boost::json::object> {
    if (reason) *reason = std::move(why);
    return std::nullopt;
  };
  if (std::count(token.begin(), token.end(), '.') != 2) return fail("not a compact JWS");
  if (!jose::split(token)) return fail("token is not base64url");
  auto header = peek_header(token);
  if (!header) return fail("unreadable header");
  if (!allowed(header->alg)) return fail("algorithm not allowed: " + header->alg);

  boost::system::error_code ec;
  auto jwks = boost::json::parse(jwks_json, ec);
  if (ec || !jwks.is_object() || !jwks.as_object().if_contains("keys") ||
      !jwks.as_object().at("keys").is_array()) {
    return fail("provider key set is not a JWKS");
  }
  const auto& keys = jwks.as_object().at("keys").as_array();
  const boost::json::object* chosen = nullptr;
  for (const auto& k : keys) {
    if (!k.is_object()) continue;
    const auto& ko = k.as_object();
    if (!header->kid.empty() ? text(ko, "kid") == header->kid : keys.size() == 1) chosen = &ko;
  }
  if (!chosen) return fail("no provider key with this kid");
  if (auto use = text(*chosen, "use"); !use.empty() && use != "sig")
    return fail("key is not for signing");

  std::string why;
  auto payload = jose::verify(token, boost::json::serialize(*chosen), kAllowedAlgs, &why);
  if (!payload) return fail(why == "key unreadable" ? "provider key unreadable" : why);
  auto parsed = boost::json::parse(*payload, ec);
  if (ec || !parsed.is_object()) return fail("payload is not a JSON object");
  auto& claims = parsed.as_object();
  // Claims name sessions and accounts (sid, sub, email): text that is not valid UTF-8 without
  // NUL would fail in the database, so a token carrying it is refused here.
  if (auto field = http::first_unclean_text(claims)) {
    return fail("claim " + *field + " is not valid UTF-8 text without NUL");
  }
  return std::move(claims);
}

std::optional<std::string> check_id_token(const boost::json::object& c, const IdTokenRules& r) {
  if (auto problem = check_common(c, r)) return problem;
  if (!numeric_date(c, "exp").present()) return "exp is missing";
  if (text(c, "sub").empty()) return "sub is missing";
  if (!r.nonce.empty()) {
    auto nonce = text(c, "nonce");
    if (nonce.empty()) return "nonce is missing";
    if (nonce.size() != r.nonce.size() ||
        sodium_memcmp(nonce.data(), r.nonce.data(), nonce.size()) != 0) {
      return "nonce does not match";
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_logout_token(const boost::json::object& c, const IdTokenRules& r) {
  if (auto problem = check_common(c, r)) return problem;
  if (c.if_contains("nonce")) return "logout token must not have a nonce";
  auto* events = c.if_contains("events");
  if (!events || !events->is_object() ||
      !events->as_object().if_contains("http://schemas.openid.net/event/backchannel-logout")) {
    return "events lacks the back-channel logout event";
  }
  if (text(c, "sub").empty() && text(c, "sid").empty()) return "neither sub nor sid";
  if (text(c, "jti").empty()) return "jti is missing";
  return std::nullopt;
}

}  // namespace loket::identity
