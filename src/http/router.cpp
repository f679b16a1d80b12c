// Segment-by-segment matching; the route table is small, so a linear scan is the fastest.
#include "http/router.hpp"

#include <stdexcept>

namespace loket::http {
namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 1;  // skip the leading '/'
  while (i <= path.size()) {
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool is_param(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

bool matches(std::string_view pattern, std::string_view path,
             std::unordered_map<std::string, std::string>* params) {
  auto ps = split(pattern);
  auto xs = split(path);
  if (ps.size() != xs.size()) return false;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (is_param(ps[i])) {
      if (xs[i].empty()) return false;
      if (params) (*params)[std::string(ps[i].substr(1, ps[i].size() - 2))] = std::string(xs[i]);
    } else if (ps[i] != xs[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler) {
  if (pattern.empty() || pattern.front() != '/' || (pattern.size() > 1 && pattern.back() == '/')) {
    throw std::invalid_argument("route pattern must start with '/' and not end with one: " +
                                pattern);
  }
  for (const auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) {
      throw std::invalid_argument("duplicate route: " + pattern);
    }
  }
  routes_.push_back(Route{method, std::move(pattern), std::move(handler), routes_.size()});
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
