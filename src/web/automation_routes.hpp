// Automatic decisions at the doors: the public algorithm register (/algoritmeregister/{org},
// GET /api/v1/algorithm-register/{org}), the explanation of a case's automatic decision
// (GET /api/v1/cases/{id}/automated-decision, and a section of the resident's case page), the
// resident's request for a human review (POST .../automated-decision/review and the page form
// /mijn-zaken/{id}/menselijke-beoordeling) and the case worker's judgement of that review.
#pragma once

#include <ctemplate/template.h>

#include <string>

#include "cases/automated_decisions.hpp"
#include "catalog/product_store.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "web/pages.hpp"

namespace loket::web {

class AutomationDoor {
 public:
  AutomationDoor(identity::Auth& auth, Pages& pages, cases::CaseService& cases,
                 cases::AutoDecider& decider, catalog::ProductCatalogue& products);
  void add_routes(http::Router& router);
  // The resident's case page: the reasons and the review button, when the case was decided
  // automatically (an include dictionary AUTO_DECISION of the case page).
  void fill_case_page(ctemplate::TemplateDictionary& page, const std::string& case_id,
                      const std::string& csrf, Lang lang);

 private:
  http::Response register_json(http::Request& request);
  http::Response register_index(http::Request& request);
  http::Response register_page(http::Request& request);
  http::Response decision_json(http::Request& request);
  http::Response request_review(http::Request& request, bool page);
  http::Response judge_review(http::Request& request);
  std::string request_review_for(http::Request& request, const identity::Subject& subject);

  identity::Auth& auth_;
  Pages& pages_;
  cases::CaseService& cases_;
  cases::AutoDecider& decider_;
  catalog::ProductCatalogue& products_;
};

}  // namespace loket::web
