// Case work's forms and lists: who asks (staff of the case's organisation), act through the
// decision service, the case service or CaseWork, redirect back to the case page (a refusal
// names itself there, in the form it came from).
#include "web/backoffice_work.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>

#include "cases/case_rules.hpp"
#include "common/utf8.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/json_body.hpp"
#include "http/text.hpp"
#include "identity/staff_store.hpp"
#include "web/problem.hpp"
#include "web/redirect.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

constexpr std::size_t kMaxExplanation = 20'000;  // characters, as the JSON door

std::string day_of_ms(std::int64_t ms) {
  auto tp = std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
  return cases::format_day(std::chrono::floor<std::chrono::days>(tp));
}

// A refused form goes back to the case page, to the form it came from, with what went wrong:
// the first invalid field's name, else the kind of refusal.
http::Response refused(const std::string& case_id, std::string_view form, const http::Error& e) {
  if (e.status() == 401 || e.status() == 404 || e.status() >= 500) throw e;
  std::string what = e.status() == 409 ? "conflict" : e.status() == 403 ? "forbidden" : "invalid";
  if (!e.invalid_params().empty()) what = e.invalid_params().front().name;
  return see_other("/behandelen/zaken/" + case_id + "?werk=" + std::string(form) + "&fout=" + what +
                   "#" + std::string(form));
}

}  // namespace

BackofficeWork::BackofficeWork(Pages& pages, std::shared_ptr<StaffDesk> desk,
                               cases::DecisionService& decisions,
                               std::shared_ptr<cases::CaseWork> work)
    : pages_(pages), desk_(std::move(desk)), decisions_(decisions), work_(std::move(work)) {}

bool BackofficeWork::is_approver(const std::vector<identity::StaffRole>& roles,
                                 const std::string& org) const {
  for (const auto& r : roles) {
    if (r.organisation_id == org && r.role == "approver") return true;
  }
  return false;
}

