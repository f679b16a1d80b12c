#include "http/request_parser.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace loket::http {
namespace {

using namespace std::string_literals;

std::string fmt_hex(std::size_t n) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%zx", n);
  return buf;
}

// The refusal of a request that must be refused; fails the test when it is accepted.
Refusal refused(std::string_view bytes, ParserOptions limits = {}) {
  auto r = parse_request(bytes, limits);
  EXPECT_TRUE(r.refusal) << "accepted: " << bytes;
  EXPECT_FALSE(r.request);
  return r.refusal.value_or(Refusal{0, "", "", {}});
}

TEST(RequestParser, ReadsAGetWithQueryAndHeaders) {
  auto r = parse_request(
      "GET /api/v1/zaken/a%20b?x=1&naam=Jos%C3%A9&leeg HTTP/1.1\r\nHost: loket\r\n"
      "Accept: application/json\r\n\r\n");
  ASSERT_TRUE(r.request);
  EXPECT_EQ(r.request->method, Method::Get);
  EXPECT_EQ(r.request->path, "/api/v1/zaken/a b");
  EXPECT_EQ(r.request->target, "/api/v1/zaken/a%20b?x=1&naam=Jos%C3%A9&leeg");
  ASSERT_EQ(r.request->query.size(), 3u);
  EXPECT_EQ(r.request->query[1].second, "Jos\xC3\xA9");
  EXPECT_EQ(r.request->header("accept"), "application/json");
}

TEST(RequestParser, ReadsContentLengthAndChunkedBodies) {
  std::string_view pipelined = "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET";
  auto cl = parse_request(pipelined);
  ASSERT_TRUE(cl.request);
  EXPECT_EQ(cl.request->body, "hello");
  EXPECT_EQ(cl.consumed, pipelined.size() - 3) << "the next request's bytes stay";
  auto chunked = parse_request(
      "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  ASSERT_TRUE(chunked.request);
  EXPECT_EQ(chunked.request->body, "hello world");
  auto upper =
      parse_request("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n");
  EXPECT_TRUE(upper.request);
}

TEST(RequestParser, WaitsForMoreBytes) {
  auto r = parse_request("GET / HTTP/1.1\r\nHost: h\r\n");
  EXPECT_FALSE(r.request);
  EXPECT_FALSE(r.refusal);
  auto body = parse_request("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");
  EXPECT_FALSE(body.request);
  EXPECT_FALSE(body.refusal);
}

TEST(RequestParser, FedInPiecesReadsTheSame) {
  std::string bytes =
      "POST /a?b=c HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3\r\nabc\r\n0\r\n\r\n";
  RequestParser parser;
  std::string pending;
  for (char c : bytes) {
    pending += c;
    pending.erase(0, parser.feed(pending));
  }
  ASSERT_EQ(parser.state(), RequestParser::State::Done);
  EXPECT_EQ(parser.take().body, "abc");
}

// Feeds `bytes` in pieces of `piece`, diverting the body to `sink` once the head is read.
RequestParser::State feed_diverted(RequestParser& parser, std::string_view bytes, std::size_t piece,
                                   const BodySink& sink) {
  std::string pending;
  for (std::size_t at = 0; at < bytes.size(); at += piece) {
    pending.append(bytes.substr(at, piece));
    for (;;) {
      auto n = parser.feed(pending);
      pending.erase(0, n);
      if (parser.state() == RequestParser::State::Body && !parser.diverted()) {
        parser.divert_body(sink);
      }
      if (n == 0 || pending.empty()) break;
    }
  }
  return parser.state();
}

TEST(RequestParser, ADivertedBodyGoesToItsSinkInOrder) {
  std::string body(100000, '\0');
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + i % 26);
  std::string chunked;
  for (std::size_t at = 0; at < body.size(); at += 7000) {
    auto part = body.substr(at, 7000);
    chunked += fmt_hex(part.size()) + "\r\n" + part + "\r\n";
  }
  chunked += "0\r\n\r\n";
  ParserOptions limits{.body_limit = 200000};
  for (const auto& [framing, rest] :
       {std::pair{"Content-Length: " + std::to_string(body.size()), body},
        std::pair{"Transfer-Encoding: chunked"s, chunked}}) {
    SCOPED_TRACE(framing);
    std::string bytes = "POST /x HTTP/1.1\r\nHost: h\r\n" + framing + "\r\n\r\n" + rest;
    RequestParser parser(limits);
    std::string received;
    auto state = feed_diverted(parser, bytes, 4096, [&](std::string_view b) {
      received.append(b);
      return true;
    });
    ASSERT_EQ(state, RequestParser::State::Done);
    EXPECT_TRUE(parser.diverted());
    EXPECT_EQ(parser.body_size(), body.size());
    EXPECT_TRUE(received == body) << "the sink has the body, byte for byte";
    EXPECT_TRUE(parser.take().body.empty()) << "and the request holds none of it";
  }
}

