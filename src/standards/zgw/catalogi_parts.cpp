// The Catalogi API's parts of a zaaktype: statustypen, roltypen, resultaattypen, eigenschappen,
// zaaktype-informatieobjecttypen and zaakobjecttypen. They follow their zaaktype's state
// (ztc-010).
#include <boost/json.hpp>
#include <memory>

#include "catalog/case_type.hpp"
#include "http/error.hpp"
#include "standards/zgw/catalogi_internal.hpp"
#include "standards/zgw/catalogi_referentielijsten.hpp"

namespace loket::zgw::catalogi_detail {
namespace json = boost::json;

namespace {

// The optional `statustype` of a part: one of the part's own zaaktype (stored relative).
void statustype_of_zaaktype(Api& api, Checker& check, const Catalogi& cat, json::object& out) {
  auto statustype = check.url("statustype");
  if (!statustype || statustype->empty()) {
    out["statustype"] = nullptr;
    return;
  }
  if (auto st = api.resolve(check, "statustype", *statustype, *cat.statustype)) {
    if (text(*st, "zaaktype") != text(out, "zaaktype")) {
      check.fail("nonFieldErrors", "relations-incorrect-zaaktype",
                 "Dit statustype hoort bij een ander zaaktype.");
    }
    out["statustype"] = api.relative(*statustype);
  }
}

}  // namespace

void add_statustypen(Api& api, const std::shared_ptr<Catalogi>& cat) {
  auto* a = &api;
  auto r = part(cat, "statustype", "statustypen", "zgw_statustypen");
  r.columns = {text_column("zaaktype", "zaaktype"), integer_column("volgnummer", "volgnummer")};
  part_filters(r);
  r.default_order = "zaaktype, volgnummer";
  r.unique_violation = {"volgnummer", "unique",
                        "Dit zaaktype heeft al een statustype met dit volgnummer."};
  r.validate = [a, cat](Call&, const json::object& body, const json::object*) {
    Checker check(body);
    json::object out;
    auto zaaktype = part_of(*a, check, *cat, out);
    out["omschrijving"] = or_null(
        check.string("omschrijving", {.required = true, .max_length = 80, .allow_blank = false}));
    out["omschrijvingGeneriek"] =
        check.string("omschrijvingGeneriek", {.max_length = 80}).value_or("");
    out["statustekst"] = check.string("statustekst", {.max_length = 1000}).value_or("");
    auto volgnummer = check.integer("volgnummer", true, 1, 9999);
    out["volgnummer"] = volgnummer ? json::value(*volgnummer) : json::value(nullptr);
    out["informeren"] = check.boolean("informeren").value_or(false);
    out["doorlooptijd"] = or_null(term(check, "doorlooptijd", false));
    out["toelichting"] = or_null(check.string("toelichting", {.max_length = 1000}));
    json::array items;
    if (const auto* list = check.array("checklistitemStatustype")) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (!(*list)[i].is_object()) {
          check.fail("checklistitemStatustype." + std::to_string(i), "invalid", "Geef een object.");
          continue;
        }
        Checker sub((*list)[i].as_object(), "checklistitemStatustype." + std::to_string(i));
        json::object item;
        item["itemnaam"] = or_null(
            sub.string("itemnaam", {.required = true, .max_length = 30, .allow_blank = false}));
        item["toelichting"] = sub.string("toelichting", {.max_length = 1000}).value_or("");
        item["vraagstelling"] = or_null(sub.string(
            "vraagstelling", {.required = true, .max_length = 255, .allow_blank = false}));
        item["verplicht"] = sub.boolean("verplicht").value_or(false);
        for (auto& e : sub.errors()) check.errors().push_back(e);
        items.push_back(std::move(item));
      }
    }
    out["checklistitemStatustype"] = std::move(items);
    // Each an eigenschap of the same zaaktype; a bad one is named by its index.
    json::array eig;
    auto eigenschappen = check.urls("eigenschappen");
    for (std::size_t i = 0; i < eigenschappen.size(); ++i) {
      auto found = a->resolve(check, "eigenschappen." + std::to_string(i), eigenschappen[i],
                              *cat->eigenschap);
      if (!found) continue;
      if (text(*found, "zaaktype") != text(out, "zaaktype")) {
        check.fail("nonFieldErrors", "relations-incorrect-zaaktype",
                   "Deze eigenschap (eigenschappen." + std::to_string(i) +
                       ") hoort bij een ander zaaktype.");
        continue;
      }
      eig.emplace_back(a->relative(eigenschappen[i]));
    }
    out["eigenschappen"] = std::move(eig);
    validity(check, out, false);
    if (zaaktype && out["beginGeldigheid"].is_null())
      out["beginGeldigheid"] = zaaktype->at("beginGeldigheid");
    check.finish();
    return out;
  };
  r.decorate = [a](Call&, json::object& out) {
    auto rows = a->db().read_once("SELECT MAX(volgnummer) FROM zgw_statustypen WHERE zaaktype = $1",
                                  {a->relative(text(out, "zaaktype"))});
    std::vector<std::int64_t> all;
    if (!rows.empty() && rows[0].optional_text(0)) all.push_back(rows[0].integer(0));
    const auto* v = out.if_contains("volgnummer");
    out["isEindstatus"] = v && v->is_int64() && catalog::is_eindstatus(v->as_int64(), all);
  };
  // What expand follows (Catalogi 1.3: each type to the types it names).
  r.expansions = {{"catalogus", &kCatalogi, "catalogussen"},
                  {"zaaktype", &kCatalogi, "zaaktypen"},
                  {"eigenschappen", &kCatalogi, "eigenschappen", true, ""}};
  cat->statustype = &add(api, std::move(r));
}

