// The Catalogi API's catalogussen and zaaktypen.
#include <algorithm>
#include <boost/json.hpp>
#include <memory>

#include "catalog/case_type.hpp"
#include "http/error.hpp"
#include "standards/zgw/catalogi_internal.hpp"
#include "standards/zgw/catalogi_referentielijsten.hpp"

namespace loket::zgw::catalogi_detail {
namespace json = boost::json;

namespace {

constexpr std::ptrdiff_t kMaxTrefwoorden = 100;  // words in one ?trefwoorden= filter

}  // namespace

void add_catalogussen(Api& api, const std::shared_ptr<Catalogi>& cat) {
  auto* a = &api;
  auto r = base("catalogus", "catalogussen", "zgw_catalogussen");
  r.ops = {Op::List, Op::Create, Op::Read, Op::Update, Op::PartialUpdate};
  r.columns = {text_column("url", "url"), text_column("domein", "domein"),
               text_column("rsin", "rsin")};
  r.filters = {exact("domein", "domein"), one_of("domein__in", "domein"), exact("rsin", "rsin"),
               one_of("rsin__in", "rsin")};
  r.default_order = "domein, uuid";
  r.unique_violation = {"domein", "unique", "Deze RSIN heeft al een catalogus met dit domein."};
  r.validate = [](Call&, const json::object& body, const json::object*) {
    Checker check(body);
    json::object out;
    auto domein = check.string("domein", {.required = true, .max_length = 5, .allow_blank = false});
    auto rsin = check.rsin("rsin", true);
    auto naam = check.string("contactpersoonBeheerNaam",
                             {.required = true, .max_length = 40, .allow_blank = false});
    auto tel = check.string("contactpersoonBeheerTelefoonnummer", {.max_length = 20});
    auto mail = check.string("contactpersoonBeheerEmailadres", {.max_length = 254});
    if (mail && !mail->empty() && mail->find('@') == std::string::npos) {
      check.fail("contactpersoonBeheerEmailadres", "invalid", "Geef een geldig e-mailadres.");
    }
    out["domein"] = or_null(domein);
    out["rsin"] = or_null(rsin);
    out["contactpersoonBeheerNaam"] = or_null(naam);
    out["contactpersoonBeheerTelefoonnummer"] = tel.value_or("");
    out["contactpersoonBeheerEmailadres"] = mail.value_or("");
    out["naam"] = or_null(check.string("naam", {.max_length = 200}));
    out["versie"] = or_null(check.string("versie", {.max_length = 20}));
    out["begindatumVersie"] = or_null(check.date("begindatumVersie"));
    check.finish();
    return out;
  };
  r.decorate = [a](Call&, json::object& out) {
    db::Params p{a->relative(text(out, "url"))};
    out["zaaktypen"] = absolute_urls(*a, url_list(*a,
                                                  "SELECT url FROM zgw_zaaktypen WHERE catalogus "
                                                  "= $1 ORDER BY identificatie, begin_geldigheid",
                                                  p));
    out["besluittypen"] =
        absolute_urls(*a, url_list(*a,
                                   "SELECT url FROM zgw_besluittypen WHERE catalogus = $1 ORDER "
                                   "BY omschrijving, begin_geldigheid",
                                   p));
    out["informatieobjecttypen"] =
        absolute_urls(*a, url_list(*a,
                                   "SELECT url FROM zgw_informatieobjecttypen WHERE catalogus = "
                                   "$1 ORDER BY omschrijving, begin_geldigheid",
                                   p));
    json::array bt, iot;
    for (auto& s : url_list(*a,
                            "SELECT DISTINCT omschrijving FROM zgw_besluittypen WHERE catalogus "
                            "= $1 AND omschrijving IS NOT NULL ORDER BY omschrijving",
                            p))
      bt.emplace_back(s);
    for (auto& s : url_list(*a,
                            "SELECT DISTINCT omschrijving FROM zgw_informatieobjecttypen WHERE "
                            "catalogus = $1 ORDER BY omschrijving",
                            p))
      iot.emplace_back(s);
    out["besluittypeOmschrijving"] = std::move(bt);
    out["informatieobjecttypeOmschrijving"] = std::move(iot);
  };
  // What expand follows (Catalogi 1.3: each type to the types it names).
  r.expansions = {{"zaaktypen", &kCatalogi, "zaaktypen", true, ""},
                  {"besluittypen", &kCatalogi, "besluittypen", true, ""},
                  {"informatieobjecttypen", &kCatalogi, "informatieobjecttypen", true, ""}};
  cat->catalogus = &add(api, std::move(r));
}

void add_zaaktypen(Api& api, const std::shared_ptr<Catalogi>& cat) {
  auto* a = &api;
  auto r = base("zaaktype", "zaaktypen", "zgw_zaaktypen");
  r.columns = {text_column("url", "url"),
               text_column("catalogus", "catalogus"),
               text_column("identificatie", "identificatie"),
               bool_column("concept", "concept"),
               text_column("begin_geldigheid", "beginGeldigheid"),
               text_column("einde_geldigheid", "eindeGeldigheid"),
               {"trefwoorden", [](const json::object& o) -> db::Value {
                  std::string s = "|";
                  if (const auto* t = o.if_contains("trefwoorden"); t && t->is_array()) {
                    for (const auto& w : t->as_array()) {
                      if (w.is_string()) s += std::string(w.as_string()) + "|";
                    }
                  }
                  return s;
                }}};
  versioned_filters(r);
  r.filters.push_back(exact("identificatie", "identificatie"));
  r.filters.push_back(
      {"trefwoorden", [](Api&, Where& w, std::string_view v) {
         // One condition per word: thousands of them overflow SQLite's
         // expression depth (a 500), so the list is bounded.
         if (std::count(v.begin(), v.end(), ',') >= kMaxTrefwoorden) {
           throw ValidationError(
               "trefwoorden", "max_length",
               "Geef hoogstens " + std::to_string(kMaxTrefwoorden) + " trefwoorden.");
         }
         std::size_t start = 0;
         while (start <= v.size()) {
           auto comma = v.find(',', start);
           auto word = std::string(
               v.substr(start, comma == std::string_view::npos ? v.npos : comma - start));
           std::string escaped;
           for (char ch : word) {
             if (ch == '%' || ch == '_' || ch == '\\') escaped += '\\';
             escaped += ch;
           }
           w.add("trefwoorden LIKE " + w.bind("%|" + escaped + "|%") + " ESCAPE '\\'");
           if (comma == std::string_view::npos) break;
           start = comma + 1;
         }
       }});
  r.orderings = {{"identificatie", "identificatie"}, {"beginGeldigheid", "begin_geldigheid"}};
  r.default_order = "identificatie, begin_geldigheid, uuid";
  r.validate = [a, cat](Call&, const json::object& body, const json::object* existing) {
    Checker check(body);
    json::object out;
    catalogus_of(*a, *cat, check, out);
    auto catalogus = text(out, "catalogus");
    out["identificatie"] = or_null(
        check.string("identificatie", {.required = true, .max_length = 50, .allow_blank = false}));
    out["omschrijving"] = or_null(
        check.string("omschrijving", {.required = true, .max_length = 80, .allow_blank = false}));
    out["omschrijvingGeneriek"] =
        check.string("omschrijvingGeneriek", {.max_length = 80}).value_or("");
    out["vertrouwelijkheidaanduiding"] =
        or_null(check.choice("vertrouwelijkheidaanduiding", kVertrouwelijkheid, true));
    out["doel"] = or_null(check.string("doel", {.required = true, .allow_blank = false}));
    out["aanleiding"] =
        or_null(check.string("aanleiding", {.required = true, .allow_blank = false}));
    out["toelichting"] = check.string("toelichting").value_or("");
    out["indicatieInternOfExtern"] =
        or_null(check.choice("indicatieInternOfExtern", {"intern", "extern"}, true));
    out["handelingInitiator"] = or_null(check.string(
        "handelingInitiator", {.required = true, .max_length = 20, .allow_blank = false}));
    out["onderwerp"] = or_null(
        check.string("onderwerp", {.required = true, .max_length = 80, .allow_blank = false}));
    out["handelingBehandelaar"] = or_null(check.string(
        "handelingBehandelaar", {.required = true, .max_length = 20, .allow_blank = false}));
    out["doorlooptijd"] = or_null(term(check, "doorlooptijd", true));
    out["servicenorm"] = or_null(term(check, "servicenorm", false));
    auto opschorting = check.boolean("opschortingEnAanhoudingMogelijk", true);
    out["opschortingEnAanhoudingMogelijk"] =
        opschorting ? json::value(*opschorting) : json::value(nullptr);
    auto verlenging = check.boolean("verlengingMogelijk", true);
    out["verlengingMogelijk"] = verlenging ? json::value(*verlenging) : json::value(nullptr);
    auto termijn = term(check, "verlengingstermijn", false);
    if (verlenging && *verlenging && !termijn && check.ok()) {
      check.fail("nonFieldErrors", "verlenging-mismatch",
                 "Geef een verlengingstermijn als verlenging mogelijk is.");
    }
    out["verlengingstermijn"] = or_null(termijn);
    out["trefwoorden"] = strings(check, body, "trefwoorden");
    auto publicatie = check.boolean("publicatieIndicatie", true);
    out["publicatieIndicatie"] = publicatie ? json::value(*publicatie) : json::value(nullptr);
    out["publicatietekst"] = check.string("publicatietekst").value_or("");
    out["verantwoordingsrelatie"] = strings(check, body, "verantwoordingsrelatie");
    json::array producten;
    for (auto& u : check.urls("productenOfDiensten", true)) producten.emplace_back(u);
    out["productenOfDiensten"] = std::move(producten);
    // ztc-001
    auto procestype = check.url("selectielijstProcestype");
    if (procestype && !procestype->empty()) {
      if (procestype->size() > 200) {
        check.fail("selectielijstProcestype", "max_length",
                   "Deze URL mag hoogstens 200 tekens hebben.");
      } else if (resolve_referentie(*a, check, "selectielijstProcestype", *procestype,
                                    "procestypen")) {
        out["selectielijstProcestype"] = a->relative(*procestype);
      }
    } else {
      out["selectielijstProcestype"] = "";
    }
    if (const auto* ref = check.object("referentieproces", true)) {
      Checker sub(*ref, "referentieproces");
      json::object rp;
      rp["naam"] =
          or_null(sub.string("naam", {.required = true, .max_length = 80, .allow_blank = false}));
      rp["link"] = sub.url("link").value_or("");
      for (auto& e : sub.errors()) check.errors().push_back(e);
      out["referentieproces"] = std::move(rp);
    }
    out["verantwoordelijke"] = or_null(check.string(
        "verantwoordelijke", {.required = true, .max_length = 50, .allow_blank = false}));
    // besluittypen, gerelateerdeZaaktypen and productenOfDiensten: required lists in the yaml.
    out["besluittypen"] = same_catalogus(
        *a, check, "besluittypen", check.urls("besluittypen", true), *cat->besluittype, catalogus);
    out["deelzaaktypen"] = same_catalogus(*a, check, "deelzaaktypen", check.urls("deelzaaktypen"),
                                          *cat->zaaktype, catalogus);
    json::array gerelateerd;
    if (const auto* list = check.array("gerelateerdeZaaktypen", true)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto prefix = "gerelateerdeZaaktypen." + std::to_string(i);
        if (!(*list)[i].is_object()) {
          check.fail("gerelateerdeZaaktypen." + std::to_string(i), "invalid", "Geef een object.");
          continue;
        }
        Checker sub((*list)[i].as_object(), prefix);
        json::object rel;
        auto z = sub.url("zaaktype", true);
        rel["zaaktype"] = z ? a->relative(*z) : "";
        rel["aardRelatie"] =
            or_null(sub.choice("aardRelatie", {"vervolg", "bijdrage", "onderwerp"}, true));
        rel["toelichting"] = sub.string("toelichting", {.max_length = 255}).value_or("");
        for (auto& e : sub.errors()) check.errors().push_back(e);
        gerelateerd.push_back(std::move(rel));
      }
    }
    out["gerelateerdeZaaktypen"] = std::move(gerelateerd);
    validity(check, out, true);
    auto versiedatum = check.date("versiedatum");
    out["versiedatum"] =
        versiedatum ? json::value(json::string(*versiedatum)) : out["beginGeldigheid"];
    // Always in the representation (null when not given), as Catalogi 1.3 clients read it.
    const auto* broncatalogus = check.object("broncatalogus");
    out["broncatalogus"] = broncatalogus ? json::value(*broncatalogus) : json::value(nullptr);
    const auto* bronzaaktype = check.object("bronzaaktype");
    out["bronzaaktype"] = bronzaaktype ? json::value(*bronzaaktype) : json::value(nullptr);
    out["concept"] = existing ? is_concept(*existing) : true;
    keep_fixed(check, out, existing, {"catalogus", "identificatie"});
    check.finish();
    return out;
  };
  r.decorate = [a](Call&, json::object& out) {
    db::Params p{a->relative(text(out, "url"))};
    out["statustypen"] = absolute_urls(
        *a, url_list(*a,
                     "SELECT json_url FROM (SELECT '/zgw/catalogi/api/v1/statustypen/' || uuid "
                     "AS json_url, volgnummer FROM zgw_statustypen WHERE zaaktype = $1) s ORDER "
                     "BY volgnummer",
                     p));
    auto by_uuid = [&](const char* table, const char* path) {
      return absolute_urls(
          *a, url_list(*a,
                       std::string("SELECT '/zgw/catalogi/api/v1/") + path + "/' || uuid FROM " +
                           table + " WHERE zaaktype = $1 ORDER BY uuid",
                       p));
    };
    out["roltypen"] = by_uuid("zgw_roltypen", "roltypen");
    out["resultaattypen"] = by_uuid("zgw_resultaattypen", "resultaattypen");
    out["eigenschappen"] = by_uuid("zgw_eigenschappen", "eigenschappen");
    out["zaakobjecttypen"] = by_uuid("zgw_zaakobjecttypen", "zaakobjecttypen");
    auto omschrijvingen =
        url_list(*a,
                 "SELECT DISTINCT informatieobjecttype FROM zgw_zaaktype_informatieobjecttypen "
                 "WHERE zaaktype = $1 ORDER BY informatieobjecttype",
                 p);
    json::array iot_names;
    for (auto& s : omschrijvingen) iot_names.emplace_back(s);
    out["informatieobjecttypeOmschrijving"] = std::move(iot_names);
    out["informatieobjecttypen"] = absolute_urls(
        *a, url_list(*a,
                     "SELECT i.url FROM zgw_informatieobjecttypen i WHERE i.catalogus = $1 AND "
                     "i.concept = 0 AND i.omschrijving IN (SELECT informatieobjecttype FROM "
                     "zgw_zaaktype_informatieobjecttypen WHERE zaaktype = $2) ORDER BY "
                     "i.omschrijving, i.begin_geldigheid",
                     {a->relative(text(out, "catalogus")), a->relative(text(out, "url"))}));
    json::array bt_names;
    if (const auto* bt = out.if_contains("besluittypen"); bt && bt->is_array()) {
      for (const auto& u : bt->as_array()) {
        auto rows = a->db().read_once("SELECT omschrijving FROM zgw_besluittypen WHERE url = $1",
                                      {a->relative(u.as_string())});
        if (!rows.empty() && rows[0].optional_text(0))
          bt_names.emplace_back(*rows[0].optional_text(0));
      }
    }
    out["besluittypeOmschrijving"] = std::move(bt_names);
    json::array deel_ids;
    if (const auto* dz = out.if_contains("deelzaaktypen"); dz && dz->is_array()) {
      for (const auto& u : dz->as_array()) {
        auto rows = a->db().read_once("SELECT identificatie FROM zgw_zaaktypen WHERE url = $1",
                                      {a->relative(u.as_string())});
        if (!rows.empty()) deel_ids.emplace_back(rows[0].text(0));
      }
    }
    out["deelzaaktypeIdentificaties"] = std::move(deel_ids);
    out["resultaattypeOmschrijving"] = json::array{};
  };
  // What expand follows (Catalogi 1.3: each type to the types it names).
  r.expansions = {{"catalogus", &kCatalogi, "catalogussen"},
                  {"statustypen", &kCatalogi, "statustypen", true, ""},
                  {"resultaattypen", &kCatalogi, "resultaattypen", true, ""},
                  {"eigenschappen", &kCatalogi, "eigenschappen", true, ""},
                  {"informatieobjecttypen", &kCatalogi, "informatieobjecttypen", true, ""},
                  {"roltypen", &kCatalogi, "roltypen", true, ""},
                  {"besluittypen", &kCatalogi, "besluittypen", true, ""},
                  {"deelzaaktypen", &kCatalogi, "zaaktypen", true, ""},
                  {"zaakobjecttypen", &kCatalogi, "zaakobjecttypen", true, ""},
                  {"gerelateerdeZaaktypen", &kCatalogi, "zaaktypen", true, "zaaktype"}};
  cat->zaaktype = &add(api, std::move(r));
}

}  // namespace loket::zgw::catalogi_detail
