// Re-encrypts identity data with the key ring's current key, after a new key was added.
#pragma once

#include <cstdint>

#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::identity {

struct Reencrypted {
  std::int64_t sessions = 0;
  std::int64_t mandates = 0;
  std::int64_t staff = 0;
  std::int64_t zgw_clients = 0;  // ZGW client secrets
};

// Rewrites every encrypted column of sessions, mandates, staff accounts and ZGW client secrets
// that an older key made (the numbers sealed in cases are the case store's:
// cases::CaseStore::reseal_parties, which `loket keys rotate` runs in the same transaction). Throws
// std::runtime_error when a value cannot be decrypted (a key missing from the ring), before
// anything is written. The processing log is append-only: its old keys must stay.
Reencrypted reencrypt_identity_data(db::Connection& c, const privacy::KeyRing& keys);

}  // namespace loket::identity
