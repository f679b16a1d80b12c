// Objecting to a decision (issue 13): the resident's form (GET and POST
// /mijn-zaken/{case}/besluiten/{decision}/bezwaar) and the JSON door
// (POST /api/v1/cases/{case}/decisions/{decision}/objections). Either starts a case of the
// objection product for the same party, linked to the decision, inside the objection window,
// once: a second objection of the same party to the same decision finds the first. And a
// complaint about a case (GET and POST /mijn-zaken/{case}/klacht, POST
// /api/v1/cases/{case}/complaints): a case of the complaint product, linked to it, once per party.
#pragma once

#include <memory>

#include "cases/case_service.hpp"
#include "cases/case_work.hpp"
#include "cases/decision_service.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "web/pages.hpp"

namespace loket::web {

// The product (catalog id) whose cases are objections.
inline constexpr std::string_view kObjectionProduct = "bezwaar";
inline constexpr std::string_view kComplaintProduct = "klacht";

void add_objection_routes(http::Router& router, identity::Auth& auth, Pages& pages,
                          cases::CaseService& cases, cases::DecisionService& decisions,
                          std::shared_ptr<cases::CaseWork> work);

}  // namespace loket::web
