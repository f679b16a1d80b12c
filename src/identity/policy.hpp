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

// What someone may do with a case (and, through it, its documents and decisions).
enum class CaseAccess { None, Read, Handle };

struct CaseFacts {
  std::string_view organisation_id;  // the organisation responsible for the case (its tenant)
  int confidentiality = 0;           // 0 = openbaar ... 7 = zeer_geheim (ZGW levels)
  // The actor, or the party they act for under an active mandate, is a party to the case
  // (initiator or other role with their BSN or KvK number).
  bool actor_is_party = false;
};

struct OrganisationRole {
  std::string_view organisation_id;
  std::string_view role;  // case-worker, approver, contractor, administrator, privacy-officer
};

// The highest level staff of the case's organisation may see; cases marked geheim or above
// stay with the systems that registered them.
inline constexpr int kStaffMaxConfidentiality = 5;  // confidentieel

// Residents and businesses read their own cases. Staff only ever see cases of their own
// organisation (tenant isolation): case workers and approvers handle them, administrators and
// privacy officers read them; contractors see work orders, not cases.
CaseAccess case_access(const Actor& actor, const std::vector<OrganisationRole>& roles,
                       const CaseFacts& c);

}  // namespace loket::identity
