// Who asks (staff of the consultation's organisation, or a resident of its area), the input as
// the form or JSON names it, the call, the page or JSON.
#include "web/consultation_routes.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "cases/case_rules.hpp"
#include "common/instant.hpp"
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

constexpr std::string_view kNone = "There is no consultation with this id that you may see.";

std::string day_of_ms(std::int64_t ms) {
  auto tp = std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
  return cases::format_day(std::chrono::floor<std::chrono::days>(tp));
}

json::object render(const cases::Consultation& c) {
  return {{"id", c.id},
          {"organisation", c.organisation_id},
          {"title", c.title},
          {"proposal", c.proposal},
          {"areas", c.areas},
          {"opensOn", c.opens_on},
          {"closesOn", c.closes_on},
          {"closed", c.closed()},
          {"summary", c.closed() ? json::value(c.summary) : json::value(nullptr)}};
}

class ConsultationRoutes {
 public:
  ConsultationRoutes(Pages& pages, std::shared_ptr<StaffDesk> desk,
                     std::shared_ptr<cases::Consultations> consultations)
      : pages_(pages), desk_(std::move(desk)), consultations_(std::move(consultations)) {}

  // ---- staff ----
  http::Response staff_list(http::Request& req) {
    auto staff = staff_of(req);
    auto orgs = organisations(staff);
    auto list = consultations_->of_organisations(orgs);
    return pages_.render_page(
        req, "bo-consultations.tpl", "consult_title", staff,
        [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
          const auto& texts = pages_.texts();
          c.ShowSection("LIST");
          if (list.empty()) c.ShowSection("NONE");
          for (const auto& k : list) {
            auto* e = c.AddSectionDictionary("ITEM");
            e->SetValue("ID", k.id);
            e->SetValue("TITLE", k.title);
            e->SetValue("FROM", long_date(texts, lang, k.opens_on));
            e->SetValue("TO", long_date(texts, lang, k.closes_on));
            e->SetValue("COUNT", std::to_string(k.responses));
            e->SetValue("STATE", texts.get(lang, k.closed() ? "consult_closed" : "consult_open"));
          }
          if (!orgs.empty()) {
            auto* f = c.AddSectionDictionary("CREATE");
            f->SetValue("CSRF", staff.csrf_token);
            f->SetValue("FROM", common::today());
            if (auto fout = req.query_param("fout")) {
              f->AddSectionDictionary("WORK_ERROR")
                  ->SetValue("MESSAGE", texts.get(lang, "consult_error_" + std::string(*fout)));
            }
          }
        });
  }

  http::Response staff_create(http::Request& req) {
    auto staff = staff_of(req);
    desk_->auth().require_csrf(req, staff);
    auto orgs = organisations(staff);
    if (orgs.empty()) throw http::Forbidden("Consultations are opened by case workers.");
    cases::NewConsultation in{orgs.front(),
                              http::form_text(req, "title"),
                              http::form_text(req, "proposal"),
                              http::form_text(req, "areas"),
                              http::form_text(req, "opensOn"),
                              http::form_text(req, "closesOn")};
    auto done = consultations_->open(in, staff.number);
    if (!done) {
      auto& f = done.failure();
      return see_other("/behandelen/raadplegingen?fout=" +
                       (f.fields.empty() ? std::string("invalid") : f.fields.front().name));
    }
    return see_other("/behandelen/raadplegingen/" + done->id);
  }

  http::Response staff_page(http::Request& req) {
    auto staff = staff_of(req);
    auto k = staff_consultation(staff, std::string(req.param("id")));
    auto responses = consultations_->responses(k.id);
    return pages_.render_page(
        req, "bo-consultations.tpl", "consult_title", staff,
        [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
          const auto& texts = pages_.texts();
          layout.SetValue("PAGE_TITLE", k.title);
          auto* d = c.AddSectionDictionary("DETAIL");
          fill(*d, k, lang);
          d->SetValue("COUNT", std::to_string(responses.size()));
          for (const auto& r : responses) {
            auto* e = d->AddSectionDictionary("RESPONSE");
            e->SetValue("WHEN", long_date(texts, lang, day_of_ms(r.created_ms)));
            e->SetValue("BODY", r.body);
          }
          if (responses.empty()) d->ShowSection("NO_RESPONSES");
          if (!k.closed()) {
            auto* f = d->AddSectionDictionary("CLOSE");
            f->SetValue("ID", k.id);
            f->SetValue("CSRF", staff.csrf_token);
            if (req.query_param("fout")) {
              f->AddSectionDictionary("WORK_ERROR")
                  ->SetValue("MESSAGE", texts.get(lang, "consult_error_summary"));
            }
          }
        });
  }

