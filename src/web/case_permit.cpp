// case_access → Permit; see case_permit.hpp.
#include "web/case_permit.hpp"

namespace loket::web {

namespace {

// Who acts, as the audit trail names them: staff by account id, residents and businesses by
// their kind (their number stays out of the trail).
cases::AuditActor audit_actor(const identity::Actor& actor) {
  cases::AuditActor a;
  if (actor.kind == "staff") {
    a.application_id = "loket-behandelen";
    a.application_label = "Loket behandelen";
    a.user_id = std::string(actor.number);
    a.user_label = "Medewerker";
  } else {
    a.application_id = "loket-portaal";
    a.application_label = "Loket portaal";
    a.user_label = actor.kind == "business" ? "Ondernemer" : "Inwoner";
  }
  return a;
}

}  // namespace

cases::Permit case_permit(const identity::Actor& actor,
                          const std::vector<identity::OrganisationRole>& roles,
                          const identity::CaseFacts& facts) {
  cases::Permit p;
  p.actor = audit_actor(actor);
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
  p.actor = audit_actor(actor);
  if (actor.kind != "resident" && actor.kind != "business") return p;
  if (actor.acting_for && !identity::mandate_covers(*actor.acting_for, facts)) return p;
  p.may_submit = true;
  return p;
}

}  // namespace loket::web
