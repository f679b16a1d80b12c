// The Zaken API resources: zaken, statussen, resultaten, rollen, the audit trail, _zoek and
// zaaknummer_reserveren. The rules of a case's life live in cases/case_rules; this file collects
// the facts (zaaktype, statustypen, resultaattype, ...) and applies them. Here: the helpers the
// zaken*.cpp files share, the zaak resource, its audit trail and zaaknummer_reserveren; the
// others are in zaken_validate, zaken_filters, zaken_search, zaken_expand, zaken_statussen and
// zaken_rollen.
#include "standards/zgw/zaken.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <memory>

#include "cases/audit_trail.hpp"
#include "cases/case_rules.hpp"
#include "cases/case_store.hpp"
#include "cases/case_service.hpp"
#include "common/instant.hpp"
#include "http/error.hpp"
#include "standards/zgw/geometry.hpp"
#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace zaken_detail {

cases::Period period_of(const common::Duration& d) {
  return {d.years, d.months, d.weeks * 7 + d.days};
}

std::optional<cases::Period> period(const json::object& o, std::string_view key) {
  auto s = text(o, key);
  if (s.empty()) return std::nullopt;
  auto d = common::parse_duration(s);
  if (!d) return std::nullopt;
  return period_of(*d);
}

http::Error forbidden(const std::string& detail) {
  return http::Error(403, "permission_denied", detail);
}

// The engine's body reader: the same checks (media type, JSON, clean text) and answers.
json::object parse_object(const http::Request& req) { return parse_body(req); }

bool is_closed(const json::object& zaak) {
  const auto* e = zaak.if_contains("einddatum");
  return e && e->is_string() && !e->as_string().empty();
}

Guard guard_of(const json::object& zaak) {
  return {text(zaak, "zaaktype"),
          std::max(0, confidentiality_level(text(zaak, "vertrouwelijkheidaanduiding")))};
}

bool may(const Client& client, std::string_view scope, const json::object& zaak) {
  auto g = guard_of(zaak);
  return client.may(kZaken.code, scope, g.type, g.level);
}

// zrc-007: a closed zaak and what hangs off it change only with zaken.geforceerd-bijwerken.
void guard_closed(Call& call, const json::object& zaak) {
  if (cases::may_change(is_closed(zaak), may(call.client, kForced, zaak))) return;
  throw forbidden(std::string(kClosedDetail));
}

// What the client may do to this zaak, for the case service.
cases::Permit permit_of(Call& call, const json::object& zaak) {
  return {.may_handle = true,
          .may_reopen = may(call.client, "zaken.heropenen", zaak),
          .may_change_closed = may(call.client, kForced, zaak),
          .may_read_level = common::kHighestConfidentiality};
}

cases::CaseService::PartFacts part_facts(const json::object& zaak) {
  return {text(zaak, "uuid"), is_closed(zaak)};
}

// The ZGW vocabulary of the case service's refusals, in one place: the reasons in Dutch, the
// codes the standard's tests look for.
void refuse(const common::Failure& f, const std::string& forbidden_detail) {
  using Kind = common::Failure::Kind;
  switch (f.kind) {
    case Kind::Forbidden:
      throw forbidden(forbidden_detail);
    case Kind::NotFound:
      throw http::Error(404, "not_found", "Deze zaak bestaat niet (meer).");
    case Kind::Conflict:
      throw ValidationError("nonFieldErrors", "unique", "Dit bestaat al; kies een ander.");
    case Kind::Invalid:
      break;
  }
  std::vector<http::InvalidParam> params;
  for (const auto& e : f.fields) {
    auto reason =
        e.code == "resultaat-does-not-exist"
            ? std::string("Een zaak kan pas worden afgesloten als zij een resultaat heeft.")
            : e.reason;
    params.push_back({e.name, e.code, reason});
  }
  throw ValidationError(std::move(params));
}

void or_refuse(const common::Result<void>& r) {
  if (!r) refuse(r.failure(), std::string(kClosedDetail));
}

// The zaak an object hangs off, read inside the write transaction.
// Locks the zaak's row until the transaction ends (PostgreSQL: writers of one zaak take turns;
// SQLite has one writer anyway), so that what follows reads its latest state.
void lock_zaak(db::Connection& c, const std::string& uuid) { cases::zgw_rows::lock_case(c, uuid); }

json::object zaak_in(Call& call, const Zaken& z, const json::object& child) {
  auto uuid = call.api.uuid_of(*z.zaak, text(child, "zaak"));
  if (uuid) lock_zaak(*call.connection, *uuid);
  auto zaak = uuid ? call.api.load(*call.connection, *z.zaak, *uuid) : std::nullopt;
  if (!zaak) throw ValidationError("zaak", "does_not_exist", "Deze zaak bestaat niet (meer).");
  return std::move(*zaak);
}

