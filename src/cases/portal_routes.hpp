// The cases of the logged-in person (resident portal) or of the staff member's organisations
// (back office): /api/v1/cases. The registry is the ZGW one; the access policy decides. A
// person's cases are also part of their data export (/api/v1/me/export, "cases").
#pragma once

#include "http/router.hpp"
#include "identity/auth.hpp"
#include "standards/zgw/api.hpp"

namespace loket::cases {

void add_portal_routes(http::Router& router, identity::Auth& auth, zgw::Api& zgw);

}  // namespace loket::cases
