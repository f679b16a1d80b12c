// The one place where the domain's expected failures become the /api/v1 door's problem+json.
#pragma once

#include "common/result.hpp"
#include "http/error.hpp"

namespace loket::web {

// The http::Error a failure is answered with: 404, 409, 400 (invalidParams naming each field)
// or 403.
http::Error problem_of(const common::Failure& f);

// The value of a Result, or throws problem_of(its failure).
template <class T>
T value_or_throw(common::Result<T> r) {
  if (!r) throw problem_of(r.failure());
  return std::move(r).value();
}

}  // namespace loket::web
