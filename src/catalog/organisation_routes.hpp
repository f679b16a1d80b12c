// HTTP API for organisations: GET /api/v1/organisations and /api/v1/organisations/{id}.
#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace loket::catalog {

void add_organisation_routes(http::Router& router, db::Database& db);

}  // namespace loket::catalog