void add_roltypen(Api& api, const std::shared_ptr<Catalogi>& cat) {
  auto* a = &api;
  auto r = part(cat, "roltype", "roltypen", "zgw_roltypen");
  r.columns = {text_column("zaaktype", "zaaktype"),
               text_column("omschrijving_generiek", "omschrijvingGeneriek")};
  part_filters(r);
  r.filters.push_back(choice("omschrijvingGeneriek", "omschrijving_generiek",
                             {"adviseur", "behandelaar", "belanghebbende", "beslisser", "initiator",
                              "klantcontacter", "zaakcoordinator", "mede_initiator"}));
  r.default_order = "zaaktype, uuid";
  r.validate = [a, cat](Call&, const json::object& body, const json::object*) {
    Checker check(body);
    json::object out;
    auto zaaktype = part_of(*a, check, *cat, out);
    out["omschrijving"] = or_null(
        check.string("omschrijving", {.required = true, .max_length = 100, .allow_blank = false}));
    out["omschrijvingGeneriek"] =
        or_null(check.choice("omschrijvingGeneriek",
                             {"adviseur", "behandelaar", "belanghebbende", "beslisser", "initiator",
                              "klantcontacter", "zaakcoordinator", "mede_initiator"},
                             true));
    validity(check, out, false);
    if (zaaktype && out["beginGeldigheid"].is_null())
      out["beginGeldigheid"] = zaaktype->at("beginGeldigheid");
    check.finish();
    return out;
  };
  // What expand follows (Catalogi 1.3: each type to the types it names).
  r.expansions = {{"catalogus", &kCatalogi, "catalogussen"}, {"zaaktype", &kCatalogi, "zaaktypen"}};
  cat->roltype = &add(api, std::move(r));
}

