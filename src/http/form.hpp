// application/x-www-form-urlencoded bodies (HTML forms, OAuth back-channel requests).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace loket::http {

// The first field with this name: absent, malformed (a bad %-escape, or a decoded value that
// is not valid UTF-8 or holds a NUL), or present with its decoded value.
struct FormField {
  enum class State { Absent, Malformed, Present };
  State state = State::Absent;
  std::string value;  // Present only
};
FormField find_form_field(std::string_view body, std::string_view name);

// The decoded value of the first field with this name; nullopt when absent or malformed.
std::optional<std::string> form_field(std::string_view body, std::string_view name);

}  // namespace loket::http
