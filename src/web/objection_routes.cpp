// Who may object (a party of the case, or whoever acts for one), with what (grounds, e-mail,
// a hearing or not), against which product's case type; then CaseWork::object.
#include "web/objection_routes.hpp"

#include <boost/json.hpp>

#include "catalog/product_store.hpp"
#include "common/confidentiality.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/json_body.hpp"
#include "http/text.hpp"
#include "web/case_permit.hpp"
#include "web/problem.hpp"
#include "web/redirect.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

constexpr std::string_view kNoDecision = "There is no decision with this id that you may see.";

cases::PartyKind kind_of(std::string_view subject_kind) {
  return subject_kind == "business" ? cases::PartyKind::Business : cases::PartyKind::Resident;
}

class ObjectionRoutes {
 public:
  ObjectionRoutes(identity::Auth& auth, Pages& pages, cases::CaseService& cases,
                  cases::DecisionService& decisions, std::shared_ptr<cases::CaseWork> work)
      : auth_(auth),
        pages_(pages),
        cases_(cases),
        decisions_(decisions),
        work_(std::move(work)),
        products_(auth.database()) {}

  http::Response api(http::Request& req) {
    auto subject = auth_.require_subject(req, "to object to a decision");
    auth_.require_csrf(req, subject);
    auto target = check(subject, req);
    auto body = http::json_object_body(req);
    cases::ObjectionInput in;
    std::vector<http::InvalidParam> problems;
    for (const auto& kv : body) {
      auto k = std::string_view(kv.key());
      const auto& v = kv.value();
      if (k == "grounds" && v.is_string()) {
        in.grounds = std::string(v.as_string());
      } else if (k == "email" && v.is_string()) {
        in.email = std::string(v.as_string());
      } else if (k == "hearing" && v.is_bool()) {
        in.hearing = v.as_bool();
      } else if (k == "grounds" || k == "email" || k == "hearing") {
        problems.push_back(
            {std::string(k), "invalid", k == "hearing" ? "true or false." : "Text."});
      } else {
        problems.push_back({std::string(k), "unknown", "This field is not part of an objection."});
      }
    }
    if (!http::is_clean_text(in.grounds)) problems.push_back({"grounds", "invalid", "Text."});
    if (!http::is_clean_text(in.email)) problems.push_back({"email", "invalid", "Text."});
    if (!problems.empty()) {
      throw http::BadRequest("The objection has invalid fields.", std::move(problems));
    }
    auto done = value_or_throw(object(subject, target, in));
    auto r = http::Response::json(
        done.created ? 201 : 200,
        json::object{
            {"case", done.case_id},
            {"about", json::object{{"case", target.case_id}, {"decision", target.decision_id}}}});
    r.headers.set("cache-control", "no-store");
    r.headers.set("location", "/api/v1/cases/" + done.case_id);
    return r;
  }

  http::Response form_page(http::Request& req) {
    auto subject = auth_.require_subject(req, "to object to a decision");
    auto target = check(subject, req);
    return render(req, subject, target, {}, nullptr, 200);
  }

  http::Response form_post(http::Request& req) {
    auto subject = auth_.require_subject(req, "to object to a decision");
    auth_.require_csrf(req, subject);
    auto target = check(subject, req);
    cases::ObjectionInput in;
    in.grounds = form_field(req, "grounds");
    in.email = form_field(req, "email");
    in.hearing = form_field(req, "hearing") == "ja";
    auto done = object(subject, target, in);
    if (done) return see_other("/mijn-zaken/" + done->case_id + "?gedaan=bezwaar");
    auto error = problem_of(done.failure());
    if (error.status() == 404) throw error;
    return render(req, subject, target, in, &error, error.status());
  }