void BackofficeWork::fill_case(TemplateDictionary& c, const http::Request& request,
                               const identity::Subject& staff, const StaffCase& sc, Lang lang) {
  const auto& texts = pages_.texts();
  auto t = [&](std::string_view key) -> const std::string& { return texts.get(lang, key); };
  auto has = [&](const std::string& key) { return texts.all(lang).contains(key); };
  const auto& id = sc.summary.id;
  auto& db = desk_->auth().database();
  const auto& roles = staff.staff_roles;
  bool approver = is_approver(roles, sc.organisation_id);
  auto colleagues = db.read_value(
      [&](db::Connection& conn) { return identity::case_handlers_of(conn, sc.organisation_id); });
  auto name_of = [&](const std::string& staff_id) -> std::string {
    if (staff_id == staff.number) return t("bo_assignee_me");
    for (const auto& n : colleagues) {
      if (n.id == staff_id) return n.display_name;
    }
    return staff_id.empty() ? t("bo_work_someone") : staff_id;
  };
  auto types = work_->decision_types_of(sc.summary.case_type_id);
  auto type_name = [&](const std::string& type_id) -> std::string {
    for (const auto& ty : types) {
      if (ty.id == type_id) return ty.name;
    }
    auto ty = db.read_value(
        [&](db::Connection& conn) { return decisions_.store().load_decision_type(conn, type_id); });
    return ty ? ty->name : t("bo_work_decision");
  };
  bool open = !sc.summary.end_date.has_value();
  bool handle = sc.permit.may_handle;

  // What went wrong with one of these forms (see `refused`).
  std::string failed_form, failure;
  if (auto w = request.query_param("werk")) failed_form = std::string(*w);
  if (auto f = request.query_param("fout")) failure = std::string(*f);
  auto error_in = [&](TemplateDictionary* d, std::string_view form) {
    if (failed_form != form || failure.empty()) return;
    auto key = "bo_work_error_" + failure;
    d->AddSectionDictionary("WORK_ERROR")
        ->SetValue("MESSAGE", has(key) ? t(key) : t("bo_work_error_invalid"));
  };

  // Decisions, drafts included: who decided, who approved, and the second pair of eyes' forms.
  auto decisions = decisions_.for_case(id, true);
  auto* ds = c.AddSectionDictionary("DECISIONS");
  if (decisions.empty()) ds->ShowSection("NO_DECISIONS");
  for (const auto& d : decisions) {
    auto* e = ds->AddSectionDictionary("DECISION");
    e->SetValue("ID", d.id);
    e->SetValue("TYPE", type_name(d.decision_type_id));
    e->SetValue("IDENTIFICATION", d.identification);
    e->SetValue("DATE", long_date(texts, lang, d.date));
    e->SetValue("DECIDED_BY", d.decided_by.empty() ? t("bo_work_external") : name_of(d.decided_by));
    if (!d.explanation.empty())
      e->AddSectionDictionary("EXPLANATION")->SetValue("TEXT", d.explanation);
    if (d.state == cases::DecisionState::Draft) {
      e->ShowSection("DRAFT");
      if (handle && approver && d.decided_by != staff.number) {
        auto* r = e->AddSectionDictionary("REVIEW");
        r->SetValue("ID", d.id);
        r->SetValue("CSRF", staff.csrf_token);
        error_in(r, "beoordelen-" + d.id);
      } else if (d.decided_by == staff.number) {
        e->ShowSection("WAITS_FOR_OTHER");
      } else {
        e->ShowSection("WAITS_FOR_APPROVER");
      }
    } else {
      e->ShowSection("APPROVED");
      if (!d.approved_by.empty()) {
        auto* a = e->AddSectionDictionary("APPROVED_BY");
        a->SetValue("NAME", name_of(d.approved_by));
        a->SetValue("WHEN", long_date(texts, lang, d.approved_at.substr(0, 10)));
      }
      if (auto w = cases::objection_window_of(d)) {
        e->AddSectionDictionary("WINDOW")->SetValue(
            "UNTIL", long_date(texts, lang, cases::format_day(w->until)));
      }
    }
  }
  for (const auto& r : work_->reviews_of(id)) {
    auto* e = ds->AddSectionDictionary("SENT_BACK");
    e->SetValue("TYPE", type_name(r.decision_type_id));
    e->SetValue("DECIDED_BY", name_of(r.decided_by));
    e->SetValue("REVIEWED_BY", name_of(r.reviewed_by));
    e->SetValue("WHEN", long_date(texts, lang, day_of_ms(r.created_ms)));
    e->SetValue("REASON", r.reason);
  }
  if (handle && open) {
    auto* f = ds->AddSectionDictionary("DECIDE");
    f->SetValue("ID", id);
    f->SetValue("CSRF", staff.csrf_token);
    error_in(f, "besluit");
    if (types.empty()) f->ShowSection("NO_TYPES");
    for (const auto& ty : types) {
      auto* o = f->AddSectionDictionary("OPTION");
      o->SetValue("VALUE", ty.id);
      o->SetValue("LABEL", ty.name);
    }
    if (!types.empty()) f->ShowSection("HAS_TYPES");
  }

  // Messages with the resident; reading them here marks theirs read.
  auto* ms = c.AddSectionDictionary("MESSAGES");
  auto thread = desk_->service().read_messages(id, cases::AuthorKind::Staff, sc.permit);
  if (thread && !thread->empty()) {
    for (const auto& m : *thread) {
      auto* e = ms->AddSectionDictionary("MESSAGE");
      e->SetValue("WHO", m.author_kind == cases::AuthorKind::Staff ? name_of(m.author_id)
                                                                   : t("bo_work_resident"));
      e->SetValue("WHEN", long_date(texts, lang, day_of_ms(m.created_ms)));
      e->SetValue("BODY", m.body);
    }
  } else {
    ms->ShowSection("NO_MESSAGES");
  }
  if (handle) {
    auto* f = ms->AddSectionDictionary("MESSAGE_FORM");
    f->SetValue("ID", id);
    f->SetValue("CSRF", staff.csrf_token);
    error_in(f, "bericht");
  }

  // Links both ways: the decision or case this one is about, and the objections and
  // complaints about this one.
  auto links = work_->links_of(id);
  if (!links.empty()) {
    auto* ls = c.AddSectionDictionary("LINKS");
    for (const auto& l : links) {
      bool about_other = l.case_id == id;
      auto other = about_other ? l.about_case_id : l.case_id;
      auto summary = desk_->service().store().summary(db, other);
      auto* e = ls->AddSectionDictionary("LINK");
      e->SetValue("ID", other);
      e->SetValue("REFERENCE", summary ? (summary->reference.empty() ? summary->identification
                                                                     : summary->reference)
                                       : other);
      e->SetValue("PRODUCT", summary ? summary->case_type_name : std::string());
      auto kind = l.kind == cases::LinkKind::Objection ? "objection" : "complaint";
      e->SetValue("TEXT",
                  t(std::string("bo_work_link_") + kind + (about_other ? "_of" : "_about")));
      if (!l.revised_by.empty()) {
        auto revised = decisions_.get(l.revised_by);
        e->AddSectionDictionary("REVISED")->SetValue(
            "IDENTIFICATION", revised ? revised->identification : l.revised_by);
      } else if (about_other && l.kind == cases::LinkKind::Objection && handle && open && summary) {
        // Deciding the objection: a new decision on the contested decision's case.
        auto* f = e->AddSectionDictionary("REVISE");
        f->SetValue("ID", id);
        f->SetValue("CSRF", staff.csrf_token);
        error_in(f, "herzien");
        for (const auto& ty : work_->decision_types_of(summary->case_type_id)) {
          auto* o = f->AddSectionDictionary("OPTION");
          o->SetValue("VALUE", ty.id);
          o->SetValue("LABEL", ty.name);
        }
      }
    }
  }
}

