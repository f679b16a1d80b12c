// libmagic detects types from the bytes, whatever a file is called.
#include "documents/media_type.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace loket::documents {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n";
const std::string kPng{"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 29};
const std::string kHtml = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n";

TEST(MediaType, FromBytes) {
  EXPECT_EQ(detect_media_type_of(kPdf), "application/pdf");
  EXPECT_EQ(detect_media_type_of(kPng), "image/png");
  EXPECT_EQ(detect_media_type_of(kHtml), "text/html");
  EXPECT_EQ(detect_media_type_of("Gewoon wat tekst.\n"), "text/plain");
  EXPECT_EQ(detect_media_type_of(""), "application/x-empty");
  EXPECT_EQ(detect_media_type_of(std::string("MZ\x90\0\x03\0\0\0", 8) + std::string(200, '\0')),
            "application/x-dosexec");
}

// Only the head (64 KiB) is judged: a long text is still text, also when the cut falls in the
// middle of a character, and a PDF is a PDF whatever follows its head.
TEST(MediaType, ALargeFileIsJudgedByItsHead) {
  std::string text(64 * 1024 - 1, 'a');
  text += "\xC3\xA9";  // é across the 64 KiB mark
  while (text.size() < 1024 * 1024) text += "Gewoon wat tekst, met een \xE2\x82\xAC erin.\n";
  EXPECT_EQ(detect_media_type_of(text), "text/plain");
  EXPECT_EQ(detect_media_type_of(kPdf + std::string(2 * 1024 * 1024, 'x')), "application/pdf");
}

TEST(MediaType, EachThreadHasItsOwnCookie) {
  std::vector<std::thread> threads;
  threads.reserve(4);
  std::atomic<int> right{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 50; ++j) right += detect_media_type_of(kPdf) == "application/pdf";
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(right.load(), 200);
}

}  // namespace
}  // namespace loket::documents