  // ---- complaints about a case ----
  http::Response complaint_api(http::Request& req) {
    auto subject = auth_.require_subject(req, "to complain about a case");
    auth_.require_csrf(req, subject);
    auto case_id = party_case(subject, req);
    auto body = http::json_object_body(req);
    cases::ComplaintInput in;
    std::vector<http::InvalidParam> problems;
    for (const auto& kv : body) {
      auto k = std::string_view(kv.key());
      const auto& v = kv.value();
      std::string* target = k == "what"    ? &in.what
                            : k == "wish"  ? &in.wish
                            : k == "email" ? &in.email
                            : k == "when"  ? &in.when
                                           : nullptr;
      if (!target) {
        problems.push_back({std::string(k), "unknown", "This field is not part of a complaint."});
      } else if (!v.is_string() || !http::is_clean_text(v.as_string())) {
        problems.push_back({std::string(k), "invalid", "Text."});
      } else {
        *target = std::string(v.as_string());
      }
    }
    if (!problems.empty()) {
      throw http::BadRequest("The complaint has invalid fields.", std::move(problems));
    }
    auto done = value_or_throw(complain(subject, case_id, in));
    auto r = http::Response::json(
        done.created ? 201 : 200,
        json::object{{"case", done.case_id}, {"about", json::object{{"case", case_id}}}});
    r.headers.set("cache-control", "no-store");
    r.headers.set("location", "/api/v1/cases/" + done.case_id);
    return r;
  }

  http::Response complaint_page(http::Request& req) {
    auto subject = auth_.require_subject(req, "to complain about a case");
    auto case_id = party_case(subject, req);
    return render_complaint(req, subject, case_id, {}, nullptr, 200);
  }

  http::Response complaint_post(http::Request& req) {
    auto subject = auth_.require_subject(req, "to complain about a case");
    auth_.require_csrf(req, subject);
    auto case_id = party_case(subject, req);
    cases::ComplaintInput in;
    in.what = form_field(req, "what");
    in.wish = form_field(req, "wish");
    in.email = form_field(req, "email");
    auto done = complain(subject, case_id, in);
    if (done) return see_other("/mijn-zaken/" + done->case_id + "?gedaan=klacht");
    auto error = problem_of(done.failure());
    if (error.status() == 404) throw error;
    return render_complaint(req, subject, case_id, in, &error, error.status());
  }

 private:
  struct Target {
    std::string case_id, decision_id, organisation_id;
    cases::Decision decision;
  };

  // The case and decision when the subject is a party of the case (or acts for one) and the
  // decision took effect on it; 404 otherwise, for staff too (objecting is a party's).
  Target check(const identity::Subject& subject, const http::Request& req) {
    std::string case_id(req.param("case")), decision_id(req.param("decision"));
    if (subject.kind == "staff") {
      throw http::Forbidden("Objecting is for the parties of the case.");
    }
    if (!common::is_uuid(case_id) || !common::is_uuid(decision_id)) {
      throw http::NotFound(std::string(kNoDecision));
    }
    if (!may_read_as_party(subject, case_id)) throw http::NotFound(std::string(kNoDecision));
    auto d = decisions_.get(decision_id);
    if (!d || d->case_id != case_id || !d->visible_to_resident()) {
      throw http::NotFound(std::string(kNoDecision));
    }
    return {case_id, decision_id, {}, std::move(*d)};
  }

  // The product whose cases these are, when the case's organisation offers it, with the
  // permit to apply for it and who applies.
  struct Start {
    std::string type_id;
    cases::Permit permit;
    cases::Submitter who;
  };
  common::Result<Start> start(const identity::Subject& subject, const std::string& case_id,
                              std::string_view product_id) {
    auto product = products_.find(product_id);
    auto& db = auth_.database();
    auto summary = cases_.store().summary(db, case_id);
    auto org = summary ? db.read_value([&](db::Connection& c) {
      return cases_.store().organisation_of_rsin(c, summary->organisation_rsin);
    })
                       : std::nullopt;
    if (!product || !org || product->organisation_id != org->id) {
      return common::conflict("This organisation takes no " + std::string(product_id) +
                              " through Loket.");
    }
    auto type = db.read_value([&](db::Connection& c) {
      return cases_.store().load_case_type(c, product->zaaktype_uuid);
    });
    identity::CaseFacts facts{org->id, type ? common::level_of(type->confidentiality) : 0, true};
    Start out{product->zaaktype_uuid,
              submit_permit(subject.actor(), facts),
              {kind_of(subject.kind), subject.number, std::nullopt}};
    if (subject.acting_for) {
      out.who.acting_for =
          std::pair{kind_of(subject.acting_for->subject_kind), subject.acting_for->subject_number};
    }
    return out;
  }

