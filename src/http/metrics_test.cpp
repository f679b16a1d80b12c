#include "http/metrics.hpp"

#include <gtest/gtest.h>

namespace loket::http {
namespace {

using std::chrono::milliseconds;

TEST(Metrics, CountsByRouteAndStatusClassWithCumulativeBuckets) {
  Metrics m({"/a", "/b"});
  m.observe(0, "GET", 200, milliseconds(2));
  m.observe(0, "GET", 404, milliseconds(30));
  m.observe(99, "GET", 404, milliseconds(1));  // unknown id counts as unmatched
  auto text = m.render();
  EXPECT_NE(text.find("loket_http_requests_total{route=\"/a\",status=\"2xx\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("loket_http_requests_total{route=\"/a\",status=\"4xx\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("loket_http_requests_total{route=\"unmatched\",status=\"4xx\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("le=\"0.0025\"} 1"), std::string::npos);
  EXPECT_NE(text.find("loket_http_request_duration_seconds_bucket{route=\"/a\",le=\"0.05\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("loket_http_request_duration_seconds_count{route=\"/a\"} 2"),
            std::string::npos);
  EXPECT_EQ(text.find("route=\"/b\""), std::string::npos);  // nothing observed, nothing shown
}

TEST(Metrics, AppendsCollectors) {
  Metrics m({});
  m.add_collector([] { return std::string("loket_db_pool_size 4\n"); });
  EXPECT_NE(m.render().find("loket_db_pool_size 4\n"), std::string::npos);
}

}  // namespace
}  // namespace loket::http
