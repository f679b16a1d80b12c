// A small base64 state machine: four characters make three bytes, "=" pads the last group.
#include "documents/base64_stream.hpp"

namespace loket::documents {
namespace {

int value_of(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
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
  for (char c : text) {
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
