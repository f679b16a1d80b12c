#include "notify/mail.hpp"

#include <gtest/gtest.h>

namespace loket::notify {
namespace {

TEST(Mail, RefusesHeaderInjectionAndNonAddresses) {
  EXPECT_EQ(validate({"a@example.nl", "Onderwerp", "tekst"}), std::nullopt);
  EXPECT_NE(validate({"a@example.nl\r\nBcc: x@evil.example", "S", ""}), std::nullopt);
  EXPECT_NE(validate({"a@example.nl", "S\r\nBcc: x@evil.example", ""}), std::nullopt);
  EXPECT_NE(validate({"not-an-address", "S", ""}), std::nullopt);
  EXPECT_NE(validate({"a@b.nl, c@d.nl", "S", ""}), std::nullopt);
  EXPECT_NE(validate({"a@example.nl", "", ""}), std::nullopt);
}

TEST(Mail, BuildsHeadersThenBodyWithCrlf) {
  auto m = build_message({"to@example.nl", "Wachtwoord herstellen", "Regel 1\nRegel 2\n"},
                         "Loket <loket@example.nl>", 0, "id-1@example.nl");
  EXPECT_NE(m.find("From: Loket <loket@example.nl>\r\n"), std::string::npos);
  EXPECT_NE(m.find("To: to@example.nl\r\n"), std::string::npos);
  EXPECT_NE(m.find("Subject: Wachtwoord herstellen\r\n"), std::string::npos);
  EXPECT_NE(m.find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(m.find("Message-ID: <id-1@example.nl>\r\n"), std::string::npos);
  EXPECT_NE(m.find("charset=UTF-8"), std::string::npos);
  EXPECT_NE(m.find("\r\n\r\nRegel 1\r\nRegel 2\r\n"), std::string::npos);
  EXPECT_EQ(m.find("\n\n"), std::string::npos);  // no bare LF
}

TEST(Mail, EncodesNonAsciiSubjects) {
  EXPECT_EQ(encode_header("plain"), "plain");
  EXPECT_EQ(encode_header("caf\xc3\xa9"), "=?UTF-8?B?Y2Fmw6k=?=");
}

TEST(Mail, QuotedPrintableKeepsLinesShortAndEscapes) {
  EXPECT_EQ(quoted_printable("a=b\n"), "a=3Db\r\n");
  EXPECT_EQ(quoted_printable("caf\xc3\xa9"), "caf=C3=A9");
  EXPECT_EQ(quoted_printable("trailing \n"), "trailing=20\r\n");
  std::string link = "https://loket.example.nl/x?token=" + std::string(43, 'A');
  auto encoded = quoted_printable(std::string(100, 'x') + "\n" + link + "\n");
  std::size_t start = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n", start);
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
}

}  // namespace
}  // namespace loket::notify
