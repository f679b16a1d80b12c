// case_access → Permit; see case_permit.hpp.
#include "web/case_permit.hpp"

namespace loket::web {

cases::Permit case_permit(const identity::Actor& actor,
                          const std::vector<identity::OrganisationRole>& roles,
                          const identity::CaseFacts& facts) {
  cases::Permit p;
  auto access = identity::case_access(actor, roles, facts);
  if (access == identity::CaseAccess::None) return p;
  p.may_read_level = facts.confidentiality;
  if (access == identity::CaseAccess::Handle) {
    p.may_handle = true;
    // Staff who handle a case may reopen it; changing a closed case otherwise (closing it
    // again, results, assignment) stays with the systems that have the forced right.
    p.may_reopen = true;
  }
  return p;
}

cases::Permit submit_permit(const identity::Actor& actor, const identity::CaseFacts& facts) {
  cases::Permit p;
  if (actor.kind != "resident" && actor.kind != "business") return p;
  if (actor.acting_for && !identity::mandate_covers(*actor.acting_for, facts)) return p;
  p.may_submit = true;
  return p;
}

}  // namespace loket::web
