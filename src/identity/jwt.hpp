// Verifying signed JWTs (ID tokens, logout tokens) against a provider's JWKS, and checking
// the claims OpenID Connect requires. Pure: no I/O; the caller fetches the JWKS.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace loket::identity {

// Algorithms we accept from providers; never "none", never HMAC with a public key.
inline constexpr std::string_view kAllowedAlgs[] = {"RS256", "PS256", "ES256"};

struct JwtHeader {
  std::string alg;
  std::string kid;
};

// Decodes the protected header without verifying anything (to pick the key).
std::optional<JwtHeader> peek_header(std::string_view token);

// Verifies the signature with the key from `jwks_json` whose kid matches (or the only key when
// the token names none) and returns the claims. On failure returns nullopt and sets `reason`.
std::optional<boost::json::object> verify_jws(std::string_view token, std::string_view jwks_json,
                                              std::string* reason);

struct IdTokenRules {
  std::string issuer;
  std::string client_id;
  std::string nonce;             // empty: no nonce expected (logout tokens)
  std::int64_t now = 0;          // seconds since the epoch
  std::int64_t clock_skew = 60;  // seconds tolerated either way
  std::int64_t max_age = 600;    // iat may be at most this old
};

// The first OpenID Connect Core 3.1.3.7 rule the ID token's claims break, or nullopt.
std::optional<std::string> check_id_token(const boost::json::object& claims,
                                          const IdTokenRules& rules);

// The first rule of OpenID Connect Back-Channel Logout 2.6 the logout token breaks, or nullopt.
std::optional<std::string> check_logout_token(const boost::json::object& claims,
                                              const IdTokenRules& rules);

}  // namespace loket::identity
