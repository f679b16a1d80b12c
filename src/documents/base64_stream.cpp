// A small base64 state machine: four characters make three bytes, "=" pads the last group.
#include "documents/base64_stream.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace loket::documents {
namespace {

// The alphabet as a table (-1: not in it), for the fast path's four lookups per group.
constexpr std::array<std::int8_t, 256> kValues = [] {
  std::array<std::int8_t, 256> t{};
  t.fill(-1);
  for (int i = 0; i < 26; ++i) {
    t['A' + i] = static_cast<std::int8_t>(i);
    t['a' + i] = static_cast<std::int8_t>(26 + i);
  }
  for (int i = 0; i < 10; ++i) t['0' + i] = static_cast<std::int8_t>(52 + i);
  t['+'] = 62;
  t['/'] = 63;
  return t;
}();

int value_of(char c) { return kValues[static_cast<unsigned char>(c)]; }

// The table again, shifted to each of the four places in a group's 24 bits, with bit 31 set for
// a character outside the alphabet: a group is four lookups OR-ed together and one test.
constexpr std::uint32_t kBad = 0x80000000u;
constexpr std::array<std::uint32_t, 256> shifted(int shift) {
  std::array<std::uint32_t, 256> t{};
  for (int i = 0; i < 256; ++i) {
    t[i] = kValues[i] < 0 ? kBad : static_cast<std::uint32_t>(kValues[i]) << shift;
  }
  return t;
}
constexpr auto kAt18 = shifted(18), kAt12 = shifted(12), kAt6 = shifted(6), kAt0 = shifted(0);

// Decodes whole groups of four alphabet characters from `in` into `out` (room for 3 bytes per
// group), stopping at the first group holding anything else (padding, a line break, an error:
// the careful path takes those). Returns the groups decoded.
std::size_t decode_groups(const unsigned char* in, std::size_t groups, char* out) {
  std::size_t g = 0;
  for (; g < groups; ++g, in += 4, out += 3) {
    auto bits = kAt18[in[0]] | kAt12[in[1]] | kAt6[in[2]] | kAt0[in[3]];
    if (bits & kBad) break;
    out[0] = static_cast<char>(bits >> 16);
    out[1] = static_cast<char>((bits >> 8) & 0xFF);
    out[2] = static_cast<char>(bits & 0xFF);
  }
  return g;
}

}  // namespace

Base64Decoder::Base64Decoder(std::function<bool(std::string_view)> sink, std::size_t piece)
    : sink_(std::move(sink)), piece_(piece == 0 ? 1 : piece) {
  out_.reserve(piece_);
}

bool Base64Decoder::fail(std::string why) {
  if (error_.empty()) error_ = std::move(why);
  return false;
}

bool Base64Decoder::flush() {
  if (out_.empty()) return true;
  decoded_ += out_.size();
  bool more = sink_(out_);
  out_.clear();
  if (!more) sink_stopped_ = true;
  return more;
}

bool Base64Decoder::feed(std::string_view text) {
  if (!error_.empty() || sink_stopped_) return false;
  for (std::size_t i = 0; i < text.size();) {
    // Fast path (a document is almost all whole groups): between groups, decode as many as fit
    // in the piece at once, with a table lookup per character and no per-byte appends.
    if (count_ == 0 && padding_ == 0 && out_.size() + 3 <= piece_) {
      auto groups = std::min((text.size() - i) / 4, (piece_ - out_.size()) / 3);
      if (groups > 0) {
        auto used = out_.size();
        out_.resize(used + groups * 3);
        auto done = decode_groups(reinterpret_cast<const unsigned char*>(text.data() + i), groups,
                                  out_.data() + used);
        out_.resize(used + done * 3);
        i += done * 4;
        position_ += done * 4;
        if (out_.size() + 3 > piece_ && !flush()) return false;
        if (done > 0) continue;
      }
    }
    char c = text[i++];
    ++position_;
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
    if (c == '=') {
      // "xx==" or "xxx=": padding completes a group that has two or three characters.
      if (count_ == 4)
        return fail("Too much padding at character " + std::to_string(position_) + ".");
      if (count_ + padding_ < 2) {
        return fail("Misplaced padding at character " + std::to_string(position_) + ".");
      }
      if (++padding_ + count_ == 4) {
        if (count_ == 2) out_ += static_cast<char>(group_ >> 4);
        if (count_ == 3) {
          out_ += static_cast<char>(group_ >> 10);
          out_ += static_cast<char>((group_ >> 2) & 0xFF);
        }
        count_ = 4;  // complete; only the end may follow
      }
      continue;
    }
    if (padding_ > 0) {
      return fail("Data after the padding at character " + std::to_string(position_) + ".");
    }
    int v = value_of(c);
    if (v < 0) {
      return fail("Not a base64 character at character " + std::to_string(position_) + ".");
    }
    group_ = (group_ << 6) | static_cast<std::uint32_t>(v);
    if (++count_ == 4) {
      out_ += static_cast<char>((group_ >> 16) & 0xFF);
      out_ += static_cast<char>((group_ >> 8) & 0xFF);
      out_ += static_cast<char>(group_ & 0xFF);
      group_ = 0;
      count_ = 0;
      if (out_.size() + 3 > piece_ && !flush()) return false;
    }
  }
  return true;
}

bool Base64Decoder::finish() {
  if (!error_.empty() || sink_stopped_) return false;
  if (padding_ > 0 ? count_ != 4 : count_ != 0) {
    return fail("The base64 text ends in an incomplete group (padding is required).");
  }
  return flush();
}

}  // namespace loket::documents
