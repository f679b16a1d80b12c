// The JSON door for apps onto the catalogue and a person's drafts: GET /api/v1/products,
// GET /api/v1/products/{id} (with its form: schema and presentation), GET /api/v1/me/drafts,
// GET/PUT/DELETE /api/v1/me/drafts/{product}. Applying itself is POST /api/v1/cases.
#pragma once

#include "http/router.hpp"
#include "identity/auth.hpp"
#include "web/apply.hpp"

namespace loket::web {

void add_product_routes(http::Router& router, identity::Auth& auth, Applying& applying);

}  // namespace loket::web