  common::Result<cases::Objection> object(const identity::Subject& subject, const Target& t,
                                          const cases::ObjectionInput& in) {
    auto s = start(subject, t.case_id, kObjectionProduct);
    if (!s) return s.failure();
    return work_->object(t.case_id, t.decision_id, s->who, in, s->type_id, s->permit);
  }

  http::Response render(const http::Request& req, const identity::Subject& subject, const Target& t,
                        const cases::ObjectionInput& in, const http::Error* error, int status) {
    const auto& texts = pages_.texts();
    auto type = auth_.database().read_value([&](db::Connection& c) {
      return decisions_.store().load_decision_type(c, t.decision.decision_type_id);
    });
    return pages_.render_page(
        req, "objection.tpl", "objection_title", subject,
        [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
          auto tx = [&](std::string_view key) -> const std::string& {
            return texts.get(lang, key);
          };
          if (error)
            layout.SetValue("PAGE_TITLE", tx("error_prefix") + " " + tx("objection_title"));
          c.SetValue("CASE", t.case_id);
          c.SetValue("DECISION", t.decision_id);
          c.SetValue("CSRF", subject.csrf_token);
          c.SetValue("TYPE", type ? type->name : t.decision.identification);
          c.SetValue("IDENTIFICATION", t.decision.identification);
          c.SetValue("DATE", long_date(texts, lang, t.decision.date));
          if (auto w = cases::objection_window_of(t.decision)) {
            c.AddSectionDictionary("WINDOW")->SetValue(
                "UNTIL", long_date(texts, lang, cases::format_day(w->until)));
          }
          c.SetValue("GROUNDS", in.grounds);
          c.SetValue("EMAIL", in.email);
          if (in.hearing)
            c.ShowSection("HEARING_YES");
          else
            c.ShowSection("HEARING_NO");
          if (error) {
            auto* s = c.AddSectionDictionary("ERRORS");
            if (error->invalid_params().empty()) {
              s->AddSectionDictionary("ERROR")->SetValue(
                  "MESSAGE", error->status() == 409 ? tx("objection_error_closed")
                                                    : tx("objection_error_general"));
            }
            for (const auto& p : error->invalid_params()) {
              auto* e = s->AddSectionDictionary("ERROR");
              e->SetValue("MESSAGE", tx("objection_error_" + p.name));
              c.ShowSection("INVALID_" + p.name);
            }
          }
        },
        status);
  }

  // The subject is a party of the case, or acts for one under a mandate that covers the case's
  // organisation and level: the access policy's answer, as the case page's.
  bool may_read_as_party(const identity::Subject& subject, const std::string& case_id) {
    auto& db = auth_.database();
    auto summary = cases_.store().summary(db, case_id);
    if (!summary) return false;
    auto org = db.read_value([&](db::Connection& c) {
      return cases_.store().organisation_of_rsin(c, summary->organisation_rsin);
    });
    if (!org) return false;
    auto kind = kind_of(subject.acting_for ? subject.acting_for->subject_kind : subject.kind);
    auto number = subject.acting_for ? subject.acting_for->subject_number : subject.number;
    identity::CaseFacts facts{org->id, summary->confidentiality,
                              cases_.store().is_party(db, case_id, kind, number)};
    return facts.actor_is_party && case_permit(subject.actor(), {}, facts).may_read_level >= 0;
  }

  // The case when the subject is a party of it (or acts for one); 404 otherwise, 403 for staff.
  std::string party_case(const identity::Subject& subject, const http::Request& req) {
    std::string case_id(req.param("case"));
    if (subject.kind == "staff")
      throw http::Forbidden("Complaining is for the parties of the case.");
    if (!common::is_uuid(case_id) || !may_read_as_party(subject, case_id)) {
      throw http::NotFound("There is no case with this id that you may see.");
    }
    return case_id;
  }

