// The staff side of the case service, for the JSON door (/api/v1/cases/{id}/status, /suspend,
// /resume, /extend, /result, /close, /reopen, /assign, and bulk /api/v1/cases/assign) and the
// /behandelen pages alike: who may act (staff of the case's organisation; another
// organisation's case does not exist for them), the actions' input rules, and the call.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/case_service.hpp"
#include "catalog/organisation_store.hpp"
#include "http/error.hpp"
#include "http/router.hpp"
#include "identity/auth.hpp"
#include "identity/staff_store.hpp"

namespace loket::web {

// Limits of the staff actions' texts (characters) and of a bulk assignment.
inline constexpr std::size_t kMaxActionText = 1000;
inline constexpr std::size_t kMaxBulkCases = 100;

enum class StaffAction { Status, Suspend, Resume, Extend, Result, Close, Reopen, Assign };

// "status", "suspend", ... (the route's last segment) ↔ the action.
std::optional<StaffAction> staff_action_of(std::string_view name);
std::string_view name_of(StaffAction a);

// An action's input as the JSON body or the form names it. Texts are checked here: length,
// and (for forms) valid UTF-8 without NUL is the form reader's.
struct ActionInput {
  std::string status_type;              // status (required), reopen (optional): a status type uuid
  std::string text;                     // explanation, question, reason or note
  std::string period;                   // extend: ISO 8601 ("P14D", "P2W")
  std::string result_type;              // result: a result type uuid
  std::optional<std::string> assignee;  // assign: a staff id, "me", or "" (unassign)
};

// The invalid fields of `in` for `a`, named as the JSON API names them (an empty list: fine).
std::vector<http::InvalidParam> check_input(StaffAction a, const ActionInput& in);

// A case as a staff member may handle it.
struct StaffCase {
  cases::CaseSummary summary;
  std::string organisation_id;
  std::string organisation_name;
  cases::Permit permit;
};

class StaffDesk {
 public:
  StaffDesk(identity::Auth& auth, cases::CaseService& service);

  identity::Auth& auth() { return auth_; }
  cases::CaseService& service() { return service_; }

  // The session's staff member: 401 without a session, 403 for anyone but staff.
  identity::Subject require_staff(const http::Request& request, std::string_view what_for);
  // 403 unless the subject is staff.
  static void require_staff(const identity::Subject& subject);

  // The case when the staff member may see it (by the roles read with the session); 404
  // otherwise (not a uuid, unknown, another organisation's, above their confidentiality level):
  // existence is not for them to learn.
  StaffCase open(const identity::Subject& staff, std::string_view case_id);

  // 403 for one who may only read the case; then checks the input (400 naming the field) and
  // runs the action through the case service (its refusals as problem+json: 400, 403, 409). Field
  // names follow the JSON API ("question", "explanation", ...).
  cases::Case act(const identity::Subject& staff, const StaffCase& c, StaffAction a,
                  const ActionInput& in);

  // The organisations (id, RSIN) whose cases the staff member may see, with the level.
  struct Scope {
    std::string organisation_id, organisation_name, rsin;
    int max_level = 0;
  };
  // (By the roles read with the session.)
  std::vector<Scope> scopes(const identity::Subject& staff);

 private:
  // A staff id that handles cases (case-worker, approver) of the organisation, or a 400.
  void check_assignee(const std::string& staff_id, const std::string& organisation_id);

  identity::Auth& auth_;
  cases::CaseService& service_;
  catalog::OrganisationCache organisations_;  // scopes(): read at most every few seconds
};

// A case as the staff API answers it: where it stands and what was decided about its clock.
boost::json::object handling_json(const cases::Case& c);

// Registers the routes; the desk they share is returned for the /behandelen pages.
std::shared_ptr<StaffDesk> add_staff_case_routes(http::Router& router, identity::Auth& auth,
                                                 cases::CaseService& service);

}  // namespace loket::web
