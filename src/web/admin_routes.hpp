// Administrators of an organisation manage its staff's roles: GET
// /api/v1/organisations/{id}/staff, POST /api/v1/organisations/{id}/staff/roles {"email","role"},
// DELETE /api/v1/organisations/{id}/staff/{account}/roles/{role}, and the page
// /beheer/{id}/medewerkers (a list and one form to grant or revoke).
#pragma once

#include <string>

#include "http/router.hpp"
#include "identity/auth.hpp"
#include "web/pages.hpp"

namespace loket::web {

class AdminDoor {
 public:
  AdminDoor(identity::Auth& auth, Pages& pages);
  void add_routes(http::Router& router);

 private:
  // The logged-in administrator of `org`: 401 without a session, 403 for anyone else.
  identity::Subject administrator(const http::Request& request, const std::string& org);
  // Grants or revokes `role` of the account (by e-mail, or id when given); returns its id.
  std::string change(const identity::Subject& admin, const std::string& org,
                     const std::string& email, const std::string& role, bool grant,
                     const std::string& account_id);
  http::Response list(http::Request& request);
  http::Response grant(http::Request& request);
  http::Response revoke(http::Request& request);
  http::Response page(http::Request& request);
  http::Response post(http::Request& request);

  identity::Auth& auth_;
  Pages& pages_;
};

}  // namespace loket::web
