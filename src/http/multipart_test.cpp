#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace loket::http {
namespace {

TEST(Multipart, ReadsTheBoundary) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b");
  EXPECT_EQ(multipart_boundary("application/x-www-form-urlencoded"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary="), std::nullopt);
}

TEST(Multipart, ReadsFieldsAndFiles) {
  std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
      "token\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"bestand-0\"; filename=\"boom \\\"1\\\".png\"\r\n"
      "Content-Type: image/png\r\n\r\n"
      "\x89PNG\r\n--Xy not the end\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"bestand-1\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n"
      "\r\n"
      "--XyZ--\r\n";
  auto parts = parse_multipart(body, "XyZ");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "csrf");
  EXPECT_FALSE((*parts)[0].filename);
  EXPECT_EQ((*parts)[0].content, "token");
  EXPECT_EQ((*parts)[1].name, "bestand-0");
  EXPECT_EQ((*parts)[1].filename, "boom \"1\".png");
  EXPECT_EQ((*parts)[1].content_type, "image/png");
  EXPECT_EQ((*parts)[1].content, "\x89PNG\r\n--Xy not the end");
  EXPECT_EQ((*parts)[2].filename, "");
  EXPECT_EQ((*parts)[2].content, "");
}

TEST(Multipart, RefusesWhatIsNotWellFramed) {
  EXPECT_FALSE(parse_multipart("", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b"));
  EXPECT_FALSE(
      parse_multipart("--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", "b"));
  auto empty = parse_multipart("--b--\r\n", "b");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace loket::http
