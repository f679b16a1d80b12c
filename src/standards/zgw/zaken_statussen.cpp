// The Zaken API's statussen and resultaten: a status may close or reopen its zaak (zrc-007),
// closing derives the archive parameters from the resultaat (zrc-015).
#include <boost/json.hpp>
#include <memory>

#include "cases/case_rules.hpp"
#include "http/error.hpp"
#include "standards/zgw/zaken_archive.hpp"
#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw::zaken_detail {
namespace json = boost::json;

void add_statussen(Api& api, const std::shared_ptr<ZaakContext>& ctx) {
  auto z = ctx->z;
  auto* a = &api;
  auto r = base("status", "statussen", "zgw_statussen");
  r.ops = {Op::List, Op::Create, Op::Read};
  r.create_scope = kStatusZetten;
  r.columns = {text_column("url", "url"), text_column("zaak", "zaak"), zaak_uuid_column(),
               text_column("statustype", "statustype"),
               text_column("datum_status_gezet", "datumStatusGezet")};
  r.filters = {url_exact("zaak", "zaak"),
               url_exact("statustype", "statustype"),
               {"indicatieLaatstGezetteStatus", [](Api&, Where& w, std::string_view v) {
                  std::string in = "url IN (SELECT status FROM zgw_zaken WHERE status IS NOT NULL)";
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
    if (gezet && gezet->substr(0, 10) > today()) {
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
  r.guard = [a, z](Call&, const json::object& stored) {
    return zaak_guard(*a, *z, text(stored, "zaak"));
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    guard_by_zaak(call, w, scope, "zaak_uuid");
  };
  r.before_store = [ctx](Call& call, json::object& stored, const json::object*) {
    auto& api = call.api;
    auto& c = *call.connection;
    auto zaak = zaak_in(call, *ctx->z, stored);
    // The current status's moment, and whether the new one is the zaaktype's end status.
    std::optional<std::string> current_at;
    auto current = c.query("SELECT datum_status_gezet FROM zgw_statussen WHERE url = $1",
                           {text(zaak, "status")});
    if (!current.empty()) current_at = current[0].text(0);
    if (!cases::becomes_current(text(stored, "datumStatusGezet"), current_at)) {
      // History added to a closed zaak is a change to it.
      guard_closed(call, zaak);
      return;
    }
    auto st_uuid = api.uuid_of(*ctx->cat.statustype, text(stored, "statustype"));
    auto statustype = st_uuid ? api.load(c, *ctx->cat.statustype, *st_uuid) : std::nullopt;
    bool end = false;
    if (statustype) {
      std::vector<std::int64_t> all;
      auto rows = c.query("SELECT volgnummer FROM zgw_statustypen WHERE zaaktype = $1",
                          {text(*statustype, "zaaktype")});
      for (std::size_t i = 0; i < rows.size(); ++i) all.push_back(rows[i].integer(0));
      const auto* v = statustype->if_contains("volgnummer");
      end = v && v->is_int64() && cases::is_end_status(v->as_int64(), all);
    }
    auto transition = cases::status_transition(is_closed(zaak), end);
    auto scope = cases::scope_for(transition);
    if (!scope.empty() && !may(call.client, scope, zaak)) {
      throw forbidden(transition == cases::Transition::Reopen
                          ? "Deze zaak is afgesloten; heropenen vraagt de scope zaken.heropenen."
                          : "Deze zaak is al afgesloten; opnieuw afsluiten vraagt de scope "
                            "zaken.geforceerd-bijwerken.");
    }
    if (transition == cases::Transition::Close || transition == cases::Transition::Reclose) {
      // zrc-007: a zaak closes with a resultaat; einddatum is the day the status was set.
      if (c.query("SELECT 1 FROM zgw_resultaten WHERE zaak_uuid = $1", {text(zaak, "uuid")})
              .empty()) {
        throw ValidationError("nonFieldErrors", "resultaat-does-not-exist",
                              "Een zaak kan pas worden afgesloten als zij een resultaat heeft.");
      }
      zaak["einddatum"] = text(stored, "datumStatusGezet").substr(0, 10);
      derive_zaak_archive(call, *ctx->z, ctx->cat, zaak);
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
    auto rows = a->db().read_once("SELECT 1 FROM zgw_zaken WHERE uuid = $1 AND status = $2",
                                  {last_segment(text(out, "zaak")), a->relative(text(out, "url"))});
    out["indicatieLaatstGezetteStatus"] = !rows.empty();
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
  auto r = base("resultaat", "resultaten", "zgw_resultaten");
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
  r.guard = [a, z](Call&, const json::object& stored) {
    return zaak_guard(*a, *z, text(stored, "zaak"));
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    guard_by_zaak(call, w, scope, "zaak_uuid");
  };
  r.before_store = [z](Call& call, json::object& stored, const json::object*) {
    auto zaak = zaak_in(call, *z, stored);
    guard_closed(call, zaak);
    if (text(zaak, "resultaat") != text(stored, "url")) {
      zaak["resultaat"] = text(stored, "url");
      call.api.store(*call.connection, *z->zaak, zaak, false);
    }
  };
  r.before_destroy = [z](Call& call, const json::object& stored) {
    auto zaak = zaak_in(call, *z, stored);
    guard_closed(call, zaak);
    zaak["resultaat"] = nullptr;
    call.api.store(*call.connection, *z->zaak, zaak, false);
  };
  r.audit_owner = [](const json::object& stored) { return text(stored, "zaak"); };
  r.expansions = {{"zaak", &kZaken, "zaken"}, {"resultaattype", &kCatalogi, "resultaattypen"}};
  z->resultaat = &add(api, std::move(r));
}

}  // namespace loket::zgw::zaken_detail
