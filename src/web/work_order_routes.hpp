// Contractors and work orders at the doors. JSON: /api/v1/contractors (an organisation's
// companies and their contractor accounts, for its administrators), /api/v1/cases/{id}/work-orders
// (case workers order; the resident sees the state), /api/v1/work-orders[/{id}[/accept|/done|
// /photo]] (a contractor: only its own company's orders, never the case). Pages: /opdrachten for
// the contractor (accept; done with a note and a photo, a plain multipart form), and
// /behandelen/werkopdrachten/{id} for the case worker.
#pragma once

#include <ctemplate/template.h>

#include <string>

#include "cases/work_orders.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "web/pages.hpp"

namespace loket::web {

class WorkOrderDoor {
 public:
  WorkOrderDoor(identity::Auth& auth, Pages& pages, cases::CaseService& cases,
                cases::WorkOrders& orders);
  void add_routes(http::Router& router);
  // The resident's case page: the state of the case's work orders (an include dictionary
  // WORK_ORDERS), when it has any.
  void fill_case_page(ctemplate::TemplateDictionary& page, const std::string& case_id, Lang lang);

 private:
  struct Contractor {
    identity::Subject subject;
    std::string company_id;
  };
  // The logged-in contractor and its company; 401 without a session, 403 for anyone else.
  Contractor contractor(const http::Request& request);
  // The staff member's organisations where they have `role`.
  std::vector<std::string> organisations_with(const identity::Subject& s, std::string_view role);

  http::Response list_companies(http::Request& request);
  http::Response add_company(http::Request& request);
  http::Response add_member(http::Request& request);
  http::Response case_orders(http::Request& request);
  http::Response order(http::Request& request);
  http::Response my_orders(http::Request& request);
  http::Response my_order(http::Request& request);
  http::Response accept(http::Request& request, bool page);
  http::Response done(http::Request& request, bool page);
  http::Response photo(http::Request& request);
  http::Response contractor_list_page(http::Request& request);
  http::Response contractor_order_page(http::Request& request);
  http::Response worker_page(http::Request& request);
  http::Response worker_post(http::Request& request);

  identity::Auth& auth_;
  Pages& pages_;
  cases::CaseService& cases_;
  cases::WorkOrders& orders_;
};

}  // namespace loket::web
