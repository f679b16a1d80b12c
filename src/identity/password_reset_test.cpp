#include "identity/password_reset.hpp"

#include <gtest/gtest.h>

namespace loket::identity {
namespace {

TEST(PasswordReset, MailCarriesTheLinkInDutchAndEnglish) {
  auto link = "https://loket.example.nl/wachtwoord-herstellen?token=abc";
  auto m = reset_mail("ria@gemeente.example", "Ria", link);
  EXPECT_EQ(m.to, "ria@gemeente.example");
  EXPECT_EQ(notify::validate(m), std::nullopt);
  EXPECT_NE(m.text.find("Beste Ria,"), std::string::npos);
  EXPECT_NE(m.text.find(std::string("\n") + link + "\n"), std::string::npos);  // a line of its own
  EXPECT_NE(m.text.find("30 minuten"), std::string::npos);
  EXPECT_NE(m.text.find("30 minutes"), std::string::npos);
}

}  // namespace
}  // namespace loket::identity
