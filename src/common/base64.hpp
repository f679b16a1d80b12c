// Base64 and base64url (RFC 4648) on libsodium, in one place for tokens, PKCE, mail and Basic auth.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace loket::common {

// base64url without padding (JWS parts, PKCE, random tokens).
std::string base64url_encode(std::string_view bytes);
// Strict: nullopt for anything but unpadded base64url (no '=', no white space).
std::optional<std::string> base64url_decode(std::string_view text);
// Standard base64 with padding (MIME, HTTP Basic).
std::string base64_encode(std::string_view bytes);

}  // namespace loket::common