// Adds `url` to (or removes it from) the zaak's list `field` and stores the zaak.
void update_list(Call& call, const Zaken& z, json::object zaak, std::string_view field,
                 const std::string& url, bool add) {
  json::array list;
  if (const auto* v = zaak.if_contains(field); v && v->is_array()) list = v->as_array();
  auto it = std::find(list.begin(), list.end(), json::value(json::string(url)));
  if (add && it == list.end()) list.emplace_back(url);
  if (!add && it != list.end()) list.erase(it);
  zaak[field] = std::move(list);
  call.api.store(*call.connection, *z.zaak, zaak, false);
}

// PUT and PATCH bodies are merged over the stored object, whose own references are relative;
// the checks see every body with absolute URLs, as a client would send them.
const Resource& add(Api& api, Resource r) {
  r.validate = [inner = std::move(r.validate), &api](Call& call, const json::object& body,
                                                     const json::object* existing) {
    json::value absolute = body;
    api.absolutize(absolute);
    return inner(call, absolute.as_object(), existing);
  };
  return api.add(std::move(r));
}

Resource base(std::string name, std::string path, cases::CaseTable table) {
  Resource r;
  r.component = &kZaken;
  r.name = std::move(name);
  r.path = std::move(path);
  r.case_table = table;
  r.read_scope = kLezen;
  r.create_scope = kBijwerkenOfForced;
  r.update_scope = kBijwerkenOfForced;
  r.destroy_scope = kBijwerkenOfForced;
  return r;
}

void guard_by_zaak_of_child(Resource& r, Api& api, const std::shared_ptr<Zaken>& z) {
  r.guard = [a = &api, z](Call&, const json::object& stored) {
    return zaak_guard(*a, *z, text(stored, "zaak"));
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    guard_by_zaak(call, w, scope, "zaak_uuid");
  };
}

// The zaak a child object names: resolved and guarded; its URL stored relative.
std::optional<json::object> child_zaak(Api& api, Checker& check, const Zaken& z, json::object& out,
                                       const json::object* existing) {
  auto url = check.url("zaak", true);
  if (!url || url->empty()) return std::nullopt;
  auto zaak = api.resolve(check, "zaak", *url, *z.zaak);
  out["zaak"] = api.relative(*url);
  if (existing && text(*existing, "zaak") != api.relative(*url)) {
    check.fail("zaak", "wijzigen-niet-toegelaten", "De zaak kan niet worden gewijzigd.");
  }
  return zaak;
}

// A type (statustype, resultaattype, roltype) that must belong to the zaak's zaaktype.
std::optional<json::object> typed(Api& api, Checker& check, std::string_view field,
                                  const Resource& kind, const std::optional<json::object>& zaak,
                                  json::object& out) {
  auto url = check.url(field, true);
  if (!url || url->empty()) return std::nullopt;
  auto found = api.resolve(check, field, *url, kind);
  out[field] = api.relative(*url);
  if (found && zaak && text(*found, "zaaktype") != text(*zaak, "zaaktype")) {
    // A rule about two fields (the reference's CorrectZaaktypeValidator): nonFieldErrors.
    check.fail("nonFieldErrors", "zaaktype-mismatch",
               "Dit " + kind.name + " hoort niet bij het zaaktype van de zaak.");
  }
  return found;
}

namespace {

Column geo_column(std::string name, double BoundingBox::*member) {
  return {std::move(name), [member](const json::object& o) -> db::Value {
            const auto* g = o.if_contains("zaakgeometrie");
            if (!g || g->is_null() || check_geometry(*g)) return nullptr;
            auto box = bounding_box(*g);
            if (!box) return nullptr;
            return (*box).*member;
          }};
}

// ---- identificatie (zrc-002) ---------------------------------------------------------------

// A zaaknummer never handed out before in this bronorganisatie (ZAAK-<year>-<counter>): the
// case store's counter, shared with the cases submitted through the other doors.
std::string next_zaaknummer(Call& call, db::Connection& c, const std::string& bronorganisatie) {
  return call.api.cases().store().next_identification(c, bronorganisatie);
}

// A zaak's hoofdzaak changed from `from` to `to` (relative URLs, "" for none): the hoofdzaken's
// `deelzaken` follow.
void move_deelzaak(Call& call, const Zaken& z, const std::string& url, const std::string& from,
                   const std::string& to) {
  if (from == to) return;
  for (const auto& [hoofd, add] : {std::pair{from, false}, std::pair{to, true}}) {
    auto uuid = hoofd.empty() ? std::nullopt : call.api.uuid_of(*z.zaak, hoofd);
    if (!uuid) continue;
    lock_zaak(*call.connection, *uuid);
    auto zaak = call.api.load(*call.connection, *z.zaak, *uuid);
    if (zaak) update_list(call, z, std::move(*zaak), "deelzaken", url, add);
  }
}

}  // namespace

