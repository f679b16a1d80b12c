// TOTP on OpenSSL's HMAC; comparisons in constant time.
#include "identity/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <boost/url/url.hpp>

namespace loket::identity {

std::string totp_code(std::string_view secret, std::int64_t step, int digits) {
  std::array<unsigned char, 8> counter{};
  auto c = static_cast<std::uint64_t>(step);
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(c & 0xff);
    c >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter.data(), counter.size(),
       mac, &len);
  int offset = mac[len - 1] & 0x0f;
  std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                         (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                         (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                         static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  auto value = std::to_string(binary % mod);
  return std::string(static_cast<std::size_t>(digits) - value.size(), '0') + value;
}

std::optional<std::int64_t> totp_verify(std::string_view secret, std::string_view code,
                                        std::int64_t now) {
  if (code.size() != 6) return std::nullopt;
  std::int64_t step = now / 30;
  for (std::int64_t s : {step, step - 1, step + 1}) {
    auto expected = totp_code(secret, s);
    if (sodium_memcmp(expected.data(), code.data(), 6) == 0) return s;
  }
  return std::nullopt;
}

std::string base32_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    int v;
    if (ch >= 'A' && ch <= 'Z') {
      v = ch - 'A';
    } else if (ch >= 'a' && ch <= 'z') {
      v = ch - 'a';
    } else if (ch >= '2' && ch <= '7') {
      v = ch - '2' + 26;
    } else if (ch == '=' || ch == ' ') {
      continue;
    } else {
      return std::nullopt;
    }
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret) {
  boost::urls::url u;
  u.set_scheme("otpauth");
  u.set_encoded_host("totp");
  u.set_path("/" + std::string(issuer) + ":" + std::string(account));
  u.params().append({"secret", base32_encode(secret)});
  u.params().append({"issuer", issuer});
  return std::string(u.buffer());
}

}  // namespace loket::identity
