// Case work on the back office's case page (issue 13): drafting a decision, the second pair of
// eyes (the approvers' list /behandelen/goedkeuren, approve or send back, both people shown),
// messages to the resident, and the objection and complaint links both ways; with the JSON
// routes beside them (/api/v1/staff/approvals, /api/v1/staff/decisions/{id}/reject).
#pragma once

#include <memory>
#include <utility>

#include "cases/case_work.hpp"
#include "cases/decision_service.hpp"
#include "http/router.hpp"
#include "web/pages.hpp"
#include "web/staff_case_routes.hpp"

namespace loket::web {

class BackofficeWork {
 public:
  BackofficeWork(Pages& pages, std::shared_ptr<StaffDesk> desk, cases::DecisionService& decisions,
                 std::shared_ptr<cases::CaseWork> work);

  // Fills bo-case.tpl's case-work sections for `sc` (the case page calls it).
  void fill_case(ctemplate::TemplateDictionary& c, const http::Request& request,
                 const identity::Subject& staff, const StaffCase& sc, Lang lang);

  http::Response decide(http::Request& request);   // POST …/zaken/{id}/besluit
  http::Response message(http::Request& request);  // POST …/zaken/{id}/bericht
  // Deciding an objection revises the contested decision (POST …/zaken/{id}/herzien, POST
  // /api/v1/staff/cases/{id}/revise; {id}: the objection case).
  http::Response revise(http::Request& request);
  http::Response revise_json(http::Request& request);
  http::Response review(http::Request& request, bool approve);  // POST …/besluiten/{id}/…
  http::Response approvals(http::Request& request);             // GET /behandelen/goedkeuren
  http::Response approvals_json(http::Request& request);        // GET /api/v1/staff/approvals
  http::Response reject_json(http::Request& request);  // POST /api/v1/staff/decisions/{id}/reject

 private:
  std::pair<cases::CaseLink, StaffCase> contested(const identity::Subject& staff,
                                                  const std::string& objection_id);
  static cases::DecisionInput revision_input(std::string type, std::string explanation);
  bool is_approver(const std::vector<identity::StaffRole>& roles, const std::string& org) const;

  Pages& pages_;
  std::shared_ptr<StaffDesk> desk_;
  cases::DecisionService& decisions_;
  std::shared_ptr<cases::CaseWork> work_;
};

// Registers the routes above; register before add_backoffice_pages (its
// /behandelen/zaken/{id}/{action} would match these addresses first).
std::shared_ptr<BackofficeWork> add_backoffice_work(http::Router& router, Pages& pages,
                                                    std::shared_ptr<StaffDesk> desk,
                                                    cases::DecisionService& decisions,
                                                    std::shared_ptr<cases::CaseWork> work);

}  // namespace loket::web