void add_zaak_resource(Api& api, const std::shared_ptr<ZaakContext>& ctx) {
  auto z = ctx->z;
  auto r = base("zaak", "zaken", cases::CaseTable::Zaken);
  r.ops = {Op::List, Op::Create, Op::Read, Op::Update, Op::PartialUpdate, Op::Destroy};
  r.create_scope = kAanmaken;
  r.destroy_scope = kVerwijderen;
  r.geo = true;
  r.columns = {text_column("identificatie", "identificatie"),
               text_column("bronorganisatie", "bronorganisatie"),
               text_column("zaaktype", "zaaktype"),
               level_column("vertrouwelijkheid", "vertrouwelijkheidaanduiding"),
               text_column("registratiedatum", "registratiedatum"),
               text_column("startdatum", "startdatum"),
               text_column("einddatum", "einddatum"),
               text_column("einddatum_gepland", "einddatumGepland"),
               text_column("uiterlijke_einddatum_afdoening", "uiterlijkeEinddatumAfdoening"),
               text_column("publicatiedatum", "publicatiedatum"),
               text_column("archiefnominatie", "archiefnominatie"),
               text_column("archiefactiedatum", "archiefactiedatum"),
               text_column("archiefstatus", "archiefstatus"),
               text_column("hoofdzaak", "hoofdzaak"),
               text_column("status", "status"),
               // What the case lists read instead of the JSON (cases::derived_columns).
               Column{"description",
                      [](const json::object& o) -> db::Value {
                        return cases::derived_columns(o).description;
                      }},
               geo_column("geo_min_x", &BoundingBox::min_x),
               geo_column("geo_min_y", &BoundingBox::min_y),
               geo_column("geo_max_x", &BoundingBox::max_x),
               geo_column("geo_max_y", &BoundingBox::max_y)};
  r.filters = zaak_filters();
  r.orderings = {{"startdatum", "startdatum"},
                 {"einddatum", "einddatum"},
                 {"publicatiedatum", "publicatiedatum"},
                 {"archiefactiedatum", "archiefactiedatum"},
                 {"registratiedatum", "registratiedatum"},
                 {"identificatie", "identificatie"}};
  r.default_order = "startdatum DESC, uuid";
  r.unique_violation = {"identificatie", "identificatie-niet-uniek",
                        "Deze bronorganisatie heeft al een zaak met deze identificatie."};
  r.validate = [ctx](Call& call, const json::object& body, const json::object* existing) {
    return validate_zaak(*ctx, call, body, existing);
  };
  r.guard = [](Call&, const json::object& stored) -> std::optional<Guard> {
    return guard_of(stored);
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    Api::guard_list_by_type(call.client, kZaken, scope, w, "zaaktype", "vertrouwelijkheid");
  };
  r.before_store = [z](Call& call, json::object& stored, const json::object* before) {
    auto& c = *call.connection;
    if (before) {
      // What only the API sets comes from the row as it is now, not as it was read.
      lock_zaak(c, text(stored, "uuid"));
      auto now = call.api.load(c, *z->zaak, text(stored, "uuid"));
      if (!now) throw http::Error(404, "not_found", "Er bestaat geen zaak met deze uuid.");
      // The rule (a closed zaak changes only when forced) and the event are the case service's.
      or_refuse(call.api.cases().case_updated_in(c, part_facts(*now), permit_of(call, *now)));
      for (auto key : kZaakReadOnly) {
        if (const auto* v = now->if_contains(key)) stored[key] = *v;
      }
      if (text(stored, "identificatie").empty())
        stored["identificatie"] = text(*now, "identificatie");
      move_deelzaak(call, *z, text(stored, "url"), text(*now, "hoofdzaak"),
                    text(stored, "hoofdzaak"));
      return;
    }
    move_deelzaak(call, *z, text(stored, "url"), "", text(stored, "hoofdzaak"));
    auto bron = text(stored, "bronorganisatie");
    if (text(stored, "identificatie").empty()) {
      stored["identificatie"] = next_zaaknummer(call, c, bron);
    } else {
      // A reserved number is handed out once: to the zaak that names it.
      c.execute("DELETE FROM zgw_zaaknummers WHERE bronorganisatie = $1 AND identificatie = $2",
                {bron, text(stored, "identificatie")});
    }
  };
  r.before_destroy = [z](Call& call, const json::object& stored) {
    auto& c = *call.connection;
    move_deelzaak(call, *z, text(stored, "url"), text(stored, "hoofdzaak"), "");
    // zrc-017: the zaak goes with everything that hangs off it, deelzaken included.
    // The rows go through the case service (its events); the zaak's own row is the engine's
    // delete after this hook. Their audit trails go with them.
    auto deel = cases::zgw_rows::part_cases(c, text(stored, "url"));
    or_refuse(
        call.api.cases().case_deleted_in(c, text(stored, "uuid"), deel, permit_of(call, stored)));
    deel.push_back(text(stored, "uuid"));
    for (const auto& uuid : deel) {
      cases::remove_audit_trail(c, call.api.url_of(*z->zaak, uuid));
    }
  };
  // A new zaak is a case registered in the domain: its event goes out as for every door.
  r.after_store = [](Call& call, const json::object& stored, const json::object* before) {
    if (!before) call.api.cases().registered_in(*call.connection, text(stored, "uuid"));
  };
  r.audit_owner = [](const json::object& stored) { return text(stored, "url"); };
  r.decorate = [](Call&, json::object& out) { normalise_groups(out); };
  // What expand follows (zrc-026; the engine, expand.hpp, embeds each through the read gate);
  // zaken_relations.cpp adds the relations' lists.
  r.expansions = {{"zaaktype", &kCatalogi, "zaaktypen"},
                  {"status", &kZaken, "statussen"},
                  {"resultaat", &kZaken, "resultaten"},
                  {"hoofdzaak", &kZaken, "zaken"},
                  {"rollen", &kZaken, "rollen", true, ""},
                  {"deelzaken", &kZaken, "zaken", true, ""},
                  {"relevanteAndereZaken", &kZaken, "zaken", true, "url"}};
  z->zaak = &add(api, std::move(r));
}

