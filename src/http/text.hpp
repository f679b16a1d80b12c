// Whether received text is text: well-formed UTF-8 without NUL, checked where input enters.
#pragma once

#include <string>
#include <string_view>

namespace loket::http {

// Well-formed UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates (U+D800..DFFF),
// nothing past U+10FFFF, no truncated sequence.
bool is_valid_utf8(std::string_view text);

// Valid UTF-8 without a NUL character: PostgreSQL stores no NUL in text, and a C string ends
// at one, so such input is refused at the door instead of failing deep inside.
bool is_clean_text(std::string_view text);

// `text` with each byte that is not part of well-formed UTF-8, and each NUL, replaced by
// U+FFFD: safe to echo in an error message.
std::string printable(std::string_view text);

}  // namespace loket::http
