#include "http/paging.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "http/error.hpp"

namespace loket::http {
namespace {

Request with(std::vector<std::pair<std::string, std::string>> q) {
  Request r;
  r.path = "/api/v1/things";
  r.query = std::move(q);
  return r;
}

TEST(Paging, DefaultsAndValues) {
  EXPECT_EQ(page_from(with({})).number, 1);
  EXPECT_EQ(page_from(with({})).size, 20);
  auto p = page_from(with({{"page", "3"}, {"pageSize", "10"}}));
  EXPECT_EQ(p.offset(), 20);
}

TEST(Paging, RejectsBadValuesNamingTheParameter) {
  for (auto [k, v] :
       std::vector<std::pair<std::string, std::string>>{{"page", "0"},
                                                        {"page", "-1"},
                                                        {"page", "2abc"},
                                                        {"page", ""},
                                                        {"pageSize", "101"},
                                                        {"pageSize", "0"},
                                                        {"page", "99999999999999999999"},
                                                        {"page", "9223372036854775808"},
                                                        {"page", "9223372036854775807"},
                                                        {"page", "92233720368547760"},
                                                        {"page", "1000001"},
                                                        {"page", "-0"},
                                                        {"page", "+1"},
                                                        {"page", "1e3"},
                                                        {"page", " 1"},
                                                        {"page", "0x10"},
                                                        {"pageSize", "-0"},
                                                        {"pageSize", "1e3"},
                                                        {"pageSize", "9223372036854775808"}}) {
    try {
      page_from(with({{k, v}}));
      ADD_FAILURE() << k << "=" << v;
    } catch (const BadRequest& e) {
      EXPECT_EQ(e.invalid_params().at(0).name, k);
    }
  }
}

TEST(Paging, TheLastAllowedPageHasAnOffset) {
  auto p = page_from(with({{"page", "1000000"}, {"pageSize", "100"}}));
  EXPECT_EQ(p.number, kMaxPage);
  EXPECT_EQ(p.offset(), 99'999'900);
  EXPECT_EQ(p.end(), 100'000'000);
  EXPECT_EQ(page_from(with({{"page", "007"}})).number, 7);
}

TEST(Paging, FixedSizeReadsOnlyThePage) {
  auto p = page_from(with({{"page", "3"}, {"pageSize", "5"}}), 100);
  EXPECT_EQ(p.size, 100);
  EXPECT_EQ(p.offset(), 200);
  try {
    page_from(with({{"page", "92233720368547760"}}), 100);
    ADD_FAILURE() << "a page past the bound was accepted";
  } catch (const BadRequest& e) {
    EXPECT_EQ(e.invalid_params().at(0).name, "page");
  }
}

TEST(Paging, AnOffsetThatWouldOverflowIsRefusedNotWrapped) {
  // 2^63 / 100 pages of 100: (page - 1) * size does not fit in 64 bits.
  Page p{92233720368547760, 100};
  EXPECT_THROW(p.offset(), BadRequest);
  EXPECT_THROW(p.end(), BadRequest);
  Page max{std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max()};
  EXPECT_THROW(max.offset(), BadRequest);
  EXPECT_FALSE(page_exists(max, max.number, std::numeric_limits<std::int64_t>::max()));
  EXPECT_TRUE(page_exists(Page{1, 10}, 1, 1));
  EXPECT_FALSE(page_exists(Page{1, 10}, 1, 0));
  EXPECT_FALSE(page_exists(Page{1, 10}, 0, 5));
}

TEST(Paging, LinksKeepOtherParameters) {
  auto r = with({{"pageSize", "1"}, {"name", "a b"}});
  Page p = page_from(r);
  EXPECT_EQ(page_link(r, p, 2, 3), "/api/v1/things?pageSize=1&name=a%20b&page=2");
  EXPECT_EQ(page_link(r, p, 4, 3), std::nullopt);
  EXPECT_EQ(page_link(r, p, 0, 3), std::nullopt);
}

}  // namespace
}  // namespace loket::http
