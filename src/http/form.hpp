// application/x-www-form-urlencoded bodies (HTML forms, OAuth back-channel requests).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace loket::http {

// The decoded value of the first field with this name; nullopt when absent or malformed.
std::optional<std::string> form_field(std::string_view body, std::string_view name);

}  // namespace loket::http
