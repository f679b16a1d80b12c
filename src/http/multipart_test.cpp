#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include "http/error.hpp"
#include "http/message.hpp"

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

// The doors' reader: fields and files apart, the token handed to the CSRF check as its header,
// a field that is no text refused by name, any other request left alone.
TEST(Multipart, AFormPostIsReadWithItsToken) {
  Request r;
  r.headers.set("content-type", "multipart/form-data; boundary=b");
  r.body =
      "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nHallo\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"a.pdf\"\r\n\r\n%PDF\r\n"
      "--b--\r\n";
  auto form = read_multipart_form(r);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->field("body"), "Hallo");
  EXPECT_EQ(form->field("none"), "");
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_EQ(form->files[0].content, "%PDF");
  EXPECT_EQ(r.header("x-csrf-token"), "tok");

  Request bad = r;
  bad.body = std::string(
      "--b\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\na\0b\r\n--b--\r\n", 64);
  try {
    read_multipart_form(bad);
    FAIL() << "a NUL in a field was taken";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
    ASSERT_EQ(e.invalid_params().size(), 1u);
    EXPECT_EQ(e.invalid_params()[0].name, "body");
  }
  Request plain;
  plain.headers.set("content-type", "application/x-www-form-urlencoded");
  EXPECT_FALSE(read_multipart_form(plain));
}

}  // namespace
}  // namespace loket::http