http::Response BackofficeWork::decide(http::Request& request) {
  auto& auth = desk_->auth();
  auto staff = auth.require_subject(request, "to decide on a case");
  auth.require_csrf(request, staff);
  StaffDesk::require_staff(staff);
  auto sc = desk_->open(staff, request.param("id"));
  try {
    cases::DecisionInput in;
    in.decision_type_id = http::form_text(request, "decisionType");
    in.explanation = http::form_text(request, "explanation");
    if (!common::is_uuid(in.decision_type_id)) {
      throw http::BadRequest("Choose a decision type.", {{"decisionType", "required", "Choose."}});
    }
    if (common::utf8_length(in.explanation) > kMaxExplanation) {
      throw http::BadRequest("Too long.", {{"explanation", "max-length", "Too long."}});
    }
    auto d = value_or_throw(decisions_.decide(sc.summary.id, in, staff.number, sc.permit));
    return see_other("/behandelen/zaken/" + sc.summary.id + "?gedaan=" +
                     (d.state == cases::DecisionState::Draft ? "besluit_concept" : "besluit") +
                     "#besluiten");
  } catch (const http::Error& e) {
    return refused(sc.summary.id, "besluit", e);
  }
}

// The objection case `objection_id`'s link, and the contested decision's case as the staff
// member may handle it; 404 when it is no objection case of theirs.
std::pair<cases::CaseLink, StaffCase> BackofficeWork::contested(const identity::Subject& staff,
                                                                const std::string& objection_id) {
  for (const auto& l : work_->links_of(objection_id)) {
    if (l.case_id == objection_id && l.kind == cases::LinkKind::Objection) {
      return {l, desk_->open(staff, l.about_case_id)};
    }
  }
  throw http::NotFound("This case is no objection to a decision.");
}