void add_resultaattypen(Api& api, const std::shared_ptr<Catalogi>& cat) {
  auto* a = &api;
  auto r = part(cat, "resultaattype", "resultaattypen", "zgw_resultaattypen");
  r.columns = {text_column("zaaktype", "zaaktype")};
  part_filters(r);
  r.filters.push_back(zaaktype_identificatie("zaaktype_identificatie"));
  r.filters.push_back(zaaktype_valid_on("datum_geldigheid"));
  r.default_order = "zaaktype, uuid";
  r.validate = [a, cat](Call&, const json::object& body, const json::object*) {
    Checker check(body);
    json::object out;
    auto zaaktype = part_of(*a, check, *cat, out);
    auto catalogus = text(out, "catalogus");
    out["omschrijving"] = or_null(
        check.string("omschrijving", {.required = true, .max_length = 30, .allow_blank = false}));
    // ztc-002: the generic description comes from the list.
    auto rto = check.url("resultaattypeomschrijving", true);
    if (rto && !rto->empty()) {
      if (auto found = resolve_referentie(*a, check, "resultaattypeomschrijving", *rto,
                                          "resultaattypeomschrijvingen")) {
        out["resultaattypeomschrijving"] = a->relative(*rto);
        out["omschrijvingGeneriek"] = text(*found, "omschrijving");
      }
    }
    std::optional<json::object> klasse;
    auto sl = check.url("selectielijstklasse", true);
    if (sl && !sl->empty()) {
      klasse = resolve_referentie(*a, check, "selectielijstklasse", *sl, "resultaten");
      if (klasse) {
        out["selectielijstklasse"] = a->relative(*sl);
        auto procestype = zaaktype ? text(*zaaktype, "selectielijstProcestype") : std::string();
        if (!procestype.empty() && a->relative(text(*klasse, "procesType")) != procestype) {
          check.fail("nonFieldErrors", "procestype-mismatch",
                     "Deze selectielijstklasse hoort niet bij het selectielijstProcestype van "
                     "het zaaktype.");
        }
      }
    }
    out["toelichting"] = check.string("toelichting").value_or("");
    auto nominatie = check.string("archiefnominatie");
    if (nominatie && !nominatie->empty() && *nominatie != "blijvend_bewaren" &&
        *nominatie != "vernietigen") {
      check.fail("archiefnominatie", "invalid_choice",
                 "Kies een van: blijvend_bewaren, vernietigen.");
    }
    if ((!nominatie || nominatie->empty()) && klasse) nominatie = text(*klasse, "waardering");
    out["archiefnominatie"] = nominatie.value_or("");
    auto termijn = check.duration("archiefactietermijn");
    // Not given, or null as 1.x clients send it: from the selectielijstklasse (ztc-002).
    const auto* given_termijn = body.if_contains("archiefactietermijn");
    if ((!given_termijn || given_termijn->is_null()) && klasse) {
      const auto* b = klasse->if_contains("bewaartermijn");
      if (b && b->is_string()) termijn = std::string(b->as_string());
    }
    out["archiefactietermijn"] = or_null(termijn);
    if (const auto* bron = check.object("brondatumArchiefprocedure")) {
      Checker sub(*bron, "brondatumArchiefprocedure");
      json::object b;
      auto afleiding = sub.choice(
          "afleidingswijze",
          {"afgehandeld", "ander_datumkenmerk", "eigenschap", "gerelateerde_zaak", "hoofdzaak",
           "ingangsdatum_besluit", "termijn", "vervaldatum_besluit", "zaakobject"},
          true);
      auto datumkenmerk = sub.string("datumkenmerk", {.max_length = 80}).value_or("");
      auto einddatum = sub.boolean("einddatumBekend").value_or(false);
      auto objecttype = sub.string("objecttype").value_or("");
      auto registratie = sub.string("registratie", {.max_length = 80}).value_or("");
      auto procestermijn = sub.duration("procestermijn");
      b["afleidingswijze"] = or_null(afleiding);
      b["datumkenmerk"] = datumkenmerk;
      b["einddatumBekend"] = einddatum;
      b["objecttype"] = objecttype;
      b["registratie"] = registratie;
      b["procestermijn"] = or_null(procestermijn);
      if (afleiding && sub.ok()) {
        for (const auto& p :
             catalog::check_brondatum({.afleidingswijze = *afleiding,
             .datumkenmerk = !datumkenmerk.empty(),
             .einddatum_bekend = einddatum,
             .objecttype = !objecttype.empty(),
             .registratie = !registratie.empty(),
             .procestermijn = procestermijn.has_value()},
                                      klasse ? text(*klasse, "procestermijn") : std::string())) {
          if (p.code == "invalid-afleidingswijze-for-procestermijn") {
            check.fail("nonFieldErrors", p.code, p.reason);  // with the selectielijstklasse
          } else {
            sub.fail(p.field, p.code, p.reason);
          }
        }
      }
      for (auto& e : sub.errors()) check.errors().push_back(e);
      out["brondatumArchiefprocedure"] = std::move(b);
    } else {
      out["brondatumArchiefprocedure"] = nullptr;
    }
    out["procesobjectaard"] = or_null(check.string("procesobjectaard", {.max_length = 200}));
    auto specifiek = check.boolean("indicatieSpecifiek");
    out["indicatieSpecifiek"] = specifiek ? json::value(*specifiek) : json::value(nullptr);
    out["procestermijn"] = or_null(check.duration("procestermijn"));
    out["besluittypen"] = same_catalogus(*a, check, "besluittypen", check.urls("besluittypen"),
                                         *cat->besluittype, catalogus);
    out["informatieobjecttypen"] =
        same_catalogus(*a, check, "informatieobjecttypen", check.urls("informatieobjecttypen"),
                       *cat->informatieobjecttype, catalogus);
    validity(check, out, false);
    if (zaaktype && out["beginGeldigheid"].is_null())
      out["beginGeldigheid"] = zaaktype->at("beginGeldigheid");
    check.finish();
    return out;
  };
  // What expand follows (Catalogi 1.3: each type to the types it names).
  r.expansions = {{"catalogus", &kCatalogi, "catalogussen"},
                  {"zaaktype", &kCatalogi, "zaaktypen"},
                  {"besluittypen", &kCatalogi, "besluittypen", true, ""},
                  {"informatieobjecttypen", &kCatalogi, "informatieobjecttypen", true, ""}};
  cat->resultaattype = &add(api, std::move(r));
}