  static std::string form_field(const http::Request& req, std::string_view name) {
    auto f = http::find_form_field(req.body, name);
    if (f.state == http::FormField::State::Malformed || !http::is_clean_text(f.value)) {
      throw http::BadRequest("The form field " + std::string(name) + " is malformed.",
                             {{std::string(name), "invalid", "Not valid text."}});
    }
    auto v = f.value;
    for (auto p = v.find("\r\n"); p != std::string::npos; p = v.find("\r\n")) v.erase(p, 1);
    return v;
  }

  common::Result<cases::Objection> complain(const identity::Subject& subject,
                                            const std::string& case_id,
                                            const cases::ComplaintInput& in) {
    auto s = start(subject, case_id, kComplaintProduct);
    if (!s) return s.failure();
    return work_->complain(case_id, s->who, in, s->type_id, s->permit);
  }

  http::Response render_complaint(const http::Request& req, const identity::Subject& subject,
                                  const std::string& case_id, const cases::ComplaintInput& in,
                                  const http::Error* error, int status) {
    const auto& texts = pages_.texts();
    auto summary = cases_.store().summary(auth_.database(), case_id);
    return pages_.render_page(
        req, "complaint.tpl", "complaint_title", subject,
        [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
          auto tx = [&](std::string_view key) -> const std::string& {
            return texts.get(lang, key);
          };
          if (error)
            layout.SetValue("PAGE_TITLE", tx("error_prefix") + " " + tx("complaint_title"));
          c.SetValue("CASE", case_id);
          c.SetValue("CSRF", subject.csrf_token);
          if (summary) {
            c.SetValue("PRODUCT", summary->case_type_name);
            c.SetValue("REFERENCE",
                       summary->reference.empty() ? summary->identification : summary->reference);
          }
          c.SetValue("WHAT", in.what);
          c.SetValue("WISH", in.wish);
          c.SetValue("EMAIL", in.email);
          if (error) {
            auto* s = c.AddSectionDictionary("ERRORS");
            if (error->invalid_params().empty()) {
              s->AddSectionDictionary("ERROR")->SetValue("MESSAGE", tx("objection_error_general"));
            }
            for (const auto& p : error->invalid_params()) {
              s->AddSectionDictionary("ERROR")->SetValue("MESSAGE",
                                                         tx("complaint_error_" + p.name));
              c.ShowSection("INVALID_" + p.name);
            }
          }
        },
        status);
  }

  identity::Auth& auth_;
  Pages& pages_;
  cases::CaseService& cases_;
  cases::DecisionService& decisions_;
  std::shared_ptr<cases::CaseWork> work_;
  catalog::ProductCatalogue products_;
};

}  // namespace

void add_objection_routes(http::Router& router, identity::Auth& auth, Pages& pages,
                          cases::CaseService& cases, cases::DecisionService& decisions,
                          std::shared_ptr<cases::CaseWork> work) {
  auto r = std::make_shared<ObjectionRoutes>(auth, pages, cases, decisions, std::move(work));
  router.add(http::Method::Post, "/api/v1/cases/{case}/decisions/{decision}/objections",
             [r](http::Request& q) { return r->api(q); });
  router.add(http::Method::Get, "/mijn-zaken/{case}/besluiten/{decision}/bezwaar",
             [r](http::Request& q) { return r->form_page(q); });
  router.add(http::Method::Post, "/mijn-zaken/{case}/besluiten/{decision}/bezwaar",
             [r](http::Request& q) { return r->form_post(q); });
  router.add(http::Method::Post, "/api/v1/cases/{case}/complaints",
             [r](http::Request& q) { return r->complaint_api(q); });
  router.add(http::Method::Get, "/mijn-zaken/{case}/klacht",
             [r](http::Request& q) { return r->complaint_page(q); });
  router.add(http::Method::Post, "/mijn-zaken/{case}/klacht",
             [r](http::Request& q) { return r->complaint_post(q); });
}

}  // namespace loket::web
