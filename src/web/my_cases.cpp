// See my_cases.hpp. Who is listed: the person (their own cases, every one), and for a resident
// each party of an active mandate they received, limited as that mandate limits a session
// acting under it; a session already acting for someone lists that party only.
#include "web/my_cases.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <memory>

#include "cases/party_list.hpp"
#include "catalog/organisation_store.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"
#include "identity/mandate_store.hpp"
#include "identity/policy.hpp"
#include "privacy/bsn.hpp"

namespace loket::web {
namespace json = boost::json;

namespace {

constexpr std::int64_t kPageSize = 20;

cases::PartyKind kind_of(std::string_view k) {
  return k == "business" ? cases::PartyKind::Business : cases::PartyKind::Resident;
}

// "0~2026-11-30~<uuid>": closed or not, start date, id of the last row of a page.
std::string cursor_text(const cases::PartyCursor& c) {
  return fmt::format("{}~{}~{}", c.closed ? 1 : 0, c.start_date, c.id);
}

std::optional<cases::PartyCursor> parse_cursor(std::string_view s) {
  auto a = s.find('~');
  auto b = a == std::string_view::npos ? a : s.find('~', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  auto closed = s.substr(0, a), day = s.substr(a + 1, b - a - 1), id = s.substr(b + 1);
  if ((closed != "0" && closed != "1") || day.size() > 10 || !common::is_uuid(id)) {
    return std::nullopt;
  }
  for (char ch : day) {
    if (!(ch == '-' || (ch >= '0' && ch <= '9'))) return std::nullopt;
  }
  return cases::PartyCursor{closed == "1", std::string(day), std::string(id)};
}

// The reach of a session with this actor over a party's cases, as GET /api/v1/cases narrows it.
void narrow(cases::ListedParty& p, const identity::Actor& actor,
            const std::vector<catalog::Organisation>& orgs) {
  if (identity::highest_readable_confidentiality(actor, {}, "", true) ==
      identity::kHighestConfidentiality) {
    return;
  }
  p.unrestricted = false;
  for (const auto& o : orgs) {
    if (o.oin.size() != 20) continue;
    int level = identity::highest_readable_confidentiality(actor, {}, o.id, true);
    if (level >= 0) p.scopes.push_back({o.oin.substr(8, 9), level});
  }
}

json::value or_null(const std::optional<std::string>& s) {
  return s && !s->empty() ? json::value(*s) : json::value(nullptr);
}

}  // namespace

MyCasesLister add_my_cases_routes(http::Router& router, identity::Auth& auth) {
  auto organisations = std::make_shared<catalog::OrganisationCache>(auth.database());
  MyCasesLister list = [&auth, organisations](const http::Request& req,
                                              const identity::Subject& subject) {
    if (subject.kind == "staff") throw http::Forbidden("Staff see cases at /behandelen.");
    auto& db = auth.database();
    auto held = organisations->get();
    const auto& orgs = *held;
    cases::PartiesQuery q;
    q.limit = kPageSize;
    // Whose cases, with what each is shown as ("for").
    std::vector<json::object> whose;
    if (subject.acting_for) {
      const auto& m = *subject.acting_for;
      cases::ListedParty p{kind_of(m.subject_kind), m.subject_number, true, {}};
      narrow(p, subject.actor(), orgs);
      q.parties.push_back(std::move(p));
      whose.push_back(
          {{"self", false},
           {"kind", m.subject_kind},
           {"number", m.subject_kind == "business" ? m.subject_number
                                                   : privacy::mask_bsn(m.subject_number)}});
    } else {
      q.parties.push_back({kind_of(subject.kind), subject.number, true, {}});
      whose.push_back({{"self", true}, {"kind", subject.kind}, {"number", nullptr}});
      if (subject.kind == "resident") {
        auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
        auto received = identity::mandates_received(db, auth.keys(), subject.number);
        for (const auto& m : received) {
          identity::Actor actor{subject.kind, subject.number, {}, &m};
          if (!identity::may_act_for(actor, m, now)) continue;
          cases::ListedParty p{kind_of(m.subject_kind), m.subject_number, true, {}};
          narrow(p, actor, orgs);
          q.parties.push_back(std::move(p));
          whose.push_back(
              {{"self", false},
               {"kind", m.subject_kind},
               {"number", m.subject_kind == "business" ? m.subject_number
                                                       : privacy::mask_bsn(m.subject_number)}});
        }
      }
    }
    std::vector<http::InvalidParam> problems;
    if (auto o = req.query_param("organisation"); o && !o->empty()) {
      const catalog::Organisation* org = nullptr;
      for (const auto& x : orgs) {
        if (x.id == *o && x.oin.size() == 20) org = &x;
      }
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
    if (auto after = req.query_param("after"); after && !after->empty()) {
      q.after = parse_cursor(*after);
      if (!q.after) problems.push_back({"after", "invalid", "The next link of the page before."});
    }
    if (auto before = req.query_param("before"); before && !before->empty()) {
      q.before = parse_cursor(*before);
      if (!q.before) {
        problems.push_back({"before", "invalid", "The previous link of the page after."});
      } else if (q.after) {
        problems.push_back({"before", "invalid", "Give after or before, not both."});
      }
    }
    if (!problems.empty()) throw http::BadRequest("Invalid list parameters.", std::move(problems));

    auto found = cases::list_for_parties(db, auth.keys(), q);
    json::array results;
    for (const auto& [s, who] : found.items) {
      const catalog::Organisation* org = nullptr;
      for (const auto& x : orgs) {
        if (x.oin.size() == 20 && x.oin.substr(8, 9) == s.organisation_rsin) org = &x;
      }
      json::value status = nullptr;
      if (!s.status_since.empty()) {
        status = json::object{
            {"name", s.status_name}, {"text", or_null(s.status_text)}, {"since", s.status_since}};
      }
      results.push_back(json::object{
          {"id", s.id},
          {"reference", s.reference.empty() ? s.identification : s.reference},
          {"title", s.case_type_name},
          {"description", or_null(s.description)},
          {"organisation", org ? json::value(json::object{{"id", org->id}, {"name", org->name}})
                               : json::value(nullptr)},
          {"status", std::move(status)},
          {"startDate", s.start_date},
          {"deadline", or_null(s.deadline)},
          {"endDate", or_null(s.end_date)},
          {"closed", s.end_date.has_value()},
          {"for", whose.at(who)},
          {"url", "/api/v1/cases/" + s.id}});
    }
    // Cursor, uuid, status word: characters a URL carries as they are.
    auto link = [&](std::string_view name, const cases::PartyCursor& c) {
      std::string url = fmt::format("/api/v1/me/cases?{}={}", name, cursor_text(c));
      for (const char* k : {"organisation", "status"}) {
        if (auto v = req.query_param(k); v && !v->empty()) url += fmt::format("&{}={}", k, *v);
      }
      return url;
    };
    json::value next = nullptr, after = nullptr, previous = nullptr, before = nullptr;
    if (found.next) {
      after = cursor_text(*found.next);
      next = link("after", *found.next);
    }
    if (found.previous) {
      before = cursor_text(*found.previous);
      previous = link("before", *found.previous);
    }
    return json::object{{"next", std::move(next)},
                        {"after", std::move(after)},
                        {"previous", std::move(previous)},
                        {"before", std::move(before)},
                        {"results", std::move(results)}};
  };
  router.add(http::Method::Get, "/api/v1/me/cases", [&auth, list](http::Request& req) {
    auto subject = auth.require_subject(req, "to see your cases");
    auto r = http::Response::json(200, list(req, subject));
    r.headers.set("cache-control", "no-store");
    return r;
  });
  return list;
}

}  // namespace loket::web