TEST(RequestParser, ADivertedBodyKeepsItsLimitAndASinkThatFailsRefusesTheRequest) {
  std::string head = "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string over = head + "10\r\n" + std::string(16, 'x') + "\r\n0\r\n\r\n";
  RequestParser limited(ParserOptions{.body_limit = 10});
  auto sink = [](std::string_view) { return true; };
  EXPECT_EQ(feed_diverted(limited, over, 8, sink), RequestParser::State::Refused);
  EXPECT_EQ(limited.refusal().status, 413);

  RequestParser full(ParserOptions{.body_limit = 100});
  std::size_t offered = 0;
  auto disk_full = [&](std::string_view b) {
    offered += b.size();
    return offered <= 4;
  };
  EXPECT_EQ(feed_diverted(full, over, 8, disk_full), RequestParser::State::Refused);
  EXPECT_EQ(full.refusal().status, 503);
  EXPECT_NE(full.refusal().detail.find("Try again"), std::string::npos);
}

TEST(RequestParser, ABodyIsDivertedOnlyBeforeItsFirstByte) {
  RequestParser parser;
  parser.feed("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\n");
  ASSERT_EQ(parser.state(), RequestParser::State::Body);
  parser.feed("abc");
  std::string received;
  parser.divert_body([&](std::string_view b) {
    received.append(b);
    return true;
  });
  EXPECT_FALSE(parser.diverted());
  parser.feed("def");
  ASSERT_EQ(parser.state(), RequestParser::State::Done);
  EXPECT_EQ(received, "");
  EXPECT_EQ(parser.take().body, "abcdef");
}

// RFC 9112 6.1: a Transfer-Encoding whose last coding is not chunked leaves the body's end
// unknown; read as "no body", the body would run as a second request (request smuggling).
TEST(RequestParser, RefusesTransferEncodingsThatDoNotEndInChunked) {
  for (std::string te : {"gzip", "xchunked", "chunked, identity", "chunked, gzip", "identity", "",
                         "chunked,chunked", "chunkedx"}) {
    auto r = refused("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: " + te +
                     "\r\n\r\nGET /admin HTTP/1.1\r\nHost: h\r\n\r\n");
    EXPECT_EQ(r.status, 400) << te;
    EXPECT_NE(r.detail.find("chunked"), std::string::npos) << te;
  }
  // Two fields combine into one list: gzip then chunked as separate lines ends in chunked, but
  // we do not decode gzip.
  auto gz = refused(
      "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
      "0\r\n\r\n");
  EXPECT_EQ(gz.status, 501);
  EXPECT_EQ(refused("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").code,
            "unsupported-transfer-coding");
}

TEST(RequestParser, RefusesContentLengthBesideTransferEncoding) {
  // In either order, and whether or not the coding is chunked.
  for (std::string head : {"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
                           "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
                           "Transfer-Encoding: gzip\r\nContent-Length: 4\r\n",
                           "Content-Length: 4\r\nTransfer-Encoding: gzip\r\n"}) {
    auto r = refused("POST /x HTTP/1.1\r\nHost: h\r\n" + head + "\r\n0\r\n\r\n");
    EXPECT_EQ(r.status, 400) << head;
  }
}

