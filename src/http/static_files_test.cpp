#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace loket::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = std::filesystem::temp_directory_path() /
            ("loket-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(base_);
    std::filesystem::create_directories(base_ / "root" / "assets");
    write(base_ / "root" / "index.html", "<h1>Loket</h1>");
    write(base_ / "root" / "assets" / "app-1234.js", "console.log(1)");
    write(base_ / "root" / ".env", "secret");
    write(base_ / "secret.txt", "outside");
    std::filesystem::create_symlink(base_ / "secret.txt", base_ / "root" / "link.txt");
  }
  void TearDown() override { std::filesystem::remove_all(base_); }

  static void write(const std::filesystem::path& p, std::string_view s) { std::ofstream(p) << s; }
  std::optional<Response> get(std::string target, const std::string& inm = "") {
    StaticFiles files(base_ / "root");
    Request r;
    r.target = std::move(target);
    if (!inm.empty()) r.headers.set("if-none-match", inm);
    return files.serve(r);
  }

  std::filesystem::path base_;
};

TEST_F(StaticFilesTest, ServesIndexForRoot) {
  auto r = get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<h1>Loket</h1>");
  EXPECT_EQ(*r->headers.get("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(*r->headers.get("cache-control"), "no-cache");
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutable) {
  auto r = get("/assets/app-1234.js");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r->headers.get("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(*r->headers.get("cache-control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, MatchingETagGives304) {
  auto first = get("/index.html");
  ASSERT_TRUE(first);
  auto etag = std::string(*first->headers.get("etag"));
  auto second = get("/index.html", etag);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
}

TEST_F(StaticFilesTest, RefusesEveryWayOut) {
  for (const char* t :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
        "/assets/..%2f..%2fsecret.txt", "//etc/passwd", "/%2fetc%2fpasswd", "/index.html%00.js",
        "/.env", "/link.txt", "/assets/", "/nope.html", "/assets/%5c..%5csecret.txt"}) {
    EXPECT_FALSE(get(t)) << t;
  }
}

TEST_F(StaticFilesTest, EmptyRootServesNothing) {
  StaticFiles files("");
  Request r;
  r.target = "/";
  EXPECT_FALSE(files.serve(r));
}

}  // namespace
}  // namespace loket::http
