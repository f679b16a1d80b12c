// Maps method + path to a handler; patterns have literal segments and {name} parameters.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "http/message.hpp"

namespace loket::http {

using Handler = std::function<Response(Request&)>;

struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  std::size_t id = 0;  // index, for per-route metrics
  // The largest body this route takes, bytes; 0: the server's limit (serve --max-body).
  std::size_t body_limit = 0;
};

class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern or a duplicate route.
  void add(Method method, std::string pattern, Handler handler);
  // A route that takes larger bodies than the server's limit (a form that uploads files).
  void add(Method method, std::string pattern, Handler handler, std::size_t body_limit);
  // The largest body_limit of any route (0 when none has one).
  std::size_t largest_body_limit() const;

  struct Found {
    const Route* route;
    std::unordered_map<std::string, std::string> params;
  };
  struct NoPath {};
  struct WrongMethod {
    std::string allow;  // e.g. "GET, HEAD"
  };
  using Match = std::variant<Found, NoPath, WrongMethod>;

  // `path` is percent-decoded. GET routes answer HEAD too.
  Match match(Method method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace loket::http
