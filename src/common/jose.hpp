// JOSE plumbing shared by the OpenID Connect tokens (identity/) and the ZGW bearer tokens
// (standards/zgw/): compact JWS parts, signing and verifying with libcjose, and NumericDate
// claims. No policy: which algorithms and claims a token needs is the caller's business.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace loket::common::jose {

// The three parts of a compact JWS ("header.payload.signature"), still base64url-encoded.
struct Parts {
  std::string_view header, payload, signature;
};
// The parts when `token` has exactly three and each is strict base64url (no padding, no white
// space), else nullopt. libcjose asserts, aborting the whole process, on a part that is not
// clean base64url, so every token passes here before libcjose sees it.
std::optional<Parts> split(std::string_view token);

// The JSON object in a base64url part (a header or a payload), or nullopt.
std::optional<boost::json::object> decode_object(std::string_view part);

// Verifies `token` with `jwk_json` (one JWK) and returns the payload; nullopt with the reason in
// `reason` when the token is not a compact JWS, its alg as libcjose reads it is not in `algs`,
// the key does not import or the signature does not verify.
std::optional<std::string> verify(std::string_view token, std::string_view jwk_json,
                                  std::span<const std::string_view> algs,
                                  std::string* reason = nullptr);

// HS256 (HMAC-SHA256) with a shared secret (an "oct" JWK): a compact JWS of `payload` (any
// bytes) with the header {"alg":"HS256","typ":"JWT"}. Throws std::invalid_argument for an empty
// secret, which libcjose refuses as a key.
std::string sign_hs256(std::string_view payload, std::string_view secret);
// The payload when `token` is a compact JWS whose alg is HS256 and whose signature is the
// HMAC-SHA256 of its first two parts under `secret` (compared in constant time), else nullopt.
std::optional<std::string> verify_hs256(std::string_view token, std::string_view secret);

// The latest NumericDate a claim may name: 9999-12-31T23:59:59Z. Anything later (2^63, 1e300)
// is no date but an attack on the arithmetic that compares it.
inline constexpr std::int64_t kMaxNumericDate = 253'402'300'799;

// A NumericDate claim (RFC 7519 section 2) as whole seconds since the epoch.
struct NumericDate {
  enum class State { Absent, NotANumber, OutOfRange, Valid };
  State state = State::Absent;
  std::int64_t seconds = 0;  // when Valid; a fraction is cut off
  bool present() const { return state != State::Absent; }
  bool valid() const { return state == State::Valid; }
};
// The claim `name`: a number from 0 to kMaxNumericDate is Valid; a negative, larger or
// non-finite number is OutOfRange (compared before any conversion, which would be undefined).
NumericDate numeric_date(const boost::json::object& claims, std::string_view name);

}  // namespace loket::common::jose
