// Mail messages and SMTP delivery. The body is quoted-printable, so no line is too long for SMTP
// and a line that starts with a dot is escaped by libcurl as SMTP requires.
#include "notify/mail.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

#include "common/base64.hpp"

namespace loket::notify {
namespace {

bool has_line_break(const std::string& s) {
  return s.find_first_of("\r\n") != std::string::npos || s.find('\0') != std::string::npos;
}

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string base64(const std::string& raw) { return common::base64_encode(raw); }

std::string rfc5322_date(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, up->data->size() - up->offset);
  std::copy_n(up->data->data() + up->offset, n, buffer);
  up->offset += n;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

std::optional<std::string> validate(const Mail& mail) {
  auto at = mail.to.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= mail.to.size() || mail.to.size() > 254 ||
      mail.to.find_first_of(" <>,;\"") != std::string::npos || has_line_break(mail.to)) {
    return "to: not an e-mail address";
  }
  if (mail.subject.empty() || has_line_break(mail.subject)) return "subject: one line";
  return std::nullopt;
}

std::string encode_header(const std::string& value) {
  if (is_ascii(value)) return value;
  return "=?UTF-8?B?" + base64(value) + "?=";
}

std::string quoted_printable(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t line = 0;  // characters on the current output line
  auto put = [&](const std::string& piece) {
    if (line + piece.size() > 75) {  // 75 + the soft break's "=" = 76
      out += "=\r\n";
      line = 0;
    }
    out += piece;
    line += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\r\n";
      line = 0;
      continue;
    }
    if (c == '\r') continue;
    bool at_line_end = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end);
    if (literal) {
      put(std::string(1, static_cast<char>(c)));
    } else {
      put(std::string{'=', kHex[c >> 4], kHex[c & 0xf]});
    }
  }
  return out;
}

std::string build_message(const Mail& mail, const std::string& from, std::int64_t unix_seconds,
                          const std::string& message_id) {
  std::string m;
  m += "From: " + from + "\r\n";
  m += "To: " + mail.to + "\r\n";
  m += "Subject: " + encode_header(mail.subject) + "\r\n";
  m += "Date: " + rfc5322_date(unix_seconds) + "\r\n";
  m += "Message-ID: <" + message_id + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: quoted-printable\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "\r\n";
  m += quoted_printable(mail.text);
  if (!m.ends_with("\r\n")) m += "\r\n";
  return m;
}

bool send_smtp(const SmtpSettings& smtp, const Mail& mail, const std::string& message_id,
               std::string* error) {
  if (auto problem = validate(mail)) {
    if (error) *error = *problem;
    return false;
  }
  std::string message =
      build_message(mail, smtp.from, static_cast<std::int64_t>(std::time(nullptr)), message_id);
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    if (error) *error = "curl_easy_init failed";
    return false;
  }
  std::unique_ptr<curl_slist, ListDeleter> rcpt(
      curl_slist_append(nullptr, ("<" + mail.to + ">").c_str()));
  std::string envelope_from = "<" + smtp.from + ">";
  if (auto lt = smtp.from.find('<'); lt != std::string::npos) {
    envelope_from = smtp.from.substr(lt);  // "Name <address>": the address part
  }
  Upload up{&message};
  char curl_error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(smtp.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(smtp.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_error);
  // STARTTLS when the server offers it; smtps:// is TLS from the start.
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  auto rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    if (error) *error = curl_error[0] ? curl_error : curl_easy_strerror(rc);
    return false;
  }
  return true;
}

}  // namespace loket::notify