  http::Response staff_close(http::Request& req) {
    auto staff = staff_of(req);
    desk_->auth().require_csrf(req, staff);
    auto k = staff_consultation(staff, std::string(req.param("id")));
    auto done = consultations_->close(k.id, http::form_text(req, "summary"));
    if (!done && done.failure().kind == common::Failure::Kind::Invalid) {
      return see_other("/behandelen/raadplegingen/" + k.id + "?fout=summary");
    }
    if (!done) throw problem_of(done.failure());
    return see_other("/behandelen/raadplegingen/" + k.id);
  }

  http::Response staff_list_json(http::Request& req) {
    auto staff = desk_->require_staff(req, "to see consultations");
    json::array out;
    for (const auto& k : consultations_->of_organisations(organisations(staff))) {
      auto o = render(k);
      o["responses"] = k.responses;
      out.push_back(std::move(o));
    }
    return json_response(200, json::object{{"count", out.size()}, {"results", std::move(out)}});
  }

  http::Response staff_create_json(http::Request& req) {
    auto staff = desk_->require_staff(req, "to open a consultation");
    desk_->auth().require_csrf(req, staff);
    auto orgs = organisations(staff);
    if (orgs.empty()) throw http::Forbidden("Consultations are opened by case workers.");
    cases::NewConsultation in{orgs.front(), "", "", "", "", ""};
    std::vector<http::InvalidParam> problems;
    for (const auto& kv : http::json_object_body(req)) {
      auto k = std::string_view(kv.key());
      std::string* field = k == "title"          ? &in.title
                           : k == "proposal"     ? &in.proposal
                           : k == "areas"        ? &in.areas
                           : k == "opensOn"      ? &in.opens_on
                           : k == "closesOn"     ? &in.closes_on
                           : k == "organisation" ? &in.organisation_id
                                                 : nullptr;
      if (!field) {
        problems.push_back({std::string(k), "unknown", "Not part of a consultation."});
      } else if (!kv.value().is_string() || !http::is_clean_text(kv.value().as_string())) {
        problems.push_back({std::string(k), "invalid", "Text."});
      } else {
        *field = std::string(kv.value().as_string());
      }
    }
    if (std::find(orgs.begin(), orgs.end(), in.organisation_id) == orgs.end()) {
      problems.push_back({"organisation", "invalid", "An organisation you handle cases for."});
    }
    if (!problems.empty()) throw http::BadRequest("The consultation is invalid.", problems);
    auto k = value_or_throw(consultations_->open(in, staff.number));
    auto r = json_response(201, render(k));
    r.headers.set("location", "/api/v1/staff/consultations/" + k.id);
    return r;
  }

  http::Response staff_close_json(http::Request& req) {
    auto staff = desk_->require_staff(req, "to close a consultation");
    desk_->auth().require_csrf(req, staff);
    auto k = staff_consultation(staff, std::string(req.param("id")));
    std::string summary;
    for (const auto& kv : http::json_object_body(req)) {
      if (kv.key() != "summary" || !kv.value().is_string()) {
        throw http::BadRequest(
            "The request has invalid fields.",
            {{std::string(kv.key()), kv.key() == "summary" ? "invalid" : "unknown",
              "Only summary (text)."}});
      }
      summary = std::string(kv.value().as_string());
    }
    return json_response(200, render(value_or_throw(consultations_->close(k.id, summary))));
  }

