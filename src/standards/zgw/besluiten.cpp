// The Besluiten API's besluit resource, its audit trail and OpenAPI document. The rules of
// decisions live in cases/decision_rules and the domain events, identificaties and the zaak's
// mirror (zaakbesluiten) in cases/decision_service; this file checks the body (brc-001, brc-002,
// the besluittype published and of the zaak's zaaktype) and calls those in the transaction.
// Besluiten a ZGW client registers have taken effect: an external system decided them.
#include "standards/zgw/besluiten.hpp"

#include <boost/json.hpp>

#include "cases/audit_trail.hpp"
#include "cases/decision_rules.hpp"
#include "common/instant.hpp"
#include "common/json.hpp"
#include "http/error.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace besluiten_detail {

using common::or_null;
using common::text;

std::optional<Guard> besluit_guard(Api& api, std::string_view besluit_url) {
  auto rel = api.relative(besluit_url);
  if (!rel.starts_with(kBesluiten.mount)) return std::nullopt;
  auto rows = api.db().read_once("SELECT besluittype FROM zgw_besluiten WHERE uuid = $1",
                                 {last_segment(rel)});
  if (rows.empty()) return std::nullopt;
  return Guard{rows[0].text(0), 0};
}

namespace {

// brc-001 and the besluittype's place: it exists (fetched when on another host), is published
// (ours), and is one of the zaak's zaaktype's besluittypen (when both are ours).
void check_types(Context& ctx, Checker& check, json::object& out) {
  auto& api = *ctx.api;
  auto bt_url = check.url("besluittype", true);
  std::optional<json::object> bt;
  if (bt_url && !bt_url->empty()) {
    bt = api.resolve(check, "besluittype", *bt_url, *ctx.catalogi.besluittype);
    out["besluittype"] = api.relative(*bt_url);
    const auto* draft = bt ? bt->if_contains("concept") : nullptr;
    if (draft && draft->is_bool() && draft->as_bool() &&
        api.relative(*bt_url).starts_with("/zgw/")) {
      check.fail("besluittype", "not-published",
                 "Dit besluittype is een concept; publiceer het voordat er besluiten van zijn.");
    }
  } else {
    out["besluittype"] = nullptr;
  }
  out["zaak"] = "";
  auto zaak_url = check.url("zaak");
  if (!zaak_url || zaak_url->empty()) return;
  auto zaak = api.resolve(check, "zaak", *zaak_url, *ctx.zaken.zaak);
  out["zaak"] = api.relative(*zaak_url);
  if (!zaak || !bt) return;
  auto zt_uuid = api.uuid_of(*ctx.catalogi.zaaktype, text(*zaak, "zaaktype"));
  auto zaaktype = zt_uuid ? api.load(*ctx.catalogi.zaaktype, *zt_uuid) : std::nullopt;
  if (!zaaktype) return;  // a zaaktype on another host: its list is not ours to check
  const auto* list = zaaktype->if_contains("besluittypen");
  auto wanted = json::value(json::string(api.relative(*bt_url)));
  if (!list || !list->is_array() ||
      std::find(list->as_array().begin(), list->as_array().end(), wanted) ==
          list->as_array().end()) {
    check.fail("nonFieldErrors", "zaaktype-mismatch",
               "Het besluittype hoort niet bij het zaaktype van de zaak.");
  }
}

json::object validate_besluit(Context& ctx, const json::object& body,
                              const json::object* existing) {
  Checker check(body);
  json::object out;
  auto ident = check.string("identificatie", {.max_length = 50});
  auto org = check.rsin("verantwoordelijkeOrganisatie", true);
  if (existing) {
    // brc-002: identificatie and verantwoordelijkeOrganisatie do not change.
    if (ident && !ident->empty() && *ident != text(*existing, "identificatie")) {
      check.fail("identificatie", "wijzigen-niet-toegelaten",
                 "De identificatie van een besluit kan niet worden gewijzigd.");
    }
    if (org && *org != text(*existing, "verantwoordelijkeOrganisatie")) {
      check.fail("verantwoordelijkeOrganisatie", "wijzigen-niet-toegelaten",
                 "De verantwoordelijke organisatie van een besluit kan niet worden gewijzigd.");
    }
    out["identificatie"] = text(*existing, "identificatie");
  } else {
    out["identificatie"] = ident.value_or("");
  }
  out["verantwoordelijkeOrganisatie"] = or_null(org);
  check_types(ctx, check, out);
  auto datum = check.date("datum", true);
  if (datum && *datum > common::today()) {
    check.fail("datum", "future-not-allowed", "De beslisdatum ligt niet in de toekomst.");
  }
  out["datum"] = or_null(datum);
  out["toelichting"] = check.string("toelichting").value_or("");
  out["bestuursorgaan"] = check.string("bestuursorgaan", {.max_length = 50}).value_or("");
  auto ingang = check.date("ingangsdatum", true);
  auto verval = check.date("vervaldatum");
  out["ingangsdatum"] = or_null(ingang);
  out["vervaldatum"] = or_null(verval);
  if (ingang && verval && parse_date(*ingang) && parse_date(*verval) &&
      cases::check_dates(*parse_date(*ingang), parse_date(*verval))) {
    check.fail("vervaldatum", "vervaldatum-voor-ingangsdatum",
               "De vervaldatum ligt niet voor de ingangsdatum.");
  }
  std::string reden;
  if (const auto* v = body.if_contains("vervalreden");
      v && v->is_string() && v->as_string() == "") {
    reden = "";  // blank: no reason, as the reference implementation accepts
  } else {
    reden = check
                .choice("vervalreden",
                        {"tijdelijk", "ingetrokken_overheid", "ingetrokken_belanghebbende"})
                .value_or("");
  }
  out["vervalreden"] = reden;
  out["vervalredenWeergave"] = std::string(cases::expiry_reason_label(reden));
  out["publicatiedatum"] = or_null(check.date("publicatiedatum"));
  out["verzenddatum"] = or_null(check.date("verzenddatum"));
  out["uiterlijkeReactiedatum"] = or_null(check.date("uiterlijkeReactiedatum"));
  check.finish();
  return out;
}

void add_besluit(Api& api, const std::shared_ptr<Context>& ctx) {
  Resource r;
  r.component = &kBesluiten;
  r.name = "besluit";
  r.path = "besluiten";
  r.table = "zgw_besluiten";
  r.ops = {Op::List, Op::Create, Op::Read, Op::Update, Op::PartialUpdate, Op::Destroy};
  r.read_scope = kLezen;
  r.create_scope = kAanmaken;
  r.update_scope = kBijwerken;
  r.destroy_scope = kVerwijderen;
  r.columns = {text_column("identificatie", "identificatie"),
               text_column("verantwoordelijke_organisatie", "verantwoordelijkeOrganisatie"),
               text_column("besluittype", "besluittype"),
               {"zaak",
                [](const json::object& o) -> db::Value {
                  auto z = text(o, "zaak");
                  if (z.empty()) return nullptr;
                  return z;
                }},
               text_column("datum", "datum"),
               text_column("ingangsdatum", "ingangsdatum"),
               text_column("vervaldatum", "vervaldatum"),
               text_column("verzenddatum", "verzenddatum"),
               text_column("publicatiedatum", "publicatiedatum")};
  r.filters = {exact("identificatie", "identificatie"),
               exact("verantwoordelijkeOrganisatie", "verantwoordelijke_organisatie"),
               url_exact("besluittype", "besluittype"), url_exact("zaak", "zaak")};
  r.default_order = "datum DESC, uuid";
  r.unique_violation = {"identificatie", "identificatie-niet-uniek",
                        "Deze verantwoordelijke organisatie heeft al een besluit met deze "
                        "identificatie."};
  // PUT and PATCH bodies are merged over the stored object, whose own references are relative;
  // the checks see every body with absolute URLs, as a client would send them.
  r.validate = [ctx](Call&, const json::object& body, const json::object* existing) {
    json::value absolute = body;
    ctx->api->absolutize(absolute);
    return validate_besluit(*ctx, absolute.as_object(), existing);
  };
  r.guard = [](Call&, const json::object& stored) -> std::optional<Guard> {
    return Guard{text(stored, "besluittype"), 0};
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    Api::guard_list_by_type(call.client, kBesluiten, scope, w, "besluittype", "0");
  };
  r.before_store = [ctx](Call& call, json::object& stored, const json::object* before) {
    if (before) return;
    // brc-002: generated, unique within the organisation, when the client sent none.
    auto rsin = text(stored, "verantwoordelijkeOrganisatie");
    if (text(stored, "identificatie").empty()) {
      stored["identificatie"] = ctx->decisions->next_identification_in(*call.connection, rsin);
    } else if (!ctx->decisions->identification_free_in(*call.connection, rsin,
                                                       text(stored, "identificatie"))) {
      // Also a draft's: it will take effect under that number once approved.
      throw ValidationError("identificatie", "identificatie-niet-uniek",
                            "Deze verantwoordelijke organisatie heeft al een besluit met deze "
                            "identificatie.");
    }
  };
  r.after_store = [ctx](Call& call, const json::object& stored, const json::object* before) {
    if (before) {
      ctx->decisions->changed_in(*call.connection, stored, *before);
    } else {
      ctx->decisions->registered_in(*call.connection, stored);
    }
  };
  r.before_destroy = [ctx](Call& call, const json::object& stored) {
    auto url = text(stored, "url");
    // No soft deletes (BRC archiving): the besluitinformatieobjecten and the audit trail go.
    delete_informatieobjecten_of(call, url);
    cases::remove_audit_trail(*call.connection, url);
    ctx->decisions->deleted_in(*call.connection, stored);
  };
  r.audit_owner = [](const json::object& stored) { return text(stored, "url"); };
  r.expansions = {{"besluittype", &kCatalogi, "besluittypen"}, {"zaak", &kZaken, "zaken"}};
  ctx->b.besluit = &api.add(std::move(r));
}

void add_audittrail(Api& api, const std::shared_ptr<Context>& ctx) {
  auto owner = [ctx](Call& call) {
    auto uuid = std::string(call.request.param("besluit_uuid"));
    auto besluit = call.api.load(*ctx->b.besluit, uuid);
    if (!besluit) throw http::Error(404, "not_found", "Er bestaat geen besluit met deze uuid.");
    Api::require(call.client, *ctx->b.besluit, kAudittrails,
                 Guard{text(*besluit, "besluittype"), 0});
    return call.api.url_of(*ctx->b.besluit, uuid);
  };
  api.add_audit_routes(kBesluiten, "/besluiten/{besluit_uuid}",
                       "Alle audit trail regels behorend bij het BESLUIT.",
                       "Een specifieke audit trail regel opvragen.", owner);
}

}  // namespace

}  // namespace besluiten_detail

