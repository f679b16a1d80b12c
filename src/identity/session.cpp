// Session primitives on libsodium (random bytes, SHA-256, constant-time helpers).
#include "identity/session.hpp"

#include <sodium.h>

#include <chrono>
#include <cstring>
#include <vector>

#include "common/base64.hpp"

namespace loket::identity {

SessionStatus session_status(std::int64_t created_at, std::int64_t last_seen_at, std::int64_t now,
                             const SessionTimeouts& t) {
  if (now - created_at >= t.absolute) return SessionStatus::Expired;
  if (now - last_seen_at >= t.idle) return SessionStatus::IdleExpired;
  return SessionStatus::Active;
}

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return common::base64url_encode(
      std::string_view(reinterpret_cast<const char*>(buf.data()), buf.size()));
}

std::string token_hash(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string pkce_challenge(std::string_view verifier) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()),
                     verifier.size());
  return common::base64url_encode(
      std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

bool is_local_path(std::string_view p) {
  if (p.empty() || p.front() != '/' || p.size() > 512) return false;
  if (p.size() > 1 && (p[1] == '/' || p[1] == '\\')) return false;
  for (char c : p) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\\') return false;
  }
  return true;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace loket::identity