void add_eigenschappen(Api& api, const std::shared_ptr<Catalogi>& cat) {
  auto* a = &api;
  auto r = part(cat, "eigenschap", "eigenschappen", "zgw_eigenschappen");
  r.columns = {text_column("zaaktype", "zaaktype"), text_column("naam", "naam")};
  part_filters(r);
  r.default_order = "zaaktype, naam";
  r.unique_violation = {"naam", "unique", "Dit zaaktype heeft al een eigenschap met deze naam."};
  r.validate = [a, cat](Call&, const json::object& body, const json::object*) {
    Checker check(body);
    json::object out;
    auto zaaktype = part_of(*a, check, *cat, out);
    out["naam"] =
        or_null(check.string("naam", {.required = true, .max_length = 20, .allow_blank = false}));
    out["definitie"] = or_null(
        check.string("definitie", {.required = true, .max_length = 255, .allow_blank = false}));
    out["toelichting"] = check.string("toelichting", {.max_length = 1000}).value_or("");
    if (const auto* spec = check.object("specificatie", true)) {
      Checker sub(*spec, "specificatie");
      json::object s;
      s["groep"] = sub.string("groep", {.max_length = 32}).value_or("");
      auto formaat = sub.choice("formaat", {"tekst", "getal", "datum", "datum_tijd"}, true);
      auto lengte =
          sub.string("lengte", {.required = true, .max_length = 14, .allow_blank = false});
      s["formaat"] = or_null(formaat);
      s["lengte"] = or_null(lengte);
      s["kardinaliteit"] = or_null(
          sub.string("kardinaliteit", {.required = true, .max_length = 3, .allow_blank = false}));
      s["waardenverzameling"] = strings(sub, *spec, "waardenverzameling");
      // ztc-015: dates are written YYYYMMDD, date-times YYYYMMDDhhmmss.
      if (formaat && lengte && *formaat == "datum" && *lengte != "8") {
        sub.fail("lengte", "invalid-length",
                 "Een eigenschap met formaat datum heeft lengte 8 (JJJJMMDD).");
      }
      if (formaat && lengte && *formaat == "datum_tijd" && *lengte != "14") {
        sub.fail("lengte", "invalid-length",
                 "Een eigenschap met formaat datum_tijd heeft lengte 14 (JJJJMMDDuummss).");
      }
      for (auto& e : sub.errors()) check.errors().push_back(e);
      out["specificatie"] = std::move(s);
    }
    statustype_of_zaaktype(*a, check, *cat, out);
    validity(check, out, false);
    if (zaaktype && out["beginGeldigheid"].is_null())
      out["beginGeldigheid"] = zaaktype->at("beginGeldigheid");
    check.finish();
    return out;
  };
  // What expand follows (Catalogi 1.3: each type to the types it names).
  r.expansions = {{"catalogus", &kCatalogi, "catalogussen"},
                  {"zaaktype", &kCatalogi, "zaaktypen"},
                  {"statustype", &kCatalogi, "statustypen"}};
  cat->eigenschap = &add(api, std::move(r));
}

