// The rules of a zaak's body (POST, PUT, PATCH), one function per group of fields, in the order
// the fields are checked and written.
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "cases/case_rules.hpp"
#include "common/instant.hpp"
#include "standards/zgw/catalogi_referentielijsten.hpp"
#include "standards/zgw/documenten.hpp"
#include "standards/zgw/geometry.hpp"
#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw::zaken_detail {
namespace json = boost::json;

namespace {

// What the rules share: the body as a client sent it, what is stored (PUT, PATCH) and the
// object being built; every rule adds its fields to `out` and its failures to `check`.
struct ZaakBody {
  const ZaakContext& ctx;
  Api& api;
  Call& call;
  const json::object& body;
  const json::object* existing;
  Checker check;
  json::object out;
};

// The dates a later rule (the deadline) needs.
struct ZaakDates {
  std::optional<std::string> startdatum;
  std::optional<std::string> uiterlijk;
};

void check_identification(ZaakBody& b) {
  auto& check = b.check;
  auto& out = b.out;
  const auto* existing = b.existing;
  auto identificatie = check.string("identificatie", {.max_length = 40});
  if (identificatie && !identificatie->empty() && !is_identificatie(*identificatie)) {
    check.fail("identificatie", "invalid",
               "Een identificatie bestaat uit letters (A-Z, a-z), cijfers, '-', '_' en '.'.");
  }
  out["identificatie"] = identificatie.value_or("");
  auto bronorganisatie = check.rsin("bronorganisatie", true);
  out["bronorganisatie"] = empty_as_null(bronorganisatie);
  // zrc-002 and the yaml: identificatie is fixed once given; bronorganisatie with it, or a PATCH
  // would move the zaak (and its number) to another organisation. Empty: keep the stored one.
  if (existing) {
    if (identificatie && !identificatie->empty() &&
        *identificatie != text(*existing, "identificatie")) {
      check.fail("identificatie", "wijzigen-niet-toegelaten",
                 "De identificatie van een zaak kan niet worden gewijzigd.");
    }
    if (bronorganisatie && *bronorganisatie != text(*existing, "bronorganisatie")) {
      check.fail("bronorganisatie", "wijzigen-niet-toegelaten",
                 "De bronorganisatie van een zaak kan niet worden gewijzigd.");
    }
  }
  out["omschrijving"] = check.string("omschrijving", {.max_length = 80}).value_or("");
  out["toelichting"] = check.string("toelichting", {.max_length = 1000}).value_or("");
}

std::optional<json::object> check_zaaktype(ZaakBody& b) {
  const auto& ctx = b.ctx;
  auto& api = b.api;
  auto& check = b.check;
  auto& out = b.out;
  const auto* existing = b.existing;
  // zrc-001: the zaaktype exists and is published.
  std::optional<json::object> zaaktype;
  auto zaaktype_url = check.url("zaaktype", true);
  if (zaaktype_url && !zaaktype_url->empty()) {
    zaaktype = api.resolve(check, "zaaktype", *zaaktype_url, *ctx.cat.zaaktype);
    if (zaaktype) {
      const auto* draft = zaaktype->if_contains("concept");
      if (draft && draft->is_bool() && draft->as_bool()) {
        check.fail("zaaktype", "not-published",
                   "Dit zaaktype is nog een concept; publiceer het eerst.");
      }
    }
    out["zaaktype"] = api.relative(*zaaktype_url);
    if (existing && text(*existing, "zaaktype") != api.relative(*zaaktype_url)) {
      check.fail("zaaktype", "wijzigen-niet-toegelaten",
                 "Het zaaktype van een zaak kan niet worden gewijzigd.");
    }
  }
  return zaaktype;
}

ZaakDates check_dates(ZaakBody& b) {
  auto& check = b.check;
  auto& out = b.out;
  const auto* existing = b.existing;
  // registratiedatum: today when absent; not in the future.
  auto registratiedatum = check.date("registratiedatum");
  if (registratiedatum && *registratiedatum > common::today()) {
    check.fail("registratiedatum", "date-in-future",
               "De registratiedatum mag niet in de toekomst liggen.");
  }
  out["registratiedatum"] =
      registratiedatum.value_or(existing ? text(*existing, "registratiedatum") : common::today());
  out["verantwoordelijkeOrganisatie"] =
      empty_as_null(check.rsin("verantwoordelijkeOrganisatie", true));
  auto startdatum = check.date("startdatum", true);
  out["startdatum"] = empty_as_null(startdatum);
  out["einddatumGepland"] = empty_as_null(check.date("einddatumGepland"));
  auto uiterlijk = check.date("uiterlijkeEinddatumAfdoening");
  out["publicatiedatum"] = empty_as_null(check.date("publicatiedatum"));
  return {startdatum, uiterlijk};
}

void check_communicatiekanaal(ZaakBody& b) {
  auto& api = b.api;
  auto& check = b.check;
  auto& out = b.out;
  // zrc-009: the communicatiekanaal is an entry of the reference list.
  auto kanaal = check.url("communicatiekanaal");
  auto kanaal_naam = check.string("communicatiekanaalNaam", {.max_length = 250}).value_or("");
  out["communicatiekanaal"] = "";
  if (kanaal && !kanaal->empty()) {
    if (auto found =
            resolve_referentie(api, check, "communicatiekanaal", *kanaal, "communicatiekanalen")) {
      out["communicatiekanaal"] = api.relative(*kanaal);
      if (kanaal_naam.empty()) kanaal_naam = text(*found, "naam");
    }
  }
  out["communicatiekanaalNaam"] = kanaal_naam;
}

void check_producten(ZaakBody& b, const std::optional<json::object>& zaaktype) {
  auto& check = b.check;
  auto& out = b.out;
  // zrc-014: the products or services are among the zaaktype's.
  json::array producten;
  auto gegeven = check.urls("productenOfDiensten");
  for (std::size_t i = 0; i < gegeven.size(); ++i) {
    if (zaaktype) {
      const auto* allowed = zaaktype->if_contains("productenOfDiensten");
      bool ok = allowed && allowed->is_array() &&
                std::find(allowed->as_array().begin(), allowed->as_array().end(),
                          json::value(json::string(gegeven[i]))) != allowed->as_array().end();
      if (!ok) {
        check.fail("productenOfDiensten", "invalid-products-services",
                   "Deze producten of diensten horen niet bij het zaaktype.");
        break;
      }
    }
    producten.emplace_back(gegeven[i]);
  }
  out["productenOfDiensten"] = std::move(producten);
}

void check_vertrouwelijkheid(ZaakBody& b, const std::optional<json::object>& zaaktype) {
  auto& check = b.check;
  auto& out = b.out;
  // zrc-008: the confidentiality comes from the zaaktype when not given.
  auto vertrouwelijk = check.choice("vertrouwelijkheidaanduiding", kVertrouwelijkheid);
  if (!vertrouwelijk && zaaktype) {
    vertrouwelijk = text(*zaaktype, "vertrouwelijkheidaanduiding");
  }
  out["vertrouwelijkheidaanduiding"] = vertrouwelijk.value_or("openbaar");
}

void check_betaling(ZaakBody& b) {
  auto& check = b.check;
  auto& out = b.out;
  const auto* existing = b.existing;
  // zrc-013: betalingsindicatie nvt has no laatsteBetaaldatum.
  auto betaling =
      check.choice("betalingsindicatie", {"", "nvt", "nog_niet", "gedeeltelijk", "geheel"})
          .value_or("");
  out["betalingsindicatie"] = betaling;
  static const std::map<std::string, std::string, std::less<>> kWeergave{
      {"nvt", "Er is geen sprake van te betalen, met de zaak gemoeide, kosten."},
      {"nog_niet", "De met de zaak gemoeide kosten zijn (nog) niet betaald."},
      {"gedeeltelijk", "De met de zaak gemoeide kosten zijn gedeeltelijk betaald."},
      {"geheel", "De met de zaak gemoeide kosten zijn geheel betaald."}};
  auto w = kWeergave.find(betaling);
  out["betalingsindicatieWeergave"] = w == kWeergave.end() ? "" : w->second;
  auto betaald = check.datetime("laatsteBetaaldatum");
  if (betaald && !cases::payment_date_allowed(betaling)) {
    bool carried = existing && text(*existing, "betalingsindicatie") != "nvt" &&
                   text(*existing, "laatsteBetaaldatum") == *betaald;
    if (carried) {
      betaald.reset();  // changed to nvt: the old payment date goes
    } else {
      check.fail("laatsteBetaaldatum", "betaling-nvt",
                 "Bij betalingsindicatie nvt hoort geen laatsteBetaaldatum.");
    }
  }
  out["laatsteBetaaldatum"] = empty_as_null(betaald);
}

void check_geometrie(ZaakBody& b) {
  auto& check = b.check;
  auto& out = b.out;
  const auto& body = b.body;
  // The geometry: GeoJSON in EPSG:4326.
  const auto* geo = body.if_contains("zaakgeometrie");
  if (geo && !geo->is_null()) {
    if (auto problem = check_geometry(*geo)) {
      check.fail("zaakgeometrie", "invalid", *problem);
    } else {
      out["zaakgeometrie"] = *geo;
    }
  } else {
    out["zaakgeometrie"] = nullptr;
  }
}

std::optional<cases::Period> check_verlenging(ZaakBody& b) {
  auto& check = b.check;
  auto& out = b.out;
  // zrc-011: the groups; null is the same as absent.
  std::optional<cases::Period> verlenging_duur;
  const auto* verlenging = check.object("verlenging");
  // The empty structure a read answers (zrc-011) counts as no verlenging when sent back; any
  // other object needs both duur and reden (the yaml's required; neither may be null).
  if (verlenging) {
    const auto* r = verlenging->if_contains("reden");
    const auto* d = verlenging->if_contains("duur");
    if (r && r->is_string() && r->as_string().empty() && d && d->is_null()) verlenging = nullptr;
  }
  if (verlenging) {
    Checker sub(*verlenging, "verlenging");
    auto reden = sub.string("reden", {.required = true, .max_length = 200, .allow_blank = false});
    auto duur = sub.duration("duur", true);
    for (auto& e : sub.errors()) check.errors().push_back(e);
    out["verlenging"] = {{"reden", reden.value_or("")}, {"duur", empty_as_null(duur)}};
    if (duur) {
      if (auto d = common::parse_duration(*duur)) verlenging_duur = period_of(*d);
    }
  } else {
    out["verlenging"] = nullptr;
  }
  return verlenging_duur;
}

void check_opschorting(ZaakBody& b) {
  auto& check = b.check;
  auto& out = b.out;
  const auto* existing = b.existing;
  bool eerder = false;
  if (existing) {
    if (const auto* o = existing->if_contains("opschorting"); o && o->is_object()) {
      const auto& oo = o->as_object();
      auto flag = [&](const char* k) {
        const auto* b = oo.if_contains(k);
        return b && b->is_bool() && b->as_bool();
      };
      eerder = flag("indicatie") || flag("eerdereOpschorting");
    }
  }
  if (const auto* o = check.object("opschorting")) {
    Checker sub(*o, "opschorting");
    auto indicatie = sub.boolean("indicatie", true);
    // reden is required but may be blank while the zaak is not suspended (the yaml has no
    // minLength); every missing field is reported, not only the first.
    if (!o->contains("reden")) {
      sub.fail("reden", "required", "Dit veld is verplicht.");
    } else if (o->at("reden").is_null()) {
      sub.fail("reden", "null", "Dit veld mag niet leeg (null) zijn.");
    }
    auto reden = sub.string("reden", {.max_length = 200}).value_or("");
    const auto* given = o->if_contains("reden");
    if (indicatie && *indicatie && reden.empty() && given && given->is_string()) {
      sub.fail("reden", "blank", "Geef de reden van de opschorting.");
    }
    for (auto& e : sub.errors()) check.errors().push_back(e);
    out["opschorting"] = {
        {"indicatie", indicatie.value_or(false)}, {"eerdereOpschorting", eerder}, {"reden", reden}};
  } else {
    out["opschorting"] = {{"indicatie", false}, {"eerdereOpschorting", eerder}, {"reden", ""}};
  }
}

void derive_deadline(ZaakBody& b, const ZaakDates& dates,
                     const std::optional<json::object>& zaaktype,
                     const std::optional<cases::Period>& verlenging_duur) {
  auto& out = b.out;
  const auto* existing = b.existing;
  const auto& startdatum = dates.startdatum;
  const auto& uiterlijk = dates.uiterlijk;
  // The legal deadline: given, or the start plus the zaaktype's doorlooptijd (and extension).
  if (uiterlijk) {
    out["uiterlijkeEinddatumAfdoening"] = *uiterlijk;
    // A verlenging granted now moves the deadline it finds, unless the client moved it too.
    bool extended_now = false;
    if (existing && verlenging_duur) {
      const auto* before = existing->if_contains("verlenging");
      bool had = before && before->is_object() && before->as_object().if_contains("duur") &&
                 !before->as_object().at("duur").is_null();
      extended_now = !had && text(*existing, "uiterlijkeEinddatumAfdoening") == *uiterlijk;
    }
    if (extended_now) {
      if (auto day = parse_date(*uiterlijk)) {
        out["uiterlijkeEinddatumAfdoening"] =
            format_date(cases::add_period(*day, *verlenging_duur));
      }
    }
  } else if (startdatum && zaaktype) {
    auto doorlooptijd = period(*zaaktype, "doorlooptijd");
    auto start = parse_date(*startdatum);
    out["uiterlijkeEinddatumAfdoening"] =
        doorlooptijd && start
            ? json::value(format_date(cases::deadline(*start, *doorlooptijd, verlenging_duur)))
            : json::value(nullptr);
  } else {
    out["uiterlijkeEinddatumAfdoening"] = nullptr;
  }
}

void check_selectielijstklasse(ZaakBody& b) {
  auto& api = b.api;
  auto& check = b.check;
  auto& out = b.out;
  auto klasse = check.url("selectielijstklasse");
  out["selectielijstklasse"] = "";
  if (klasse && !klasse->empty()) {
    if (resolve_referentie(api, check, "selectielijstklasse", *klasse, "resultaten")) {
      out["selectielijstklasse"] = api.relative(*klasse);
    }
  }
}

void check_links(ZaakBody& b) {
  const auto& ctx = b.ctx;
  auto& api = b.api;
  auto& call = b.call;
  auto& check = b.check;
  auto& out = b.out;
  const auto* existing = b.existing;
  // A new link to a zaak the client may not read is refused as if that zaak did not exist:
  // linking would change what its readers see (deelzaken) and tell the client facts about it
  // (whether it is a deelzaak). Links already stored stay, so a PATCH of another field works.
  auto linkable = [&](const std::string& field, const std::string& rel, const json::object& found,
                      bool stored_before) {
    if (stored_before || !rel.starts_with("/zgw/") || api.may_read(call, *ctx.z->zaak, found)) {
      return true;
    }
    check.fail(field, "bad-url", "Er bestaat geen zaak met deze URL.");
    return false;
  };
  auto linked_before = [&](const std::string& rel) {
    if (!existing) return false;
    if (text(*existing, "hoofdzaak") == rel) return true;
    const auto* v = existing->if_contains("relevanteAndereZaken");
    if (!v || !v->is_array()) return false;
    return std::any_of(v->as_array().begin(), v->as_array().end(), [&](const json::value& x) {
      return x.is_object() && text(x.as_object(), "url") == rel;
    });
  };

  // zrc-012: the hoofdzaak is a zaak, not itself a deelzaak, and not this zaak.
  auto hoofdzaak = check.url("hoofdzaak");
  out["hoofdzaak"] = nullptr;
  if (hoofdzaak && !hoofdzaak->empty()) {
    auto self = existing ? text(*existing, "url") : std::string();
    auto rel = api.relative(*hoofdzaak);
    if (auto problem = cases::check_hoofdzaak(self, rel, false); problem) {
      check.fail("hoofdzaak", *problem, "Een zaak kan niet haar eigen deelzaak zijn.");
    } else if (auto found = api.resolve(check, "hoofdzaak", *hoofdzaak, *ctx.z->zaak);
               found && linkable("hoofdzaak", rel, *found, linked_before(rel))) {
      const auto* h = found->if_contains("hoofdzaak");
      bool is_deelzaak = h && h->is_string() && !h->as_string().empty();
      if (cases::check_hoofdzaak(self, rel, is_deelzaak)) {
        check.fail("hoofdzaak", "deelzaak-als-hoofdzaak",
                   "Deze zaak is zelf een deelzaak; een deelzaak kan geen hoofdzaak zijn.");
      } else {
        out["hoofdzaak"] = rel;
      }
    }
  }

  // zrc-010: every relevant other zaak exists.
  json::array relevant;
  if (const auto* list = check.array("relevanteAndereZaken")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto at = "relevanteAndereZaken." + std::to_string(i);
      if (!(*list)[i].is_object()) {
        check.fail(at, "invalid", "Geef een object met url en aardRelatie.");
        continue;
      }
      Checker sub((*list)[i].as_object(), at);
      auto url = sub.url("url", true);
      auto aard = sub.choice("aardRelatie", {"vervolg", "onderwerp", "bijdrage", "overig"}, true);
      auto overig = sub.string("overigeRelatie", {.max_length = 100}).value_or("");
      auto toelichting = sub.string("toelichting", {.max_length = 255}).value_or("");
      for (auto& e : sub.errors()) check.errors().push_back(e);
      if (url && !url->empty()) {
        auto found = api.resolve(check, at + ".url", *url, *ctx.z->zaak);
        auto rel = api.relative(*url);
        if (!found || !linkable(at + ".url", rel, *found, linked_before(rel))) continue;
      }
      relevant.push_back({{"url", url ? json::value(api.relative(*url)) : json::value("")},
                          {"aardRelatie", empty_as_null(aard)},
                          {"overigeRelatie", overig},
                          {"toelichting", toelichting}});
    }
  }
  out["relevanteAndereZaken"] = std::move(relevant);
}

