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

bool registers_mandates(std::string_view role) {
  return role == "case-worker" || role == "administrator";
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
         std::any_of(actor.roles.begin(), actor.roles.end(), registers_mandates);
}

bool is_party(const Actor& actor, const Mandate& m) {
  return is_represented(actor, m) || is_representative(actor, m);
}

bool mandate_covers(const Mandate& m, const CaseFacts& c) {
  if (m.granted_by == "subject") return true;
  if (m.granted_by != "staff") return false;
  return !m.organisation_id.empty() && m.organisation_id == c.organisation_id &&
         c.confidentiality <= m.max_confidentiality;
}

CaseAccess case_access(const Actor& actor, const std::vector<OrganisationRole>& roles,
                       const CaseFacts& c) {
  if (actor.kind == "resident" || actor.kind == "business") {
    if (!c.actor_is_party) return CaseAccess::None;
    if (actor.acting_for && !mandate_covers(*actor.acting_for, c)) return CaseAccess::None;
    return CaseAccess::Read;
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

int highest_readable_confidentiality(const Actor& actor, const std::vector<OrganisationRole>& roles,
                                     std::string_view organisation_id, bool party) {
  // A higher level only ever narrows access, so the first level from the top that is readable
  // bounds every readable case.
  for (int level = kHighestConfidentiality; level >= 0; --level) {
    if (case_access(actor, roles, {organisation_id, level, party}) != CaseAccess::None)
      return level;
  }
  return -1;
}

std::optional<MandateScope> staff_mandate_scope(const Actor& actor,
                                                const std::vector<OrganisationRole>& roles,
                                                std::string_view organisation_id) {
  if (actor.kind != "staff" || organisation_id.empty()) return std::nullopt;
  bool registers = std::any_of(roles.begin(), roles.end(), [&](const OrganisationRole& r) {
    return r.organisation_id == organisation_id && registers_mandates(r.role);
  });
  if (!registers) return std::nullopt;
  int level = highest_readable_confidentiality(actor, roles, organisation_id, false);
  if (level < 0) return std::nullopt;
  return MandateScope{organisation_id, level};
}

std::vector<std::string_view> mandate_organisations(const Actor& actor,
                                                    const std::vector<OrganisationRole>& roles) {
  std::vector<std::string_view> out;
  for (const auto& r : roles) {
    if (std::find(out.begin(), out.end(), r.organisation_id) == out.end() &&
        staff_mandate_scope(actor, roles, r.organisation_id)) {
      out.push_back(r.organisation_id);
    }
  }
  return out;
}

}  // namespace loket::identity
