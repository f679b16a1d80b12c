#include "http/text.hpp"

#include <gtest/gtest.h>

namespace loket::http {
namespace {

TEST(Text, AcceptsWellFormedUtf8) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii ~"));
  EXPECT_TRUE(is_valid_utf8("\xC3\xA9"));          // é
  EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC"));      // €
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(is_valid_utf8("\xEE\x80\x80"));      // U+E000, just above
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // an emoji
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(Text, RefusesEveryKindOfMalformedUtf8) {
  for (std::string_view bad :
       {"\x80", "\xBF", "\xC0\xAF", "\xC1\xBF", "\xC3", "\xC3(", "\xE0\x80\xAF", "\xE2\x82",
        "\xED\xA0\x80", "\xED\xBF\xBF", "\xF0\x80\x80\xAF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
        "\xFE", "\xFF", "ok\xFF", "\xF0\x9F\x98"}) {
    EXPECT_FALSE(is_valid_utf8(bad)) << testing::PrintToString(bad);
    EXPECT_FALSE(is_clean_text(bad));
  }
}

TEST(Text, CleanTextHasNoNul) {
  EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
  EXPECT_FALSE(is_clean_text(std::string_view("a\0b", 3)));
  EXPECT_FALSE(is_clean_text(std::string_view("\0", 1)));
  EXPECT_TRUE(is_clean_text("caf\xC3\xA9"));
}

// The ASCII fast path reads eight bytes at a time: a bad byte or a NUL is found wherever it is,
// in a word, at a word's edge or in the tail after the last whole word.
TEST(Text, FindsTheOneBadByteInLongAsciiText) {
  for (std::size_t size : {7u, 8u, 9u, 63u, 64u, 65u, 1000u}) {
    std::string ascii(size, 'A');
    EXPECT_TRUE(is_valid_utf8(ascii));
    EXPECT_TRUE(is_clean_text(ascii));
    for (std::size_t at = 0; at < size; ++at) {
      auto bad = ascii;
      bad[at] = '\xFF';
      EXPECT_FALSE(is_valid_utf8(bad)) << size << " at " << at;
      EXPECT_FALSE(is_clean_text(bad)) << size << " at " << at;
      auto nul = ascii;
      nul[at] = '\0';
      EXPECT_TRUE(is_valid_utf8(nul));
      EXPECT_FALSE(is_clean_text(nul)) << size << " at " << at;
      auto accent = ascii;
      accent[at] = '\xC3';  // é needs its second byte
      accent.insert(at + 1, 1, '\xA9');
      EXPECT_TRUE(is_clean_text(accent)) << size << " at " << at;
      accent.erase(at + 1, 1);  // now truncated (or followed by an 'A')
      EXPECT_FALSE(is_clean_text(accent)) << size << " at " << at;
    }
  }
}

TEST(Text, PrintableReplacesWhatCannotBeShown) {
  EXPECT_EQ(printable("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(printable(std::string_view("a\0b\xFF", 4)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_TRUE(is_clean_text(printable("\xED\xA0\x80\xC3")));
}

}  // namespace
}  // namespace loket::http
