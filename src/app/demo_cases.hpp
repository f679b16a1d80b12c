// `loket seed` (the demo): cases at several statuses for the demo residents and the demo business
// in all three organisations, made through the case service as a resident and a case worker
// would, so a newcomer who logs in sees a portal in use.
#pragma once

#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::app {

// Idempotent: a demo person who has a case of a product already gets no second one. Returns
// how many cases were made.
int seed_demo_cases(db::Database& db, const privacy::KeyRing& keys);

}  // namespace loket::app
