// Parse, ask the policy (case_permit), call the case service, answer; see staff_case_routes.hpp.
#include "web/staff_case_routes.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "catalog/organisation_store.hpp"
#include "common/utf8.hpp"
#include "common/uuid.hpp"
#include "http/json_body.hpp"
#include "identity/policy.hpp"
#include "web/case_permit.hpp"
#include "web/problem.hpp"

namespace loket::web {
namespace json = boost::json;

namespace {

constexpr std::string_view kNoCase = "There is no case with this id that you may see.";

struct ActionName {
  StaffAction action;
  std::string_view name;
};
constexpr ActionName kActions[] = {
    {StaffAction::Status, "status"}, {StaffAction::Suspend, "suspend"},
    {StaffAction::Resume, "resume"}, {StaffAction::Extend, "extend"},
    {StaffAction::Result, "result"}, {StaffAction::Close, "close"},
    {StaffAction::Reopen, "reopen"}, {StaffAction::Assign, "assign"},
};

// The JSON name of the action's free text, or "" when it takes none.
std::string_view text_field(StaffAction a) {
  switch (a) {
    case StaffAction::Status:
    case StaffAction::Close:
    case StaffAction::Reopen:
      return "explanation";
    case StaffAction::Suspend:
      return "question";
    case StaffAction::Extend:
      return "reason";
    case StaffAction::Result:
      return "note";
    case StaffAction::Resume:
    case StaffAction::Assign:
      return "";
  }
  return "";
}

std::vector<identity::OrganisationRole> view(const std::vector<identity::StaffRole>& roles) {
  std::vector<identity::OrganisationRole> out;
  out.reserve(roles.size());
  for (const auto& r : roles) out.push_back({r.organisation_id, r.role});
  return out;
}

// The JSON body's fields into the action's input; wrong types and unknown fields are problems.
ActionInput parse_body(StaffAction a, const json::object& body,
                       std::vector<http::InvalidParam>& problems) {
  ActionInput in;
  auto text_key = text_field(a);
  auto string_of = [&](std::string_view key, const json::value& v, std::string& out) {
    if (!v.is_string()) {
      problems.push_back({std::string(key), "invalid", "Text."});
    } else {
      out = std::string(v.as_string());
    }
  };
  for (const auto& kv : body) {
    auto k = std::string_view(kv.key());
    const auto& v = kv.value();
    if (!text_key.empty() && k == text_key) {
      string_of(k, v, in.text);
    } else if (k == "statusType" && (a == StaffAction::Status || a == StaffAction::Reopen)) {
      string_of(k, v, in.status_type);
    } else if (k == "period" && a == StaffAction::Extend) {
      string_of(k, v, in.period);
    } else if (k == "resultType" && a == StaffAction::Result) {
      string_of(k, v, in.result_type);
    } else if (k == "assignee" && a == StaffAction::Assign) {
      if (v.is_null()) {
        in.assignee = "";
      } else if (v.is_string()) {
        in.assignee = std::string(v.as_string());
      } else {
        problems.push_back({"assignee", "invalid", "A staff id, \"me\" or null."});
      }
    } else {
      problems.push_back({std::string(k), "unknown", "This field is not part of this action."});
    }
  }
  if (a == StaffAction::Assign && !body.contains("assignee")) {
    problems.push_back({"assignee", "required", "A staff id, \"me\" or null."});
  }
  return in;
}

json::object body_of(const http::Request& req) {
  // An action without fields (resume) may come without a body.
  if (req.body.empty()) return {};
  return http::json_object_body(req);
}

// The service's field names where the API names them otherwise.
common::Failure renamed(common::Failure f, StaffAction a) {
  for (auto& e : f.fields) {
    if (e.name == "reason" && a == StaffAction::Suspend) e.name = "question";
    if (e.name == "note" && a != StaffAction::Result) e.name = std::string(text_field(a));
  }
  return f;
}

}  // namespace

std::optional<StaffAction> staff_action_of(std::string_view name) {
  for (const auto& a : kActions) {
    if (a.name == name) return a.action;
  }
  return std::nullopt;
}

std::string_view name_of(StaffAction a) {
  for (const auto& x : kActions) {
    if (x.action == a) return x.name;
  }
  return "";
}

std::vector<http::InvalidParam> check_input(StaffAction a, const ActionInput& in) {
  std::vector<http::InvalidParam> out;
  auto key = std::string(text_field(a));
  if (!key.empty() && common::utf8_length(in.text) > kMaxActionText) {
    out.push_back({key, "max-length", "At most 1000 characters."});
  }
  if (a == StaffAction::Suspend && in.text.empty()) {
    out.push_back({key, "required", "Ask the applicant what is missing."});
  }
  if (a == StaffAction::Extend && in.text.empty()) {
    out.push_back({key, "required", "Give the reason for the extension."});
  }
  auto uuid_field = [&](std::string_view name, const std::string& v, bool required) {
    if (v.empty()) {
      if (required) out.push_back({std::string(name), "required", "The id (uuid) to use."});
    } else if (!common::is_uuid(v)) {
      out.push_back({std::string(name), "invalid", "An id (uuid)."});
    }
  };
  if (a == StaffAction::Status) uuid_field("statusType", in.status_type, true);
  if (a == StaffAction::Reopen) uuid_field("statusType", in.status_type, false);
  if (a == StaffAction::Result) uuid_field("resultType", in.result_type, true);
  if (a == StaffAction::Extend) {
    auto p = cases::parse_period(in.period);
    if (in.period.empty()) {
      out.push_back({"period", "required", "An ISO 8601 period, e.g. P2W."});
    } else if (!p || (p->years == 0 && p->months == 0 && p->days == 0)) {
      out.push_back({"period", "invalid", "An ISO 8601 period of at least one day, e.g. P2W."});
    }
  }
  if (a == StaffAction::Assign) {
    if (!in.assignee) {
      out.push_back({"assignee", "required", "A staff id, \"me\" or null."});
    } else if (!in.assignee->empty() && *in.assignee != "me" && !common::is_uuid(*in.assignee)) {
      out.push_back({"assignee", "invalid", "A staff id, \"me\" or null."});
    }
  }
  return out;
}

StaffDesk::StaffDesk(identity::Auth& auth, cases::CaseService& service)
    : auth_(auth), service_(service), organisations_(auth.database()) {}

identity::Subject StaffDesk::require_staff(const http::Request& request,
                                           std::string_view what_for) {
  auto s = auth_.require_subject(request, what_for);
  require_staff(s);
  return s;
}

void StaffDesk::require_staff(const identity::Subject& subject) {
  if (subject.kind != "staff")
    throw http::Forbidden("Only staff of the organisation handle cases.");
}

StaffCase StaffDesk::open(const identity::Subject& staff, std::string_view case_id) {
  auto& db = auth_.database();
  auto summary = common::is_uuid(case_id) ? service_.store().summary(db, case_id) : std::nullopt;
  if (!summary) throw http::NotFound(std::string(kNoCase));
  auto org = db.read_value([&](db::Connection& c) {
    return service_.store().organisation_of_rsin(c, summary->organisation_rsin);
  });
  identity::CaseFacts facts{org ? std::string_view(org->id) : std::string_view(),
                            summary->confidentiality, false};
  auto permit = case_permit(staff.actor(), view(staff.staff_roles), facts);
  if (permit.may_read_level < 0 || !org) throw http::NotFound(std::string(kNoCase));
  return {std::move(*summary), org->id, org->name, permit};
}

void StaffDesk::check_assignee(const std::string& staff_id, const std::string& organisation_id) {
  auto roles = auth_.database().read_value(
      [&](db::Connection& c) { return identity::staff_roles(c, staff_id); });
  for (const auto& r : roles) {
    if (r.organisation_id == organisation_id && (r.role == "case-worker" || r.role == "approver")) {
      return;
    }
  }
  throw http::BadRequest(
      "The assignee does not handle cases of this case's organisation.",
      {{"assignee", "unknown", "A case worker or approver of the case's organisation."}});
}

cases::Case StaffDesk::act(const identity::Subject& staff, const StaffCase& c, StaffAction a,
                           const ActionInput& in) {
  if (!c.permit.may_handle) throw http::Forbidden("You may read this case, not handle it.");
  if (auto problems = check_input(a, in); !problems.empty()) {
    throw http::BadRequest("The request has invalid fields.", std::move(problems));
  }
  const auto& id = c.summary.id;
  auto done = [&]() -> cases::Result<cases::Case> {
    switch (a) {
      case StaffAction::Status:
        return service_.set_status(id, in.status_type, in.text, c.permit);
      case StaffAction::Suspend:
        return service_.suspend(id, in.text, c.permit);
      case StaffAction::Resume:
        return service_.resume(id, c.permit);
      case StaffAction::Extend:
        return service_.extend(id, *cases::parse_period(in.period), in.text, c.permit);
      case StaffAction::Result:
        return service_.record_result(id, in.result_type, in.text, c.permit);
      case StaffAction::Close:
        return service_.close(id, in.text, c.permit);
      case StaffAction::Reopen:
        return service_.reopen(id, in.status_type, in.text, c.permit);
      case StaffAction::Assign: {
        auto who = *in.assignee == "me" ? staff.number : *in.assignee;
        if (!who.empty()) check_assignee(who, c.organisation_id);
        return service_.assign(id, who, c.permit);
      }
    }
    return common::invalid("action", "unknown", "No such action.");
  }();
  if (!done) throw problem_of(renamed(done.failure(), a));
  return std::move(done).value();
}

std::vector<StaffDesk::Scope> StaffDesk::scopes(const identity::Subject& staff) {
  std::vector<Scope> out;
  auto actor = staff.actor();
  auto v = view(staff.staff_roles);
  for (const auto& o : *organisations_.get()) {
    if (o.oin.size() != 20) continue;
    int level = identity::highest_readable_confidentiality(actor, v, o.id, false);
    if (level >= 0) out.push_back({o.id, o.name, o.oin.substr(8, 9), level});
  }
  return out;
}

json::object handling_json(const cases::Case& c) {
  json::value suspension = nullptr;
  if (c.suspended_since) {
    suspension =
        json::object{{"since", c.suspended_since->empty() ? json::value(nullptr)
                                                          : json::value(*c.suspended_since)},
                     {"question", c.suspension_reason}};
  }
  json::value extension = nullptr;
  if (c.extension) {
    extension = json::object{{"period", cases::format_period(c.extension->period)},
                             {"reason", c.extension->reason}};
  }
  auto or_null = [](const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
  };
  return {{"id", c.id},
          {"reference", c.reference.empty() ? c.identification : c.reference},
          {"closed", c.closed()},
          {"endDate", c.end_date ? json::value(*c.end_date) : json::value(nullptr)},
          {"deadline", c.deadline ? json::value(*c.deadline) : json::value(nullptr)},
          {"suspended", c.suspended_since.has_value()},
          {"suspension", std::move(suspension)},
          {"extension", std::move(extension)},
          {"assignee", or_null(c.assignee)},
          {"status", or_null(c.status_id)},
          {"result", or_null(c.result_id)},
          {"url", "/api/v1/cases/" + c.id}};
}

std::shared_ptr<StaffDesk> add_staff_case_routes(http::Router& router, identity::Auth& auth,
                                                 cases::CaseService& service) {
  auto desk_ptr = std::make_shared<StaffDesk>(auth, service);
  for (const auto& a : kActions) {
    router.add(http::Method::Post, "/api/v1/cases/{id}/" + std::string(a.name),
               [desk_ptr, action = a.action](http::Request& req) {
                 auto& desk = *desk_ptr;
                 auto staff = desk.auth().require_subject(req, "to handle cases");
                 desk.auth().require_csrf(req, staff);
                 StaffDesk::require_staff(staff);
                 auto body = body_of(req);
                 std::vector<http::InvalidParam> problems;
                 auto in = parse_body(action, body, problems);
                 if (!problems.empty()) {
                   throw http::BadRequest("The request has invalid fields.", std::move(problems));
                 }
                 auto c = desk.open(staff, req.param("id"));
                 auto r = http::Response::json(200, handling_json(desk.act(staff, c, action, in)));
                 r.headers.set("cache-control", "no-store");
                 return r;
               });
  }
  // Several cases to one person: each is checked first (a case the caller may not handle names
  // its place in the list), then assigned in its own transaction.
  router.add(http::Method::Post, "/api/v1/cases/assign", [desk_ptr](http::Request& req) {
    auto& desk = *desk_ptr;
    auto staff = desk.auth().require_subject(req, "to handle cases");
    desk.auth().require_csrf(req, staff);
    StaffDesk::require_staff(staff);
    auto body = http::json_object_body(req);
    std::vector<http::InvalidParam> problems;
    std::vector<std::string> ids;
    json::object rest;
    for (const auto& kv : body) {
      if (kv.key() != "cases") rest[kv.key()] = kv.value();
    }
    auto in = parse_body(StaffAction::Assign, rest, problems);
    const auto* list = body.if_contains("cases");
    if (!list) {
      problems.push_back({"cases", "required", "A list of case ids."});
    } else if (!list->is_array() || list->as_array().empty() ||
               list->as_array().size() > kMaxBulkCases) {
      problems.push_back({"cases", "invalid", "A list of 1 to 100 case ids."});
    } else {
      for (const auto& v : list->as_array()) {
        if (!v.is_string() || !common::is_uuid(v.as_string())) {
          problems.push_back(
              {"cases[" + std::to_string(ids.size()) + "]", "invalid", "A case id (uuid)."});
        }
        ids.push_back(v.is_string() ? std::string(v.as_string()) : std::string());
      }
    }
    for (auto& p : check_input(StaffAction::Assign, in)) {
      if (std::none_of(problems.begin(), problems.end(),
                       [&](const auto& q) { return q.name == p.name; })) {
        problems.push_back(std::move(p));
      }
    }
    if (!problems.empty()) {
      throw http::BadRequest("The request has invalid fields.", std::move(problems));
    }
    std::vector<StaffCase> found;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      try {
        found.push_back(desk.open(staff, ids[i]));
        if (!found.back().permit.may_handle) throw http::NotFound("");
      } catch (const http::NotFound&) {
        problems.push_back({"cases[" + std::to_string(i) + "]", "unknown",
                            "There is no case with this id that you may handle."});
      }
    }
    if (!problems.empty()) {
      throw http::BadRequest("Some cases cannot be assigned.", std::move(problems));
    }
    json::array results;
    for (const auto& c : found) {
      results.push_back(handling_json(desk.act(staff, c, StaffAction::Assign, in)));
    }
    auto r = http::Response::json(200, json::object{{"results", std::move(results)}});
    r.headers.set("cache-control", "no-store");
    return r;
  });
  return desk_ptr;
}

}  // namespace loket::web
