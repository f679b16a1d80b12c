// Access rules.
#include "identity/policy.hpp"

#include <algorithm>

namespace loket::identity {
namespace {

bool is_represented(const Actor& a, const Mandate& m) {
  return a.kind == m.subject_kind && a.number == m.subject_number;
}

bool is_representative(const Actor& a, const Mandate& m) {
  return a.kind == "resident" && a.number == m.representative;
}

}  // namespace

bool may_act_for(const Actor& actor, const Mandate& m, std::int64_t now) {
  return is_representative(actor, m) && is_active(m, now);
}

bool may_revoke(const Actor& actor, const Mandate& m) { return is_party(actor, m); }

bool may_grant_own_mandate(const Actor& actor) {
  return actor.kind == "resident" || actor.kind == "business";
}

bool may_register_mandates(const Actor& actor) {
  return actor.kind == "staff" &&
         std::any_of(actor.roles.begin(), actor.roles.end(),
                     [](std::string_view r) { return r == "case-worker" || r == "administrator"; });
}

bool is_party(const Actor& actor, const Mandate& m) {
  return is_represented(actor, m) || is_representative(actor, m);
}

CaseAccess case_access(const Actor& actor, const std::vector<OrganisationRole>& roles,
                       const CaseFacts& c) {
  if (actor.kind == "resident" || actor.kind == "business") {
    return c.actor_is_party ? CaseAccess::Read : CaseAccess::None;
  }
  if (actor.kind != "staff" || c.confidentiality > kStaffMaxConfidentiality) {
    return CaseAccess::None;
  }
  auto best = CaseAccess::None;
  for (const auto& r : roles) {
    if (r.organisation_id != c.organisation_id) continue;
    if (r.role == "case-worker" || r.role == "approver") return CaseAccess::Handle;
    if (r.role == "administrator" || r.role == "privacy-officer") best = CaseAccess::Read;
  }
  return best;
}

}  // namespace loket::identity
