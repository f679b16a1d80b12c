// Parse, ask the policy, call the case service or store, render. Failures of the domain become
// problem+json in web/problem.cpp.
#include "web/case_routes.hpp"

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "cases/submit_target.hpp"
#include "catalog/organisation.hpp"
#include "catalog/organisation_store.hpp"
#include "catalog/product_store.hpp"
#include "common/utf8.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "identity/policy.hpp"
#include "identity/staff_store.hpp"
#include "identity/team_store.hpp"
#include "privacy/processing_log.hpp"
#include "web/answer_check.hpp"
#include "web/case_permit.hpp"
#include "web/problem.hpp"

namespace loket::web {
namespace json = boost::json;

namespace {

struct Organisations {
  std::map<std::string, catalog::Organisation> by_rsin;  // RSIN: digits 9-17 of the OIN
  const catalog::Organisation* of_rsin(const std::string& rsin) const {
    auto it = by_rsin.find(rsin);
    return it == by_rsin.end() ? nullptr : &it->second;
  }
  const catalog::Organisation* of_id(std::string_view id) const {
    for (const auto& [rsin, o] : by_rsin) {
      if (o.id == id) return &o;
    }
    return nullptr;
  }
};

Organisations organisations(const std::vector<catalog::Organisation>& all) {
  Organisations out;
  for (const auto& o : all) {
    if (o.oin.size() == 20) out.by_rsin[o.oin.substr(8, 9)] = o;
  }
  return out;
}

json::value or_null(const std::optional<std::string>& s) {
  return s && !s->empty() ? json::value(*s) : json::value(nullptr);
}

cases::PartyKind kind_of(std::string_view subject_kind) {
  return subject_kind == "business" ? cases::PartyKind::Business : cases::PartyKind::Resident;
}

// Whose cases a resident or business sees: their own, or those of whom they act for.
std::pair<cases::PartyKind, std::string> party_of(const identity::Subject& s) {
  if (s.acting_for) return {kind_of(s.acting_for->subject_kind), s.acting_for->subject_number};
  return {kind_of(s.kind), s.number};
}

std::vector<identity::OrganisationRole> view(const std::vector<identity::StaffRole>& roles) {
  std::vector<identity::OrganisationRole> out;
  out.reserve(roles.size());
  for (const auto& r : roles) out.push_back({r.organisation_id, r.role});
  return out;
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

// This list's URL with `cursor` in place of the request's.
std::string cursor_link(const http::Request& req, const std::string& cursor) {
  std::string q;
  for (const auto& [k, v] : req.query) {
    if (k == "cursor" || k == "page") continue;
    q += (q.empty() ? "?" : "&") + percent_encode(k) + "=" + percent_encode(v);
  }
  q += (q.empty() ? "?" : "&") + std::string("cursor=") + percent_encode(cursor);
  return req.path + q;
}

class CaseRoutes {
 public:
  CaseRoutes(identity::Auth& auth, cases::CaseService& service, zgw::Api& zgw)
      : auth_(auth),
        service_(service),
        products_(auth.database()),
        organisation_cache_(auth.database()),
        zgw_(zgw),
        zaak_(zgw.resource(zgw::kZaken, "zaken")),
        rol_(zgw.resource(zgw::kZaken, "rollen")) {}

  http::Response list(http::Request& req) {
    auto subject = auth_.require_subject(req, "to see your cases");
    if (subject.kind == "staff") return staff_list(req, subject);
    auto r = http::Response::json(200, party_list(req, subject));
    r.headers.set("cache-control", "no-store");
    return r;
  }

  // Staff: their organisations' work queue (filters, sort, cursor).
  http::Response staff_list(const http::Request& req, const identity::Subject& subject) {
    return staff_list(req, subject, view(subject.staff_roles), *organisations());
  }

  // A resident's or business's cases (and of whom they act for), one page: the list's body.
  json::object party_list(const http::Request& req, const identity::Subject& subject) {
    auto& db = auth_.database();
    auto held = organisations();
    const auto& orgs = *held;
    auto page = http::page_from(req);
    auto [kind, number] = party_of(subject);
    cases::PartyQuery q{kind, number, true, {}, page.offset(), page.size};
    // Filters of My cases: ?organisation=<uuid>, ?status=open|closed.
    std::vector<http::InvalidParam> problems;
    if (auto o = req.query_param("organisation"); o && !o->empty()) {
      const auto* org = common::is_uuid(*o) ? orgs.of_id(*o) : nullptr;
      if (!org) {
        problems.push_back({"organisation", "invalid", "The id (uuid) of an organisation."});
      } else {
        q.organisation_rsin = org->oin.substr(8, 9);
      }
    }
    if (auto st = req.query_param("status")) {
      if (*st == "open") {
        q.open = cases::OpenFilter::Open;
      } else if (*st == "closed") {
        q.open = cases::OpenFilter::Closed;
      } else if (!st->empty()) {
        problems.push_back({"status", "invalid_choice", "open or closed."});
      }
    }
    if (!problems.empty()) throw http::BadRequest("Invalid list parameters.", std::move(problems));
    auto actor = subject.actor();
    // Narrowed to what case_access allows, so the list shows what a read would. A party who may
    // read each of their cases, whatever organisation holds it, gets no condition (cases of
    // organisations Loket does not know stay theirs).
    if (identity::highest_readable_confidentiality(actor, {}, "", true) !=
        identity::kHighestConfidentiality) {
      q.unrestricted = false;
      for (const auto& [rsin, org] : orgs.by_rsin) {
        int level = identity::highest_readable_confidentiality(actor, {}, org.id, true);
        if (level >= 0) q.scopes.push_back({rsin, level});
      }
    }
    auto found = service_.store().list_for_party(db, q);
    json::array results;
    for (const auto& s : found.items) results.push_back(render(s, orgs));
    // The rows the links may count on: the count, or past its cap this page and one more row
    // when a page follows.
    auto known =
        std::max(found.total, page.offset() + static_cast<std::int64_t>(found.items.size()) +
                                  (found.more ? 1 : 0));
    auto link = [&](std::int64_t n) -> json::value {
      auto l = http::page_link(req, page, n, known);
      return l ? json::value(*l) : json::value(nullptr);
    };
    return json::object{{"count", found.total},
                        {"countIsCapped", found.count_capped},
                        {"next", link(page.number + 1)},
                        {"previous", link(page.number - 1)},
                        {"results", std::move(results)}};
  }

  http::Response get(http::Request& req) {
    auto subject = auth_.require_subject(req, "to see this case");
    auto& db = auth_.database();
    auto id = std::string(req.param("id"));
    auto summary = common::is_uuid(id) ? service_.store().summary(db, id) : std::nullopt;
    if (!summary) throw http::NotFound("There is no case with this id that you may see.");
    auto held = organisations();
    const auto& orgs = *held;
    const auto* org = orgs.of_rsin(summary->organisation_rsin);
    identity::CaseFacts facts{org ? std::string_view(org->id) : std::string_view(),
                              summary->confidentiality, false};
    std::vector<identity::StaffRole> roles;
    if (subject.kind == "staff") {
      roles = subject.staff_roles;
    } else {
      auto [kind, number] = party_of(subject);
      facts.actor_is_party = service_.store().is_party(db, id, kind, number);
    }
    auto permit = case_permit(subject.actor(), view(roles), facts);
    // Not "forbidden": whether someone else's case exists is not for this person to learn.
    if (permit.may_read_level < 0) {
      throw http::NotFound("There is no case with this id that you may see.");
    }
    if (subject.kind == "staff") log_staff_view(req, subject, roles, *org, id);
    auto r = http::Response::json(200, render(*summary, orgs));
    r.headers.set("cache-control", "no-store");
    return r;
  }

  http::Response submit(http::Request& req) {
    auto subject = auth_.require_subject(req, "to apply");
    auth_.require_csrf(req, subject);
    auto key = req.header("idempotency-key");
    if (!key || !valid_idempotency_key(*key)) {
      throw http::BadRequest(
          "Send an Idempotency-Key header: 1 to 200 visible ASCII characters, new for each "
          "application.",
          {{"Idempotency-Key", key ? "invalid" : "required",
            "1 to 200 visible ASCII characters."}});
    }
    auto body = http::json_object_body(req);
    std::vector<http::InvalidParam> problems;
    cases::Application a;
    static const json::object kNoAnswers;
    const json::object* answers = &kNoAnswers;
    for (const auto& kv : body) {
      auto k = std::string_view(kv.key());
      const auto& v = kv.value();
      if (k == "caseType") {
        if (!v.is_string() || !common::is_uuid(v.as_string())) {
          problems.push_back({"caseType", "invalid", "The id (uuid) of a published case type."});
        } else {
          a.case_type_id = std::string(v.as_string());
        }
      } else if (k == "description") {
        if (!v.is_string()) {
          problems.push_back({"description", "invalid", "Text."});
        } else if (common::utf8_length(v.as_string()) > kMaxDescription) {
          problems.push_back({"description", "max-length", "At most 1000 characters."});
        } else {
          a.description = std::string(v.as_string());
        }
      } else if (k == "answers") {
        if (!v.is_object()) {
          problems.push_back({"answers", "invalid", "An object of answers."});
        } else if (auto text = cases::canonical_json_of(v); text.size() > kMaxAnswers) {
          problems.push_back({"answers", "max-size", "At most 64 KiB of answers."});
        } else {
          a.answers = std::move(text);
          answers = &v.as_object();
        }
      } else {
        problems.push_back(
            {std::string(k), "unknown", "This field is not part of an application."});
      }
    }
    if (!body.contains("caseType")) {
      problems.push_back({"caseType", "required", "The id (uuid) of a published case type."});
    }
    // The answers against the product's form, as the pages check them (issue 12).
    if (problems.empty()) problems = check_answers(products_, a.case_type_id, *answers);
    if (!problems.empty()) {
      throw http::BadRequest("The application has invalid fields.", std::move(problems));
    }

    // The mandate (when acting for someone) must cover the product's organisation and level.
    // The case type and its organisation, looked up once: submit finds the same entry.
    auto& db = auth_.database();
    auto target = cases::submit_target(db, service_.store(), a.case_type_id);
    identity::CaseFacts facts{
        target ? std::string_view(target->organisation_id) : std::string_view(),
        target ? common::level_of(target->type.confidentiality) : 0, true};
    auto permit = submit_permit(subject.actor(), facts);
    cases::Submitter who{kind_of(subject.kind), subject.number, std::nullopt};
    if (subject.acting_for) {
      who.acting_for =
          std::pair{kind_of(subject.acting_for->subject_kind), subject.acting_for->subject_number};
    }
    auto done = value_or_throw(service_.submit(a, who, std::string(*key), permit));
    // A new case as submitted (it is durable now); a replayed one as it is now.
    auto summary = done.replayed ? service_.store().summary(db, done.c.id)
                                 : service_.store().summary_of(db, done.c, done.first);
    if (!summary) throw http::NotFound("The case is gone.");
    json::object shown;
    if (target && summary->organisation_rsin == target->type.organisation_rsin) {
      // The organisation of its type (not every organisation read for one).
      shown =
          render(*summary, target->organisation_id.empty()
                               ? json::value(nullptr)
                               : json::value(json::object{{"id", target->organisation_id},
                                                          {"name", target->organisation_name}}));
    } else {
      shown = render(*summary, *organisations());
    }
    auto r = http::Response::json(done.replayed ? 200 : 201, std::move(shown));
    r.headers.set("cache-control", "no-store");
    r.headers.set("location", "/api/v1/cases/" + done.c.id);
    if (done.replayed) r.headers.set("idempotent-replayed", "true");
    return r;
  }

  // For the person's data export: each case they are in (their own, not of whom they act for),
  // as the portal shows it, as the registry holds it, and their own roles in it.
  json::value export_cases(const identity::Subject& subject) {
    json::array out;
    if (subject.kind == "staff") return out;
    auto& db = auth_.database();
    auto held = organisations();
    const auto& orgs = *held;
    for (const auto& [case_id, role_ids] :
         service_.store().roles_of_party(db, kind_of(subject.kind), subject.number)) {
      json::array roles;
      for (const auto& id : role_ids) {
        if (auto rol = zgw_.load(rol_, id)) roles.push_back(std::move(*rol));
      }
      auto zaak = zgw_.load(zaak_, case_id);
      auto summary = service_.store().summary(db, case_id);
      if (!zaak || !summary) continue;
      out.push_back(
          {{"case", render(*summary, orgs)}, {"zaak", *zaak}, {"rollen", std::move(roles)}});
    }
    return out;
  }

 private:
  http::Response staff_list(const http::Request& req, const identity::Subject& subject,
                            const std::vector<identity::OrganisationRole>& roles,
                            const Organisations& orgs) {
    auto page = http::page_from(req);
    cases::OrganisationQuery q;
    q.limit = page.size;
    std::vector<http::InvalidParam> problems;
    auto param = [&](std::string_view name) { return req.query_param(name); };
    auto date = [&](std::string_view name) -> std::optional<std::string> {
      auto v = param(name);
      if (!v) return std::nullopt;
      if (!cases::parse_day(*v)) {
        problems.push_back({std::string(name), "invalid", "A date: YYYY-MM-DD."});
        return std::nullopt;
      }
      return std::string(*v);
    };
    if (auto s = param("sort")) {
      if (*s == "deadline") {
        q.sort = cases::CaseSort::DeadlineAsc;
      } else if (*s != "-startDate") {
        problems.push_back({"sort", "invalid_choice", "deadline or -startDate."});
      }
    }
    if (auto s = param("status")) {
      if (*s == "open") {
        q.open = cases::OpenFilter::Open;
      } else if (*s == "closed") {
        q.open = cases::OpenFilter::Closed;
      } else {
        problems.push_back({"status", "invalid_choice", "open or closed."});
      }
    }
    if (auto s = param("statusType")) {
      if (!common::is_uuid(*s)) {
        problems.push_back({"statusType", "invalid", "The id (uuid) of a status type."});
      } else {
        q.status_type = std::string(*s);
      }
    }
    q.deadline_from = date("deadlineFrom");
    q.deadline_to = date("deadlineTo");
    if (auto s = param("overdue")) {
      if (*s == "true") {
        q.overdue_on = cases::format_day(
            std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
      } else if (*s != "false") {
        problems.push_back({"overdue", "invalid", "true or false."});
      }
    }
    if (auto s = param("assignee")) q.assignee = *s == "me" ? subject.number : std::string(*s);
    if (auto s = param("cursor")) {
      if (!cases::valid_cursor(*s, q.sort)) {
        problems.push_back({"cursor", "invalid", "Use the next link of an earlier page."});
      } else {
        q.after = std::string(*s);
      }
    }
    std::optional<std::string> team;
    if (auto s = param("team")) {
      if (*s != "mine" && !common::is_uuid(*s)) {
        problems.push_back({"team", "invalid", "The id (uuid) of a team, or mine."});
      } else {
        team = std::string(*s);
      }
    }
    std::optional<std::string> only;
    if (auto s = param("organisation")) {
      if (!common::is_uuid(*s)) {
        problems.push_back({"organisation", "invalid", "The id (uuid) of an organisation."});
      } else {
        only = std::string(*s);
      }
    }
    if (!problems.empty()) throw http::BadRequest("Invalid list parameters.", std::move(problems));
    auto actor = subject.actor();
    std::vector<std::string> in_view;  // the organisations whose cases the list shows
    for (const auto& [rsin, org] : orgs.by_rsin) {
      if (only && org.id != *only) continue;
      int level = identity::highest_readable_confidentiality(actor, roles, org.id, false);
      if (level >= 0) {
        q.scopes.push_back({rsin, level});
        in_view.push_back(org.id);
      }
    }
    // A team narrows the list to the cases of its products (every version of them); "mine" to
    // those of every team the staff member is in.
    if (team) {
      auth_.database().read([&](db::Connection& c) {
        std::vector<identity::Team> teams;
        for (const auto& org : in_view) {
          for (auto& t : identity::teams_of(c, org)) teams.push_back(std::move(t));
        }
        auto routed = identity::chosen_products(teams, *team, *team == "mine", subject.number);
        if (!routed) {
          throw http::BadRequest("Invalid list parameters.",
                                 {{"team", "invalid", "No team of the organisations you see."}});
        }
        q.case_types = catalog::zaaktypes_of_products(c, *routed);
      });
    }
    auto found = service_.store().list_for_organisation(auth_.database(), q);
    json::array results;
    for (const auto& s : found.items) results.push_back(render(s, orgs));
    auto r = http::Response::json(
        200, json::object{{"count", found.count},
                          {"countIsCapped", found.count_capped},
                          {"next", found.next ? json::value(cursor_link(req, *found.next))
                                              : json::value(nullptr)},
                          {"previous", nullptr},
                          {"results", std::move(results)}});
    r.headers.set("cache-control", "no-store");
    return r;
  }

  // One processing record per person in the case: they see it in their data tracker.
  void log_staff_view(const http::Request& req, const identity::Subject& subject,
                      const std::vector<identity::StaffRole>& roles,
                      const catalog::Organisation& org, const std::string& case_id) {
    std::string role;
    for (const auto& r : roles) {
      if (r.organisation_id == org.id) role = r.role;
    }
    auto now = privacy::unix_millis();
    auth_.database().write([&](db::Connection& c) {
      for (const auto& bsn : service_.store().resident_numbers(c, case_id)) {
        privacy::append_processing(c, auth_.keys(),
                                   {.trace_id = req.trace_id,
                                    .parent_operation_id = req.span_id,
                                    .name = "zaak inzien",
                                    .start_ms = now,
                                    .end_ms = privacy::unix_millis(),
                                    .activity = privacy::kCaseHandling,
                                    .subject_number = bsn,
                                    .subject_kind = "bsn",
                                    .actor_kind = subject.kind,
                                    .actor_organisation = org.id,
                                    .actor_role = role});
      }
    });
  }

  static json::object render(const cases::CaseSummary& s, const Organisations& orgs) {
    const auto* org = orgs.of_rsin(s.organisation_rsin);
    return render(s, org ? json::value(json::object{{"id", org->id}, {"name", org->name}})
                         : json::value(nullptr));
  }

  // `organisation`: {id, name} of the case's organisation, or null.
  static json::object render(const cases::CaseSummary& s, json::value organisation) {
    json::value status = nullptr;
    if (!s.status_since.empty()) {
      status = json::object{
          {"name", s.status_name}, {"text", or_null(s.status_text)}, {"since", s.status_since}};
    }
    return {{"id", s.id},
            // The human reference; a case a ZGW client registered has only its identificatie.
            {"reference", s.reference.empty() ? s.identification : s.reference},
            {"identification", s.identification},
            {"title", s.case_type_name},
            {"description", or_null(s.description)},
            {"organisation", std::move(organisation)},
            {"status", std::move(status)},
            {"startDate", s.start_date},
            {"deadline", or_null(s.deadline)},
            {"endDate", or_null(s.end_date)},
            {"closed", s.end_date.has_value()},
            {"suspended", s.suspended_since.has_value()},
            {"url", "/api/v1/cases/" + s.id}};
  }

  identity::Auth& auth_;
  cases::CaseService& service_;
  catalog::ProductCatalogue products_;  // the forms the answers are checked against
  // The organisations by RSIN, built again only when the cache read them again.
  catalog::OrganisationCache organisation_cache_;
  std::mutex organisations_mutex_;
  std::shared_ptr<const std::vector<catalog::Organisation>> organisations_read_;
  std::shared_ptr<const Organisations> organisations_;
  std::shared_ptr<const Organisations> organisations() {
    auto all = organisation_cache_.get();
    std::lock_guard lock(organisations_mutex_);
    if (all != organisations_read_) {
      organisations_ = std::make_shared<const Organisations>(web::organisations(*all));
      organisations_read_ = all;
    }
    return organisations_;
  }
  zgw::Api& zgw_;
  const zgw::Resource& zaak_;
  const zgw::Resource& rol_;
};

}  // namespace

bool valid_idempotency_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxIdempotencyKey) return false;
  for (unsigned char ch : key) {
    if (ch < 0x21 || ch > 0x7E) return false;
  }
  return true;
}

CaseLister add_case_routes(http::Router& router, identity::Auth& auth, cases::CaseService& service,
                           zgw::Api& zgw) {
  auto routes = std::make_shared<CaseRoutes>(auth, service, zgw);
  router.add(http::Method::Get, "/api/v1/cases",
             [routes](http::Request& r) { return routes->list(r); });
  router.add(http::Method::Post, "/api/v1/cases",
             [routes](http::Request& r) { return routes->submit(r); });
  router.add(http::Method::Get, "/api/v1/cases/{id}",
             [routes](http::Request& r) { return routes->get(r); });
  auth.add_export_part("cases",
                       [routes](const identity::Subject& s) { return routes->export_cases(s); });
  return [routes](const http::Request& r, const identity::Subject& s) -> json::object {
    if (s.kind == "staff") return json::parse(routes->staff_list(r, s).body.view()).as_object();
    return routes->party_list(r, s);
  };
}

}  // namespace loket::web
