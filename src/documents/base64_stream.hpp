// Standard base64 (RFC 4648, with padding) decoded piece by piece, so that a document sent
// inline (ZGW `inhoud`) goes to the blob store without a second, decoded copy in memory.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace loket::documents {

class Base64Decoder {
 public:
  // `sink` receives decoded bytes in pieces of at most `piece` bytes; returning false stops.
  explicit Base64Decoder(std::function<bool(std::string_view)> sink, std::size_t piece = 1 << 16);

  // Feeds text; false on a character outside the alphabet, data after padding, or when the sink
  // stopped. Line breaks, spaces and tabs are skipped (MIME wraps its lines).
  bool feed(std::string_view text);
  // Ends the input: false when the last group is incomplete (padding is required).
  bool finish();

  // Why the input was refused, for people ("" while it was not).
  const std::string& error() const { return error_; }
  std::uint64_t decoded() const { return decoded_; }

 private:
  bool fail(std::string why);
  bool flush();

  std::function<bool(std::string_view)> sink_;
  std::size_t piece_;
  std::string out_;
  std::uint32_t group_ = 0;  // bits of the group being read
  int count_ = 0;            // characters of it so far (0..3)
  int padding_ = 0;          // '=' seen; nothing but more '=' may follow
  std::uint64_t decoded_ = 0;
  std::uint64_t position_ = 0;  // characters read, for the error
  bool sink_stopped_ = false;
  std::string error_;
};

}  // namespace loket::documents