TEST(RequestParser, RefusesTransferEncodingInHttp10) {
  EXPECT_EQ(refused("POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").status, 400);
}

TEST(RequestParser, RefusesAMissingOrRepeatedHost) {
  EXPECT_NE(refused("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n").detail.find("Host"),
            std::string::npos);
  EXPECT_EQ(refused("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").status, 400);
  EXPECT_EQ(refused("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n").status, 400);
  EXPECT_EQ(refused("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n").status, 400);
  // HTTP/1.0 predates Host.
  EXPECT_TRUE(parse_request("GET / HTTP/1.0\r\n\r\n").request);
}

TEST(RequestParser, RefusesObsoleteLineFolding) {
  auto r = refused("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n two\r\n\r\n");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.detail.find("folding"), std::string::npos);
  EXPECT_EQ(refused("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n\ttwo\r\n\r\n").status, 400);
  // A folded Transfer-Encoding is the classic way to hide it from one of two parsers.
  EXPECT_EQ(refused("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n chunked\r\n\r\n"
                    "0\r\n\r\n")
                .status,
            400);
  EXPECT_EQ(refused("GET / HTTP/1.1\r\n Host: h\r\n\r\n").status, 400);
}

TEST(RequestParser, FoldingAcrossPiecesIsFoundToo) {
  RequestParser parser;
  std::string pending;
  for (char c : std::string("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n two\r\n\r\n")) {
    pending += c;
    pending.erase(0, parser.feed(pending));
  }
  EXPECT_EQ(parser.state(), RequestParser::State::Refused);
}

TEST(RequestParser, TheBytesAfterARefusalAreNotRead) {
  std::string head = "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n";
  auto r = parse_request(head + "GET /second HTTP/1.1\r\nHost: h\r\n\r\n");
  ASSERT_TRUE(r.refusal);
  EXPECT_LE(r.consumed, head.size());
}

TEST(RequestParser, LimitsGiveTheirOwnStatus) {
  ParserOptions small{.header_limit = 64, .body_limit = 8};
  EXPECT_EQ(
      refused("GET / HTTP/1.1\r\nHost: h\r\nX-Long: " + std::string(100, 'a') + "\r\n\r\n", small)
          .status,
      431);
  EXPECT_EQ(refused("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\n", small).status, 413);
  EXPECT_EQ(refused("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "9\r\n123456789\r\n0\r\n\r\n",
                    small)
                .status,
            413);
}

// A route that uploads files takes larger bodies than the server's limit; every other route
// keeps the server's, by Content-Length and for a chunked body as it grows.
TEST(RequestParser, ARouteMayTakeALargerBody) {
  Router router;
  router.add(
      Method::Post, "/upload/{id}", [](Request&) { return Response{}; }, 32);
  router.add(Method::Post, "/other", [](Request&) { return Response{}; });
  ParserOptions limits{
      .body_limit = 8, .router = &router, .large_body_limit = router.largest_body_limit()};
  EXPECT_EQ(limits.large_body_limit, 32u);
  auto body = std::string(20, 'x');
  auto cl = [&](std::string_view path, std::size_t n) {
    return "POST " + std::string(path) +
           " HTTP/1.1\r\nHost: h\r\nContent-Length: " + std::to_string(n) + "\r\n\r\n" +
           std::string(n, 'x');
  };
  auto ok = parse_request(cl("/upload/1", 20), limits);
  ASSERT_TRUE(ok.request);
  EXPECT_EQ(ok.request->body, body);
  EXPECT_EQ(refused(cl("/upload/1", 33), limits).status, 413);
  auto other = refused(cl("/other", 9), limits);
  EXPECT_EQ(other.status, 413);
  EXPECT_EQ(other.detail, "The body may be at most 8 bytes.");
  EXPECT_EQ(refused(cl("/nowhere", 9), limits).status, 413);
  auto chunked = [&](std::string_view path, std::size_t n) {
    return "POST " + std::string(path) +
           " HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + fmt_hex(n) + "\r\n" +
           std::string(n, 'x') + "\r\n0\r\n\r\n";
  };
  ASSERT_TRUE(parse_request(chunked("/upload/2", 20), limits).request);
  EXPECT_EQ(refused(chunked("/upload/2", 33), limits).status, 413);
  EXPECT_EQ(refused(chunked("/other", 9), limits).status, 413);
}

