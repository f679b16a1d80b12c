// The JSON door onto the decision service. Staff of the case's organisation draft decisions on
// a case (POST /api/v1/staff/cases/{id}/decisions), see them with their drafts (GET), and an
// approver other than the drafter approves a four-eyes draft
// (POST /api/v1/staff/decisions/{id}/approve) or a handler discards it (DELETE). Whoever may
// read the case reads its decisions that took effect, with the objection window
// (GET /api/v1/cases/{id}/decisions): a draft is never shown there.
#pragma once

#include "cases/case_service.hpp"
#include "cases/decision_service.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"

namespace loket::web {

void add_decision_routes(http::Router& router, identity::Auth& auth, cases::CaseService& cases,
                         cases::DecisionService& decisions);

}  // namespace loket::web
