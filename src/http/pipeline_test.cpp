#include "http/pipeline.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/error.hpp"

namespace loket::http {
namespace {

TEST(Redact, HidesSensitiveQueryValuesOnly) {
  EXPECT_EQ(redact_target(
                "/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=999993653&page=2"),
            "/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=REDACTED&page=2");
  EXPECT_EQ(redact_target("/cb?code=abc&state=xyz"), "/cb?code=REDACTED&state=REDACTED");
  EXPECT_EQ(redact_target("/a/b"), "/a/b");
  EXPECT_EQ(redact_target("/a?flag&x=1"), "/a?flag&x=1");
}

TEST(TraceParent, AcceptsValidAndRejectsInvalid) {
  EXPECT_EQ(trace_id_from("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(trace_id_from("00-00000000000000000000000000000000-00f067aa0ba902b7-01"), "");
  EXPECT_EQ(trace_id_from("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"), "");
  EXPECT_EQ(trace_id_from("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), "");
  EXPECT_EQ(trace_id_from("garbage"), "");
  EXPECT_EQ(new_trace_id().size(), 32u);
  EXPECT_EQ(new_span_id().size(), 16u);
  EXPECT_NE(new_trace_id(), new_trace_id());
}

TEST(PageNavigation, BrowsersNavigatingToPagesOnly) {
  auto req = [](std::string path, std::vector<std::pair<std::string, std::string>> headers) {
    Request r;
    r.path = std::move(path);
    for (auto& [k, v] : headers) r.headers.set(k, v);
    return r;
  };
  EXPECT_TRUE(is_page_navigation(req("/mijn-zaken", {{"sec-fetch-mode", "navigate"}})));
  EXPECT_TRUE(is_page_navigation(req("/x", {{"accept", "text/html,application/xhtml+xml"}})));
  // A script's fetch says so in Sec-Fetch-Mode, whatever it accepts.
  EXPECT_FALSE(is_page_navigation(
      req("/mijn-zaken", {{"sec-fetch-mode", "cors"}, {"accept", "text/html"}})));
  EXPECT_FALSE(is_page_navigation(req("/x", {{"accept", "*/*"}})));
  EXPECT_FALSE(is_page_navigation(req("/x", {})));
  EXPECT_FALSE(is_page_navigation(req("/api/v1/me", {{"sec-fetch-mode", "navigate"}})));
  EXPECT_FALSE(is_page_navigation(req("/zgw/zaken/api/v1/zaken", {{"accept", "text/html"}})));
}

TEST(PageNavigation, ErrorPageHookAnswersNavigationsOnly) {
  Router r;
  r.add(Method::Get, "/page", [](Request&) -> Response { throw NotFound("gone"); });
  Pipeline p(std::move(r), StaticFiles(""),
             {.access_log = false, .error_page = [](const Request&, const Error& e) {
                return std::optional<Response>(
                    Response::text(e.status(), "<p>page</p>", "text/html; charset=utf-8"));
              }});
  Request nav;
  nav.path = nav.target = "/page";
  nav.headers.set("sec-fetch-mode", "navigate");
  auto html = p.handle(nav);
  EXPECT_EQ(html.status, 404);
  EXPECT_EQ(html.headers.get("content-type").value_or(""), "text/html; charset=utf-8");
  Request api;
  api.path = api.target = "/page";
  auto json = p.handle(api);
  EXPECT_EQ(json.status, 404);
  EXPECT_EQ(json.headers.get("content-type").value_or(""), "application/problem+json");
}

Pipeline make_pipeline() {
  Router r;
  r.add(Method::Get, "/api/v1/things/{id}", [](Request& req) {
    if (req.param("id") == "bad") throw BadRequest("id is bad", {{"id", "invalid", "bad id"}});
    if (req.param("id") == "boom") throw std::runtime_error("secret internal detail");
    return Response::json(200, {{"id", req.param("id")}});
  });
  return Pipeline(std::move(r), StaticFiles(""), {.api_version = "1.2.3", .access_log = false});
}

Request get(const std::string& path) {
  Request r;
  r.method = Method::Get;
  r.method_text = "GET";
  r.path = path;
  r.target = path;
  return r;
}

TEST(Pipeline, RoutesAndDecorates) {
  auto p = make_pipeline();
  auto req = get("/api/v1/things/7");
  req.headers.set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  auto res = p.handle(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, R"({"id":"7"})");
  EXPECT_EQ(*res.headers.get("api-version"), "1.2.3");
  EXPECT_EQ(*res.headers.get("cache-control"), "no-store");
  EXPECT_EQ(*res.headers.get("x-content-type-options"), "nosniff");
  EXPECT_NE(res.headers.get("content-security-policy")->find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_TRUE(res.headers.get("traceparent")->starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
}

TEST(Pipeline, TypedErrorsBecomeProblemJsonNamingTheField) {
  auto p = make_pipeline();
  auto req = get("/api/v1/things/bad");
  auto res = p.handle(req);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(*res.headers.get("content-type"), "application/problem+json");
  auto body = boost::json::parse(res.body.view()).as_object();
  EXPECT_EQ(body.at("status").as_int64(), 400);
  EXPECT_EQ(body.at("invalidParams").as_array().at(0).at("name").as_string(), "id");
}

TEST(Pipeline, UnexpectedExceptionsBecome500WithoutDetailLeak) {
  auto p = make_pipeline();
  auto req = get("/api/v1/things/boom");
  auto res = p.handle(req);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.view().find("secret internal detail"), std::string::npos);
}

TEST(Pipeline, UnknownPathAndMethod) {
  auto p = make_pipeline();
  auto req = get("/api/v1/nothing");
  EXPECT_EQ(p.handle(req).status, 404);
  auto del = get("/api/v1/things/1");
  del.method = Method::Delete;
  del.method_text = "DELETE";
  auto res = p.handle(del);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(*res.headers.get("allow"), "GET, HEAD");
  auto odd = get("/api/v1/things/1");
  odd.method = Method::Other;
  odd.method_text = "BREW";
  EXPECT_EQ(p.handle(odd).status, 501);
}

TEST(Pipeline, MetricsOnlyWithTheTokenWhereverTheRequestComesFrom) {
  // Behind a reverse proxy on the same machine every request comes from 127.0.0.1.
  auto p = make_pipeline();
  auto local = get("/metrics");
  local.remote_address = "127.0.0.1";
  EXPECT_EQ(p.handle(local).status, 404);

  Pipeline with_token(Router{}, StaticFiles(""), {.access_log = false, .metrics_token = "s3cret"});
  auto no_token = get("/metrics");
  no_token.remote_address = "127.0.0.1";
  EXPECT_EQ(with_token.handle(no_token).status, 404);
  auto wrong = get("/metrics");
  wrong.headers.set("authorization", "Bearer s3cre7");
  EXPECT_EQ(with_token.handle(wrong).status, 404);
  auto token = get("/metrics");
  token.remote_address = "10.1.2.3";
  token.headers.set("authorization", "Bearer s3cret");
  auto res = with_token.handle(token);
  EXPECT_EQ(res.status, 200);
  EXPECT_NE(res.body.view().find("loket_http_requests_total"), std::string::npos);

  Pipeline none(Router{}, StaticFiles(""),
                {.access_log = false, .metrics_path = "", .metrics_token = "s3cret"});
  EXPECT_EQ(none.handle(token).status, 404);
}

TEST(Pipeline, EnglishTitleOnRequest) {
  auto p = make_pipeline();
  auto req = get("/api/v1/nothing");
  req.headers.set("accept-language", "en-GB,en;q=0.9,nl;q=0.5");
  auto body = boost::json::parse(p.handle(req).body.view()).as_object();
  EXPECT_EQ(body.at("title").as_string(), "Not found.");
}

}  // namespace
}  // namespace loket::http