void add_zaak_audittrail(Api& api, const std::shared_ptr<Zaken>& z) {
  // ---- the audit trail of a zaak
  auto audit_zaak = [z](Call& call) {
    auto uuid = std::string(call.request.param("zaak_uuid"));
    auto zaak = call.api.load(*z->zaak, uuid);
    if (!zaak) throw http::Error(404, "not_found", "Er bestaat geen zaak met deze uuid.");
    Api::require(call.client, *z->zaak, kAudittrails, guard_of(*zaak));
    return call.api.url_of(*z->zaak, uuid);
  };
  api.add_audit_routes(kZaken, "/zaken/{zaak_uuid}", "De audit trail van een zaak.",
                       "Een regel uit de audit trail van een zaak.", audit_zaak);
}

void add_zaaknummer_reserveren(Api& api, const std::shared_ptr<Zaken>& z) {
  // ---- zaaknummer_reserveren
  api.route(kZaken, http::Method::Post, "/zaaknummer_reserveren",
            "Reserveer een of meer zaaknummers.", [z](Call& call) {
              Api::require(call.client, *z->zaak, kAanmaken, std::nullopt);
              auto body = parse_object(call.request);
              Checker check(body);
              auto bron = check.rsin("bronorganisatie", true);
              auto aantal = check.integer("aantal", false, 1, 100).value_or(1);
              check.finish();
              json::array numbers;
              call.api.db().write([&](db::Connection& c) {
                for (std::int64_t i = 0; i < aantal; ++i) {
                  auto id = next_zaaknummer(call, c, *bron);
                  c.execute(
                      "INSERT INTO zgw_zaaknummers (bronorganisatie, identificatie, "
                      "gereserveerd) VALUES ($1, $2, $3)",
                      {*bron, id, common::today()});
                  numbers.push_back(json::object{{"zaaknummer", id}});
                }
              });
              if (aantal == 1) return http::Response::json(201, numbers[0]);
              return http::Response::json(201, numbers);
            });
}

}  // namespace zaken_detail

json::object zaak_for_change(Call& call, const Zaken& zaken, std::string_view zaak_url) {
  auto zaak = zaken_detail::zaak_in(call, zaken, json::object{{"zaak", zaak_url}});
  zaken_detail::guard_closed(call, zaak);
  return zaak;
}

void update_zaak_list(Call& call, const Zaken& zaken, json::object zaak, std::string_view field,
                      const std::string& url, bool add) {
  zaken_detail::update_list(call, zaken, std::move(zaak), field, url, add);
}

Zaken add_zaken(Api& api, const Catalogi& catalogi) {
  using namespace zaken_detail;
  auto z = std::make_shared<Zaken>();
  auto ctx = std::make_shared<ZaakContext>(ZaakContext{&api, catalogi, z});
  add_zaak_resource(api, ctx);
  add_statussen(api, ctx);
  add_resultaten(api, ctx);
  add_rollen(api, ctx);
  add_zaak_audittrail(api, z);
  add_zaak_search(api, z);
  add_zaaknummer_reserveren(api, z);
  return *z;
}

}  // namespace loket::zgw
