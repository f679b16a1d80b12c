// Encryption of identifying numbers at rest (XChaCha20-Poly1305) with rotating keys, and blind
// indexes (keyed BLAKE2b) to find records by such a number without decrypting every row.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loket::privacy {

// Key bytes that are wiped when they go out of scope.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t n) : bytes_(n) {}
  ~SecretBytes();
  SecretBytes(SecretBytes&& other) noexcept = default;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  unsigned char* data() { return bytes_.data(); }
  const unsigned char* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }

 private:
  std::vector<unsigned char> bytes_;
};

// Encryption keys by id (the last one in the file encrypts, all decrypt) and the index key.
// File format, one per line: "ID:BASE64" (32-byte key; ID is [a-z0-9-]{1,16}) and one
// "index:BASE64" line; "#" starts a comment.
class KeyRing {
 public:
  static std::optional<KeyRing> parse(std::string_view text, std::string* error);
  static KeyRing generate();
  std::string serialize() const;

  const std::string& current_id() const { return keys_.back().id; }
  const SecretBytes* key(std::string_view id) const;
  const SecretBytes& index_key() const { return index_; }

 private:
  struct Entry {
    std::string id;
    SecretBytes key;
  };
  std::vector<Entry> keys_;
  SecretBytes index_;
};

// "v1.<key id>.<base64url(nonce || ciphertext)>". The associated data (e.g. table, column and
// row id) binds the value to its place: moved to another row it no longer decrypts.
std::string encrypt(const KeyRing& ring, std::string_view plaintext,
                    std::string_view associated_data);
std::optional<std::string> decrypt(const KeyRing& ring, std::string_view token,
                                   std::string_view associated_data);
// True when the token was made with a key that is no longer the current one.
bool needs_reencryption(const KeyRing& ring, std::string_view token);

// Hex keyed BLAKE2b-256 of purpose || NUL || value; equal inputs give equal outputs.
std::string blind_index(const KeyRing& ring, std::string_view value, std::string_view purpose);

}  // namespace loket::privacy