Besluiten add_besluiten(Api& api, const Catalogi& catalogi, const Zaken& zaken) {
  using namespace besluiten_detail;
  auto ctx = std::make_shared<Context>(Context{
      &api, catalogi, zaken, std::make_shared<cases::DecisionService>(api.db(), api.cases()), {}});
  add_besluit(api, ctx);
  add_audittrail(api, ctx);
  add_besluitinformatieobjecten(api, ctx);
  // A zaak deleted through the Zaken API takes its decisions' drafts along. The Resources live
  // in the Api's deque, which is not const; only the pointers handed out are.
  auto* zaak = const_cast<Resource*>(zaken.zaak);
  zaak->before_destroy = [ctx, inner = zaak->before_destroy](Call& call,
                                                             const json::object& stored) {
    auto uuid = text(stored, "uuid");
    if (uuid.empty()) uuid = last_segment(text(stored, "url"));
    ctx->decisions->case_deleted_in(*call.connection, uuid);
    if (inner) inner(call, stored);
  };
  // The component's OpenAPI document, beside those the engine mounts for its first three.
  api.public_route(http::Method::Get, std::string(kBesluiten.mount) + "/schema/openapi.json",
                   [a = &api](http::Request&) {
                     auto r = http::Response::text(200, a->openapi(kBesluiten), "application/json");
                     r.headers.set("cache-control", "public, max-age=300");
                     r.headers.set("api-version", std::string(kBesluiten.version));
                     return r;
                   });
  return ctx->b;
}

}  // namespace loket::zgw
