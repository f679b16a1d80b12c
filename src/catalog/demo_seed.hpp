// Loads the demo catalogue (catalog/demo/*.json, embedded in the binary) into a database.
#pragma once

#include "db/database.hpp"

namespace loket::catalog {

struct SeedResult {
  int organisations = 0;  // rows written (inserted or updated)
};

// Idempotent: running it twice leaves the same rows. Throws std::runtime_error on invalid data.
SeedResult seed_demo(db::Database& db);

}  // namespace loket::catalog
