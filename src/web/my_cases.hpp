// My cases (issue 12): GET /api/v1/me/cases, one list of the person's own cases and those of
// every party they act for (active mandates, each within its reach), open first then closed,
// filtered by organisation and status, paged by keyset (`after`, no OFFSET); each case says for
// whom it is. /mijn-zaken renders the same function.
#pragma once

#include <boost/json/object.hpp>
#include <functional>

#include "http/router.hpp"
#include "identity/auth.hpp"

namespace loket::web {

// The list as the JSON door answers it, for a copy of the request (the page passes its query).
using MyCasesLister =
    std::function<boost::json::object(const http::Request&, const identity::Subject&)>;

MyCasesLister add_my_cases_routes(http::Router& router, identity::Auth& auth);

}  // namespace loket::web