cases::DecisionInput BackofficeWork::revision_input(std::string type, std::string explanation) {
  cases::DecisionInput in;
  in.decision_type_id = std::move(type);
  in.explanation = std::move(explanation);
  if (!common::is_uuid(in.decision_type_id)) {
    throw http::BadRequest("Choose a decision type.", {{"decisionType", "required", "Choose."}});
  }
  if (common::utf8_length(in.explanation) > kMaxExplanation) {
    throw http::BadRequest("Too long.", {{"explanation", "max-length", "Too long."}});
  }
  return in;
}

http::Response BackofficeWork::revise(http::Request& request) {
  auto& auth = desk_->auth();
  auto staff = auth.require_subject(request, "to revise a decision");
  auth.require_csrf(request, staff);
  StaffDesk::require_staff(staff);
  auto sc = desk_->open(staff, request.param("id"));
  auto [link, original] = contested(staff, sc.summary.id);
  try {
    if (!sc.permit.may_handle) throw http::Forbidden("You may read this case, not handle it.");
    auto in = revision_input(http::form_text(request, "decisionType"),
                             http::form_text(request, "explanation"));
    value_or_throw(work_->revise(sc.summary.id, in, staff.number, original.permit));
    return see_other("/behandelen/zaken/" + sc.summary.id + "?gedaan=herzien#koppelingen");
  } catch (const http::Error& e) {
    if (e.status() == 409) {
      return see_other("/behandelen/zaken/" + sc.summary.id +
                       "?werk=herzien&fout=revise_conflict#koppelingen");
    }
    return refused(sc.summary.id, "herzien", e);
  }
}

http::Response BackofficeWork::revise_json(http::Request& request) {
  auto staff = desk_->require_staff(request, "to revise a decision");
  desk_->auth().require_csrf(request, staff);
  auto sc = desk_->open(staff, request.param("id"));
  auto [link, original] = contested(staff, sc.summary.id);
  if (!sc.permit.may_handle) throw http::Forbidden("You may read this case, not handle it.");
  std::string type, explanation;
  for (const auto& kv : http::json_object_body(request)) {
    auto k = std::string_view(kv.key());
    if ((k == "decisionType" || k == "explanation") && kv.value().is_string()) {
      (k == "decisionType" ? type : explanation) = std::string(kv.value().as_string());
    } else {
      throw http::BadRequest(
          "The request has invalid fields.",
          {{std::string(k), k == "decisionType" || k == "explanation" ? "invalid" : "unknown",
            "decisionType (uuid) and explanation (text)."}});
    }
  }
  auto d = value_or_throw(work_->revise(sc.summary.id, revision_input(type, explanation),
                                        staff.number, original.permit));
  auto r = http::Response::json(
      201, json::object{{"id", d.id},
                        {"case", d.case_id},
                        {"identification", d.identification},
                        {"state", d.state == cases::DecisionState::Draft ? "draft" : "approved"},
                        {"replaces", link.about_decision_id}});
  r.headers.set("cache-control", "no-store");
  r.headers.set("location", "/api/v1/staff/cases/" + d.case_id + "/decisions");
  return r;
}

http::Response BackofficeWork::message(http::Request& request) {
  auto& auth = desk_->auth();
  auto staff = auth.require_subject(request, "to send a message");
  auth.require_csrf(request, staff);
  StaffDesk::require_staff(staff);
  auto sc = desk_->open(staff, request.param("id"));
  try {
    if (!sc.permit.may_handle) throw http::Forbidden("You may read this case, not handle it.");
    auto body = http::form_text(request, "body");
    value_or_throw(desk_->service().post_message(
        sc.summary.id, {cases::AuthorKind::Staff, staff.number}, body, sc.permit));
    return see_other("/behandelen/zaken/" + sc.summary.id + "?gedaan=bericht#berichten");
  } catch (const http::Error& e) {
    return refused(sc.summary.id, "bericht", e);
  }
}

