// The Zaken API's statussen and resultaten: a status may close or reopen its zaak (zrc-007),
// closing derives the archive parameters from the resultaat (zrc-015).
#include <boost/json.hpp>
#include <memory>

#include "cases/case_rules.hpp"
#include "cases/case_service.hpp"
#include "common/confidentiality.hpp"
#include "common/instant.hpp"
#include "http/error.hpp"
#include "standards/zgw/documenten.hpp"
#include "standards/zgw/zaken_archive.hpp"
#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw::zaken_detail {
namespace json = boost::json;

void add_statussen(Api& api, const std::shared_ptr<ZaakContext>& ctx) {
  auto z = ctx->z;
  auto* a = &api;
  auto r = base("status", "statussen", cases::CaseTable::Statussen);
  r.ops = {Op::List, Op::Create, Op::Read};
  r.create_scope = kStatusZetten;
  r.columns = {text_column("url", "url"),
               text_column("zaak", "zaak"),
               zaak_uuid_column(),
               text_column("statustype", "statustype"),
               // The moment in one form (UTC, microseconds), so that the order is the moments'.
               {"datum_status_gezet", [](const json::object& o) -> db::Value {
                  const auto* v = o.if_contains("datumStatusGezet");
                  if (!v || !v->is_string()) return nullptr;
                  std::string_view t = v->as_string();
                  return common::normalise_instant(t).value_or(std::string(t));
                }}};
  r.filters = {url_exact("zaak", "zaak"),
               url_exact("statustype", "statustype"),
               {"indicatieLaatstGezetteStatus", [](Api&, Where& w, std::string_view v) {
                  std::string in = cases::zgw_rows::current_statuses();
                  if (v == "true" || v == "True" || v == "1") {
                    w.add(in);
                  } else if (v == "false" || v == "False" || v == "0") {
                    w.add("NOT " + in);
                  } else {
                    throw ValidationError("indicatieLaatstGezetteStatus", "invalid",
                                          "Geef true of false.");
                  }
                }}};
  r.default_order = "zaak_uuid, datum_status_gezet DESC, uuid";
  r.validate = [a, ctx](Call& call, const json::object& body, const json::object* existing) {
    Checker check(body);
    json::object out;
    auto zaak = child_zaak(*a, check, *ctx->z, out, existing);
    typed(*a, check, "statustype", *ctx->cat.statustype, zaak, out);
    // A closing may read objects on other hosts (zrc-015): fetched now, outside the write
    // transaction, so that the transaction finds them in the cache.
    if (zaak && check.ok()) prefetch_zaak_archive(call, *ctx->z, ctx->cat, *zaak);
    auto gezet = check.datetime("datumStatusGezet", true);
    if (gezet && gezet->substr(0, 10) > common::today()) {
      check.fail("datumStatusGezet", "date-in-future",
                 "datumStatusGezet mag niet in de toekomst liggen.");
    }
    out["datumStatusGezet"] = empty_as_null(gezet);
    out["statustoelichting"] = check.string("statustoelichting", {.max_length = 1000}).value_or("");
    auto door = check.url("gezetdoor");
    out["gezetdoor"] =
        door && !door->empty() ? json::value(a->relative(*door)) : json::value(nullptr);
    out["zaakinformatieobjecten"] = json::array{};
    check.finish();
    return out;
  };
  guard_by_zaak_of_child(r, api, z);
  r.before_store = [ctx](Call& call, json::object& stored, const json::object*) {
    auto& api = call.api;
    auto& c = *call.connection;
    auto zaak = zaak_in(call, *ctx->z, stored);
    // The current status's moment, and whether the new one is the zaaktype's end status.
    auto current_at = cases::zgw_rows::status_moment(c, text(zaak, "status"));
    if (!cases::becomes_current(text(stored, "datumStatusGezet"), current_at)) {
      // History added to a closed zaak is a change to it.
      guard_closed(call, zaak);
      return;
    }
    // The order rules and the domain event are the case service's; the client's scopes are
    // its permit. The rows stay this engine's (its representation, audit trail).
    auto permit = permit_of(call, zaak);
    auto decision = api.cases().status_added_in(
        c,
        {text(zaak, "uuid"), api.uuid_of(*ctx->cat.zaaktype, text(zaak, "zaaktype")).value_or(""),
         api.uuid_of(*ctx->cat.statustype, text(stored, "statustype")).value_or(""),
         text(stored, "uuid"), text(stored, "datumStatusGezet"), is_closed(zaak)},
        permit);
    if (!decision) {
      // zrc-007: a zaak closes with a resultaat; reopening and closing again need their scope.
      refuse(decision.failure(),
             is_closed(zaak) && permit.may_reopen
                 ? "Deze zaak is al afgesloten; opnieuw afsluiten vraagt de scope "
                   "zaken.geforceerd-bijwerken."
                 : "Deze zaak is afgesloten; heropenen vraagt de scope zaken.heropenen.");
    }
    auto transition = decision->transition;
    if (transition == cases::Transition::Close || transition == cases::Transition::Reclose) {
      // zrc-007: every related document has its indicatieGebruiksrecht set.
      if (documents_without_usage_rights(c, text(zaak, "url")) > 0) {
        throw ValidationError("nonFieldErrors", "indicatiegebruiksrecht-unset",
                              "Geef eerst bij elk informatieobject van de zaak aan of er "
                              "gebruiksrechten gelden (indicatieGebruiksrecht).");
      }
      // einddatum is the day the status was set.
      zaak["einddatum"] = *decision->end_date;
      derive_zaak_archive(call, *ctx->z, zaak);
    } else if (transition == cases::Transition::Reopen) {
      zaak["einddatum"] = nullptr;
      zaak["archiefactiedatum"] = nullptr;
      zaak["archiefnominatie"] = nullptr;
    }
    zaak["status"] = text(stored, "url");
    api.store(c, *ctx->z->zaak, zaak, false);
  };
  r.audit_owner = [](const json::object& stored) { return text(stored, "zaak"); };
  r.decorate = [a](Call&, json::object& out) {
    out["indicatieLaatstGezetteStatus"] = cases::zgw_rows::is_current_status(
        a->db(), last_segment(text(out, "zaak")), a->relative(text(out, "url")));
  };
  // What expand follows (zrc-026; the engine, expand.hpp, embeds each through the read gate).
  r.expansions = {{"zaak", &kZaken, "zaken"},
                  {"statustype", &kCatalogi, "statustypen"},
                  {"gezetdoor", &kZaken, "rollen"}};
  z->status = &add(api, std::move(r));
}

