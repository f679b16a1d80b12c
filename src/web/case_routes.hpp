// The JSON door onto the case service: /api/v1/cases. Residents and businesses list their cases
// (and of whom they act for) and apply; staff list their organisations' cases (work queue,
// filters, sort by deadline) and read one, each view logged for the people in it. A person's
// cases are part of their data export (/api/v1/me/export, "cases").
#pragma once

#include <boost/json.hpp>
#include <functional>

#include "cases/case_service.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "standards/zgw/api.hpp"

namespace loket::web {

// Limits of POST /api/v1/cases.
inline constexpr std::size_t kMaxIdempotencyKey = 200;
inline constexpr std::size_t kMaxDescription = 1000;   // characters
inline constexpr std::size_t kMaxAnswers = 64 * 1024;  // bytes of JSON

// Whether an Idempotency-Key header value is acceptable: 1..200 visible ASCII characters.
bool valid_idempotency_key(std::string_view key);

// The list GET /api/v1/cases answers for a logged-in `subject` (count, next, previous, results;
// `request` gives the page and filters), read through the case store: what the pages call.
using CaseLister =
    std::function<boost::json::object(const http::Request&, const identity::Subject&)>;

// `zgw` renders the registry's own representation of a person's cases for their export.
CaseLister add_case_routes(http::Router& router, identity::Auth& auth, cases::CaseService& service,
                           zgw::Api& zgw);

}  // namespace loket::web