http::Response BackofficeWork::review(http::Request& request, bool approve) {
  auto& auth = desk_->auth();
  auto staff = auth.require_subject(request, "to review a decision");
  auth.require_csrf(request, staff);
  StaffDesk::require_staff(staff);
  const auto& roles = staff.staff_roles;
  std::string decision_id(request.param("id"));
  auto d = common::is_uuid(decision_id) ? decisions_.get(decision_id)
                                        : cases::Result<cases::Decision>(common::not_found(""));
  if (!d || d->case_id.empty()) throw http::NotFound("There is no such decision that you may see.");
  auto sc = desk_->open(staff, d->case_id);
  try {
    bool approver = is_approver(roles, sc.organisation_id);
    if (approve) {
      value_or_throw(decisions_.approve(decision_id, staff.number, approver, sc.permit));
    } else {
      auto r = work_->reject(decision_id, staff.number, approver,
                             http::form_text(request, "reason"), sc.permit);
      if (!r) throw problem_of(r.failure());
    }
    return see_other("/behandelen/zaken/" + sc.summary.id +
                     "?gedaan=" + (approve ? "goedgekeurd" : "teruggestuurd") + "#besluiten");
  } catch (const http::Error& e) {
    return refused(sc.summary.id, "beoordelen-" + decision_id, e);
  }
}

http::Response BackofficeWork::approvals(http::Request& request) {
  auto& auth = desk_->auth();
  auto staff = auth.require_subject(request, "to see the decisions awaiting approval");
  StaffDesk::require_staff(staff);
  const auto& roles = staff.staff_roles;
  auto scopes = desk_->scopes(staff);
  std::vector<std::string> rsins;
  for (const auto& s : scopes) rsins.push_back(s.rsin);
  auto drafts = work_->drafts_of(rsins);
  const auto& texts = pages_.texts();
  return pages_.render_page(
      request, "bo-approvals.tpl", "bo_work_approvals_title", staff,
      [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
        auto t = [&](std::string_view key) -> const std::string& { return texts.get(lang, key); };
        int shown = 0;
        for (const auto& d : drafts) {
          StaffCase sc;
          try {
            sc = desk_->open(staff, d.case_id);
          } catch (const http::NotFound&) {
            continue;  // above their level
          }
          auto& db = desk_->auth().database();
          auto type = db.read_value([&](db::Connection& conn) {
            return decisions_.store().load_decision_type(conn, d.decision_type_id);
          });
          auto names = db.read_value([&](db::Connection& conn) {
            return identity::case_handlers_of(conn, sc.organisation_id);
          });
          std::string drafter = d.decided_by;
          for (const auto& n : names) {
            if (n.id == d.decided_by) drafter = n.display_name;
          }
          if (d.decided_by == staff.number) drafter = t("bo_assignee_me");
          auto* e = c.AddSectionDictionary("DRAFT");
          e->SetValue("CASE", sc.summary.id);
          e->SetValue("REFERENCE", sc.summary.reference.empty() ? sc.summary.identification
                                                                : sc.summary.reference);
          e->SetValue("PRODUCT", sc.summary.case_type_name);
          e->SetValue("TYPE", type ? type->name : t("bo_work_decision"));
          e->SetValue("DATE", long_date(texts, lang, d.date));
          e->SetValue("DECIDED_BY", drafter);
          if (d.decided_by == staff.number || !is_approver(roles, sc.organisation_id)) {
            e->ShowSection("NOT_YOURS");
          }
          ++shown;
        }
        if (shown == 0) c.ShowSection("NONE");
      });
}

http::Response BackofficeWork::approvals_json(http::Request& request) {
  auto staff = desk_->require_staff(request, "to see the decisions awaiting approval");
  const auto& roles = staff.staff_roles;
  auto scopes = desk_->scopes(staff);
  std::vector<std::string> rsins;
  for (const auto& s : scopes) rsins.push_back(s.rsin);
  json::array results;
  for (const auto& d : work_->drafts_of(rsins)) {
    StaffCase sc;
    try {
      sc = desk_->open(staff, d.case_id);
    } catch (const http::NotFound&) {
      continue;
    }
    results.push_back(
        {{"id", d.id},
         {"case", d.case_id},
         {"decisionType", d.decision_type_id},
         {"date", d.date},
         {"decidedBy", d.decided_by},
         {"mayApprove", d.decided_by != staff.number && is_approver(roles, sc.organisation_id) &&
                            sc.permit.may_handle}});
  }
  auto r = http::Response::json(
      200, json::object{{"count", results.size()}, {"results", std::move(results)}});
  r.headers.set("cache-control", "no-store");
  return r;
}

