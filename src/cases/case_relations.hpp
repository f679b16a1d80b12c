// Cases about other cases (an objection, a complaint, a review request) as the ZGW Zaken API
// shows them: each zaak lists the other in `relevanteAndereZaken`. The link itself is the
// caller's (case_links, automated_decisions); this writes its mirror on both zaken in the
// caller's transaction, through the case tables' SQL in case_store_relations.cpp.
#pragma once

#include <string>

#include "cases/case_service.hpp"
#include "db/database.hpp"

namespace loket::cases {

// In the transaction that records the link: the new case lists the case it is about with ZGW
// aardRelatie "vervolg" (the other zaak gave rise to it), the case it is about lists the new
// case with "onderwerp" (the new zaak is about it), each with `note` as toelichting (at most 255
// characters). Each zaak that changed gets its audit trail record (partial_update, by
// `permit.actor`) and "case.updated", so ZGW subscribers hear of it. Once: a second call changes
// nothing. Locks both cases, in uuid order. Throws when a case is gone.
void relate_cases_in(db::Connection& c, CaseService& cases, const std::string& new_case_id,
                     const std::string& about_case_id, const std::string& note,
                     const Permit& permit);

}  // namespace loket::cases
