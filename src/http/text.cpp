// A strict UTF-8 decoder (RFC 3629 table 3-7 of the Unicode standard), one sequence at a time.
#include "http/text.hpp"

#include <cstdint>
#include <cstring>

namespace loket::http {
namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
constexpr std::uint64_t kLowBits = 0x0101010101010101ull;

std::uint64_t load8(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// How many bytes at the front of `text` are ASCII, eight at a time (most text sent to an API,
// and all of base64, is ASCII: a megabyte of `inhoud` is checked at memory speed, not a
// sequence at a time). With `no_nul`, the run also stops before the first 8-byte word holding a
// NUL, which the careful loop then finds.
std::size_t ascii_prefix(std::string_view text, bool no_nul) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    auto word = load8(text.data() + i);
    if (word & kHighBits) break;
    // A zero byte in an all-ASCII word: (w - 0x01..) & ~w & 0x80.. is not 0 exactly then.
    if (no_nul && ((word - kLowBits) & ~word & kHighBits)) break;
  }
  return i;
}

// The length of the well-formed sequence at the start of `s`, or 0 when there is none.
std::size_t sequence_length(std::string_view s) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i < s.size() && byte(i) >= lo && byte(i) <= hi;
  };
  unsigned char b = byte(0);
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(1) ? 2 : 0;
  if (b == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;        // no overlong
  if (b == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;  // no surrogate
  if (b >= 0xE1 && b <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (b == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;        // no overlong
  if (b == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;  // ≤ U+10FFFF
  if (b >= 0xF1 && b <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  return 0;  // a continuation byte, C0, C1, F5..FF
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  text.remove_prefix(ascii_prefix(text, false));
  while (!text.empty()) {
    auto n = sequence_length(text);
    if (n == 0) return false;
    text.remove_prefix(n);
  }
  return true;
}

bool is_clean_text(std::string_view text) {
  // One pass over the ASCII front for both NUL and UTF-8, then the careful loop for the rest.
  text.remove_prefix(ascii_prefix(text, true));
  return text.find('\0') == std::string_view::npos && is_valid_utf8(text);
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    auto n = sequence_length(text);
    if (n == 0 || text[0] == '\0') {
      out += "\xEF\xBF\xBD";
      n = 1;
    } else {
      out.append(text.substr(0, n));
    }
    text.remove_prefix(n);
  }
  return out;
}

}  // namespace loket::http
