// Base64 decoded in pieces: the same bytes as a whole decode, and clear refusals.
#include "documents/base64_stream.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "common/base64.hpp"
#include "documents/blob_store.hpp"

namespace loket::documents {
namespace {

std::string decode(std::string_view text, std::size_t piece, std::size_t feed, bool* ok,
                   std::string* error = nullptr) {
  std::string out;
  Base64Decoder d(
      [&](std::string_view bytes) {
        EXPECT_LE(bytes.size(), piece);
        out.append(bytes);
        return true;
      },
      piece);
  *ok = true;
  while (!text.empty() && *ok) {
    *ok = d.feed(text.substr(0, feed));
    text.remove_prefix(std::min(feed, text.size()));
  }
  *ok = *ok && d.finish();
  if (error) *error = d.error();
  return out;
}

TEST(Base64Stream, DecodesInPiecesWhateverTheChunking) {
  std::mt19937 rng(42);
  for (std::size_t size : {0u, 1u, 2u, 3u, 4u, 5u, 100u, 65536u, 100001u}) {
    std::string bytes(size, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng());
    auto text = common::base64_encode(bytes);
    for (std::size_t piece : {3u, 7u, 4096u}) {
      for (std::size_t feed :
           {std::size_t{1}, std::size_t{5}, std::size_t{1000}, text.size() + 1}) {
        bool ok = false;
        EXPECT_EQ(decode(text, piece, feed, &ok), bytes) << size << " " << piece << " " << feed;
        EXPECT_TRUE(ok);
      }
    }
  }
}

TEST(Base64Stream, SkipsLineBreaks) {
  bool ok = false;
  EXPECT_EQ(decode("aGVs\r\nbG8g\n d29y bGQ=\n", 16, 3, &ok), "hello world");
  EXPECT_TRUE(ok);
}

// MIME-wrapped lines and a bad character late in a long text: the fast path (whole groups)
// hands over to the careful one and back, and the error names the right character.
TEST(Base64Stream, WrappedLinesAndLateErrorsInLongText) {
  std::mt19937 rng(7);
  std::string bytes(50000, '\0');
  for (auto& c : bytes) c = static_cast<char>(rng());
  auto flat = common::base64_encode(bytes);
  std::string wrapped;
  for (std::size_t i = 0; i < flat.size(); i += 76) wrapped += flat.substr(i, 76) + "\r\n";
  for (std::size_t piece : {5u, 1000u, 65536u}) {
    bool ok = false;
    EXPECT_EQ(decode(wrapped, piece, 4096, &ok), bytes) << piece;
    EXPECT_TRUE(ok);
  }
  auto bad = flat;
  bad[40001] = '*';
  bool ok = true;
  std::string error;
  decode(bad, 65536, bad.size(), &ok, &error);
  EXPECT_FALSE(ok);
  EXPECT_NE(error.find("character 40002"), std::string::npos) << error;
  // The fast path decodes a group at a time: a bad character is found in each place of one.
  for (std::size_t at = 40000; at < 40004; ++at) {
    for (char c : {'*', '\xFF', '\x80', '-'}) {
      auto one = flat;
      one[at] = c;
      ok = true;
      error.clear();
      decode(one, 65536, one.size(), &ok, &error);
      EXPECT_FALSE(ok) << at;
      EXPECT_NE(error.find("character " + std::to_string(at + 1)), std::string::npos) << error;
    }
  }
}

TEST(Base64Stream, RefusesWhatIsNotBase64) {
  for (auto bad : {"aGVsbG8*", "aGVsbG8", "a", "=aGV", "a===", "aGVsbG8==", "aGVsbA==aGVs",
                   "aGVsbA=a", "aGVs-_8", "aGVs\x01"}) {
    bool ok = true;
    std::string error;
    decode(bad, 16, 100, &ok, &error);
    EXPECT_FALSE(ok) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST(Base64Stream, StopsWhenTheSinkDoes) {
  int calls = 0;
  Base64Decoder d([&](std::string_view) { return ++calls < 2; }, 3);
  EXPECT_FALSE(d.feed(common::base64_encode(std::string(30, 'x'))));
  EXPECT_EQ(calls, 2);
  EXPECT_FALSE(d.finish());
}

TEST(Base64Stream, IntoTheBlobStore) {
  auto dir = std::filesystem::temp_directory_path() / ("loket-b64-" + std::to_string(::getpid()));
  {
    BlobStore store({.dir = dir, .max_size = 11});
    auto staged = store.put_base64(common::base64_encode("hello world"), "inhoud");
    ASSERT_TRUE(staged);
    EXPECT_EQ(staged->sha256(), store.put("hello world")->sha256());
    auto bad = store.put_base64("aGVsbG8*", "inhoud");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().kind, Refusal::Kind::BadEncoding);
    EXPECT_EQ(bad.error().field, "inhoud");
    EXPECT_EQ(bad.error().status(), 400);
    auto big = store.put_base64(common::base64_encode("hello world!"), "inhoud");
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().kind, Refusal::Kind::TooLarge);
    EXPECT_EQ(big.error().field, "inhoud");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace loket::documents
