// Pure session rules: random tokens, their stored hashes, PKCE, timeouts, safe return paths.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace loket::identity {

inline constexpr std::string_view kSessionCookie = "__Host-loket_session";
inline constexpr std::string_view kLoginCookie = "__Host-loket_login";

struct SessionTimeouts {
  std::int64_t idle = std::int64_t{15} * 60;        // seconds without a request
  std::int64_t absolute = std::int64_t{12} * 3600;  // seconds since login
};

enum class SessionStatus { Active, IdleExpired, Expired };

SessionStatus session_status(std::int64_t created_at, std::int64_t last_seen_at, std::int64_t now,
                             const SessionTimeouts& timeouts);

// `bytes` random bytes, base64url without padding (32 bytes: 256 bits, 43 characters).
std::string random_token(std::size_t bytes = 32);
// Hex SHA-256: how session ids and login states are stored, so a database leak yields no
// usable session.
std::string token_hash(std::string_view token);
// RFC 7636 S256: base64url(SHA-256(verifier)).
std::string pkce_challenge(std::string_view verifier);
// A path on this site ("/x", not "//host" or "http://…"), safe to redirect to after login.
bool is_local_path(std::string_view path);
// Seconds since the epoch.
std::int64_t unix_now();

}  // namespace loket::identity
