// HTTP API for mandates: a person gives, lists and ends them, and picks whom to act for;
// staff register mandates given at the counter.
#pragma once

#include "http/router.hpp"
#include "identity/auth.hpp"

namespace loket::identity {

// /api/v1/me/mandates, /api/v1/me/mandates/{id}, /api/v1/me/acting-for, /api/v1/mandates.
void add_mandate_routes(http::Router& router, Auth& auth);

}  // namespace loket::identity
