// libsodium AEAD and generic hash; error messages name lines, never key material.
#include "privacy/field_crypto.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>
#include <utility>

namespace loket::privacy {
namespace {

constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::string_view kVersion = "v1";

std::string to_base64(const unsigned char* data, std::size_t n, int variant) {
  std::string out(sodium_base64_ENCODED_LEN(n, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, variant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool from_base64(std::string_view in, int variant, std::vector<unsigned char>& out) {
  // An empty vector's data() may be null, which libsodium must not receive.
  if (in.empty()) return false;
  out.resize(in.size());
  std::size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), in.data(), in.size(), nullptr, &len, nullptr,
                        variant) != 0) {
    return false;
  }
  out.resize(len);
  return true;
}

bool valid_id(std::string_view id) {
  return !id.empty() && id.size() <= 16 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The key id of a "v1.<id>.<payload>" token, and the payload; nullopt when it has another shape.
// Key ids cannot hold a dot, so the first two dots are the separators.
std::optional<std::pair<std::string_view, std::string_view>> split_token(std::string_view token) {
  auto first = token.find('.');
  if (first == std::string_view::npos || token.substr(0, first) != kVersion) return std::nullopt;
  auto second = token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  return std::pair{token.substr(first + 1, second - first - 1), token.substr(second + 1)};
}

SecretBytes random_key() {
  SecretBytes k(kKeyBytes);
  crypto_aead_xchacha20poly1305_ietf_keygen(k.data());
  return k;
}

}  // namespace

SecretBytes::SecretBytes(std::size_t n) : size_(n) {
  // sodium_malloc needs the page size that sodium_init records; calling it again is cheap.
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  bytes_.reset(static_cast<unsigned char*>(sodium_malloc(n)));
  if (!bytes_) throw std::bad_alloc();
}

void SecretBytes::Free::operator()(unsigned char* p) const { sodium_free(p); }

std::optional<KeyRing> KeyRing::parse(std::string_view text, std::string* error) {
  KeyRing ring;
  bool have_index = false;
  int line_no = 0;
  auto fail = [&](const std::string& why) -> std::optional<KeyRing> {
    if (error) *error = "line " + std::to_string(line_no) + ": " + why;
    return std::nullopt;
  };
  while (!text.empty()) {
    ++line_no;
    auto nl = text.find('\n');
    auto line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return fail("expected ID:BASE64KEY");
    auto id = line.substr(0, colon);
    if (!valid_id(id)) return fail("key id must be 1 to 16 of a-z, 0-9 and -");
    // Decoded straight into guarded memory: a buffer of exactly 32 bytes also rejects longer keys.
    SecretBytes key(kKeyBytes);
    auto b64 = trim(line.substr(colon + 1));
    std::size_t len = 0;
    if (sodium_base642bin(key.data(), key.size(), b64.data(), b64.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len != kKeyBytes) {
      return fail("key must be 32 bytes in base64");
    }
    if (id == "index") {
      if (have_index) return fail("a second index key");
      ring.index_ = std::move(key);
      have_index = true;
      continue;
    }
    if (ring.key(id)) return fail("key id used twice");
    ring.keys_.push_back(Entry{std::string(id), std::move(key)});
  }
  // Whole-file problems belong to no line.
  auto fail_file = [&](const char* why) -> std::optional<KeyRing> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (ring.keys_.empty()) return fail_file("no encryption key (a line ID:BASE64KEY)");
  if (!have_index) return fail_file("no index key (a line index:BASE64KEY)");
  return ring;
}

KeyRing KeyRing::generate() {
  KeyRing ring;
  ring.keys_.push_back(Entry{"k1", random_key()});
  ring.index_ = random_key();
  return ring;
}

const std::string& KeyRing::add_key() {
  for (std::size_t n = keys_.size() + 1;; ++n) {
    auto id = "k" + std::to_string(n);
    if (!key(id)) {
      keys_.push_back(Entry{id, random_key()});
      return keys_.back().id;
    }
  }
}

std::string KeyRing::serialize() const {
  std::string out =
      "# Loket field-encryption keys. The last key encrypts; keep old ones to decrypt.\n";
  out += "index:" + to_base64(index_.data(), index_.size(), sodium_base64_VARIANT_ORIGINAL) + "\n";
  for (const auto& e : keys_) {
    out +=
        e.id + ":" + to_base64(e.key.data(), e.key.size(), sodium_base64_VARIANT_ORIGINAL) + "\n";
  }
  return out;
}

const SecretBytes* KeyRing::key(std::string_view id) const {
  for (const auto& e : keys_) {
    if (e.id == id) return &e.key;
  }
  return nullptr;
}

std::string encrypt(const KeyRing& ring, std::string_view plaintext, std::string_view ad) {
  const auto& id = ring.current_id();
  const auto* key = ring.key(id);
  std::vector<unsigned char> out(kNonceBytes + plaintext.size() +
                                 crypto_aead_xchacha20poly1305_ietf_ABYTES);
  randombytes_buf(out.data(), kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + kNonceBytes, &written, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
      out.data(), key->data());
  out.resize(kNonceBytes + written);
  return std::string(kVersion) + "." + id + "." +
         to_base64(out.data(), out.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::optional<std::string> decrypt(const KeyRing& ring, std::string_view token,
                                   std::string_view ad) {
  auto parts = split_token(token);
  if (!parts) return std::nullopt;
  const auto* key = ring.key(parts->first);
  if (!key) return std::nullopt;
  std::vector<unsigned char> raw;
  if (!from_base64(parts->second, sodium_base64_VARIANT_URLSAFE_NO_PADDING, raw) ||
      raw.size() < kNonceBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return std::nullopt;
  }
  std::string plain(raw.size() - kNonceBytes - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()),
                                                 &written, nullptr, raw.data() + kNonceBytes,
                                                 raw.size() - kNonceBytes,
                                                 reinterpret_cast<const unsigned char*>(ad.data()),
                                                 ad.size(), raw.data(), key->data()) != 0) {
    return std::nullopt;
  }
  plain.resize(written);
  return plain;
}

bool needs_reencryption(const KeyRing& ring, std::string_view token) {
  auto parts = split_token(token);
  return !parts || parts->first != ring.current_id();
}

std::string blind_index(const KeyRing& ring, std::string_view value, std::string_view purpose) {
  crypto_generichash_state state;
  const auto& k = ring.index_key();
  crypto_generichash_init(&state, k.data(), k.size(), 32);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(purpose.data()),
                            purpose.size());
  const unsigned char zero = 0;
  crypto_generichash_update(&state, &zero, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(value.data()),
                            value.size());
  unsigned char digest[32];
  crypto_generichash_final(&state, digest, sizeof digest);
  // The state was derived from the index key.
  sodium_memzero(&state, sizeof state);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace loket::privacy
