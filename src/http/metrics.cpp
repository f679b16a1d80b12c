// Lock-free counters: one atomic increment per bucket per request.
#include "http/metrics.hpp"

#include <fmt/format.h>

namespace loket::http {

Metrics::Metrics(std::vector<std::string> routes) : routes_(std::move(routes)) {
  routes_.push_back("unmatched");
  series_ = std::make_unique<Series[]>(routes_.size());
}

void Metrics::observe(std::size_t route_id, std::string_view, int status,
                      std::chrono::nanoseconds elapsed) {
  if (route_id >= routes_.size()) route_id = unmatched_id();
  auto& s = series_[route_id];
  int cls = status / 100;
  s.by_class[(cls >= 1 && cls <= 5) ? cls - 1 : 5].fetch_add(1, std::memory_order_relaxed);
  double seconds = std::chrono::duration<double>(elapsed).count();
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) s.buckets[i].fetch_add(1, std::memory_order_relaxed);
  }
  s.count.fetch_add(1, std::memory_order_relaxed);
  s.sum_ns.fetch_add(static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

void Metrics::add_collector(std::function<std::string()> collector) {
  collectors_.push_back(std::move(collector));
}

std::string Metrics::render() const {
  static constexpr std::array<std::string_view, 6> kClasses{"1xx", "2xx", "3xx",
                                                            "4xx", "5xx", "other"};
  std::string out;
  out += "# HELP loket_http_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE loket_http_requests_total counter\n";
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    for (std::size_t c = 0; c < kClasses.size(); ++c) {
      auto v = series_[r].by_class[c].load(std::memory_order_relaxed);
      if (v == 0) continue;
      out += fmt::format("loket_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", routes_[r],
                         kClasses[c], v);
    }
  }
  out += "# HELP loket_http_request_duration_seconds Time from parsed request to response.\n";
  out += "# TYPE loket_http_request_duration_seconds histogram\n";
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const auto& s = series_[r];
    auto count = s.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out +=
          fmt::format("loket_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      routes_[r], kBuckets[i], s.buckets[i].load(std::memory_order_relaxed));
    }
    out +=
        fmt::format("loket_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                    routes_[r], count);
    out +=
        fmt::format("loket_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n", routes_[r],
                    static_cast<double>(s.sum_ns.load(std::memory_order_relaxed)) / 1e9);
    out += fmt::format("loket_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", routes_[r],
                       count);
  }
  for (const auto& c : collectors_) out += c();
  return out;
}

}  // namespace loket::http
