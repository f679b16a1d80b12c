#include "http/router.hpp"

#include <gtest/gtest.h>

namespace loket::http {
namespace {

Handler ok() {
  return [](Request&) { return Response{}; };
}

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router r;
  r.add(Method::Get, "/api/v1/organisations", ok());
  r.add(Method::Get, "/api/v1/organisations/{id}", ok());
  auto m = r.match(Method::Get, "/api/v1/organisations/abc");
  auto* f = std::get_if<Router::Found>(&m);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->route->pattern, "/api/v1/organisations/{id}");
  EXPECT_EQ(f->params.at("id"), "abc");
}

TEST(Router, UnknownPathIsNoPath) {
  Router r;
  r.add(Method::Get, "/a/{id}", ok());
  EXPECT_TRUE(std::holds_alternative<Router::NoPath>(r.match(Method::Get, "/a")));
  EXPECT_TRUE(std::holds_alternative<Router::NoPath>(r.match(Method::Get, "/a/")));
  EXPECT_TRUE(std::holds_alternative<Router::NoPath>(r.match(Method::Get, "/a/b/c")));
  EXPECT_TRUE(std::holds_alternative<Router::NoPath>(r.match(Method::Get, "")));
}

TEST(Router, SegmentCountsTrailingSlashesAndTheRootMustAgree) {
  Router r;
  r.add(Method::Get, "/", ok());
  r.add(Method::Get, "/a/b", ok());
  r.add(Method::Get, "/c/{id}/d", ok());
  auto pattern = [&](std::string_view path) -> std::string {
    auto m = r.match(Method::Get, path);
    auto* f = std::get_if<Router::Found>(&m);
    return f ? f->route->pattern : "";
  };
  EXPECT_EQ(pattern("/"), "/");
  EXPECT_EQ(pattern("/a/b"), "/a/b");
  EXPECT_EQ(pattern("/a"), "");
  EXPECT_EQ(pattern("/a/b/"), "");
  EXPECT_EQ(pattern("/a/bb"), "");
  EXPECT_EQ(pattern("//"), "");
  EXPECT_EQ(pattern("/c/7/d"), "/c/{id}/d");
  EXPECT_EQ(pattern("/c//d"), "");
  EXPECT_EQ(pattern("/c/7/d/e"), "");
  auto m = r.match(Method::Get, "/c/7/d");
  EXPECT_EQ(std::get<Router::Found>(m).params.at("id"), "7");
}

TEST(Router, WrongMethodListsAllowedMethods) {
  Router r;
  r.add(Method::Get, "/things", ok());
  r.add(Method::Post, "/things", ok());
  auto m = r.match(Method::Delete, "/things");
  auto* w = std::get_if<Router::WrongMethod>(&m);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->allow, "GET, POST, HEAD");
}

TEST(Router, HeadIsServedByGet) {
  Router r;
  r.add(Method::Get, "/x", ok());
  EXPECT_TRUE(std::holds_alternative<Router::Found>(r.match(Method::Head, "/x")));
}

TEST(Router, RejectsBadAndDuplicatePatterns) {
  Router r;
  EXPECT_THROW(r.add(Method::Get, "x", ok()), std::invalid_argument);
  EXPECT_THROW(r.add(Method::Get, "/x/", ok()), std::invalid_argument);
  r.add(Method::Get, "/x", ok());
  EXPECT_THROW(r.add(Method::Get, "/x", ok()), std::invalid_argument);
}

}  // namespace
}  // namespace loket::http
