// Parse, ask the policy, query, render. Cases are read from the ZGW registry's tables
// (zgw_zaken, zgw_rollen); a staff member's view of a case is logged for each person in it.
#include "cases/portal_routes.hpp"

#include <boost/json.hpp>
#include <map>

#include "catalog/organisation.hpp"
#include "catalog/organisation_store.hpp"
#include "http/error.hpp"
#include "http/paging.hpp"
#include "identity/policy.hpp"
#include "identity/staff_store.hpp"
#include "privacy/processing_log.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

struct Organisations {
  std::map<std::string, catalog::Organisation> by_rsin;  // RSIN: digits 9-17 of the OIN
  const catalog::Organisation* of_rsin(const std::string& rsin) const {
    auto it = by_rsin.find(rsin);
    return it == by_rsin.end() ? nullptr : &it->second;
  }
};

Organisations organisations(db::Database& db) {
  Organisations out;
  for (auto& o : catalog::list_organisations(db, 0, 1000).items) {
    if (o.oin.size() == 20) out.by_rsin[o.oin.substr(8, 9)] = o;
  }
  return out;
}

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::value or_null(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

// Whose cases a resident or business sees: their own, or those of whom they act for. The kind
// ("bsn" or "kvk") names both the blind index's purpose and zgw_rollen's index column.
std::pair<std::string, std::string> party_of(const identity::Subject& s) {
  if (s.acting_for) {
    return {s.acting_for->subject_kind == "business" ? "kvk" : "bsn", s.acting_for->subject_number};
  }
  return {s.kind == "business" ? "kvk" : "bsn", s.number};
}

class Portal {
 public:
  Portal(identity::Auth& auth, zgw::Api& zgw)
      : auth_(auth),
        zgw_(zgw),
        zaak_(zgw.resource(zgw::kZaken, "zaken")),
        status_(zgw.resource(zgw::kZaken, "statussen")),
        rol_(zgw.resource(zgw::kZaken, "rollen")),
        zaaktype_(zgw.resource(zgw::kCatalogi, "zaaktypen")),
        statustype_(zgw.resource(zgw::kCatalogi, "statustypen")) {}

  http::Response list(http::Request& req) {
    auto subject = auth_.require_subject(req, "to see your cases");
    auto page = http::page_from(req);
    auto& db = auth_.database();
    auto orgs = organisations(db);
    zgw::Where where;
    std::vector<identity::StaffRole> roles;
    if (subject.kind == "staff") {
      roles = db.read_value(
          [&](db::Connection& c) { return identity::staff_roles(c, subject.number); });
    } else {
      auto [kind, number] = party_of(subject);
      where.add("uuid IN (SELECT zaak_uuid FROM zgw_rollen WHERE " + kind +
                "_index = " + where.bind(privacy::blind_index(auth_.keys(), number, kind)) + ")");
    }
    limit_by_policy(where, subject.actor(), view(roles), orgs, subject.kind != "staff");
    std::string sql = "SELECT data, COUNT(*) OVER () FROM zgw_zaken" + where.sql();
    sql += " ORDER BY startdatum DESC, uuid LIMIT " + where.bind(page.size) + " OFFSET " +
           where.bind(page.offset());
    auto rows = db.read_once(sql, where.params());
    std::int64_t total = rows.empty() ? 0 : rows[0].integer(1);
    json::array results;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      results.push_back(render(json::parse(rows[i].text(0)).as_object(), orgs));
    }
    auto link = [&](std::int64_t n) -> json::value {
      auto l = http::page_link(req, page, n, total);
      return l ? json::value(*l) : json::value(nullptr);
    };
    auto r = http::Response::json(200, json::object{{"count", total},
                                                    {"next", link(page.number + 1)},
                                                    {"previous", link(page.number - 1)},
                                                    {"results", std::move(results)}});
    r.headers.set("cache-control", "no-store");
    return r;
  }

  http::Response get(http::Request& req) {
    auto subject = auth_.require_subject(req, "to see this case");
    auto& db = auth_.database();
    auto id = std::string(req.param("id"));
    auto zaak = catalog::is_uuid(id) ? zgw_.load(zaak_, id) : std::nullopt;
    if (!zaak) throw http::NotFound("There is no case with this id that you may see.");
    auto orgs = organisations(db);
    const auto* org = orgs.of_rsin(text(*zaak, "bronorganisatie"));
    identity::CaseFacts facts{
        org ? std::string_view(org->id) : std::string_view(),
        std::max(0, zgw::confidentiality_level(text(*zaak, "vertrouwelijkheidaanduiding"))), false};
    std::vector<identity::StaffRole> roles;
    if (subject.kind == "staff") {
      roles = db.read_value(
          [&](db::Connection& c) { return identity::staff_roles(c, subject.number); });
    } else {
      auto [kind, number] = party_of(subject);
      facts.actor_is_party =
          !db.read_once("SELECT 1 FROM zgw_rollen WHERE zaak_uuid = $1 AND " + kind + "_index = $2",
                        {id, privacy::blind_index(auth_.keys(), number, kind)})
               .empty();
    }
    auto access = identity::case_access(subject.actor(), view(roles), facts);
    // Not "forbidden": whether someone else's case exists is not for this person to learn.
    if (access == identity::CaseAccess::None) {
      throw http::NotFound("There is no case with this id that you may see.");
    }
    if (subject.kind == "staff") log_staff_view(req, subject, roles, *org, id);
    auto r = http::Response::json(200, render(*zaak, orgs));
    r.headers.set("cache-control", "no-store");
    return r;
  }

  // For the person's data export: each case they are in (their own, not of whom they act for),
  // as the portal shows it, as the registry holds it, and their own roles in it.
  json::value export_cases(const identity::Subject& subject) {
    json::array out;
    if (subject.kind == "staff") return out;
    auto kind = subject.kind == "business" ? std::string("kvk") : std::string("bsn");
    auto rows =
        auth_.database().read_once("SELECT zaak_uuid, uuid FROM zgw_rollen WHERE " + kind +
                                       "_index = $1 ORDER BY zaak_uuid, uuid",
                                   {privacy::blind_index(auth_.keys(), subject.number, kind)});
    auto orgs = organisations(auth_.database());
    for (std::size_t i = 0; i < rows.size();) {
      auto zaak_uuid = rows[i].text(0);
      json::array roles;
      for (; i < rows.size() && rows[i].text(0) == zaak_uuid; ++i) {
        if (auto rol = zgw_.load(rol_, rows[i].text(1))) roles.push_back(std::move(*rol));
      }
      auto zaak = zgw_.load(zaak_, zaak_uuid);
      if (!zaak) continue;
      out.push_back({{"case", render(*zaak, orgs)}, {"zaak", *zaak}, {"rollen", std::move(roles)}});
    }
    return out;
  }

 private:
  static std::vector<identity::OrganisationRole> view(
      const std::vector<identity::StaffRole>& roles) {
    std::vector<identity::OrganisationRole> out;
    out.reserve(roles.size());
    for (const auto& r : roles) out.push_back({r.organisation_id, r.role});
    return out;
  }

  // Narrows a list to what case_access allows, so that the list shows what a read would: per
  // organisation the cases up to the highest level the actor may read. A party who may read
  // each of their cases, whatever organisation holds it, gets no condition (cases of
  // organisations Loket does not know stay theirs); anyone else sees known organisations only.
  static void limit_by_policy(zgw::Where& where, const identity::Actor& actor,
                              const std::vector<identity::OrganisationRole>& roles,
                              const Organisations& orgs, bool party) {
    if (identity::highest_readable_confidentiality(actor, roles, "", party) ==
        identity::kHighestConfidentiality) {
      return;
    }
    std::string any;
    for (const auto& [rsin, org] : orgs.by_rsin) {
      int level = identity::highest_readable_confidentiality(actor, roles, org.id, party);
      if (level < 0) continue;
      any += (any.empty() ? "(bronorganisatie = " : " OR (bronorganisatie = ") + where.bind(rsin) +
             " AND vertrouwelijkheid <= " + where.bind(std::int64_t{level}) + ")";
    }
    where.add(any.empty() ? "1 = 0" : "(" + any + ")");
  }

  // One processing record per person in the case: they see it in their data tracker.
  void log_staff_view(const http::Request& req, const identity::Subject& subject,
                      const std::vector<identity::StaffRole>& roles,
                      const catalog::Organisation& org, const std::string& zaak_uuid) {
    std::string role;
    for (const auto& r : roles) {
      if (r.organisation_id == org.id) role = r.role;
    }
    auto now = privacy::unix_millis();
    auth_.database().write([&](db::Connection& c) {
      auto rows = c.query(
          "SELECT uuid, bsn_enc FROM zgw_rollen WHERE zaak_uuid = $1 AND bsn_enc IS NOT NULL",
          {zaak_uuid});
      for (std::size_t i = 0; i < rows.size(); ++i) {
        auto bsn = privacy::decrypt(auth_.keys(), rows[i].text(1), "zgw_rollen:" + rows[i].text(0));
        if (!bsn) continue;
        privacy::append_processing(c, auth_.keys(),
                                   {.trace_id = req.trace_id,
                                    .parent_operation_id = req.span_id,
                                    .name = "zaak inzien",
                                    .start_ms = now,
                                    .end_ms = privacy::unix_millis(),
                                    .activity = privacy::kCaseHandling,
                                    .subject_number = *bsn,
                                    .subject_kind = "bsn",
                                    .actor_kind = subject.kind,
                                    .actor_organisation = org.id,
                                    .actor_role = role});
      }
    });
  }

  std::optional<json::object> load_by_url(const zgw::Resource& r, const std::string& url) {
    auto uuid = zgw_.uuid_of(r, url);
    return uuid ? zgw_.load(r, *uuid) : std::nullopt;
  }

  json::object render(const json::object& zaak, const Organisations& orgs) {
    json::value status = nullptr;
    if (auto s = load_by_url(status_, text(zaak, "status"))) {
      auto type = load_by_url(statustype_, text(*s, "statustype"));
      status =
          json::object{{"name", type ? text(*type, "omschrijving") : std::string()},
                       {"text", type ? or_null(text(*type, "statustekst")) : json::value(nullptr)},
                       {"since", text(*s, "datumStatusGezet")}};
    }
    auto type = load_by_url(zaaktype_, text(zaak, "zaaktype"));
    const auto* org = orgs.of_rsin(text(zaak, "bronorganisatie"));
    return {{"id", text(zaak, "uuid")},
            {"reference", text(zaak, "identificatie")},
            {"title", type ? text(*type, "omschrijving") : std::string()},
            {"description", or_null(text(zaak, "omschrijving"))},
            {"organisation", org ? json::value(json::object{{"id", org->id}, {"name", org->name}})
                                 : json::value(nullptr)},
            {"status", std::move(status)},
            {"startDate", text(zaak, "startdatum")},
            {"deadline", or_null(text(zaak, "uiterlijkeEinddatumAfdoening"))},
            {"endDate", or_null(text(zaak, "einddatum"))},
            {"closed", !text(zaak, "einddatum").empty()},
            {"url", "/api/v1/cases/" + text(zaak, "uuid")}};
  }

  identity::Auth& auth_;
  zgw::Api& zgw_;
  const zgw::Resource& zaak_;
  const zgw::Resource& status_;
  const zgw::Resource& rol_;
  const zgw::Resource& zaaktype_;
  const zgw::Resource& statustype_;
};

}  // namespace

void add_portal_routes(http::Router& router, identity::Auth& auth, zgw::Api& zgw) {
  auto portal = std::make_shared<Portal>(auth, zgw);
  router.add(http::Method::Get, "/api/v1/cases",
             [portal](http::Request& r) { return portal->list(r); });
  router.add(http::Method::Get, "/api/v1/cases/{id}",
             [portal](http::Request& r) { return portal->get(r); });
  auth.add_export_part("cases",
                       [portal](const identity::Subject& s) { return portal->export_cases(s); });
}

}  // namespace loket::cases
