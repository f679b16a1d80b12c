// Administrators of an organisation manage its staff's roles: GET
// /api/v1/organisations/{id}/staff, POST /api/v1/organisations/{id}/staff/roles {"email","role"},
// DELETE /api/v1/organisations/{id}/staff/{account}/roles/{role}, and the page
// /beheer/{id}/medewerkers (a list and one form to grant or revoke). Issue 13: POST
// /api/v1/organisations/{id}/staff {"email","name","roles"} adds a member (a new account gets a
// setup link by mail), PATCH /api/v1/organisations/{id}/staff/{account} {"active"} blocks or
// unblocks one, with their forms POST /beheer/{id}/medewerkers/nieuw and
// /beheer/{id}/medewerkers/{account}/actief; POST /api/v1/organisations/{id}/staff/{account}/
// setup-link and /beheer/{id}/medewerkers/{account}/link mail a new setup link to a member who
// never activated the account; /medewerker-activeren?token= is the setup link's page (password
// and TOTP), for the person who has no session yet.
#pragma once

#include <string>
#include <vector>

#include "http/router.hpp"
#include "identity/auth.hpp"
#include "identity/staff_admin.hpp"
#include "web/pages.hpp"

namespace loket::web {

// The logged-in administrator of `org`: 401 without a session, 403 for anyone else (`what` says
// what only an administrator may do).
identity::Subject require_administrator(identity::Auth& auth, const http::Request& request,
                                        const std::string& org, const std::string& what);

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
  // The staff page; `add` keeps the add form's answers and problems after a refused post.
  struct AddForm {
    std::string name, email;
    std::vector<std::string> roles;
    std::vector<http::InvalidParam> problems;
  };
  http::Response render(const http::Request& request, const identity::Subject& admin,
                        const std::string& org_id, const AddForm* add, int status);
  // Adds a member (fields checked here); throws http::Error naming the field.
  std::pair<identity::AddOutcome, std::string> add_member(const std::string& org, AddForm& form);
  http::Response add_json(http::Request& request);
  http::Response add_post(http::Request& request);
  // Blocks or unblocks; throws http::Error (404, 409).
  void set_active(const identity::Subject& admin, const std::string& org,
                  const std::string& account, bool active);
  http::Response active_json(http::Request& request);
  http::Response active_post(http::Request& request);
  // Mails a new setup link to a member that never activated the account; throws http::Error
  // (404, 409 naming `account`).
  void send_setup_link(const std::string& org, const std::string& account);
  http::Response setup_link_json(http::Request& request);
  http::Response setup_link_post(http::Request& request);
  http::Response activate_page(http::Request& request);
  http::Response activate_post(http::Request& request);

  identity::Auth& auth_;
  Pages& pages_;
};

}  // namespace loket::web
