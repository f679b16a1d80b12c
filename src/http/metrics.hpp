// Request counters and latency histograms per route, rendered in Prometheus text format.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace loket::http {

inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

class Metrics {
 public:
  // `routes` are the route patterns, indexed by Route::id; one extra slot counts unmatched paths.
  explicit Metrics(std::vector<std::string> routes);

  void observe(std::size_t route_id, std::string_view method, int status,
               std::chrono::nanoseconds elapsed);
  std::size_t unmatched_id() const { return routes_.size() - 1; }

  // Extra lines (e.g. database pool gauges) appended to the exposition.
  void add_collector(std::function<std::string()> collector);
  std::string render() const;

  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

 private:
  struct Series {
    std::array<std::atomic<std::uint64_t>, 6> by_class{};  // 1xx..5xx, other
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_ns{0};
  };
  std::vector<std::string> routes_;
  std::unique_ptr<Series[]> series_;
  std::vector<std::function<std::string()>> collectors_;
};

}  // namespace loket::http
