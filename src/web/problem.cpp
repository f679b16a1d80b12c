// Failure → problem+json for /api/v1; see problem.hpp.
#include "web/problem.hpp"

namespace loket::web {

http::Error problem_of(const common::Failure& f) {
  using Kind = common::Failure::Kind;
  switch (f.kind) {
    case Kind::NotFound:
      return http::NotFound(f.detail.empty() ? "Not found." : f.detail);
    case Kind::Conflict:
      return http::Conflict(f.detail.empty() ? "Conflict." : f.detail);
    case Kind::Forbidden:
      return http::Forbidden(f.detail.empty() ? "Not allowed." : f.detail);
    case Kind::Invalid:
      break;
  }
  std::vector<http::InvalidParam> params;
  for (const auto& e : f.fields) params.push_back({e.name, e.code, e.reason});
  return http::BadRequest(f.detail.empty() ? "The request has invalid fields." : f.detail,
                          std::move(params));
}

}  // namespace loket::web
