// The back office's pages for case workers (/behandelen): the work queue of their
// organisations with filters, claim and bulk assign, and the case page with the answers, the
// timeline, the deadline and the actions the case's state allows. Plain HTML forms with the
// CSRF field, post/redirect/get; they act through the StaffDesk the JSON routes use.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "http/router.hpp"
#include "web/pages.hpp"
#include "web/staff_case_routes.hpp"

namespace loket::web {

struct BackofficeOptions {
  bool staff_oidc = false;  // offer the organisation's login (/auth/staff-oidc/login)
  // Fills the case page's case-work sections (decisions, messages, links: backoffice_work).
  std::function<void(ctemplate::TemplateDictionary&, const http::Request&, const identity::Subject&,
                     const StaffCase&, Lang)>
      case_work;
  // How long the dashboard's figures are shown before they are computed again (issue 13:
  // counting an organisation's 100,000 open cases per request is too slow); the page says when
  // they were computed.
  std::chrono::seconds insight_ttl{60};
};

class BackofficePages {
 public:
  BackofficePages(Pages& pages, std::shared_ptr<StaffDesk> desk, BackofficeOptions options);

  http::Response queue(http::Request& request);
  http::Response assign(http::Request& request);
  http::Response case_page(http::Request& request);
  http::Response act(http::Request& request, StaffAction action);
  // The dashboard (/behandelen/inzicht) and its figures as CSV (/behandelen/inzicht.csv).
  http::Response insight(http::Request& request, bool csv);

 private:
  struct Form;  // a refused action's input and problems, shown again
  http::Response render_case(const http::Request& request, const identity::Subject& staff,
                             const std::vector<identity::StaffRole>& roles, const StaffCase& c,
                             const Form* form, int status);

  // The dashboard's figures of one set of scopes, as computed at `at`.
  struct InsightFigures;
  std::shared_ptr<const InsightFigures> insight_figures(
      db::Database& db, const std::vector<std::pair<std::string, int>>& scopes,
      const std::string& from);

  Pages& pages_;
  std::shared_ptr<StaffDesk> desk_;
  BackofficeOptions options_;
  std::mutex insight_mutex_;    // guards insight_cache_
  std::mutex insight_compute_;  // one computation at a time: the others wait and share it
  std::map<std::string, std::shared_ptr<const InsightFigures>> insight_cache_;
};

// GET /behandelen, GET /behandelen/inzicht(.csv), POST /behandelen/toewijzen, GET
// /behandelen/zaken/{id}, POST /behandelen/zaken/{id}/{action} (status, suspend, resume, extend,
// result, close, reopen, assign).
void add_backoffice_pages(http::Router& router, Pages& pages, std::shared_ptr<StaffDesk> desk,
                          BackofficeOptions options);

}  // namespace loket::web