TEST(RequestParser, RefusesMalformedRequests) {
  for (std::string bad :
       {std::string("GARBAGE\r\n\r\n"), std::string("GET /%zz HTTP/1.1\r\nHost: h\r\n\r\n"),
        std::string("GET http//x HTTP/1.1\r\nHost: h\r\n\r\n"),
        std::string("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"),
        "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\0b\r\n\r\n"s,
        std::string("GET / HTTP/1.1\nHost: h\n\n")}) {
    EXPECT_EQ(refused(bad).status, 400) << bad;
  }
}

// Every decoded path segment and query parameter is UTF-8 without NUL (F7, at the edge), and
// the refusal names it.
TEST(RequestParser, RefusesPathsAndQueriesThatAreNotText) {
  auto q = refused("GET /api/v1/organisations?page=%00 HTTP/1.1\r\nHost: h\r\n\r\n");
  EXPECT_EQ(q.status, 400);
  ASSERT_EQ(q.invalid_params.size(), 1u);
  EXPECT_EQ(q.invalid_params[0].name, "page");
  auto v = refused("GET /x?ok=1&naam=%FF HTTP/1.1\r\nHost: h\r\n\r\n");
  ASSERT_EQ(v.invalid_params.size(), 1u);
  EXPECT_EQ(v.invalid_params[0].name, "naam");
  auto k = refused("GET /x?%FF=1 HTTP/1.1\r\nHost: h\r\n\r\n");
  ASSERT_EQ(k.invalid_params.size(), 1u);
  EXPECT_EQ(k.invalid_params[0].name, "%FF") << "a name that is not text is shown as sent";
  auto p = refused("GET /api/v1/organisations/%FF HTTP/1.1\r\nHost: h\r\n\r\n");
  ASSERT_EQ(p.invalid_params.size(), 1u);
  EXPECT_EQ(p.invalid_params[0].name, "%FF");
  auto nul = refused("GET /a/b%00c/d HTTP/1.1\r\nHost: h\r\n\r\n");
  ASSERT_EQ(nul.invalid_params.size(), 1u);
  EXPECT_EQ(nul.invalid_params[0].name, "b%00c");
  // Knowing the routes, the parser names the route parameter instead.
  Router router;
  router.add(Method::Get, "/a/{first}/d", [](Request&) { return Response{}; });
  auto named = refused("GET /a/b%00c/d HTTP/1.1\r\nHost: h\r\n\r\n", {.router = &router});
  ASSERT_EQ(named.invalid_params.size(), 1u);
  EXPECT_EQ(named.invalid_params[0].name, "first");
  auto unrouted = refused("GET /x/%FF HTTP/1.1\r\nHost: h\r\n\r\n", {.router = &router});
  EXPECT_EQ(unrouted.invalid_params.at(0).name, "%FF");
  // Overlong encodings and surrogates are not UTF-8 either.
  EXPECT_EQ(refused("GET /x?a=%C0%AF HTTP/1.1\r\nHost: h\r\n\r\n").status, 400);
  EXPECT_EQ(refused("GET /x?a=%ED%A0%80 HTTP/1.1\r\nHost: h\r\n\r\n").status, 400);
  EXPECT_TRUE(
      parse_request("GET /caf%C3%A9?q=%E2%82%AC%F0%9F%98%80 HTTP/1.1\r\nHost: h\r\n\r\n").request);
}

}  // namespace
}  // namespace loket::http
