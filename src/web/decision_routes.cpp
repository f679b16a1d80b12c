// Parse, ask the policy, call the decision service, render. Failures of the domain become
// problem+json in web/problem.cpp.
#include "web/decision_routes.hpp"

#include <boost/json.hpp>
#include <memory>

#include "catalog/organisation.hpp"
#include "catalog/organisation_store.hpp"
#include "common/utf8.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"
#include "http/json_body.hpp"
#include "identity/policy.hpp"
#include "identity/staff_store.hpp"
#include "web/case_permit.hpp"
#include "web/problem.hpp"

namespace loket::web {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxExplanation = 20'000;  // characters
constexpr std::size_t kMaxGoverningBody = 50;    // characters (the Besluiten API's limit)

json::value or_null(const std::optional<std::string>& s) {
  return s && !s->empty() ? json::value(*s) : json::value(nullptr);
}

cases::PartyKind kind_of(std::string_view subject_kind) {
  return subject_kind == "business" ? cases::PartyKind::Business : cases::PartyKind::Resident;
}

// The organisation (its id) that holds cases of `rsin`: the RSIN is digits 9-17 of its OIN.
std::string organisation_of(db::Database& db, const std::string& rsin) {
  for (auto& o : catalog::list_organisations(db, 0, 1000).items) {
    if (o.oin.size() == 20 && o.oin.substr(8, 9) == rsin) return o.id;
  }
  return {};
}

struct CaseView {
  cases::CaseSummary summary;
  std::string organisation_id;
  std::vector<identity::StaffRole> roles;  // staff only
  cases::Permit permit;
};

class DecisionRoutes {
 public:
  DecisionRoutes(identity::Auth& auth, cases::CaseService& cases, cases::DecisionService& decisions)
      : auth_(auth), cases_(cases), decisions_(decisions) {}

  // Staff: a decision on a case (a draft on a four-eyes product).
  http::Response decide(http::Request& req) {
    auto subject = staff(req, "to decide on a case");
    auth_.require_csrf(req, subject);
    auto view = case_view(subject, std::string(req.param("id")));
    auto in = parse(http::json_object_body(req));
    auto d = value_or_throw(decisions_.decide(view.summary.id, in, subject.number, view.permit));
    auto r = http::Response::json(201, render(d, true));
    r.headers.set("cache-control", "no-store");
    r.headers.set("location", "/api/v1/staff/decisions/" + d.id);
    return r;
  }

  // Staff: every decision of the case, drafts included.
  http::Response staff_list(http::Request& req) {
    auto subject = staff(req, "to see a case's decisions");
    auto view = case_view(subject, std::string(req.param("id")));
    return list(view.summary.id, true);
  }

  // An approver of the case's organisation, not the drafter, approves a draft.
  http::Response approve(http::Request& req) {
    auto subject = staff(req, "to approve a decision");
    auth_.require_csrf(req, subject);
    auto view = decision_view(subject, std::string(req.param("id")));
    bool approver = false;
    for (const auto& r : view.roles) {
      if (r.organisation_id == view.organisation_id && r.role == "approver") approver = true;
    }
    auto d = value_or_throw(
        decisions_.approve(std::string(req.param("id")), subject.number, approver, view.permit));
    auto r = http::Response::json(200, render(d, true));
    r.headers.set("cache-control", "no-store");
    return r;
  }

  // A handler throws a draft away.
  http::Response discard(http::Request& req) {
    auto subject = staff(req, "to discard a decision");
    auth_.require_csrf(req, subject);
    auto view = decision_view(subject, std::string(req.param("id")));
    if (auto done = decisions_.discard(std::string(req.param("id")), view.permit); !done) {
      throw problem_of(done.failure());
    }
    http::Response r;
    r.status = 204;
    return r;
  }

  // Whoever may read the case: its decisions that took effect, with the objection window.
  http::Response resident_list(http::Request& req) {
    auto subject = auth_.require_subject(req, "to see this case's decisions");
    auto view = case_view(subject, std::string(req.param("id")));
    return list(view.summary.id, false);
  }