void check_kenmerken(ZaakBody& b) {
  auto& check = b.check;
  auto& out = b.out;
  json::array kenmerken;
  if (const auto* list = check.array("kenmerken")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto at = "kenmerken." + std::to_string(i);
      if (!(*list)[i].is_object()) {
        check.fail(at, "invalid", "Geef een object met kenmerk en bron.");
        continue;
      }
      Checker sub((*list)[i].as_object(), at);
      auto kenmerk =
          sub.string("kenmerk", {.required = true, .max_length = 40, .allow_blank = false});
      auto bron = sub.string("bron", {.required = true, .max_length = 40, .allow_blank = false});
      for (auto& e : sub.errors()) check.errors().push_back(e);
      kenmerken.push_back({{"kenmerk", empty_as_null(kenmerk)}, {"bron", empty_as_null(bron)}});
    }
  }
  out["kenmerken"] = std::move(kenmerken);
}

void check_archive(ZaakBody& b) {
  auto& check = b.check;
  auto& out = b.out;
  // zrc-016: an archiefstatus other than nog_te_archiveren needs the other archive fields.
  auto nominatie = check.choice("archiefnominatie", {"blijvend_bewaren", "vernietigen"});
  auto archiefstatus =
      check
          .choice("archiefstatus", {"nog_te_archiveren", "gearchiveerd",
                                    "gearchiveerd_procestermijn_onbekend", "overgedragen"})
          .value_or("nog_te_archiveren");
  auto actiedatum = check.date("archiefactiedatum");
  for (const auto& p :
       cases::check_archiefstatus(archiefstatus, nominatie.has_value(), actiedatum.has_value())) {
    check.fail(p.field, p.code, p.reason);
  }
  // zrc-016: archived only when every related document is.
  if (archiefstatus != "nog_te_archiveren" && b.existing &&
      documents_not_archived(b.api, text(*b.existing, "url")) > 0) {
    check.fail("archiefstatus", "documents-not-archived",
               "Alle informatieobjecten van de zaak moeten eerst de status gearchiveerd hebben.");
  }
  out["archiefnominatie"] = empty_as_null(nominatie);
  out["archiefstatus"] = archiefstatus;
  out["archiefactiedatum"] = empty_as_null(actiedatum);
  out["opdrachtgevendeOrganisatie"] =
      check.string("opdrachtgevendeOrganisatie", {.max_length = 9}).value_or("");
  out["processobjectaard"] = check.string("processobjectaard", {.max_length = 200}).value_or("");
  out["startdatumBewaartermijn"] = empty_as_null(check.date("startdatumBewaartermijn"));
  if (const auto* p = check.object("processobject")) {
    Checker sub(*p, "processobject");
    json::object po;
    // The yaml's Processobject requires all four (zrc-011: a sent group is validated); empty
    // text is allowed, so the empty structure a read answers goes back unchanged.
    for (const char* field : {"datumkenmerk", "identificatie", "objecttype", "registratie"}) {
      if (!p->contains(field)) sub.fail(field, "required", "Dit veld is verplicht.");
      po[field] = sub.string(field, {.max_length = 250}).value_or("");
    }
    for (auto& e : sub.errors()) check.errors().push_back(e);
    out["processobject"] = std::move(po);
  } else {
    out["processobject"] = nullptr;
  }
}

