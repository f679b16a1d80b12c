// UUIDs on libsodium's random source.
#include "common/uuid.hpp"

#include <sodium.h>

#include <cstdint>

namespace loket::common {

namespace {

// The 8-4-4-4-12 text of 16 bytes whose version is `version`, with the RFC 9562 variant.
std::string text_of(std::array<unsigned char, 16> b, unsigned char version) {
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | (version << 4));
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::string new_uuid(std::chrono::system_clock::time_point now) {
  std::array<unsigned char, 16> b{};
  randombytes_buf(b.data(), b.size());
  auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  return text_of(b, 7);
}

std::string new_uuid() { return new_uuid(std::chrono::system_clock::now()); }

std::string uuid_from_bytes(std::array<unsigned char, 16> bytes) { return text_of(bytes, 4); }

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace loket::common
