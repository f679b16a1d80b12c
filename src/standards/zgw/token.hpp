// The bearer token every ZGW call carries: a JWT signed HS256 with the client's shared secret
// (gedragsregels, "Autorisatie"). Pure: the caller looks up the secret by client_id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/jose.hpp"

namespace loket::zgw {

struct TokenClaims {
  std::string iss;
  std::int64_t iat = 0;
  std::string client_id;
  std::string user_id;              // optional claim
  std::string user_representation;  // optional claim
};

// The largest NumericDate (iat, exp, nbf) a token may carry: 9999-12-31T23:59:59Z. A claim
// outside 0..kMaxNumericDate, or not a number, refuses the token.
inline constexpr std::int64_t kMaxNumericDate = common::jose::kMaxNumericDate;

struct TokenRules {
  std::int64_t now = 0;          // seconds since the epoch
  std::int64_t clock_skew = 60;  // how far in the future iat may lie
  std::int64_t max_age = 3600;   // how old iat may be
};

// The token from "Authorization: Bearer <token>", or nullopt for another or no scheme.
std::optional<std::string_view> bearer_token(std::string_view authorization);

// The client_id claim, read without checking anything, to find the secret; nullopt when the
// token is not a JWT with a string client_id.
std::optional<std::string> peek_client_id(std::string_view token);

// Checks that every part is strict base64url and the header's alg is HS256, then the signature
// with `secret` (libcjose, constant time), then iss, iat and client_id, and exp and nbf when the
// token has them.
// Returns the claims, or the reason the token is refused (for the problem detail; it never
// quotes the token).
std::variant<TokenClaims, std::string> verify_token(std::string_view token, std::string_view secret,
                                                    const TokenRules& rules);

// A token for `claims` signed with `secret`: for `loket clients token` and the tests.
std::string sign_token(const TokenClaims& claims, std::string_view secret);
// A compact JWS over any payload text (JSON or not) with the header {"alg":"HS256","typ":"JWT"},
// signed with `secret` (at least one byte): for sign_token, and for tests and fuzzing that need
// tokens no well-behaved client would send.
std::string sign_hs256(std::string_view payload, std::string_view secret);

}  // namespace loket::zgw
