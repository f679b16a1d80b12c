// Segment-by-segment matching; the route table is small, so a linear scan is the fastest.
#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace loket::http {
namespace {

bool is_param(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

// Walks the pattern and the path segment by segment, side by side. Every request is tried
// against the routes in turn (several hundred with the ZGW APIs), so this allocates nothing:
// splitting both into vectors per route cost two allocations each, a visible share of a
// request's CPU time on the bench.
bool matches(std::string_view pattern, std::string_view path,
             std::unordered_map<std::string, std::string>* params) {
  std::size_t i = 1, j = 1;  // skip the leading '/'
  for (;;) {
    auto pe = std::min(pattern.find('/', i), pattern.size());
    auto xe = std::min(path.find('/', j), path.size());
    auto p = pattern.substr(i, pe - i);
    auto x = path.substr(j, xe - j);
    if (is_param(p)) {
      if (x.empty()) return false;
      if (params) (*params)[std::string(p.substr(1, p.size() - 2))] = std::string(x);
    } else if (p != x) {
      return false;
    }
    bool pattern_done = pe == pattern.size(), path_done = xe == path.size();
    if (pattern_done || path_done) return pattern_done && path_done;
    i = pe + 1;
    j = xe + 1;
  }
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler) {
  add(method, std::move(pattern), std::move(handler), 0);
}

std::size_t Router::largest_body_limit() const {
  std::size_t most = 0;
  for (const auto& r : routes_) most = std::max(most, r.body_limit);
  return most;
}

void Router::add(Method method, std::string pattern, Handler handler, std::size_t body_limit) {
  if (pattern.empty() || pattern.front() != '/' || (pattern.size() > 1 && pattern.back() == '/')) {
    throw std::invalid_argument("route pattern must start with '/' and not end with one: " +
                                pattern);
  }
  for (const auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) {
      throw std::invalid_argument("duplicate route: " + pattern);
    }
  }
  routes_.push_back(
      Route{method, std::move(pattern), std::move(handler), routes_.size(), body_limit});
}

Router::Match Router::match(Method method, std::string_view path) const {
  if (path.empty() || path.front() != '/') return NoPath{};
  std::string allow;
  bool get_allowed = false;
  for (const auto& r : routes_) {
    if (!matches(r.pattern, path, nullptr)) continue;
    if (r.method == method || (method == Method::Head && r.method == Method::Get)) {
      Found f{&r, {}};
      matches(r.pattern, path, &f.params);
      return f;
    }
    if (!allow.empty()) allow += ", ";
    allow += to_string(r.method);
    if (r.method == Method::Get) get_allowed = true;
  }
  if (allow.empty()) return NoPath{};
  if (get_allowed) allow += ", HEAD";
  return WrongMethod{allow};
}

}  // namespace loket::http