  // ---- residents ----
  http::Response resident_list(http::Request& req) {
    auto subject = resident(req);
    auto list = consultations_->for_resident(kind(subject), subject.number, common::today());
    return pages_.render_page(
        req, "consultations.tpl", "consult_resident_title", subject,
        [&](TemplateDictionary& c, TemplateDictionary&, Lang lang) {
          const auto& texts = pages_.texts();
          c.ShowSection("LIST");
          if (list.empty()) c.ShowSection("NONE");
          for (const auto& k : list) {
            auto* e = c.AddSectionDictionary("ITEM");
            e->SetValue("ID", k.id);
            e->SetValue("TITLE", k.title);
            e->SetValue("TO", long_date(texts, lang, k.closes_on));
            e->SetValue("STATE", texts.get(lang, k.open_on(common::today()) ? "consult_open"
                                                                            : "consult_closed"));
          }
        });
  }

  http::Response resident_page(http::Request& req) {
    auto subject = resident(req);
    auto k = resident_consultation(subject, std::string(req.param("id")));
    auto mine = consultations_->response_of(k.id, kind(subject), subject.number);
    return pages_.render_page(req, "consultations.tpl", "consult_resident_title", subject,
                              [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
                                const auto& texts = pages_.texts();
                                layout.SetValue("PAGE_TITLE", k.title);
                                auto* d = c.AddSectionDictionary("DETAIL");
                                fill(*d, k, lang);
                                if (mine) {
                                  d->AddSectionDictionary("MINE")->SetValue("BODY", mine->body);
                                } else if (k.open_on(common::today())) {
                                  auto* f = d->AddSectionDictionary("RESPOND");
                                  f->SetValue("ID", k.id);
                                  f->SetValue("CSRF", subject.csrf_token);
                                  if (req.query_param("fout")) {
                                    f->AddSectionDictionary("WORK_ERROR")
                                        ->SetValue("MESSAGE",
                                                   texts.get(lang, "consult_error_body"));
                                  }
                                }
                              });
  }

  http::Response resident_respond(http::Request& req) {
    auto subject = resident(req);
    desk_->auth().require_csrf(req, subject);
    std::string id(req.param("id"));
    auto done = consultations_->respond(id, kind(subject), subject.number,
                                        http::form_text(req, "body"), common::today());
    if (!done && done.failure().kind == common::Failure::Kind::Invalid) {
      return see_other("/raadplegingen/" + id + "?fout=body#reageren");
    }
    if (!done) throw problem_of(done.failure());
    return see_other("/raadplegingen/" + id + "?gedaan=reactie");
  }

  http::Response resident_list_json(http::Request& req) {
    auto subject = resident(req);
    json::array out;
    for (const auto& k :
         consultations_->for_resident(kind(subject), subject.number, common::today())) {
      auto o = render(k);
      o["open"] = k.open_on(common::today());
      o["responded"] = consultations_->response_of(k.id, kind(subject), subject.number).has_value();
      out.push_back(std::move(o));
    }
    return json_response(200, json::object{{"count", out.size()}, {"results", std::move(out)}});
  }

  http::Response resident_respond_json(http::Request& req) {
    auto subject = resident(req);
    desk_->auth().require_csrf(req, subject);
    std::string body;
    for (const auto& kv : http::json_object_body(req)) {
      if (kv.key() != "body" || !kv.value().is_string() ||
          !http::is_clean_text(kv.value().as_string())) {
        throw http::BadRequest("The response has invalid fields.",
                               {{std::string(kv.key()), kv.key() == "body" ? "invalid" : "unknown",
                                 "Only body (text)."}});
      }
      body = std::string(kv.value().as_string());
    }
    auto r = value_or_throw(consultations_->respond(std::string(req.param("id")), kind(subject),
                                                    subject.number, body, common::today()));
    return json_response(
        201, json::object{{"consultation", std::string(req.param("id"))}, {"body", r.body}});
  }

 private:
  static http::Response json_response(int status, json::object o) {
    auto r = http::Response::json(status, std::move(o));
    r.headers.set("cache-control", "no-store");
    return r;
  }

  identity::Subject staff_of(const http::Request& req) {
    return desk_->require_staff(req, "to work with consultations");
  }