void add_zaaktype_informatieobjecttypen(Api& api, const std::shared_ptr<Catalogi>& cat) {
  auto* a = &api;
  auto r = part(cat, "zaaktype-informatieobjecttype", "zaaktype-informatieobjecttypen",
                "zgw_zaaktype_informatieobjecttypen");
  r.columns = {text_column("zaaktype", "zaaktype"),
               text_column("informatieobjecttype", "informatieobjecttype"),
               text_column("richting", "richting"), integer_column("volgnummer", "volgnummer")};
  r.filters.push_back(url_exact("zaaktype", "zaaktype"));
  r.filters.push_back(exact("informatieobjecttype", "informatieobjecttype"));
  r.filters.push_back(choice("richting", "richting", {"inkomend", "intern", "uitgaand"}));
  r.filters.push_back(status_filter(zaaktype_where("concept = 1"), zaaktype_where("concept = 0")));
  r.list_guard = [](Call& call, Where& w, std::string_view) {
    if (!has_param(call, "status")) w.add(zaaktype_where("concept = 0"));
  };
  r.default_order = "zaaktype, volgnummer";
  r.unique_violation = {"volgnummer", "unique",
                        "Dit zaaktype heeft al een informatieobjecttype met dit volgnummer."};
  r.validate = [a, cat](Call&, const json::object& body, const json::object*) {
    Checker check(body);
    json::object out;
    part_of(*a, check, *cat, out);
    auto iot = check.string("informatieobjecttype",
                            {.required = true, .max_length = 100, .allow_blank = false});
    if (iot && out.contains("catalogus")) {
      auto rows = a->db().read_once(
          "SELECT 1 FROM zgw_informatieobjecttypen WHERE catalogus = $1 AND omschrijving = $2",
          {text(out, "catalogus"), *iot});
      if (rows.empty()) {
        check.fail("informatieobjecttype", "does-not-exist",
                   "De catalogus van het zaaktype heeft geen informatieobjecttype met deze "
                   "omschrijving.");
      }
    }
    out["informatieobjecttype"] = or_null(iot);
    auto volgnummer = check.integer("volgnummer", true, 1, 999);
    out["volgnummer"] = volgnummer ? json::value(*volgnummer) : json::value(nullptr);
    out["richting"] = or_null(check.choice("richting", {"inkomend", "intern", "uitgaand"}, true));
    statustype_of_zaaktype(*a, check, *cat, out);
    check.finish();
    return out;
  };
  // What expand follows (Catalogi 1.3: each type to the types it names).
  r.expansions = {{"catalogus", &kCatalogi, "catalogussen"},
                  {"zaaktype", &kCatalogi, "zaaktypen"},
                  {"statustype", &kCatalogi, "statustypen"}};
  cat->zaaktype_informatieobjecttype = &add(api, std::move(r));
}