http::Response BackofficeWork::reject_json(http::Request& request) {
  auto staff = desk_->require_staff(request, "to send a decision back");
  desk_->auth().require_csrf(request, staff);
  const auto& roles = staff.staff_roles;
  std::string decision_id(request.param("id"));
  auto d = common::is_uuid(decision_id) ? decisions_.get(decision_id)
                                        : cases::Result<cases::Decision>(common::not_found(""));
  if (!d || d->case_id.empty()) {
    throw http::NotFound("There is no decision with this id that you may see.");
  }
  StaffCase sc;
  try {
    sc = desk_->open(staff, d->case_id);
  } catch (const http::NotFound&) {
    throw http::NotFound("There is no decision with this id that you may see.");
  }
  auto body = http::json_object_body(request);
  std::string reason;
  for (const auto& kv : body) {
    if (kv.key() == "reason" && kv.value().is_string()) {
      reason = std::string(kv.value().as_string());
    } else {
      throw http::BadRequest("The request has invalid fields.",
                             {{std::string(kv.key()), kv.key() == "reason" ? "invalid" : "unknown",
                               "Only reason (text)."}});
    }
  }
  auto r = work_->reject(decision_id, staff.number, is_approver(roles, sc.organisation_id), reason,
                         sc.permit);
  if (!r) throw problem_of(r.failure());
  auto out = http::Response::json(200, json::object{{"id", r->decision_id},
                                                    {"case", r->case_id},
                                                    {"state", "rejected"},
                                                    {"decidedBy", r->decided_by},
                                                    {"rejectedBy", r->reviewed_by},
                                                    {"reason", r->reason}});
  out.headers.set("cache-control", "no-store");
  return out;
}

std::shared_ptr<BackofficeWork> add_backoffice_work(http::Router& router, Pages& pages,
                                                    std::shared_ptr<StaffDesk> desk,
                                                    cases::DecisionService& decisions,
                                                    std::shared_ptr<cases::CaseWork> work) {
  auto p = std::make_shared<BackofficeWork>(pages, std::move(desk), decisions, std::move(work));
  router.add(http::Method::Post, "/behandelen/zaken/{id}/besluit",
             [p](http::Request& r) { return p->decide(r); });
  router.add(http::Method::Post, "/behandelen/zaken/{id}/herzien",
             [p](http::Request& r) { return p->revise(r); });
  router.add(http::Method::Post, "/api/v1/staff/cases/{id}/revise",
             [p](http::Request& r) { return p->revise_json(r); });
  router.add(http::Method::Post, "/behandelen/zaken/{id}/bericht",
             [p](http::Request& r) { return p->message(r); });
  router.add(http::Method::Get, "/behandelen/goedkeuren",
             [p](http::Request& r) { return p->approvals(r); });
  router.add(http::Method::Post, "/behandelen/besluiten/{id}/goedkeuren",
             [p](http::Request& r) { return p->review(r, true); });
  router.add(http::Method::Post, "/behandelen/besluiten/{id}/terugsturen",
             [p](http::Request& r) { return p->review(r, false); });
  router.add(http::Method::Get, "/api/v1/staff/approvals",
             [p](http::Request& r) { return p->approvals_json(r); });
  router.add(http::Method::Post, "/api/v1/staff/decisions/{id}/reject",
             [p](http::Request& r) { return p->reject_json(r); });
  return p;
}

}  // namespace loket::web
