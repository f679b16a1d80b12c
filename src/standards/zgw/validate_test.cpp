// Field checks of the ZGW adapter: dates, date-times, durations, URLs, RSIN, and the Checker.
#include "standards/zgw/validate.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace loket::zgw {
namespace {

using namespace std::chrono;

TEST(ParseDate, AcceptsExistingDatesOnly) {
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2024-13-01"));
  EXPECT_FALSE(parse_date("2024-04-31"));
  EXPECT_FALSE(parse_date("2024-4-01"));
  EXPECT_FALSE(parse_date("20240401"));
  EXPECT_FALSE(parse_date("2024-04-01T00:00:00Z"));
  EXPECT_FALSE(parse_date(""));
  EXPECT_EQ(format_date(*parse_date("2026-01-05")), "2026-01-05");
}

TEST(IsDatetime, FollowsRfc3339) {
  EXPECT_TRUE(is_datetime("2026-01-31T12:00:00Z"));
  EXPECT_TRUE(is_datetime("2026-01-31T12:00:00.123456+01:00"));
  EXPECT_TRUE(is_datetime("2026-01-31T12:00"));
  EXPECT_FALSE(is_datetime("2026-01-31"));
  EXPECT_FALSE(is_datetime("2026-02-30T12:00:00Z"));
  EXPECT_FALSE(is_datetime("2026-01-31T24:00:00Z"));
  EXPECT_FALSE(is_datetime("2026-01-31 12:00:00Z"));
}

TEST(IsUrl, NeedsHttpOrHttpsWithAHost) {
  EXPECT_TRUE(is_url("https://example.nl/zgw/x"));
  EXPECT_TRUE(is_url("http://127.0.0.1:8080/a?b=c"));
  EXPECT_FALSE(is_url("ftp://example.nl/"));
  EXPECT_FALSE(is_url("https://"));
  EXPECT_FALSE(is_url("https:///path"));
  EXPECT_FALSE(is_url("https://:80/path"));
  EXPECT_FALSE(is_url("https://exa mple.nl/"));
  EXPECT_FALSE(is_url("https://example.nl/<script>"));
  EXPECT_FALSE(is_url("/zgw/relative"));
  EXPECT_FALSE(is_url("example.nl"));
  EXPECT_TRUE(is_url("https://e.nl/" + std::string(1000 - 13, 'a')));
  EXPECT_FALSE(is_url("https://e.nl/" + std::string(1000 - 12, 'a')));
}

TEST(IsRsin, AppliesTheElevenTest) {
  EXPECT_TRUE(is_rsin("002220647"));
  EXPECT_TRUE(is_rsin("123456782"));
  EXPECT_FALSE(is_rsin("123456789"));
  EXPECT_FALSE(is_rsin("002220648"));
  EXPECT_FALSE(is_rsin("12345678"));
  EXPECT_FALSE(is_rsin("1234567820"));
  EXPECT_FALSE(is_rsin("12345678a"));
  EXPECT_FALSE(is_rsin(""));
}

TEST(Checker, CollectsEveryProblemWithItsFieldAndCode) {
  auto body = boost::json::parse(R"({"naam": 5, "leeg": "", "nul": null, "duur": "P1DT",
    "datum": "2024-02-30", "url": "nope", "rsin": "123456789", "n": 200, "lijst": {}})")
                  .as_object();
  Checker check(body, "prefix");
  check.string("naam");
  check.string("leeg", {.required = true});
  check.string("nul", {.required = true});
  check.string("weg", {.required = true});
  check.duration("duur");
  check.date("datum");
  check.url("url");
  check.rsin("rsin");
  check.integer("n", false, 0, 100);
  check.array("lijst");
  EXPECT_FALSE(check.ok());
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : check.errors()) got.emplace_back(e.name, e.code);
  std::vector<std::pair<std::string, std::string>> want{
      {"prefix.naam", "invalid"},    {"prefix.leeg", "blank"},   {"prefix.nul", "null"},
      {"prefix.weg", "required"},    {"prefix.duur", "invalid"}, {"prefix.datum", "invalid"},
      {"prefix.url", "bad-url"},     {"prefix.rsin", "invalid"}, {"prefix.n", "max_value"},
      {"prefix.lijst", "not_a_list"}};
  EXPECT_EQ(got, want);
  try {
    check.finish();
    FAIL() << "finish() should throw";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "invalid");
    EXPECT_EQ(e.invalid_params().size(), want.size());
  }
}

TEST(Checker, AcceptsGoodValues) {
  auto body = boost::json::parse(R"({"s": "x", "d": "2024-02-29", "u": "https://e.nl/a",
    "r": "002220647", "b": true, "k": "b", "urls": ["https://e.nl/1", "http://e.nl/2"]})")
                  .as_object();
  Checker check(body);
  EXPECT_EQ(check.string("s", {.required = true, .max_length = 1}), "x");
  EXPECT_EQ(check.date("d"), "2024-02-29");
  EXPECT_EQ(check.url("u"), "https://e.nl/a");
  EXPECT_EQ(check.rsin("r"), "002220647");
  EXPECT_EQ(check.boolean("b"), true);
  EXPECT_EQ(check.choice("k", {"a", "b"}), "b");
  EXPECT_EQ(check.urls("urls").size(), 2U);
  EXPECT_FALSE(check.string("absent"));
  EXPECT_TRUE(check.ok());
  EXPECT_NO_THROW(check.finish());
}

// F9: identificatie had no character set; control characters went into a number people copy.
TEST(IsIdentificatie, LettersDigitsAndDashUnderscoreDot) {
  EXPECT_TRUE(is_identificatie("ZAAK-2026-0000000001"));
  EXPECT_TRUE(is_identificatie("eigen_nr.7"));
  EXPECT_TRUE(is_identificatie(std::string(40, 'A')));
  EXPECT_FALSE(is_identificatie(std::string(41, 'A')));
  EXPECT_FALSE(is_identificatie(""));
  for (std::string_view bad :
       {"ZAAK\n1", "ZAAK\t1", "ZAAK 1", "Z<b>", "Z\x7f", "Z\xc3\xa9", "Z/1", "Z;1"}) {
    EXPECT_FALSE(is_identificatie(bad)) << bad;
  }
  EXPECT_FALSE(is_identificatie(std::string_view("Z\0001", 3)));
}

}  // namespace
}  // namespace loket::zgw
