// JWS verification with libcjose; the algorithm is checked against our allow-list before any
// key is touched, so "alg: none" and algorithm-confusion tokens never reach a verifier.
#include "identity/jwt.hpp"

#include <cjose/cjose.h>
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <memory>

#include "common/base64.hpp"
#include "http/json_body.hpp"

namespace loket::identity {
namespace {

struct JwsDeleter {
  void operator()(cjose_jws_t* j) const { cjose_jws_release(j); }
};
struct JwkDeleter {
  void operator()(cjose_jwk_t* k) const { cjose_jwk_release(k); }
};

using common::base64url_decode;

std::optional<boost::json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

bool allowed(std::string_view alg) {
  return std::find(std::begin(kAllowedAlgs), std::end(kAllowedAlgs), alg) != std::end(kAllowedAlgs);
}

// The latest time a claim may name: 9999-12-31T23:59:59Z. Anything later (2^63, 1e300) is no
// date but an attack on the arithmetic that compares it, so the token is refused.
constexpr std::int64_t kLatestTime = 253'402'300'799;

// A NumericDate claim (RFC 7519 section 2): absent, or seconds since the epoch, or nothing
// usable (not a number, negative, not finite, past kLatestTime).
struct NumericDate {
  bool present = false;
  bool valid = false;
  std::int64_t seconds = 0;
};

NumericDate numeric_date(const boost::json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v) return {};
  NumericDate d{true, false, 0};
  if (v->is_int64()) {
    d.valid = v->as_int64() >= 0 && v->as_int64() <= kLatestTime;
    if (d.valid) d.seconds = v->as_int64();
  } else if (v->is_uint64()) {
    d.valid = v->as_uint64() <= static_cast<std::uint64_t>(kLatestTime);
    if (d.valid) d.seconds = static_cast<std::int64_t>(v->as_uint64());
  } else if (v->is_double()) {
    // Compared before the conversion: casting an out-of-range double is undefined behaviour.
    double x = v->as_double();
    d.valid = std::isfinite(x) && x >= 0 && x <= static_cast<double>(kLatestTime);
    if (d.valid) d.seconds = static_cast<std::int64_t>(x);
  }
  return d;
}

std::string_view text(const boost::json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
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
    if (d.present && !d.valid) return std::string(claim) + " is not a valid time";
  }
  auto iat = numeric_date(c, "iat");
  if (!iat.present) return "iat is missing";
  if (iat.seconds > r.now + r.clock_skew) return "iat is in the future";
  if (iat.seconds < r.now - r.max_age - r.clock_skew) return "iat is too old";
  if (auto exp = numeric_date(c, "exp"); exp.present && exp.seconds < r.now - r.clock_skew)
    return "token has expired";
  if (auto nbf = numeric_date(c, "nbf"); nbf.present && nbf.seconds > r.now + r.clock_skew)
    return "token is not valid yet";
  return std::nullopt;
}

}  // namespace

std::optional<JwtHeader> peek_header(std::string_view token) {
  auto dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto raw = base64url_decode(token.substr(0, dot));
  if (!raw) return std::nullopt;
  auto h = parse_object(*raw);
  if (!h) return std::nullopt;
  return JwtHeader{std::string(text(*h, "alg")), std::string(text(*h, "kid"))};
}

std::optional<boost::json::object> verify_jws(std::string_view token, std::string_view jwks_json,
                                              std::string* reason) {
  auto fail = [&](std::string why) -> std::optional<boost::json::object> {
    if (reason) *reason = std::move(why);
    return std::nullopt;
  };
  if (std::count(token.begin(), token.end(), '.') != 2) return fail("not a compact JWS");
  // libcjose asserts, aborting the whole server, on a part that is not clean base64url (an '='
  // inside a part): only strict base64url parts reach it.
  for (std::size_t start = 0, i = 0; i < 3; ++i) {
    auto end = token.find('.', start);
    auto part = token.substr(start, end == std::string_view::npos ? end : end - start);
    if (!base64url_decode(part)) return fail("token is not base64url");
    start = end + 1;
  }
  auto header = peek_header(token);
  if (!header) return fail("unreadable header");
  if (!allowed(header->alg)) return fail("algorithm not allowed: " + header->alg);

  auto jwks = parse_object(jwks_json);
  if (!jwks || !jwks->if_contains("keys") || !jwks->at("keys").is_array()) {
    return fail("provider key set is not a JWKS");
  }
  const auto& keys = jwks->at("keys").as_array();
  const boost::json::object* chosen = nullptr;
  for (const auto& k : keys) {
    if (!k.is_object()) continue;
    const auto& ko = k.as_object();
    if (!header->kid.empty() ? text(ko, "kid") == header->kid : keys.size() == 1) chosen = &ko;
  }
  if (!chosen) return fail("no provider key with this kid");
  if (auto use = text(*chosen, "use"); !use.empty() && use != "sig")
    return fail("key is not for signing");

  cjose_err err{};
  auto key_json = boost::json::serialize(*chosen);
  std::unique_ptr<cjose_jwk_t, JwkDeleter> jwk(
      cjose_jwk_import(key_json.data(), key_json.size(), &err));
  if (!jwk) return fail("provider key unreadable");
  std::unique_ptr<cjose_jws_t, JwsDeleter> jws(cjose_jws_import(token.data(), token.size(), &err));
  if (!jws) return fail("token unreadable");
  if (!cjose_jws_verify(jws.get(), jwk.get(), &err)) return fail("signature does not verify");
  std::uint8_t* payload = nullptr;
  std::size_t length = 0;
  if (!cjose_jws_get_plaintext(jws.get(), &payload, &length, &err)) return fail("no payload");
  auto claims = parse_object(std::string_view(reinterpret_cast<const char*>(payload), length));
  if (!claims) return fail("payload is not a JSON object");
  // Claims name sessions and accounts (sid, sub, email): text that is not valid UTF-8 without
  // NUL would fail in the database, so a token carrying it is refused here.
  if (auto field = http::first_unclean_text(*claims)) {
    return fail("claim " + *field + " is not valid UTF-8 text without NUL");
  }
  return claims;
}

std::optional<std::string> check_id_token(const boost::json::object& c, const IdTokenRules& r) {
  if (auto problem = check_common(c, r)) return problem;
  if (!numeric_date(c, "exp").present) return "exp is missing";
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
