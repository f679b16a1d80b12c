// Field encryption, the key file and blind indexes: round trips, tampering, rotation, parsing.
#include "privacy/field_crypto.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstring>
#include <vector>

namespace loket::privacy {
namespace {

class FieldCrypto : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }
};
class KeyRingFile : public FieldCrypto {};
class BlindIndex : public FieldCrypto {};

std::string base64(const std::vector<unsigned char>& bytes, int variant) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// A key line's base64: n bytes of one value, so a test can recognise it in an error message.
std::string key_b64(unsigned char fill, std::size_t n = 32) {
  return base64(std::vector<unsigned char>(n, fill), sodium_base64_VARIANT_ORIGINAL);
}

// The token with one bit of its decoded payload flipped at byte i (nonce, ciphertext or tag).
std::string flip_payload_bit(const std::string& token, std::size_t i) {
  auto dot = token.rfind('.');
  auto payload = token.substr(dot + 1);
  std::vector<unsigned char> raw(payload.size());
  std::size_t len = 0;
  EXPECT_EQ(sodium_base642bin(raw.data(), raw.size(), payload.data(), payload.size(), nullptr, &len,
                              nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            0);
  raw.resize(len);
  raw.at(i) ^= 0x01;
  return token.substr(0, dot + 1) + base64(raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

TEST_F(FieldCrypto, RoundTripWithFreshNonces) {
  auto ring = KeyRing::generate();
  auto a = encrypt(ring, "999993653", "cases:applicant_bsn:1");
  auto b = encrypt(ring, "999993653", "cases:applicant_bsn:1");
  EXPECT_NE(a, b);
  EXPECT_TRUE(a.starts_with("v1.k1."));
  EXPECT_EQ(a.find("999993653"), std::string::npos);
  EXPECT_EQ(decrypt(ring, a, "cases:applicant_bsn:1"), "999993653");
  EXPECT_EQ(decrypt(ring, b, "cases:applicant_bsn:1"), "999993653");
}

TEST_F(FieldCrypto, EmptyValuesRoundTrip) {
  auto ring = KeyRing::generate();
  EXPECT_EQ(decrypt(ring, encrypt(ring, "", ""), ""), "");
  EXPECT_EQ(decrypt(ring, encrypt(ring, "x", ""), ""), "x");
}

TEST_F(FieldCrypto, TamperingAnyByteFails) {
  auto ring = KeyRing::generate();
  auto t = encrypt(ring, "999993653", "cases:applicant_bsn:1");
  // 24-byte nonce, 9 bytes of ciphertext, 16-byte tag: one byte of each.
  for (std::size_t i : {0u, 23u, 24u, 32u, 33u, 48u}) {
    EXPECT_EQ(decrypt(ring, flip_payload_bit(t, i), "cases:applicant_bsn:1"), std::nullopt) << i;
  }
  EXPECT_EQ(decrypt(ring, t.substr(0, t.size() - 1), "cases:applicant_bsn:1"), std::nullopt);
}

TEST_F(FieldCrypto, ValueMovedToAnotherRowFails) {
  auto ring = KeyRing::generate();
  auto t = encrypt(ring, "999993653", "cases:applicant_bsn:1");
  EXPECT_EQ(decrypt(ring, t, "cases:applicant_bsn:2"), std::nullopt);
  EXPECT_EQ(decrypt(ring, t, "cases:representative_bsn:1"), std::nullopt);
  EXPECT_EQ(decrypt(ring, t, ""), std::nullopt);
}

TEST_F(FieldCrypto, UnknownKeyAndBadFormatFail) {
  auto ring = KeyRing::generate();
  auto t = encrypt(ring, "999993653", "x");
  EXPECT_EQ(decrypt(KeyRing::generate(), t, "x"), std::nullopt);  // another ring's k1
  EXPECT_EQ(decrypt(ring, "v1.k9." + t.substr(6), "x"), std::nullopt);
  EXPECT_EQ(decrypt(ring, "v2.k1." + t.substr(6), "x"), std::nullopt);
  EXPECT_EQ(decrypt(ring, "v1..", "x"), std::nullopt);
  EXPECT_EQ(decrypt(ring, "v1.k1.", "x"), std::nullopt);
  EXPECT_EQ(decrypt(ring, "v1.k1.!!!!", "x"), std::nullopt);
  EXPECT_EQ(decrypt(ring, "999993653", "x"), std::nullopt);
  EXPECT_EQ(decrypt(ring, "", "x"), std::nullopt);
}

TEST_F(FieldCrypto, RotationKeepsOldTokensReadable) {
  auto old_ring = KeyRing::generate();
  auto old_token = encrypt(old_ring, "111222333", "x");
  EXPECT_FALSE(needs_reencryption(old_ring, old_token));
  // Add k2 at the end: it becomes the current key.
  std::string error;
  auto ring = KeyRing::parse(old_ring.serialize() + "k2:" + key_b64(7) + "\n", &error);
  ASSERT_TRUE(ring) << error;
  EXPECT_EQ(ring->current_id(), "k2");
  EXPECT_EQ(decrypt(*ring, old_token, "x"), "111222333");
  EXPECT_TRUE(needs_reencryption(*ring, old_token));
  auto new_token = encrypt(*ring, "111222333", "x");
  EXPECT_TRUE(new_token.starts_with("v1.k2."));
  EXPECT_FALSE(needs_reencryption(*ring, new_token));
  // Relabelling a k2 token as k1 does not make k1 decrypt it.
  EXPECT_EQ(decrypt(*ring, "v1.k1." + new_token.substr(6), "x"), std::nullopt);
  // The old ring cannot read what the new key wrote.
  EXPECT_EQ(decrypt(old_ring, new_token, "x"), std::nullopt);
  EXPECT_TRUE(needs_reencryption(*ring, "garbage"));
}

TEST_F(KeyRingFile, SerializeParseRoundTrip) {
  auto ring = KeyRing::generate();
  auto t = encrypt(ring, "999993653", "x");
  std::string error;
  auto again = KeyRing::parse(ring.serialize(), &error);
  ASSERT_TRUE(again) << error;
  EXPECT_EQ(again->current_id(), "k1");
  EXPECT_EQ(decrypt(*again, t, "x"), "999993653");
  EXPECT_EQ(blind_index(*again, "999993653", "bsn"), blind_index(ring, "999993653", "bsn"));
}

TEST_F(KeyRingFile, CommentsBlankLinesAndCrlfAreAccepted) {
  std::string text = "# keys\r\n\r\n  k1:" + key_b64(1) +
                     "  \r\n# index anywhere\nindex:" + key_b64(2) + "\r\n\nk2:" + key_b64(3) +
                     "\n# trailing comment\n";
  std::string error;
  auto ring = KeyRing::parse(text, &error);
  ASSERT_TRUE(ring) << error;
  EXPECT_EQ(ring->current_id(), "k2");
  ASSERT_NE(ring->key("k1"), nullptr);
  EXPECT_EQ(ring->key("k1")->data()[0], 1);
  EXPECT_EQ(ring->index_key().data()[0], 2);
  EXPECT_EQ(ring->key("index"), nullptr);
}

TEST_F(KeyRingFile, ParseErrorsNameTheLineNotTheKey) {
  auto index = "index:" + key_b64(2) + "\n";
  struct Case {
    std::string text;
    std::string error;
  };
  std::vector<Case> cases = {
      {index + "k1 " + key_b64(1) + "\n", "line 2: expected ID:BASE64KEY"},
      {index + "Bad_Id:" + key_b64(1) + "\n", "line 2: key id must be 1 to 16 of a-z, 0-9 and -"},
      {index + ":" + key_b64(1) + "\n", "line 2: key id must be 1 to 16 of a-z, 0-9 and -"},
      {index + "a23456789-1234567:" + key_b64(1) + "\n",
       "line 2: key id must be 1 to 16 of a-z, 0-9 and -"},
      {index + "#\n\nk1:" + key_b64(1, 31) + "\n", "line 4: key must be 32 bytes in base64"},
      {index + "k1:" + key_b64(1, 33) + "\n", "line 2: key must be 32 bytes in base64"},
      {index + "k1:" + key_b64(1).substr(1) + "\n", "line 2: key must be 32 bytes in base64"},
      {index + "k1:\n", "line 2: key must be 32 bytes in base64"},
      {index + "k1:" + key_b64(1) + "\nk1:" + key_b64(3) + "\n", "line 3: key id used twice"},
      {index + "k1:" + key_b64(1) + "\n" + index, "line 3: a second index key"},
      {index, "no encryption key (a line ID:BASE64KEY)"},
      {"k1:" + key_b64(1) + "\n", "no index key (a line index:BASE64KEY)"},
      {"", "no encryption key (a line ID:BASE64KEY)"},
  };
  for (const auto& c : cases) {
    std::string error;
    EXPECT_FALSE(KeyRing::parse(c.text, &error)) << c.text;
    EXPECT_EQ(error, c.error) << c.text;
    // No message repeats key material (the recognisable base64 of the test keys).
    for (unsigned char fill : {1, 2, 3}) {
      EXPECT_EQ(error.find(key_b64(fill).substr(0, 8)), std::string::npos) << error;
    }
  }
  // A null error pointer is allowed.
  EXPECT_FALSE(KeyRing::parse("", nullptr));
}

TEST_F(KeyRingFile, GenerateMakesFreshKeys) {
  auto a = KeyRing::generate();
  auto b = KeyRing::generate();
  EXPECT_NE(a.serialize(), b.serialize());
  ASSERT_NE(a.key("k1"), nullptr);
  EXPECT_EQ(a.key("k1")->size(), 32u);
  EXPECT_EQ(a.index_key().size(), 32u);
  EXPECT_NE(std::memcmp(a.key("k1")->data(), a.index_key().data(), 32), 0);
}

TEST_F(KeyRingFile, SecretBytesMoveLeavesNothingBehind) {
  SecretBytes a(32);
  std::memset(a.data(), 0xab, a.size());
  SecretBytes b(std::move(a));
  // NOLINTBEGIN(bugprone-use-after-move,clang-analyzer-cplusplus.Move): the moved-from state
  // is what this test checks.
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(a.data(), nullptr);
  // NOLINTEND(bugprone-use-after-move,clang-analyzer-cplusplus.Move)
  EXPECT_EQ(b.size(), 32u);
  EXPECT_EQ(b.data()[31], 0xab);
}

TEST_F(BlindIndex, DeterministicPerKeyAndPurpose) {
  auto ring = KeyRing::generate();
  auto a = blind_index(ring, "999993653", "bsn");
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a, blind_index(ring, "999993653", "bsn"));
  EXPECT_NE(a, blind_index(ring, "999993653", "kvk"));
  EXPECT_NE(a, blind_index(ring, "999993654", "bsn"));
  EXPECT_NE(a, blind_index(KeyRing::generate(), "999993653", "bsn"));
  // The NUL separator keeps purpose and value apart: "ab"+"c" is not "a"+"bc".
  EXPECT_NE(blind_index(ring, "c", "ab"), blind_index(ring, "bc", "a"));
}

TEST_F(BlindIndex, DependsOnTheIndexKeyOnly) {
  // Rotating encryption keys must not change indexes, or every lookup row would need rewriting.
  std::string error;
  auto one = KeyRing::parse("index:" + key_b64(2) + "\nk1:" + key_b64(1) + "\n", &error);
  auto two =
      KeyRing::parse("index:" + key_b64(2) + "\nk1:" + key_b64(1) + "\nk2:" + key_b64(3), &error);
  ASSERT_TRUE(one && two) << error;
  EXPECT_EQ(blind_index(*one, "999993653", "bsn"), blind_index(*two, "999993653", "bsn"));
}

TEST(KeyRingRotation, AddedKeyBecomesCurrentAndOldTokensStillDecrypt) {
  ASSERT_GE(sodium_init(), 0);
  auto ring = KeyRing::generate();
  auto old_token = encrypt(ring, "999993653", "t:1");
  EXPECT_EQ(ring.add_key(), "k2");
  EXPECT_EQ(ring.current_id(), "k2");
  EXPECT_TRUE(needs_reencryption(ring, old_token));
  EXPECT_EQ(decrypt(ring, old_token, "t:1"), "999993653");
  std::string error;
  auto reread = KeyRing::parse(ring.serialize(), &error);
  ASSERT_TRUE(reread) << error;
  EXPECT_EQ(reread->current_id(), "k2");
  EXPECT_EQ(decrypt(*reread, old_token, "t:1"), "999993653");
}

}  // namespace
}  // namespace loket::privacy