void add_resultaten(Api& api, const std::shared_ptr<ZaakContext>& ctx) {
  auto z = ctx->z;
  auto* a = &api;
  auto r = base("resultaat", "resultaten", cases::CaseTable::Resultaten);
  r.ops = {Op::List, Op::Create, Op::Read, Op::Update, Op::PartialUpdate, Op::Destroy};
  r.columns = {text_column("zaak", "zaak"), zaak_uuid_column(),
               text_column("resultaattype", "resultaattype")};
  r.filters = {url_exact("zaak", "zaak"), url_exact("resultaattype", "resultaattype")};
  r.default_order = "zaak_uuid, uuid";
  r.unique_violation = {"zaak", "unique", "Deze zaak heeft al een resultaat."};
  r.validate = [a, ctx](Call&, const json::object& body, const json::object* existing) {
    Checker check(body);
    json::object out;
    auto zaak = child_zaak(*a, check, *ctx->z, out, existing);
    typed(*a, check, "resultaattype", *ctx->cat.resultaattype, zaak, out);
    out["toelichting"] = check.string("toelichting", {.max_length = 1000}).value_or("");
    check.finish();
    return out;
  };
  guard_by_zaak_of_child(r, api, z);
  // A resultaat recorded or changed, and removed: the case service's rules and events; the
  // zaak names its resultaat.
  r.before_store = [z](Call& call, json::object& stored, const json::object* before) {
    auto zaak = zaak_in(call, *z, stored);
    or_refuse(call.api.cases().result_recorded_in(*call.connection, part_facts(zaak),
                                                  text(stored, "uuid"), before != nullptr,
                                                  permit_of(call, zaak)));
    if (text(zaak, "resultaat") != text(stored, "url")) {
      zaak["resultaat"] = text(stored, "url");
      call.api.store(*call.connection, *z->zaak, zaak, false);
    }
  };
  r.before_destroy = [z](Call& call, const json::object& stored) {
    auto zaak = zaak_in(call, *z, stored);
    or_refuse(call.api.cases().result_removed_in(*call.connection, part_facts(zaak),
                                                 text(stored, "uuid"), permit_of(call, zaak)));
    zaak["resultaat"] = nullptr;
    call.api.store(*call.connection, *z->zaak, zaak, false);
  };
  r.audit_owner = [](const json::object& stored) { return text(stored, "zaak"); };
  r.expansions = {{"zaak", &kZaken, "zaken"}, {"resultaattype", &kCatalogi, "resultaattypen"}};
  z->resultaat = &add(api, std::move(r));
}

}  // namespace loket::zgw::zaken_detail
