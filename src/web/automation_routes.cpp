// See automation_routes.hpp. Parse, decide who may (follow_permit: a party or staff of the
// case's organisation; anyone for the register), call the AutoDecider, render.
#include "web/automation_routes.hpp"

#include <boost/json.hpp>

#include "catalog/automation.hpp"
#include "catalog/organisation_store.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"
#include "http/json_body.hpp"
#include "web/message_routes.hpp"
#include "web/problem.hpp"

namespace loket::web {
namespace json = boost::json;
using ctemplate::TemplateDictionary;

namespace {

cases::PartyKind kind_of(std::string_view subject_kind) {
  return subject_kind == "business" ? cases::PartyKind::Business : cases::PartyKind::Resident;
}

json::object automated_json(const cases::AutomatedDecision& d) {
  json::object out{{"case", d.case_id},
                   {"product", d.product},
                   {"ruleVersion", d.rule_version},
                   {"outcome", catalog::outcome_name(d.outcome)},
                   {"explanation", d.explanation}};
  out["routedBecause"] = d.routed.empty() ? json::value(nullptr) : json::value(d.routed);
  out["reviewCase"] = d.review_case_id ? json::value(*d.review_case_id) : json::value(nullptr);
  out["reviewOutcome"] = d.review_outcome ? json::value(*d.review_outcome) : json::value(nullptr);
  return out;
}

// One register line: the rule set in force and its counts.
struct Entry {
  const catalog::Product* product;
  catalog::RuleSet rules;
  cases::RegisterCounts counts;
};

json::object entry_json(const Entry& e) {
  json::array data;
  for (const auto& d : e.rules.data()) data.emplace_back(d);
  json::array rules;
  for (const auto& r : e.rules.rules) {
    rules.push_back({{"id", r.id},
                     {"outcome", catalog::outcome_name(r.outcome)},
                     {"reason", {{"nl", r.reason.nl}, {"en", r.reason.en}}}});
  }
  return {{"product", e.product->id},
          {"name", {{"nl", e.product->name.nl}, {"en", e.product->name.en}}},
          {"decides", {{"nl", e.rules.decides.nl}, {"en", e.rules.decides.en}}},
          {"data", std::move(data)},
          {"since", e.rules.since},
          {"version", e.rules.version},
          {"automaticRefusal", e.rules.allow_refusal},
          {"rules", std::move(rules)},
          {"decisions", e.counts.decisions},
          {"granted", e.counts.granted},
          {"refused", e.counts.refused},
          {"routedToPerson", e.counts.routed},
          {"reviewed", e.counts.reviewed},
          {"overturned", e.counts.overturned}};
}

// A fact as the resident reads it (B1): for an answer, the question's label and the chosen
// option's label (a date written out); for what Loket knows, a plain name. The path itself only
// when the product no longer has the question.
std::pair<std::string, std::string> plain_fact(const catalog::Product* product, const Texts& texts,
                                               Lang lang, std::string_view path,
                                               const json::value& value) {
  std::string shown = value.is_string() ? std::string(value.as_string()) : json::serialize(value);
  if (path.starts_with("known.")) {
    auto key = "auto_known_" + std::string(path.substr(6));
    const auto& name = texts.get(lang, key);  // "?" when Loket has no name for this fact
    if (key == "auto_known_submitted" && value.is_string()) shown = long_date(texts, lang, shown);
    return {name == "?" ? std::string(path) : name, shown};
  }
  if (product && path.starts_with("answers.")) {
    auto name = path.substr(8);
    for (const auto& step : product->form.steps) {
      for (const auto& field : step.fields) {
        if (field.name != name) continue;
        if (field.widget == "date" && value.is_string()) shown = long_date(texts, lang, shown);
        for (const auto& option : field.options) {
          if (value.is_string() && option.value == value.as_string()) {
            shown = option.label.in(code(lang));
          }
        }
        return {field.label.in(code(lang)), shown};
      }
    }
  }
  return {std::string(path), shown};
}

}  // namespace

AutomationDoor::AutomationDoor(identity::Auth& auth, Pages& pages, cases::CaseService& cases,
                               cases::AutoDecider& decider, catalog::ProductCatalogue& products)
    : auth_(auth), pages_(pages), cases_(cases), decider_(decider), products_(products) {}

void AutomationDoor::add_routes(http::Router& router) {
  router.add(http::Method::Get, "/api/v1/algorithm-register/{org}",
             [this](http::Request& r) { return register_json(r); });
  router.add(http::Method::Get, "/algoritmeregister",
             [this](http::Request& r) { return register_index(r); });
  router.add(http::Method::Get, "/algoritmeregister/{org}",
             [this](http::Request& r) { return register_page(r); });
  router.add(http::Method::Get, "/api/v1/cases/{id}/automated-decision",
             [this](http::Request& r) { return decision_json(r); });
  router.add(http::Method::Post, "/api/v1/cases/{id}/automated-decision/review",
             [this](http::Request& r) { return request_review(r, false); });
  router.add(http::Method::Post, "/mijn-zaken/{id}/menselijke-beoordeling",
             [this](http::Request& r) { return request_review(r, true); });
  router.add(http::Method::Post, "/api/v1/cases/{id}/review-outcome",
             [this](http::Request& r) { return judge_review(r); });
}

namespace {

// Every product of the organisation with a rule set, with its counts; NotFound for an unknown
// organisation.
std::pair<catalog::Organisation, std::vector<Entry>> register_of(
    identity::Auth& auth, catalog::ProductCatalogue& products, cases::AutoDecider& decider,
    const std::string& org_id, std::shared_ptr<const std::vector<catalog::Product>>& keep) {
  if (!common::is_uuid(org_id)) throw http::NotFound("There is no such organisation.");
  auto org = catalog::find_organisation(auth.database(), org_id);
  if (!org) throw http::NotFound("There is no such organisation.");
  keep = products.all();
  auto counts = decider.counts(auth.database(), org_id);
  std::vector<Entry> out;
  for (const auto& p : *keep) {
    if (p.organisation_id != org_id) continue;
    auto rules = catalog::rule_set_of(p);
    if (!rules) continue;
    Entry e{&p, std::move(*rules), {p.id}};
    for (const auto& c : counts) {
      if (c.product == p.id) e.counts = c;
    }
    out.push_back(std::move(e));
  }
  return {std::move(*org), std::move(out)};
}

}  // namespace

http::Response AutomationDoor::register_json(http::Request& request) {
  std::shared_ptr<const std::vector<catalog::Product>> keep;
  auto [org, entries] =
      register_of(auth_, products_, decider_, std::string(request.param("org")), keep);
  json::array results;
  for (const auto& e : entries) results.push_back(entry_json(e));
  auto r = http::Response::json(200, json::object{{"organisation", org.id},
                                                  {"name", org.name},
                                                  {"count", results.size()},
                                                  {"results", std::move(results)}});
  r.headers.set("cache-control", "public, max-age=60");
  return r;
}

// Every organisation, each linking to its register: where the footer's link leads.
http::Response AutomationDoor::register_index(http::Request& request) {
  // Organisations are few (one per government on this counter); 1,000 is a safety cap.
  auto orgs = catalog::list_organisations(auth_.database(), 0, 1000);
  return pages_.render_page(request, "algorithm-registers.tpl", "auto_register_title",
                            auth_.subject(request),
                            [&](TemplateDictionary& c, TemplateDictionary&, Lang) {
                              for (const auto& o : orgs.items) {
                                auto* d = c.AddSectionDictionary("ORGANISATION");
                                d->SetValue("ID", o.id);
                                d->SetValue("NAME", o.name);
                              }
                            });
}

http::Response AutomationDoor::register_page(http::Request& request) {
  std::shared_ptr<const std::vector<catalog::Product>> keep;
  // Not a structured binding: clang 14 (make fuzz) cannot capture one in the lambda below.
  auto found = register_of(auth_, products_, decider_, std::string(request.param("org")), keep);
  const auto& org = found.first;
  const auto& entries = found.second;
  const auto& texts = pages_.texts();
  return pages_.render_page(
      request, "algorithm-register.tpl", "auto_register_title", auth_.subject(request),
      [&](TemplateDictionary& c, TemplateDictionary& layout, Lang lang) {
        auto title = texts.get(lang, "auto_register_title") + ": " + org.name;
        layout.SetValue("PAGE_TITLE", title);
        c.SetValue("TITLE", title);
        c.SetValue("ORG", org.id);
        if (entries.empty()) c.ShowSection("NONE");
        for (const auto& e : entries) {
          auto* d = c.AddSectionDictionary("ENTRY");
          d->SetValue("PRODUCT", e.product->name.in(code(lang)));
          d->SetValue("DECIDES", e.rules.decides.in(code(lang)));
          d->SetValue("SINCE", long_date(texts, lang, e.rules.since));
          d->SetValue("VERSION", std::to_string(e.rules.version));
          d->SetValue("REFUSAL",
                      texts.get(lang, e.rules.allow_refusal ? "auto_register_refusal_yes"
                                                            : "auto_register_refusal_no"));
          std::string data;
          for (const auto& path : e.rules.data()) {
            if (!data.empty()) data += ", ";
            data += path;
          }
          d->SetValue("DATA", data);
          d->SetValue("DECISIONS", std::to_string(e.counts.decisions));
          d->SetValue("GRANTED", std::to_string(e.counts.granted));
          d->SetValue("REFUSED", std::to_string(e.counts.refused));
          d->SetValue("ROUTED", std::to_string(e.counts.routed));
          d->SetValue("REVIEWED", std::to_string(e.counts.reviewed));
          d->SetValue("OVERTURNED", std::to_string(e.counts.overturned));
          for (const auto& r : e.rules.rules) {
            auto* rd = d->AddSectionDictionary("RULE");
            rd->SetValue(
                "OUTCOME",
                texts.get(lang, "auto_outcome_" + std::string(catalog::outcome_name(r.outcome))));
            rd->SetValue("REASON", r.reason.in(code(lang)));
          }
        }
      });
}

http::Response AutomationDoor::decision_json(http::Request& request) {
  auto subject = auth_.require_subject(request, "to see how a case was decided");
  auto id = std::string(request.param("id"));
  if (!follow_permit(auth_, cases_, subject, id)) {
    throw http::NotFound("There is no case with this id that you may see.");
  }
  auto d = decider_.for_case(auth_.database(), id);
  if (!d) throw http::NotFound("No decision rules ran on this case.");
  auto r = http::Response::json(200, automated_json(*d));
  r.headers.set("cache-control", "no-store");
  return r;
}

std::string AutomationDoor::request_review_for(http::Request& request,
                                               const identity::Subject& subject) {
  auto id = std::string(request.param("id"));
  auto permit = follow_permit(auth_, cases_, subject, id);
  if (!permit) throw http::NotFound("There is no case with this id that you may see.");
  // The applicant's right (AVG art. 22): staff ask nothing of themselves.
  if (subject.kind == "staff") throw http::Forbidden("Only the applicant asks for a review.");
  permit->may_submit = true;
  cases::Submitter who{kind_of(subject.kind), subject.number, std::nullopt};
  if (subject.acting_for) {
    who.acting_for =
        std::pair{kind_of(subject.acting_for->subject_kind), subject.acting_for->subject_number};
  }
  return value_or_throw(decider_.request_review(id, who, *permit));
}

http::Response AutomationDoor::request_review(http::Request& request, bool page) {
  auto subject = auth_.require_subject(request, "to ask for a human review");
  auth_.require_csrf(request, subject);
  auto review = request_review_for(request, subject);
  auto id = std::string(request.param("id"));
  if (page) {
    http::Response r;
    r.status = 303;
    r.headers.set("location", "/mijn-zaken/" + id + "?beoordeling=1#automatisch-besluit");
    return r;
  }
  auto r = http::Response::json(201, json::object{{"case", id}, {"reviewCase", review}});
  r.headers.set("cache-control", "no-store");
  r.headers.set("location", "/api/v1/cases/" + review);
  return r;
}

http::Response AutomationDoor::judge_review(http::Request& request) {
  auto subject = auth_.require_subject(request, "to judge a review");
  auth_.require_csrf(request, subject);
  auto id = std::string(request.param("id"));
  auto body = http::json_object_body(request);
  const auto* outcome = body.if_contains("outcome");
  if (!outcome || !outcome->is_string()) {
    throw http::BadRequest("The judgement has invalid fields.",
                           {{"outcome", "required", "upheld or overturned"}});
  }
  auto permit = subject.kind == "staff" ? follow_permit(auth_, cases_, subject, id) : std::nullopt;
  if (!permit) throw http::NotFound("There is no case with this id that you may see.");
  auto d = value_or_throw(decider_.judge_review(id, std::string(outcome->as_string()), *permit));
  auto r = http::Response::json(200, automated_json(d));
  r.headers.set("cache-control", "no-store");
  return r;
}

void AutomationDoor::fill_case_page(TemplateDictionary& page, const std::string& case_id,
                                    const std::string& csrf, Lang lang) {
  auto d = decider_.for_case(auth_.database(), case_id);
  if (!d || !d->decided()) return;
  const auto& texts = pages_.texts();
  auto product = products_.find(d->product);
  auto* c = page.AddIncludeDictionary("AUTO_DECISION");
  c->SetFilename("automated-decision.tpl");
  for (const auto& [k, v] : texts.all(lang)) {
    if (k.starts_with("auto_")) c->SetValue("t_" + k, v);
  }
  c->SetValue("ID", case_id);
  c->SetValue("CSRF", csrf);
  c->SetValue("OUTCOME",
              texts.get(lang, "auto_outcome_" + std::string(catalog::outcome_name(d->outcome))));
  for (const auto& f : d->explanation) {
    if (!f.is_object()) continue;
    const auto* reason = f.as_object().if_contains("reason");
    if (!reason || !reason->is_object()) continue;
    const auto* text = reason->as_object().if_contains(code(lang));
    if (!text || !text->is_string()) continue;
    auto* r = c->AddSectionDictionary("REASON");
    r->SetValue("TEXT", std::string(text->as_string()));
    const auto* values = f.as_object().if_contains("values");
    if (values && values->is_object()) {
      for (const auto& kv : values->as_object()) {
        auto [name, shown] = plain_fact(product.get(), texts, lang, kv.key(), kv.value());
        auto* v = r->AddSectionDictionary("VALUE");
        v->SetValue("NAME", name);
        v->SetValue("VALUE", shown);
      }
    }
  }
  if (d->review_case_id) {
    c->AddSectionDictionary("REVIEWED")->SetValue("REVIEW", *d->review_case_id);
  } else {
    c->ShowSection("ASK_REVIEW");
  }
}

}  // namespace loket::web
