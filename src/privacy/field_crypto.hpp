// Encryption of identifying numbers at rest (XChaCha20-Poly1305) with rotating keys, and blind
// indexes (keyed BLAKE2b) to find records by such a number without decrypting every row.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loket::privacy {

// Key bytes in libsodium's guarded memory: locked against swapping, fenced by guard pages, and
// wiped when freed.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t n);
  SecretBytes(SecretBytes&& other) noexcept
      : bytes_(std::move(other.bytes_)), size_(std::exchange(other.size_, 0)) {}
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    bytes_ = std::move(other.bytes_);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }
  unsigned char* data() { return bytes_.get(); }
  const unsigned char* data() const { return bytes_.get(); }
  std::size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(unsigned char* p) const;
  };
  std::unique_ptr<unsigned char, Free> bytes_;
  std::size_t size_ = 0;
};

// Encryption keys by id (the last one in the file encrypts, all decrypt) and the index key.
// File format, one per line: "ID:BASE64" (32-byte key; ID is [a-z0-9-]{1,16}) and one
// "index:BASE64" line; "#" starts a comment. A ring always holds at least one encryption key
// and the index key, so it has no public default constructor.
class KeyRing {
 public:
  static std::optional<KeyRing> parse(std::string_view text, std::string* error);
  static KeyRing generate();
  // Adds a fresh encryption key (id "k<N>", unused so far) that becomes the current one.
  const std::string& add_key();
  std::string serialize() const;

  const std::string& current_id() const { return keys_.back().id; }
  const SecretBytes* key(std::string_view id) const;
  const SecretBytes& index_key() const { return index_; }

 private:
  KeyRing() = default;
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
// True when the token was made with a key that is no longer the current one (also for a token
// that cannot be read, so a rotation job looks at it rather than skipping it).
bool needs_reencryption(const KeyRing& ring, std::string_view token);

// Hex keyed BLAKE2b-256 of purpose || NUL || value; equal inputs give equal outputs.
std::string blind_index(const KeyRing& ring, std::string_view value, std::string_view purpose);

}  // namespace loket::privacy
