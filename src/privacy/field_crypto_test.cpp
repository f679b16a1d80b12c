#include "privacy/field_crypto.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace loket::privacy {
namespace {

class FieldCrypto : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }
};

TEST_F(FieldCrypto, RoundTripWithFreshNonces) {
  auto ring = KeyRing::generate();
  auto a = encrypt(ring, "999993653", "sessions:1");
  auto b = encrypt(ring, "999993653", "sessions:1");
  EXPECT_NE(a, b);
  EXPECT_TRUE(a.starts_with("v1.k1."));
  EXPECT_EQ(a.find("999993653"), std::string::npos);
  EXPECT_EQ(decrypt(ring, a, "sessions:1"), "999993653");
}

TEST_F(FieldCrypto, TamperingWrongPlaceAndUnknownKeyFail) {
  auto ring = KeyRing::generate();
  auto t = encrypt(ring, "999993653", "sessions:1");
  EXPECT_EQ(decrypt(ring, t, "sessions:2"), std::nullopt);
  auto tampered = t;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(decrypt(ring, tampered, "sessions:1"), std::nullopt);
  EXPECT_EQ(decrypt(KeyRing::generate(), t, "sessions:1"), std::nullopt);
  EXPECT_EQ(decrypt(ring, "v1.k9." + t.substr(6), "sessions:1"), std::nullopt);
  EXPECT_EQ(decrypt(ring, "garbage", "sessions:1"), std::nullopt);
}

TEST_F(FieldCrypto, RotationKeepsOldTokensReadable) {
  auto old_ring = KeyRing::generate();
  auto old_token = encrypt(old_ring, "111222333", "x");
  auto text = old_ring.serialize();
  // Add k2 at the end: it becomes the current key.
  std::string k2(sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL), '\0');
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  sodium_bin2base64(k2.data(), k2.size(), raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
  text += "k2:" + std::string(k2.c_str()) + "\n";
  std::string error;
  auto ring = KeyRing::parse(text, &error);
  ASSERT_TRUE(ring) << error;
  EXPECT_EQ(ring->current_id(), "k2");
  EXPECT_EQ(decrypt(*ring, old_token, "x"), "111222333");
  EXPECT_TRUE(needs_reencryption(*ring, old_token));
  EXPECT_FALSE(needs_reencryption(*ring, encrypt(*ring, "111222333", "x")));
}

TEST_F(FieldCrypto, ParseErrorsNameTheLineNotTheKey) {
  std::string error;
  EXPECT_FALSE(KeyRing::parse("index:AAAA\n", &error));
  EXPECT_EQ(error, "line 1: key must be 32 bytes in base64");
  auto good = KeyRing::generate().serialize();
  EXPECT_FALSE(KeyRing::parse(good + "Bad_Id:QUFB\n", &error));
  EXPECT_EQ(error, "line 4: key id must be 1 to 16 of a-z, 0-9 and -");
  auto no_index = good.substr(good.find("k1:"));
  EXPECT_FALSE(KeyRing::parse(no_index, &error));
  EXPECT_NE(error.find("no index key"), std::string::npos);
  auto key_text = good.substr(good.find("k1:") + 3, 10);
  EXPECT_FALSE(KeyRing::parse(good + good.substr(good.find("k1:")), &error));
  EXPECT_EQ(error.find(key_text), std::string::npos);
  EXPECT_NE(error.find("key id used twice"), std::string::npos);
}

TEST_F(FieldCrypto, BlindIndexIsDeterministicPerKeyAndPurpose) {
  auto ring = KeyRing::generate();
  auto a = blind_index(ring, "999993653", "bsn");
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a, blind_index(ring, "999993653", "bsn"));
  EXPECT_NE(a, blind_index(ring, "999993653", "kvk"));
  EXPECT_NE(a, blind_index(ring, "999993654", "bsn"));
  EXPECT_NE(a, blind_index(KeyRing::generate(), "999993653", "bsn"));
}

}  // namespace
}  // namespace loket::privacy
