// The access policy: who may do what. Pure functions of the subject, their roles and the
// object; handlers ask here instead of deciding themselves.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "identity/mandate.hpp"

namespace loket::identity {

struct Actor {
  std::string_view kind;                // resident, business, staff
  std::string_view number;              // BSN, KvK number, or staff account id
  std::vector<std::string_view> roles;  // staff roles (any organisation)
  // While a resident acts for someone else: the mandate they act under (its scope limits
  // which of that person's cases they see).
  const Mandate* acting_for = nullptr;
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

// Whether the case lies within the mandate's scope. A mandate the person gave themselves
// covers each of their cases; one registered by staff only the cases of the organisation it
// was registered for, up to its confidentiality level (a staff member cannot hand out more
// than they may see, nor another organisation's cases). Any other mandate covers nothing.
bool mandate_covers(const Mandate& m, const CaseFacts& c);

// Residents and businesses read their own cases, and a representative those of the person
// they act for that the mandate covers. Staff only ever see cases of their own organisation
// (tenant isolation): case workers and approvers handle them, administrators and privacy
// officers read them; contractors see work orders, not cases.
CaseAccess case_access(const Actor& actor, const std::vector<OrganisationRole>& roles,
                       const CaseFacts& c);

// The highest confidentiality level of a case of `organisation_id` that the actor may read
// (as a party when `party`), or -1 when none: what a list filters on, asked of case_access.
int highest_readable_confidentiality(const Actor& actor, const std::vector<OrganisationRole>& roles,
                                     std::string_view organisation_id, bool party);

// The scope a staff member gives a mandate they register for `organisation_id`: that
// organisation and the highest level they may see there; nullopt when they may not register
// mandates for it (they are no case worker or administrator there).
struct MandateScope {
  std::string_view organisation_id;
  int max_confidentiality = 0;
};
std::optional<MandateScope> staff_mandate_scope(const Actor& actor,
                                                const std::vector<OrganisationRole>& roles,
                                                std::string_view organisation_id);
// The organisations a staff member registers mandates for, in the order of their roles.
std::vector<std::string_view> mandate_organisations(const Actor& actor,
                                                    const std::vector<OrganisationRole>& roles);

}  // namespace loket::identity
