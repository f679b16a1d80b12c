// A client for clamd's INSTREAM command over a unix or TCP socket: the bytes go to the daemon,
// which answers with the signature it found, if any.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace loket::documents {

struct ScanVerdict {
  enum class Outcome { Clean, Infected, Error };
  Outcome outcome = Outcome::Error;
  std::string detail;  // the signature (Infected) or clamd's error text (Error, e.g. a size limit)
};

// clamd could not be reached or broke off: nothing is known about the file, so it stays
// pending and is scanned again later.
class ClamdUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ClamdClient {
 public:
  // "unix:/run/clamav/clamd.ctl" or an absolute path: a unix socket; "tcp:HOST:PORT" or
  // "HOST:PORT": TCP. Throws std::invalid_argument on anything else.
  explicit ClamdClient(const std::string& address,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60));

  // Whether an address has one of the forms above (for the settings check).
  static bool valid_address(std::string_view address);

  // "PONG" answered.
  bool ping() const;
  ScanVerdict scan_file(const std::filesystem::path& file) const;
  ScanVerdict scan_bytes(std::string_view bytes) const;

 private:
  int connect() const;
  ScanVerdict scan(const std::function<bool(std::string&)>& next_chunk) const;
  std::string unix_path_;
  std::string host_, port_;
  std::chrono::milliseconds timeout_;
};

// Parses clamd's reply to INSTREAM ("stream: OK", "stream: Name FOUND", "... ERROR").
ScanVerdict parse_clamd_reply(std::string_view reply);

}  // namespace loket::documents
