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