  // The organisations whose consultations the staff member opens and closes: where they handle
  // cases.
  std::vector<std::string> organisations(const identity::Subject& staff) {
    std::vector<std::string> out;
    for (const auto& r : staff.staff_roles) {
      if ((r.role == "case-worker" || r.role == "approver") &&
          std::find(out.begin(), out.end(), r.organisation_id) == out.end()) {
        out.push_back(r.organisation_id);
      }
    }
    return out;
  }

  cases::Consultation staff_consultation(const identity::Subject& staff, const std::string& id) {
    auto k = common::is_uuid(id) ? consultations_->get(id) : std::nullopt;
    auto orgs = organisations(staff);
    if (!k || std::find(orgs.begin(), orgs.end(), k->organisation_id) == orgs.end()) {
      throw http::NotFound(std::string(kNone));
    }
    return *k;
  }

  identity::Subject resident(const http::Request& req) {
    auto subject = desk_->auth().require_subject(req, "to see consultations");
    if (subject.kind == "staff") throw http::Forbidden("Consultations are for residents.");
    return subject;
  }

  // A consultation counts the resident themselves (not whom they act for): it is about where
  // they live.
  static cases::PartyKind kind(const identity::Subject& s) {
    return s.kind == "business" ? cases::PartyKind::Business : cases::PartyKind::Resident;
  }

  cases::Consultation resident_consultation(const identity::Subject& subject,
                                            const std::string& id) {
    auto k = common::is_uuid(id) ? consultations_->get(id) : std::nullopt;
    if (!k || k->opens_on > common::today() ||
        !consultations_->concerns(*k, kind(subject), subject.number)) {
      throw http::NotFound(std::string(kNone));
    }
    return *k;
  }

  void fill(TemplateDictionary& d, const cases::Consultation& k, Lang lang) {
    const auto& texts = pages_.texts();
    d.SetValue("TITLE", k.title);
    d.SetValue("PROPOSAL", k.proposal);
    d.SetValue("AREAS", k.areas);
    d.SetValue("FROM", long_date(texts, lang, k.opens_on));
    d.SetValue("TO", long_date(texts, lang, k.closes_on));
    if (k.closed()) d.AddSectionDictionary("SUMMARY")->SetValue("TEXT", k.summary);
  }

  Pages& pages_;
  std::shared_ptr<StaffDesk> desk_;
  std::shared_ptr<cases::Consultations> consultations_;
};

}  // namespace

void add_consultation_routes(http::Router& router, Pages& pages, std::shared_ptr<StaffDesk> desk,
                             std::shared_ptr<cases::Consultations> consultations) {
  auto r = std::make_shared<ConsultationRoutes>(pages, std::move(desk), std::move(consultations));
  using M = http::Method;
  router.add(M::Get, "/behandelen/raadplegingen",
             [r](http::Request& q) { return r->staff_list(q); });
  router.add(M::Post, "/behandelen/raadplegingen",
             [r](http::Request& q) { return r->staff_create(q); });
  router.add(M::Get, "/behandelen/raadplegingen/{id}",
             [r](http::Request& q) { return r->staff_page(q); });
  router.add(M::Post, "/behandelen/raadplegingen/{id}/sluiten",
             [r](http::Request& q) { return r->staff_close(q); });
  router.add(M::Get, "/api/v1/staff/consultations",
             [r](http::Request& q) { return r->staff_list_json(q); });
  router.add(M::Post, "/api/v1/staff/consultations",
             [r](http::Request& q) { return r->staff_create_json(q); });
  router.add(M::Post, "/api/v1/staff/consultations/{id}/close",
             [r](http::Request& q) { return r->staff_close_json(q); });
  router.add(M::Get, "/raadplegingen", [r](http::Request& q) { return r->resident_list(q); });
  router.add(M::Get, "/raadplegingen/{id}", [r](http::Request& q) { return r->resident_page(q); });
  router.add(M::Post, "/raadplegingen/{id}/reactie",
             [r](http::Request& q) { return r->resident_respond(q); });
  router.add(M::Get, "/api/v1/consultations",
             [r](http::Request& q) { return r->resident_list_json(q); });
  router.add(M::Post, "/api/v1/consultations/{id}/responses",
             [r](http::Request& q) { return r->resident_respond_json(q); });
}

}  // namespace loket::web
