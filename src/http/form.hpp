// application/x-www-form-urlencoded bodies (HTML forms, OAuth back-channel requests).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loket::http {

struct Request;

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

// The text of a field of a posted form, "" when absent, with a browser's line ends (CRLF) as
// one LF. Throws BadRequest (400) naming the field when it is malformed.
std::string form_text(const Request& request, std::string_view name);
// Every value of a repeated field (a group of checkboxes), in order; malformed ones are left out.
std::vector<std::string> form_texts(const Request& request, std::string_view name);

}  // namespace loket::http
