// Following a case through the JSON door: GET/POST /api/v1/cases/{id}/messages for the
// resident (a party, or acting for one) and the staff of the case's organisation, and the
// access rule the resident's case pages share with it.
#pragma once

#include <optional>
#include <string>

#include "cases/case_service.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"

namespace loket::web {

// What `subject` may do with the case: nullopt when the case does not exist for them (not a
// party, not staff of its organisation, or above their confidentiality level): answer 404.
std::optional<cases::Permit> follow_permit(identity::Auth& auth, const cases::CaseService& service,
                                           const identity::Subject& subject,
                                           const std::string& case_id);

// Who writes: the resident's (or business's) blind index, or the staff account.
cases::CaseService::Author author_of(const identity::Auth& auth, const identity::Subject& subject);

// The JSON of one message, as the API answers it.
boost::json::object message_json(const cases::Message& m);

void add_message_routes(http::Router& router, identity::Auth& auth, cases::CaseService& service);

}  // namespace loket::web