 private:
  identity::Subject staff(const http::Request& req, std::string_view what_for) {
    auto subject = auth_.require_subject(req, what_for);
    if (subject.kind != "staff") throw http::Forbidden("This is for staff of the organisation.");
    return subject;
  }

  // The case as the subject may see it; 404 when they may not (whether it exists is not theirs
  // to learn).
  CaseView case_view(const identity::Subject& subject, const std::string& id) {
    auto& db = auth_.database();
    auto summary = common::is_uuid(id) ? cases_.store().summary(db, id) : std::nullopt;
    if (!summary) throw http::NotFound("There is no case with this id that you may see.");
    CaseView v{*summary, organisation_of(db, summary->organisation_rsin), {}, {}};
    identity::CaseFacts facts{v.organisation_id, summary->confidentiality, false};
    if (subject.kind == "staff") {
      v.roles = subject.staff_roles;
    } else {
      auto kind = kind_of(subject.acting_for ? subject.acting_for->subject_kind : subject.kind);
      auto number = subject.acting_for ? subject.acting_for->subject_number : subject.number;
      facts.actor_is_party = cases_.store().is_party(db, id, kind, number);
    }
    std::vector<identity::OrganisationRole> roles;
    for (const auto& r : v.roles) roles.push_back({r.organisation_id, r.role});
    v.permit = case_permit(subject.actor(), roles, facts);
    if (v.permit.may_read_level < 0) {
      throw http::NotFound("There is no case with this id that you may see.");
    }
    return v;
  }

  // The case of a decision, as case_view; 404 for a decision on no case of ours.
  CaseView decision_view(const identity::Subject& subject, const std::string& id) {
    auto d = common::is_uuid(id) ? decisions_.get(id)
                                 : cases::Result<cases::Decision>(common::not_found(""));
    if (!d || d->case_id.empty()) {
      throw http::NotFound("There is no decision with this id that you may see.");
    }
    try {
      return case_view(subject, d->case_id);
    } catch (const http::NotFound&) {
      throw http::NotFound("There is no decision with this id that you may see.");
    }
  }

  http::Response list(const std::string& case_id, bool staff) {
    json::array results;
    for (const auto& d : decisions_.for_case(case_id, staff)) {
      if (!staff && !d.visible_to_resident()) continue;  // never a draft to a resident
      results.push_back(render(d, staff));
    }
    auto r = http::Response::json(
        200, json::object{{"count", results.size()}, {"results", std::move(results)}});
    r.headers.set("cache-control", "no-store");
    return r;
  }

  json::object render(const cases::Decision& d, bool staff) {
    auto type = auth_.database().read_value([&](db::Connection& c) {
      return decisions_.store().load_decision_type(c, d.decision_type_id);
    });
    json::value window = nullptr;
    if (auto w = cases::objection_window_of(d); w && d.visible_to_resident()) {
      window = json::object{{"from", cases::format_day(w->from)},
                            {"until", cases::format_day(w->until)}};
    }
    json::object out{
        {"id", d.id},
        {"case", d.case_id.empty() ? json::value(nullptr) : json::value(d.case_id)},
        {"identification", d.identification},
        {"decisionType", type ? json::value(json::object{{"id", type->id}, {"name", type->name}})
                              : json::value(nullptr)},
        {"date", d.date},
        {"explanation", d.explanation},
        {"governingBody", d.governing_body},
        {"effectiveFrom", d.effective_from},
        {"expiresOn", or_null(d.expires_on)},
        {"expiryReason",
         d.expiry_reason.empty() ? json::value(nullptr) : json::value(d.expiry_reason)},
        {"publishedOn", or_null(d.published_on)},
        {"sentOn", or_null(d.sent_on)},
        {"respondBy", or_null(d.respond_by)},
        {"objectionWindow", std::move(window)},
        {"state", d.state == cases::DecisionState::Draft ? "draft" : "approved"},
        {"visibleToResident", d.visible_to_resident()},
        {"zgwUrl", d.visible_to_resident() ? json::value(std::string(cases::kBesluitUrl) + d.id)
                                           : json::value(nullptr)}};
    if (staff) {
      // Who decided and who approved: staff account ids, for staff only.
      out["decidedBy"] = d.decided_by.empty() ? json::value(nullptr) : json::value(d.decided_by);
      out["approvedBy"] = d.approved_by.empty() ? json::value(nullptr) : json::value(d.approved_by);
      out["approvedAt"] = d.approved_at.empty() ? json::value(nullptr) : json::value(d.approved_at);
    }
    return out;
  }

