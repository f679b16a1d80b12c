// SQL for mandates; numbers go in and come out encrypted (the caller holds the keys).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "identity/mandate.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::identity {

void insert_mandate(db::Connection& c, const privacy::KeyRing& keys, const Mandate& m,
                    const std::string& granted_by_staff, std::int64_t now);
std::optional<Mandate> find_mandate(db::Connection& c, const privacy::KeyRing& keys,
                                    const std::string& id);
// Mandates given by (kind, number) and mandates received by the resident with this BSN; each
// one statement on its own (no transaction: one round trip on PostgreSQL).
std::vector<Mandate> mandates_given(db::Database& db, const privacy::KeyRing& keys,
                                    const std::string& kind, const std::string& number);
std::vector<Mandate> mandates_received(db::Database& db, const privacy::KeyRing& keys,
                                       const std::string& bsn);
// Returns false when it was revoked already.
bool revoke_mandate(db::Connection& c, const std::string& id, std::int64_t now);

}  // namespace loket::identity