void keep_read_only(ZaakBody& b) {
  auto& out = b.out;
  const auto* existing = b.existing;
  // What only the API sets.
  for (auto key : kZaakReadOnly) {
    const auto* v = existing ? existing->if_contains(key) : nullptr;
    if (v) {
      out[key] = *v;
    } else if (key == "einddatum" || key == "status" || key == "resultaat") {
      out[key] = nullptr;
    } else {
      out[key] = json::array{};
    }
  }
}

}  // namespace

json::object validate_zaak(const ZaakContext& ctx, Call& call, const json::object& body,
                           const json::object* existing) {
  ZaakBody b{ctx, *ctx.api, call, body, existing, Checker(body), {}};
  check_identification(b);
  auto zaaktype = check_zaaktype(b);
  auto dates = check_dates(b);
  check_communicatiekanaal(b);
  check_producten(b, zaaktype);
  check_vertrouwelijkheid(b, zaaktype);
  check_betaling(b);
  check_geometrie(b);
  auto verlenging_duur = check_verlenging(b);
  check_opschorting(b);
  derive_deadline(b, dates, zaaktype, verlenging_duur);
  check_selectielijstklasse(b);
  check_links(b);
  check_kenmerken(b);
  check_archive(b);
  keep_read_only(b);
  b.check.finish();
  return std::move(b.out);
}

}  // namespace loket::zgw::zaken_detail
