// Counting characters of UTF-8 text (the length limits of free-text fields are in characters,
// not bytes). The text is assumed valid UTF-8; invalid input is refused before it gets here.
#pragma once

#include <cstddef>
#include <string_view>

namespace loket::common {

// The number of code points: every byte that does not continue a sequence starts one.
inline std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

}  // namespace loket::common
