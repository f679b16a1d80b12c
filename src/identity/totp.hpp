// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loket::identity {

// The code for a time step; `secret` is raw bytes.
std::string totp_code(std::string_view secret, std::int64_t step, int digits = 6);

// The step of `code` within one step of `now` (clock drift), or nullopt. A caller accepts it
// only when it is later than the last step used, so a code cannot be replayed.
std::optional<std::int64_t> totp_verify(std::string_view secret, std::string_view code,
                                        std::int64_t now);

std::string base32_encode(std::string_view bytes);  // RFC 4648, no padding
std::optional<std::string> base32_decode(std::string_view text);

// otpauth://totp/… URI that authenticator apps read (from a QR code).
std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace loket::identity
