// Administrators divide their organisation's case work into teams (issue 13, "a work queue per
// organisation and team"): /beheer/{id}/teams lists the teams, each with its members (case
// workers and approvers of the organisation) and the products whose cases it handles (a
// product goes to at most one team), and makes, changes or removes one with plain forms. The
// work queue at /behandelen filters on a team, or on "my teams". JSON beside it:
// GET/POST /api/v1/organisations/{id}/teams, PUT/DELETE /api/v1/organisations/{id}/teams/{team}.
#pragma once

#include <string>
#include <vector>

#include "catalog/product_store.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "identity/team_store.hpp"
#include "web/pages.hpp"

namespace loket::web {

// A refused field of a team: name, members or products, and why (required, too-long, unique,
// invalid).
struct TeamProblem {
  std::string field, code;
};
// Pure: the team as given against who and what the organisation has (`staff`, `products`).
std::vector<TeamProblem> check_team(const identity::Team& team,
                                    const std::vector<std::string>& staff,
                                    const std::vector<std::string>& products);

class TeamAdminDoor {
 public:
  TeamAdminDoor(identity::Auth& auth, Pages& pages, catalog::ProductCatalogue& products);
  void add_routes(http::Router& router);

 private:
  struct Form;
  http::Response page(http::Request& request);
  http::Response post(http::Request& request);
  http::Response list_json(http::Request& request);
  http::Response create_json(http::Request& request);
  http::Response update_json(http::Request& request);
  http::Response delete_json(http::Request& request);
  // Checks and saves; the problems when refused.
  std::vector<TeamProblem> save(const std::string& org, const identity::Team& team);
  // The page; `form` is the form that was posted and refused (null: none).
  http::Response render(const http::Request& request, const identity::Subject& admin,
                        const std::string& org, const Form* form, int status);

  identity::Auth& auth_;
  Pages& pages_;
  catalog::ProductCatalogue& products_;
};

}  // namespace loket::web
