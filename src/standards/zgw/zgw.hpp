// The ZGW APIs (Catalogi, Zaken, Autorisaties) mounted under /zgw/.
#pragma once

#include <memory>

#include "db/database.hpp"
#include "http/router.hpp"
#include "privacy/field_crypto.hpp"
#include "standards/zgw/api.hpp"

namespace loket::zgw {

std::unique_ptr<Api> add_routes(http::Router& router, db::Database& db, privacy::KeyRing& keys,
                                ApiSettings settings);

}  // namespace loket::zgw
