// Neighbourhood consultation's doors (issue 13). Staff of the organisation (case workers,
// approvers): /behandelen/raadplegingen (list, open one), /behandelen/raadplegingen/{id} (the
// responses, close with a summary) and /api/v1/staff/consultations(/{id}/close). Residents whose
// address lies in the area: /raadplegingen, /raadplegingen/{id} (respond once, read the summary)
// and /api/v1/consultations(/{id}/responses). Anyone else does not learn a consultation exists.
#pragma once

#include <memory>

#include "cases/consultation.hpp"
#include "http/router.hpp"
#include "web/pages.hpp"
#include "web/staff_case_routes.hpp"

namespace loket::web {

void add_consultation_routes(http::Router& router, Pages& pages, std::shared_ptr<StaffDesk> desk,
                             std::shared_ptr<cases::Consultations> consultations);

}  // namespace loket::web
