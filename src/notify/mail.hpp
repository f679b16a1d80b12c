// E-mail: the message text (pure, unit-tested) and delivery over SMTP through libcurl.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace loket::notify {

struct Mail {
  std::string to;
  std::string subject;
  std::string text;  // plain text body, UTF-8, lines separated by \n
};

// The first problem with a mail (a header with a line break, an address that is not one), or
// nullopt. Checked before a mail is queued, so header injection never reaches SMTP.
std::optional<std::string> validate(const Mail& mail);

// The RFC 5322 message: headers (From, To, Subject encoded as RFC 2047 when not ASCII, Date,
// Message-ID, MIME UTF-8 quoted-printable), a blank line, the body; every line ends in CRLF.
std::string build_message(const Mail& mail, const std::string& from, std::int64_t unix_seconds,
                          const std::string& message_id);

// RFC 2047 "encoded-word" (base64) for a header value with non-ASCII characters; ASCII as is.
std::string encode_header(const std::string& value);

// Quoted-printable (RFC 2045) with lines of at most 76 characters; input lines end in \n.
std::string quoted_printable(const std::string& text);

struct SmtpSettings {
  std::string url;   // smtp://host:port or smtps://host:port
  std::string from;  // the envelope and header sender
  std::chrono::milliseconds timeout{10000};
};

// Sends one message; false with `error` (no personal data in it) when the server refuses or
// cannot be reached.
bool send_smtp(const SmtpSettings& smtp, const Mail& mail, const std::string& message_id,
               std::string* error);

}  // namespace loket::notify
