#include "identity/totp.hpp"

#include <gtest/gtest.h>

namespace loket::identity {
namespace {

// RFC 6238 appendix B, SHA-1 rows (8 digits), secret "12345678901234567890".
TEST(Totp, Rfc6238Vectors) {
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(totp_code(secret, 59 / 30, 8), "94287082");
  EXPECT_EQ(totp_code(secret, 1111111109 / 30, 8), "07081804");
  EXPECT_EQ(totp_code(secret, 1234567890 / 30, 8), "89005924");
  EXPECT_EQ(totp_code(secret, 20000000000 / 30, 8), "65353130");
}

TEST(Totp, VerifyAcceptsOneStepOfDriftOnly) {
  const std::string secret = "12345678901234567890";
  std::int64_t now = 1'800'000'000;
  auto code = totp_code(secret, now / 30);
  EXPECT_EQ(totp_verify(secret, code, now), now / 30);
  EXPECT_EQ(totp_verify(secret, totp_code(secret, now / 30 - 1), now), now / 30 - 1);
  EXPECT_EQ(totp_verify(secret, totp_code(secret, now / 30 - 2), now), std::nullopt);
  EXPECT_EQ(totp_verify(secret, "12345", now), std::nullopt);
  EXPECT_EQ(totp_verify(secret, "abcdef", now), std::nullopt);
}

TEST(Totp, Base32RoundTripAndRfc4648Vector) {
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YTBOI"), "foobar");
  EXPECT_EQ(base32_decode("mzxw6ytboi======"), "foobar");
  EXPECT_EQ(base32_decode("MZ!"), std::nullopt);
  EXPECT_EQ(totp_uri("Loket", "a@b.nl", "foobar"),
            "otpauth://totp/Loket:a@b.nl?secret=MZXW6YTBOI&issuer=Loket");
}

}  // namespace
}  // namespace loket::identity
