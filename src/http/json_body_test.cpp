#include "http/json_body.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/error.hpp"

namespace loket::http {
namespace {

Request post(std::string body, const std::string& type = "application/json") {
  Request r;
  r.method = Method::Post;
  r.body = std::move(body);
  if (!type.empty()) r.headers.set("content-type", type);
  return r;
}

// The error json_body() throws for this request; fails the test when it throws none.
Error refusal(const Request& r) {
  try {
    json_body(r);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for " << r.body.view();
  return Error(200, "none", "");
}

std::string field_of(const Error& e) {
  return e.invalid_params().empty() ? std::string() : e.invalid_params().front().name;
}

TEST(JsonBody, ParsesAJsonBody) {
  auto v = json_body(post(R"({"email":"a@b.nl","n":[1,{"x":"caf\u00e9"}]})"));
  EXPECT_EQ(v.at("email").as_string(), "a@b.nl");
  EXPECT_EQ(json_object_body(post("{}", "Application/JSON; charset=utf-8")).size(), 0u);
}

TEST(JsonBody, OtherMediaTypesAre415) {
  for (auto type : {"", "text/plain", "application/x-www-form-urlencoded", "application/jsonx",
                    "application/json-patch+json"}) {
    auto e = refusal(post("{}", type));
    EXPECT_EQ(e.status(), 415) << type;
    EXPECT_EQ(e.code(), "unsupported-media-type");
  }
}

TEST(JsonBody, BadJsonIs400NamingTheBody) {
  for (auto body : {"", "{", "{\"a\":}", "[1,]", "{'a':1}", "nul"}) {
    auto e = refusal(post(body));
    EXPECT_EQ(e.status(), 400) << body;
    EXPECT_EQ(field_of(e), "body");
  }
  try {  // JSON, but no object where one is wanted
    json_object_body(post("[1]"));
    ADD_FAILURE() << "an array is no object";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(field_of(e), "body");
  }
}

// F7: a NUL or invalid UTF-8 anywhere, key or value, is refused naming the path to it.
TEST(JsonBody, TextThatIsNotCleanIsNamedByItsPath) {
  struct Case {
    std::string body, field;
  };
  const Case cases[] = {
      {R"({"email":"a\u0000b"})", "email"},
      {"{\"email\":\"a\xFF\"}", "email"},
      {"{\"email\":\"\xED\xA0\x80\"}", "email"},  // an encoded surrogate
      {"{\"email\":\"\xC0\xAF\"}", "email"},      // overlong
      {R"({"a":"ok","rollen":[{"naam":"x"},{"naam":"\u0000"}]})", "rollen.1.naam"},
      {R"({"rollen":[{"naam":"x"}],"b":{"c":["ok","\u0000"]}})", "b.c.1"},
      {"{\"a\":{\"k\xFF\":1}}", "a.k\xEF\xBF\xBD"},
      {R"({"k\u0000":1})", "k\xEF\xBF\xBD"},
      {R"("\u0000")", "body"},
  };
  for (const auto& c : cases) {
    auto e = refusal(post(c.body));
    EXPECT_EQ(e.status(), 400) << c.body;
    EXPECT_EQ(field_of(e), c.field) << c.body;
    EXPECT_EQ(e.invalid_params().front().code, "invalid-text");
  }
  // The first bad field in document order is the one named.
  EXPECT_EQ(field_of(refusal(post(R"({"a":["\u0000"],"b":"\u0000"})"))), "a.0");
}

TEST(JsonBody, DepthIsLimited) {
  auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_NO_THROW(json_body(post(nested(kMaxJsonDepth))));
  auto e = refusal(post(nested(kMaxJsonDepth + 1)));
  EXPECT_EQ(e.status(), 400);
  EXPECT_EQ(field_of(e), "body");
  EXPECT_EQ(e.invalid_params().front().code, "too-deep");
  EXPECT_EQ(refusal(post(nested(100000))).status(), 400);
}

TEST(JsonBody, ReadJsonBodyReportsTheKind) {
  using Kind = JsonBodyError::Kind;
  auto kind = [](const Request& r) {
    auto result = read_json_body(r);
    return std::get<JsonBodyError>(result).kind;
  };
  EXPECT_EQ(kind(post("{}", "text/plain")), Kind::MediaType);
  EXPECT_EQ(kind(post("{")), Kind::Syntax);
  EXPECT_EQ(kind(post(std::string(100, '['))), Kind::Depth);
  EXPECT_EQ(kind(post(R"({"a":"\u0000"})")), Kind::Text);
  EXPECT_TRUE(std::holds_alternative<boost::json::value>(read_json_body(post("1"))));
}

}  // namespace
}  // namespace loket::http