void add_zaakobjecttypen(Api& api, const std::shared_ptr<Catalogi>& cat) {
  auto* a = &api;
  auto r = part(cat, "zaakobjecttype", "zaakobjecttypen", "zgw_zaakobjecttypen");
  r.columns = {text_column("zaaktype", "zaaktype"),
               text_column("catalogus", "catalogus"),
               text_column("objecttype", "objecttype"),
               bool_column("ander_objecttype", "anderObjecttype"),
               text_column("relatie_omschrijving", "relatieOmschrijving"),
               text_column("begin_geldigheid", "beginGeldigheid"),
               text_column("einde_geldigheid", "eindeGeldigheid")};
  r.filters = {boolean("anderObjecttype", "ander_objecttype"),
               url_exact("catalogus", "catalogus"),
               date_compare("datumBeginGeldigheid", "begin_geldigheid", "="),
               date_compare("datumEindeGeldigheid", "einde_geldigheid", "="),
               valid_on_filter("datumGeldigheid", "begin_geldigheid", "einde_geldigheid"),
               url_exact("objecttype", "objecttype"),
               exact("relatieOmschrijving", "relatie_omschrijving"),
               url_exact("zaaktype", "zaaktype"),
               zaaktype_identificatie("zaaktypeIdentificatie")};
  r.default_order = "zaaktype, uuid";
  r.validate = [a, cat](Call&, const json::object& body, const json::object*) {
    Checker check(body);
    json::object out;
    auto zaaktype = part_of(*a, check, *cat, out);
    auto catalogus = check.url("catalogus", true);
    if (catalogus && !catalogus->empty() && zaaktype &&
        a->relative(*catalogus) != text(*zaaktype, "catalogus")) {
      check.fail("nonFieldErrors", "relations-incorrect-catalogus",
                 "Het zaaktype hoort bij een andere catalogus.");
    }
    auto ander = check.boolean("anderObjecttype", true);
    out["anderObjecttype"] = ander ? json::value(*ander) : json::value(nullptr);
    auto objecttype = check.url("objecttype", true);
    if (objecttype && objecttype->size() > 200) {
      check.fail("objecttype", "max_length", "Deze URL mag hoogstens 200 tekens hebben.");
    }
    out["objecttype"] = or_null(objecttype);
    out["relatieOmschrijving"] = or_null(check.string(
        "relatieOmschrijving", {.required = true, .max_length = 80, .allow_blank = false}));
    validity(check, out, false);
    if (zaaktype && out["beginGeldigheid"].is_null())
      out["beginGeldigheid"] = zaaktype->at("beginGeldigheid");
    check.finish();
    return out;
  };
  r.decorate = [](Call&, json::object& out) {
    // Statustypen and resultaattypen do not point to zaakobjecttypen in this model.
    out["resultaattypen"] = json::array{};
    out["resultaattypeOmschrijving"] = json::array{};
    out["statustypen"] = json::array{};
  };
  // What expand follows (Catalogi 1.3: each type to the types it names).
  r.expansions = {{"catalogus", &kCatalogi, "catalogussen"},
                  {"zaaktype", &kCatalogi, "zaaktypen"},
                  {"statustypen", &kCatalogi, "statustypen", true, ""},
                  {"resultaattypen", &kCatalogi, "resultaattypen", true, ""}};
  cat->zaakobjecttype = &add(api, std::move(r));
}

}  // namespace loket::zgw::catalogi_detail