  static cases::DecisionInput parse(const json::object& body) {
    std::vector<http::InvalidParam> problems;
    cases::DecisionInput in;
    auto date = [&](std::string_view name, const json::value& v) -> std::optional<std::string> {
      if (v.is_null()) return std::nullopt;
      if (!v.is_string() || !cases::parse_day(v.as_string())) {
        problems.push_back({std::string(name), "invalid", "A date: YYYY-MM-DD."});
        return std::nullopt;
      }
      return std::string(v.as_string());
    };
    auto text = [&](std::string_view name, const json::value& v, std::size_t max) {
      if (!v.is_string()) {
        problems.push_back({std::string(name), "invalid", "Text."});
        return std::string();
      }
      if (common::utf8_length(v.as_string()) > max) {
        problems.push_back(
            {std::string(name), "max-length", "At most " + std::to_string(max) + " characters."});
      }
      return std::string(v.as_string());
    };
    for (const auto& kv : body) {
      auto k = std::string_view(kv.key());
      const auto& v = kv.value();
      if (k == "decisionType") {
        if (!v.is_string() || !common::is_uuid(v.as_string())) {
          problems.push_back({"decisionType", "invalid", "The id (uuid) of a decision type."});
        } else {
          in.decision_type_id = std::string(v.as_string());
        }
      } else if (k == "date") {
        in.date = date(k, v);
      } else if (k == "effectiveFrom") {
        in.effective_from = date(k, v);
      } else if (k == "expiresOn") {
        in.expires_on = date(k, v);
      } else if (k == "publishedOn") {
        in.published_on = date(k, v);
      } else if (k == "sentOn") {
        in.sent_on = date(k, v);
      } else if (k == "respondBy") {
        in.respond_by = date(k, v);
      } else if (k == "explanation") {
        in.explanation = text(k, v, kMaxExplanation);
      } else if (k == "governingBody") {
        in.governing_body = text(k, v, kMaxGoverningBody);
      } else if (k == "expiryReason") {
        if (!v.is_null()) {
          auto reason = text(k, v, 40);
          if (cases::expiry_reason_label(reason).empty()) {
            problems.push_back({"expiryReason", "invalid_choice",
                                "tijdelijk, ingetrokken_overheid or ingetrokken_belanghebbende."});
          }
          in.expiry_reason = reason;
        }
      } else {
        problems.push_back({std::string(k), "unknown", "This field is not part of a decision."});
      }
    }
    if (!body.contains("decisionType")) {
      problems.push_back({"decisionType", "required", "The id (uuid) of a decision type."});
    }
    if (!problems.empty()) {
      throw http::BadRequest("The decision has invalid fields.", std::move(problems));
    }
    return in;
  }

  identity::Auth& auth_;
  cases::CaseService& cases_;
  cases::DecisionService& decisions_;
};

}  // namespace

void add_decision_routes(http::Router& router, identity::Auth& auth, cases::CaseService& cases,
                         cases::DecisionService& decisions) {
  auto routes = std::make_shared<DecisionRoutes>(auth, cases, decisions);
  router.add(http::Method::Post, "/api/v1/staff/cases/{id}/decisions",
             [routes](http::Request& r) { return routes->decide(r); });
  router.add(http::Method::Get, "/api/v1/staff/cases/{id}/decisions",
             [routes](http::Request& r) { return routes->staff_list(r); });
  router.add(http::Method::Post, "/api/v1/staff/decisions/{id}/approve",
             [routes](http::Request& r) { return routes->approve(r); });
  router.add(http::Method::Delete, "/api/v1/staff/decisions/{id}",
             [routes](http::Request& r) { return routes->discard(r); });
  router.add(http::Method::Get, "/api/v1/cases/{id}/decisions",
             [routes](http::Request& r) { return routes->resident_list(r); });
}

}  // namespace loket::web
