#include "http/paging.hpp"

#include <gtest/gtest.h>

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
                                                        {"page", "99999999999999999999"}}) {
    try {
      page_from(with({{k, v}}));
      ADD_FAILURE() << k << "=" << v;
    } catch (const BadRequest& e) {
      EXPECT_EQ(e.invalid_params().at(0).name, k);
    }
  }
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
