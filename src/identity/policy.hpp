// The access policy: who may do what. Pure functions of the subject, their roles and the
// object; handlers ask here instead of deciding themselves.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "identity/mandate.hpp"

namespace loket::identity {

struct Actor {
  std::string_view kind;                // resident, business, staff
  std::string_view number;              // BSN, KvK number, or staff account id
  std::vector<std::string_view> roles;  // staff roles (any organisation)
};

// A resident may act for the represented party while the mandate names them and is active.
bool may_act_for(const Actor& actor, const Mandate& m, std::int64_t now);
// The party that gave a mandate, and the representative, may end it.
bool may_revoke(const Actor& actor, const Mandate& m);
// Residents and businesses give mandates for themselves; staff do not.
bool may_grant_own_mandate(const Actor& actor);
// Case workers and administrators register mandates given on paper or at the counter.
bool may_register_mandates(const Actor& actor);
// Whether the actor is one of the two parties of the mandate (to see it at all).
bool is_party(const Actor& actor, const Mandate& m);

}  // namespace loket::identity
