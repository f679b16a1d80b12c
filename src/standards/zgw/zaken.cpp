// The Zaken API resources: zaken, statussen, resultaten, rollen, the audit trail, _zoek and
// zaaknummer_reserveren. The rules of a case's life live in cases/case_rules; this file collects
// the facts (zaaktype, statustypen, resultaattype, ...) and applies them.
#include "standards/zgw/zaken.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <memory>

#include "cases/case_rules.hpp"
#include "http/error.hpp"
#include "privacy/field_crypto.hpp"
#include "standards/zgw/catalogi_referentielijsten.hpp"
#include "standards/zgw/geometry.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr std::string_view kLezen = "zaken.lezen";
constexpr std::string_view kAanmaken = "zaken.aanmaken";
constexpr std::string_view kVerwijderen = "zaken.verwijderen";
constexpr std::string_view kForced = "zaken.geforceerd-bijwerken";
// The scope alternatives of the yaml: any one of them will do.
constexpr std::string_view kBijwerkenOfForced = "zaken.bijwerken | zaken.geforceerd-bijwerken";
constexpr std::string_view kStatusZetten =
    "zaken.aanmaken | zaken.statussen.toevoegen | zaken.heropenen";
constexpr std::string_view kAudittrails = "audittrails.lezen";
constexpr std::size_t kGeoCandidates = 10000;  // _zoek within: most candidates checked exactly

const std::initializer_list<std::string_view> kVertrouwelijkheid = {
    "openbaar",      "beperkt_openbaar", "intern", "zaakvertrouwelijk",
    "vertrouwelijk", "confidentieel",    "geheim", "zeer_geheim"};
const std::initializer_list<std::string_view> kBetrokkeneTypen = {
    "natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging", "organisatorische_eenheid",
    "medewerker"};
const std::vector<std::string> kBetrokkeneTypenList = {"natuurlijk_persoon",
                                                       "niet_natuurlijk_persoon", "vestiging",
                                                       "organisatorische_eenheid", "medewerker"};
const std::vector<std::string> kOmschrijvingGeneriek = {
    "adviseur",  "behandelaar",    "belanghebbende",  "beslisser",
    "initiator", "klantcontacter", "zaakcoordinator", "mede_initiator"};

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::value or_null(const std::optional<std::string>& s) {
  return s && !s->empty() ? json::value(json::string(*s)) : json::value(nullptr);
}

std::string last_segment(std::string_view url) {
  auto slash = url.rfind('/');
  return std::string(slash == std::string_view::npos ? url : url.substr(slash + 1));
}

std::string today() {
  return format_date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

cases::Period period_of(const Duration& d) { return {d.years, d.months, d.weeks * 7 + d.days}; }

std::optional<cases::Period> period(const json::object& o, std::string_view key) {
  auto s = text(o, key);
  if (s.empty()) return std::nullopt;
  auto d = parse_duration(s);
  if (!d) return std::nullopt;
  return period_of(*d);
}

// A column from a field of a nested object ("betrokkeneIdentificatie.inpBsn").
Column nested_column(std::string name, std::string object, std::string field) {
  return {
      std::move(name),
      [object = std::move(object), field = std::move(field)](const json::object& o) -> db::Value {
        const auto* v = o.if_contains(object);
        if (!v || !v->is_object()) return nullptr;
        auto s = text(v->as_object(), field);
        if (s.empty()) return nullptr;
        return s;
      }};
}

// The uuid at the end of the `zaak` URL.
Column zaak_uuid_column() {
  return {"zaak_uuid",
          [](const json::object& o) -> db::Value { return last_segment(text(o, "zaak")); }};
}

Column geo_column(std::string name, double BoundingBox::*member) {
  return {std::move(name), [member](const json::object& o) -> db::Value {
            const auto* g = o.if_contains("zaakgeometrie");
            if (!g || g->is_null() || check_geometry(*g)) return nullptr;
            auto box = bounding_box(*g);
            if (!box) return nullptr;
            return (*box).*member;
          }};
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
  throw forbidden("Deze zaak is afgesloten; wijzigen vraagt de scope zaken.geforceerd-bijwerken.");
}

// The zaak an object hangs off, read inside the write transaction.
// Locks the zaak's row until the transaction ends (PostgreSQL: writers of one zaak take turns;
// SQLite has one writer anyway), so that what follows reads its latest state.
void lock_zaak(db::Connection& c, const std::string& uuid) {
  c.execute("UPDATE zgw_zaken SET uuid = uuid WHERE uuid = $1", {uuid});
}

json::object zaak_in(Call& call, const Zaken& z, const json::object& child) {
  auto uuid = call.api.uuid_of(*z.zaak, text(child, "zaak"));
  if (uuid) lock_zaak(*call.connection, *uuid);
  auto zaak = uuid ? call.api.load(*call.connection, *z.zaak, *uuid) : std::nullopt;
  if (!zaak) throw ValidationError("zaak", "does_not_exist", "Deze zaak bestaat niet (meer).");
  return std::move(*zaak);
}

// The fields of a zaak that only the API sets; kept over PUT and PATCH.
constexpr std::string_view kZaakReadOnly[] = {
    "einddatum",    "status",   "resultaat", "rollen", "eigenschappen", "zaakinformatieobjecten",
    "zaakobjecten", "deelzaken"};

// ---- identificatie (zrc-002) ---------------------------------------------------------------

constexpr std::string_view kTellerInit =
    "INSERT INTO zgw_zaaknummer_teller (bronorganisatie, jaar, laatste) VALUES ($1, $2, 0) "
    "ON CONFLICT (bronorganisatie, jaar) DO NOTHING";
constexpr std::string_view kTellerNext =
    "UPDATE zgw_zaaknummer_teller SET laatste = laatste + 1 WHERE bronorganisatie = $1 AND "
    "jaar = $2";
constexpr std::string_view kTellerRead =
    "SELECT laatste FROM zgw_zaaknummer_teller WHERE bronorganisatie = $1 AND jaar = $2";
constexpr std::string_view kNummerTaken =
    "SELECT 1 FROM zgw_zaken WHERE bronorganisatie = $1 AND identificatie = $2 UNION ALL "
    "SELECT 1 FROM zgw_zaaknummers WHERE bronorganisatie = $1 AND identificatie = $2";

// A zaaknummer never handed out before in this bronorganisatie: ZAAK-<year>-<counter>.
std::string next_zaaknummer(db::Connection& c, const std::string& bronorganisatie) {
  auto year = static_cast<std::int64_t>(static_cast<int>(std::chrono::year_month_day{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}
                                                             .year()));
  c.execute(kTellerInit, {bronorganisatie, year});
  for (;;) {
    c.execute(kTellerNext, {bronorganisatie, year});
    auto n = c.query(kTellerRead, {bronorganisatie, year})[0].integer(0);
    auto id = fmt::format("ZAAK-{}-{:010d}", year, n);
    if (c.query(kNummerTaken, {bronorganisatie, id}).empty()) return id;
  }
}

// ---- filters -------------------------------------------------------------------------------

Filter level_at_most(const std::string& name, std::string column) {
  return {name, [name, column = std::move(column)](Api&, Where& w, std::string_view v) {
            auto level = confidentiality_level(v);
            if (level < 0) {
              throw ValidationError(name, "invalid_choice",
                                    "Kies een vertrouwelijkheidaanduiding, zoals openbaar of "
                                    "vertrouwelijk.");
            }
            w.add(column + " <= " + w.bind(std::int64_t{level}));
          }};
}

// A filter on the zaak's roles: `condition` on zgw_rollen with the value bound at "{}".
Filter rol_filter(std::string name, std::string column) {
  return {std::move(name), [column = std::move(column)](Api&, Where& w, std::string_view v) {
            w.add("uuid IN (SELECT zaak_uuid FROM zgw_rollen WHERE " + column + " = " +
                  w.bind(std::string(v)) + ")");
          }};
}

// The BSN is found through its blind index; the number itself goes nowhere else.
Filter bsn_filter(std::string name, bool on_zaak) {
  return {std::move(name), [on_zaak](Api& api, Where& w, std::string_view v) {
            auto index = w.bind(privacy::blind_index(api.keys(), v, "bsn"));
            if (on_zaak) {
              w.add("uuid IN (SELECT zaak_uuid FROM zgw_rollen WHERE bsn_index = " + index + ")");
            } else {
              w.add("bsn_index = " + index);
            }
          }};
}

Filter rol_url_filter(const std::string& name, std::string column) {
  return {name, [name, column = std::move(column)](Api& api, Where& w, std::string_view v) {
            if (!is_url(v)) throw ValidationError(name, "invalid", "Geef een volledige URL.");
            w.add("uuid IN (SELECT zaak_uuid FROM zgw_rollen WHERE " + column + " = " +
                  w.bind(api.relative(v)) + ")");
          }};
}

Filter rol_choice(const std::string& name, std::string column, std::vector<std::string> values) {
  return {name, [name, column = std::move(column), values = std::move(values)](Api&, Where& w,
                                                                               std::string_view v) {
            if (std::find(values.begin(), values.end(), v) == values.end()) {
              std::string list;
              for (const auto& x : values) list += (list.empty() ? "" : ", ") + x;
              throw ValidationError(name, "invalid_choice", "Kies een van: " + list + ".");
            }
            w.add("uuid IN (SELECT zaak_uuid FROM zgw_rollen WHERE " + column + " = " +
                  w.bind(std::string(v)) + ")");
          }};
}

// The identifying numbers of a betrokkene, filterable on rollen and (with rol__) on zaken.
struct IdentificationFilter {
  const char* param;   // after "betrokkeneIdentificatie__"
  const char* column;  // in zgw_rollen
  const char* object;  // always betrokkeneIdentificatie
  const char* field;
};
constexpr IdentificationFilter kIdentifications[] = {
    {"natuurlijkPersoon__anpIdentificatie", "anp_identificatie", "betrokkeneIdentificatie",
     "anpIdentificatie"},
    {"natuurlijkPersoon__inpA_nummer", "inp_a_nummer", "betrokkeneIdentificatie", "inpA_nummer"},
    {"nietNatuurlijkPersoon__innNnpId", "inn_nnp_id", "betrokkeneIdentificatie", "innNnpId"},
    {"nietNatuurlijkPersoon__annIdentificatie", "ann_identificatie", "betrokkeneIdentificatie",
     "annIdentificatie"},
    {"vestiging__vestigingsNummer", "vestigings_nummer", "betrokkeneIdentificatie",
     "vestigingsNummer"},
    {"medewerker__identificatie", "medewerker_identificatie", "betrokkeneIdentificatie",
     "identificatie"},
    {"organisatorischeEenheid__identificatie", "org_eenheid_identificatie",
     "betrokkeneIdentificatie", "identificatie"},
};

// The identification column only for the betrokkeneType it belongs to.
Column identification_column(const IdentificationFilter& f, std::string type) {
  auto inner = nested_column(f.column, f.object, f.field);
  return {f.column, [inner, type = std::move(type)](const json::object& o) -> db::Value {
            if (text(o, "betrokkeneType") != type) return nullptr;
            return inner.value(o);
          }};
}

std::string type_of_identification(std::string_view param) {
  if (param.starts_with("natuurlijkPersoon")) return "natuurlijk_persoon";
  if (param.starts_with("nietNatuurlijkPersoon")) return "niet_natuurlijk_persoon";
  if (param.starts_with("vestiging")) return "vestiging";
  if (param.starts_with("medewerker")) return "medewerker";
  return "organisatorische_eenheid";
}

// ---- the representation ----------------------------------------------------------------------

// zrc-011: the groups are always answered as their nested structure.
void normalise_groups(json::object& zaak) {
  const auto* v = zaak.if_contains("verlenging");
  if (!v || !v->is_object()) zaak["verlenging"] = {{"reden", ""}, {"duur", nullptr}};
  const auto* o = zaak.if_contains("opschorting");
  if (!o || !o->is_object()) {
    zaak["opschorting"] = {{"indicatie", false}, {"eerdereOpschorting", false}, {"reden", ""}};
  }
  const auto* p = zaak.if_contains("processobject");
  if (!p || !p->is_object()) {
    zaak["processobject"] = {
        {"datumkenmerk", ""}, {"identificatie", ""}, {"objecttype", ""}, {"registratie", ""}};
  }
}

// The fields of a zaak in the Zaken 1.7 yaml: what `fields` in _zoek may name (zrc-029).
constexpr std::array<std::string_view, 41> kZaakFields{"url",
                                                       "uuid",
                                                       "identificatie",
                                                       "bronorganisatie",
                                                       "omschrijving",
                                                       "toelichting",
                                                       "zaaktype",
                                                       "registratiedatum",
                                                       "verantwoordelijkeOrganisatie",
                                                       "startdatum",
                                                       "einddatum",
                                                       "einddatumGepland",
                                                       "uiterlijkeEinddatumAfdoening",
                                                       "publicatiedatum",
                                                       "communicatiekanaal",
                                                       "productenOfDiensten",
                                                       "vertrouwelijkheidaanduiding",
                                                       "betalingsindicatie",
                                                       "betalingsindicatieWeergave",
                                                       "laatsteBetaaldatum",
                                                       "zaakgeometrie",
                                                       "verlenging",
                                                       "opschorting",
                                                       "selectielijstklasse",
                                                       "hoofdzaak",
                                                       "deelzaken",
                                                       "relevanteAndereZaken",
                                                       "eigenschappen",
                                                       "rollen",
                                                       "status",
                                                       "zaakinformatieobjecten",
                                                       "zaakobjecten",
                                                       "kenmerken",
                                                       "archiefnominatie",
                                                       "archiefstatus",
                                                       "archiefactiedatum",
                                                       "resultaat",
                                                       "opdrachtgevendeOrganisatie",
                                                       "processobjectaard",
                                                       "startdatumBewaartermijn",
                                                       "processobject"};

// zrc-029: `fields` of _zoek is a list of field names ("*": all) and of objects naming a field
// to expand with the fields wanted of it. The named fields of the zaak are kept; the expansion
// inside such an object is not done (docs/zgw-zaken.md). nullopt: every field.
std::optional<std::vector<std::string>> zoek_fields(const json::value& v, bool with_expand,
                                                    std::vector<http::InvalidParam>& errors) {
  auto fail = [&](std::string reason) {
    errors.push_back({"fields", "invalid", std::move(reason)});
    return std::nullopt;
  };
  if (v.is_null()) return std::nullopt;
  if (with_expand) return fail("Gebruik fields of expand, niet allebei (zrc-029).");
  if (!v.is_array()) return fail("Geef fields als een lijst van veldnamen.");
  std::vector<std::string> names;
  bool all = false;
  auto add = [&](std::string_view name) {
    if (name == "*") {
      all = true;
      return true;
    }
    auto it = std::find(kZaakFields.begin(), kZaakFields.end(), name);
    if (it == kZaakFields.end()) return false;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
    return true;
  };
  for (const auto& item : v.as_array()) {
    if (item.is_string()) {
      if (!add(item.as_string())) {
        return fail("Onbekend veld in fields: " + std::string(item.as_string()) + ".");
      }
    } else if (item.is_object()) {
      for (const auto& kv : item.as_object()) {
        if (!kv.value().is_array())
          return fail("Geef bij " + std::string(kv.key()) + " een lijst.");
        if (kv.key() == "*" || !add(kv.key())) {
          return fail("Onbekend veld in fields: " + std::string(kv.key()) + ".");
        }
      }
    } else {
      return fail("Een element van fields is een veldnaam of een object.");
    }
  }
  if (all) return std::nullopt;
  return names;
}

json::object select_fields(json::object zaak,
                           const std::optional<std::vector<std::string>>& names) {
  if (!names) return zaak;
  json::object out;
  for (const auto& name : *names) {
    if (auto* v = zaak.if_contains(name)) out[name] = std::move(*v);
  }
  return out;
}

std::vector<std::string> expand_names(const Call& call) {
  std::vector<std::string> out;
  auto v = call.request.query_param("expand");
  if (!v) return out;
  std::string_view s = *v;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    auto item = s.substr(start, comma == std::string_view::npos ? s.npos : comma - start);
    // Only the first level is expanded; "status.statustype" expands "status".
    auto dot = item.find('.');
    if (dot != std::string_view::npos) item = item.substr(0, dot);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

// `_expand` for a child of a zaak: each name ("zaak", "statustype", ...) is a field holding one
// URL of the resource it maps to.
void expand_child(Api& api, Call& call, json::object& out,
                  const std::vector<std::pair<std::string, const Resource*>>& fields) {
  auto names = expand_names(call);
  if (names.empty()) return;
  json::object expanded;
  for (const auto& name : names) {
    auto it =
        std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
    if (it == fields.end()) {
      std::string list;
      for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f.first;
      auto reason = "Kan niet uitklappen: " + name;
      reason += "; kies uit " + list + ".";
      throw ValidationError("expand", "invalid-expand", reason);
    }
    auto url = text(out, name);
    if (url.empty()) {
      expanded[name] = nullptr;  // nothing linked
      continue;
    }
    // What the client may not read (or what is gone) is left out; the URL stays in `out`.
    auto found = api.load_readable(call, *it->second, url);
    if (!found) continue;
    json::value v(std::move(*found));
    api.absolutize(v);
    expanded[name] = std::move(v);
  }
  out["_expand"] = std::move(expanded);
}

// ---- the Zaak body -------------------------------------------------------------------------

struct ZaakContext {
  Api* api;
  Catalogi cat;
  std::shared_ptr<Zaken> z;
};

json::object validate_zaak(const ZaakContext& ctx, Call& call, const json::object& body,
                           const json::object* existing) {
  auto& api = *ctx.api;
  Checker check(body);
  json::object out;
  auto identificatie = check.string("identificatie", {.max_length = 40});
  if (identificatie && !identificatie->empty() && !is_identificatie(*identificatie)) {
    check.fail("identificatie", "invalid",
               "Een identificatie bestaat uit letters (A-Z, a-z), cijfers, '-', '_' en '.'.");
  }
  out["identificatie"] = identificatie.value_or("");
  auto bronorganisatie = check.rsin("bronorganisatie", true);
  out["bronorganisatie"] = or_null(bronorganisatie);
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

  // registratiedatum: today when absent; not in the future.
  auto registratiedatum = check.date("registratiedatum");
  if (registratiedatum && *registratiedatum > today()) {
    check.fail("registratiedatum", "date-in-future",
               "De registratiedatum mag niet in de toekomst liggen.");
  }
  out["registratiedatum"] =
      registratiedatum.value_or(existing ? text(*existing, "registratiedatum") : today());
  out["verantwoordelijkeOrganisatie"] = or_null(check.rsin("verantwoordelijkeOrganisatie", true));
  auto startdatum = check.date("startdatum", true);
  out["startdatum"] = or_null(startdatum);
  out["einddatumGepland"] = or_null(check.date("einddatumGepland"));
  auto uiterlijk = check.date("uiterlijkeEinddatumAfdoening");
  out["publicatiedatum"] = or_null(check.date("publicatiedatum"));

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

  // zrc-008: the confidentiality comes from the zaaktype when not given.
  auto vertrouwelijk = check.choice("vertrouwelijkheidaanduiding", kVertrouwelijkheid);
  if (!vertrouwelijk && zaaktype) {
    vertrouwelijk = text(*zaaktype, "vertrouwelijkheidaanduiding");
  }
  out["vertrouwelijkheidaanduiding"] = vertrouwelijk.value_or("openbaar");

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
  out["laatsteBetaaldatum"] = or_null(betaald);

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
    out["verlenging"] = {{"reden", reden.value_or("")}, {"duur", or_null(duur)}};
    if (duur) {
      if (auto d = parse_duration(*duur)) verlenging_duur = period_of(*d);
    }
  } else {
    out["verlenging"] = nullptr;
  }
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

  auto klasse = check.url("selectielijstklasse");
  out["selectielijstklasse"] = "";
  if (klasse && !klasse->empty()) {
    if (resolve_referentie(api, check, "selectielijstklasse", *klasse, "resultaten")) {
      out["selectielijstklasse"] = api.relative(*klasse);
    }
  }

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
                          {"aardRelatie", or_null(aard)},
                          {"overigeRelatie", overig},
                          {"toelichting", toelichting}});
    }
  }
  out["relevanteAndereZaken"] = std::move(relevant);

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
      kenmerken.push_back({{"kenmerk", or_null(kenmerk)}, {"bron", or_null(bron)}});
    }
  }
  out["kenmerken"] = std::move(kenmerken);

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
  out["archiefnominatie"] = or_null(nominatie);
  out["archiefstatus"] = archiefstatus;
  out["archiefactiedatum"] = or_null(actiedatum);
  out["opdrachtgevendeOrganisatie"] =
      check.string("opdrachtgevendeOrganisatie", {.max_length = 9}).value_or("");
  out["processobjectaard"] = check.string("processobjectaard", {.max_length = 200}).value_or("");
  out["startdatumBewaartermijn"] = or_null(check.date("startdatumBewaartermijn"));
  if (const auto* p = check.object("processobject")) {
    Checker sub(*p, "processobject");
    json::object po;
    po["datumkenmerk"] = sub.string("datumkenmerk", {.max_length = 250}).value_or("");
    po["identificatie"] = sub.string("identificatie", {.max_length = 250}).value_or("");
    po["objecttype"] = sub.string("objecttype", {.max_length = 250}).value_or("");
    po["registratie"] = sub.string("registratie", {.max_length = 250}).value_or("");
    for (auto& e : sub.errors()) check.errors().push_back(e);
    out["processobject"] = std::move(po);
  } else {
    out["processobject"] = nullptr;
  }

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
  check.finish();
  (void)call;
  return out;
}

// zrc-015: the archive parameters when a zaak closes, from its resultaat's resultaattype.
void derive_archive(Call& call, const ZaakContext& ctx, json::object& zaak) {
  auto& api = call.api;
  auto rows = call.connection->query("SELECT data FROM zgw_resultaten WHERE zaak_uuid = $1",
                                     {text(zaak, "uuid")});
  if (rows.empty()) return;
  auto resultaat = json::parse(rows[0].text(0)).as_object();
  auto rt_uuid = api.uuid_of(*ctx.cat.resultaattype, text(resultaat, "resultaattype"));
  auto rt = rt_uuid ? api.load(*call.connection, *ctx.cat.resultaattype, *rt_uuid) : std::nullopt;
  if (!rt) return;
  cases::ArchiveFacts f;
  auto nominatie = text(zaak, "archiefnominatie");
  if (!nominatie.empty()) f.zaak_nominatie = nominatie;
  f.resultaattype_nominatie = text(*rt, "archiefnominatie");
  f.archiefactietermijn = period(*rt, "archiefactietermijn");
  if (const auto* b = rt->if_contains("brondatumArchiefprocedure"); b && b->is_object()) {
    f.afleidingswijze = text(b->as_object(), "afleidingswijze");
    f.procestermijn = period(b->as_object(), "procestermijn");
  }
  if (auto e = parse_date(text(zaak, "einddatum"))) f.einddatum = *e;
  if (f.afleidingswijze == "hoofdzaak") {
    auto h = api.uuid_of(*ctx.z->zaak, text(zaak, "hoofdzaak"));
    auto hoofd = h ? api.load(*call.connection, *ctx.z->zaak, *h) : std::nullopt;
    if (hoofd) {
      if (auto e = parse_date(text(*hoofd, "einddatum"))) f.hoofdzaak_einddatum = *e;
    }
  }
  auto archive = cases::derive_archive(f);
  zaak["archiefnominatie"] = or_null(archive.nominatie);
  zaak["archiefactiedatum"] =
      archive.actiedatum ? json::value(format_date(*archive.actiedatum)) : json::value(nullptr);
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

Resource base(std::string name, std::string path, std::string table) {
  Resource r;
  r.component = &kZaken;
  r.name = std::move(name);
  r.path = std::move(path);
  r.table = std::move(table);
  r.read_scope = kLezen;
  r.create_scope = kBijwerkenOfForced;
  r.update_scope = kBijwerkenOfForced;
  r.destroy_scope = kBijwerkenOfForced;
  return r;
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
    check.fail(field, "zaaktype-mismatch",
               "Dit " + kind.name + " hoort niet bij het zaaktype van de zaak.");
  }
  return found;
}

// ---- the roles' identification of the betrokkene ------------------------------------------

json::object identification(Checker& check, const json::object& in, std::string_view type) {
  std::string prefix = "betrokkeneIdentificatie";
  Checker sub(in, prefix);
  json::object out;
  auto str = [&](const char* name, std::size_t max) {
    out[name] = sub.string(name, {.max_length = max}).value_or("");
  };
  auto obj = [&](const char* name) {
    const auto* o = sub.object(name);
    out[name] = o ? json::value(*o) : json::value(nullptr);
  };
  if (type == "natuurlijk_persoon") {
    auto bsn = sub.string("inpBsn", {.max_length = 9}).value_or("");
    if (!bsn.empty() &&
        !std::all_of(bsn.begin(), bsn.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      sub.fail("inpBsn", "invalid", "Een BSN bestaat uit cijfers.");  // never echo the value
    }
    out["inpBsn"] = bsn;
    str("anpIdentificatie", 17);
    str("inpA_nummer", 10);
    str("geslachtsnaam", 200);
    str("voorvoegselGeslachtsnaam", 80);
    str("voorletters", 20);
    str("voornamen", 200);
    out["geslachtsaanduiding"] =
        sub.choice("geslachtsaanduiding", {"", "m", "v", "o"}).value_or("");
    str("geboortedatum", 18);
    obj("verblijfsadres");
    obj("subVerblijfBuitenland");
  } else if (type == "niet_natuurlijk_persoon") {
    str("innNnpId", 9);
    str("annIdentificatie", 17);
    str("statutaireNaam", 500);
    str("innRechtsvorm", 50);
    str("bezoekadres", 1000);
    str("kvkNummer", 8);
    str("vestigingsNummer", 24);
    obj("subVerblijfBuitenland");
  } else if (type == "vestiging") {
    str("vestigingsNummer", 24);
    str("kvkNummer", 8);
    const auto* h = sub.array("handelsnaam");
    out["handelsnaam"] = h ? json::value(*h) : json::value(json::array{});
    obj("verblijfsadres");
    obj("subVerblijfBuitenland");
  } else if (type == "organisatorische_eenheid") {
    str("identificatie", 24);
    str("naam", 50);
    str("isGehuisvestIn", 24);
  } else if (type == "medewerker") {
    str("identificatie", 24);
    str("achternaam", 200);
    str("voorletters", 20);
    str("voorvoegselAchternaam", 10);
  }
  for (auto& e : sub.errors()) check.errors().push_back(e);
  return out;
}

}  // namespace

json::object zaak_for_change(Call& call, const Zaken& zaken, std::string_view zaak_url) {
  auto zaak = zaak_in(call, zaken, json::object{{"zaak", zaak_url}});
  guard_closed(call, zaak);
  return zaak;
}

void update_zaak_list(Call& call, const Zaken& zaken, json::object zaak, std::string_view field,
                      const std::string& url, bool add) {
  update_list(call, zaken, std::move(zaak), field, url, add);
}

Zaken add_zaken(Api& api, const Catalogi& catalogi) {
  auto z = std::make_shared<Zaken>();
  auto ctx = std::make_shared<ZaakContext>(ZaakContext{&api, catalogi, z});
  auto* a = &api;

  // ---- zaken
  {
    auto r = base("zaak", "zaken", "zgw_zaken");
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
                 geo_column("geo_min_x", &BoundingBox::min_x),
                 geo_column("geo_min_y", &BoundingBox::min_y),
                 geo_column("geo_max_x", &BoundingBox::max_x),
                 geo_column("geo_max_y", &BoundingBox::max_y)};
    r.filters = {
        exact("identificatie", "identificatie"),
        exact("bronorganisatie", "bronorganisatie"),
        one_of("bronorganisatie__in", "bronorganisatie"),
        url_exact("zaaktype", "zaaktype"),
        choice("archiefnominatie", "archiefnominatie", {"blijvend_bewaren", "vernietigen"}),
        one_of("archiefnominatie__in", "archiefnominatie"),
        date_compare("archiefactiedatum", "archiefactiedatum", "="),
        is_null("archiefactiedatum__isnull", "archiefactiedatum"),
        date_compare("archiefactiedatum__lt", "archiefactiedatum", "<"),
        date_compare("archiefactiedatum__gt", "archiefactiedatum", ">"),
        choice("archiefstatus", "archiefstatus",
               {"nog_te_archiveren", "gearchiveerd", "gearchiveerd_procestermijn_onbekend",
                "overgedragen"}),
        one_of("archiefstatus__in", "archiefstatus"),
        date_compare("startdatum", "startdatum", "="),
        date_compare("startdatum__gt", "startdatum", ">"),
        date_compare("startdatum__gte", "startdatum", ">="),
        date_compare("startdatum__lt", "startdatum", "<"),
        date_compare("startdatum__lte", "startdatum", "<="),
        date_compare("registratiedatum", "registratiedatum", "="),
        date_compare("registratiedatum__gt", "registratiedatum", ">"),
        date_compare("registratiedatum__lt", "registratiedatum", "<"),
        date_compare("einddatum", "einddatum", "="),
        is_null("einddatum__isnull", "einddatum"),
        date_compare("einddatum__gt", "einddatum", ">"),
        date_compare("einddatum__lt", "einddatum", "<"),
        date_compare("einddatumGepland", "einddatum_gepland", "="),
        date_compare("einddatumGepland__gt", "einddatum_gepland", ">"),
        date_compare("einddatumGepland__lt", "einddatum_gepland", "<"),
        date_compare("uiterlijkeEinddatumAfdoening", "uiterlijke_einddatum_afdoening", "="),
        date_compare("uiterlijkeEinddatumAfdoening__gt", "uiterlijke_einddatum_afdoening", ">"),
        date_compare("uiterlijkeEinddatumAfdoening__lt", "uiterlijke_einddatum_afdoening", "<"),
        rol_choice("rol__betrokkeneType", "betrokkene_type", kBetrokkeneTypenList),
        rol_url_filter("rol__betrokkene", "betrokkene"),
        rol_choice("rol__omschrijvingGeneriek", "omschrijving_generiek", kOmschrijvingGeneriek),
        level_at_most("maximaleVertrouwelijkheidaanduiding", "vertrouwelijkheid"),
        bsn_filter("rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn", true)};
    for (const auto& f : kIdentifications) {
      r.filters.push_back(
          rol_filter(std::string("rol__betrokkeneIdentificatie__") + f.param, f.column));
    }
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
        guard_closed(call, *now);
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
        stored["identificatie"] = next_zaaknummer(c, bron);
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
      std::vector<std::string> uuids{text(stored, "uuid")};
      auto deel = c.query("SELECT uuid FROM zgw_zaken WHERE hoofdzaak = $1", {text(stored, "url")});
      for (std::size_t i = 0; i < deel.size(); ++i) uuids.push_back(deel[i].text(0));
      for (const auto& uuid : uuids) {
        for (const char* table : {"zgw_statussen", "zgw_resultaten", "zgw_rollen"}) {
          c.execute(std::string("DELETE FROM ") + table + " WHERE zaak_uuid = $1", {uuid});
        }
        auto url = call.api.url_of(*z->zaak, uuid);
        c.execute("DELETE FROM zgw_audittrail WHERE hoofd_object = $1", {url});
        if (uuid != text(stored, "uuid")) {
          c.execute("DELETE FROM zgw_zaken WHERE uuid = $1", {uuid});
        }
      }
    };
    r.audit_owner = [](const json::object& stored) { return text(stored, "url"); };
    r.decorate = [a, z, cat = ctx->cat](Call& call, json::object& out) {
      normalise_groups(out);
      auto names = expand_names(call);
      if (names.empty()) return;
      json::object expanded;
      // Every expanded object passes the read gate (Api::load_readable); what the client may
      // not read, or what is gone, is left out of `_expand` while its URL stays in the zaak.
      // null: nothing is linked.
      auto readable = [&](const Resource& kind,
                          std::string_view url) -> std::optional<json::value> {
        auto found = a->load_readable(call, kind, url);
        if (!found) return std::nullopt;
        json::value v(std::move(*found));
        a->absolutize(v);
        return v;
      };
      auto one = [&](const std::string& name, const Resource& kind, std::string_view url) {
        if (url.empty()) {
          expanded[name] = nullptr;
        } else if (auto v = readable(kind, url)) {
          expanded[name] = std::move(*v);
        }
      };
      auto many = [&](const Resource& kind, const json::value* urls) {
        json::array list;
        if (urls && urls->is_array()) {
          for (const auto& u : urls->as_array()) {
            if (!u.is_string()) continue;
            if (auto v = readable(kind, u.as_string())) list.push_back(std::move(*v));
          }
        }
        return list;
      };
      for (const auto& name : names) {
        if (name == "zaaktype") {
          one(name, *cat.zaaktype, text(out, "zaaktype"));
        } else if (name == "status") {
          one(name, *z->status, text(out, "status"));
        } else if (name == "resultaat") {
          one(name, *z->resultaat, text(out, "resultaat"));
        } else if (name == "hoofdzaak") {
          one(name, *z->zaak, text(out, "hoofdzaak"));
        } else if (name == "rollen") {
          expanded[name] = many(*z->rol, out.if_contains("rollen"));
        } else if (name == "deelzaken") {
          expanded[name] = many(*z->zaak, out.if_contains("deelzaken"));
        } else if (name == "relevanteAndereZaken") {
          json::array list;
          if (const auto* v = out.if_contains("relevanteAndereZaken"); v && v->is_array()) {
            for (const auto& item : v->as_array()) {
              if (!item.is_object()) continue;
              if (auto z2 = readable(*z->zaak, text(item.as_object(), "url"))) {
                list.push_back(std::move(*z2));
              }
            }
          }
          expanded[name] = std::move(list);
        } else {
          throw ValidationError("expand", "invalid-expand",
                                "Kan niet uitklappen: " + name +
                                    "; kies uit zaaktype, status, resultaat, hoofdzaak, rollen, "
                                    "deelzaken, relevanteAndereZaken.");
        }
      }
      out["_expand"] = std::move(expanded);
    };
    z->zaak = &add(api, std::move(r));
  }

  // ---- statussen
  {
    auto r = base("status", "statussen", "zgw_statussen");
    r.ops = {Op::List, Op::Create, Op::Read};
    r.create_scope = kStatusZetten;
    r.columns = {text_column("url", "url"), text_column("zaak", "zaak"), zaak_uuid_column(),
                 text_column("statustype", "statustype"),
                 text_column("datum_status_gezet", "datumStatusGezet")};
    r.filters = {url_exact("zaak", "zaak"),
                 url_exact("statustype", "statustype"),
                 {"indicatieLaatstGezetteStatus", [](Api&, Where& w, std::string_view v) {
                    std::string in =
                        "url IN (SELECT status FROM zgw_zaken WHERE status IS NOT NULL)";
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
    r.validate = [a, ctx](Call&, const json::object& body, const json::object* existing) {
      Checker check(body);
      json::object out;
      auto zaak = child_zaak(*a, check, *ctx->z, out, existing);
      typed(*a, check, "statustype", *ctx->cat.statustype, zaak, out);
      auto gezet = check.datetime("datumStatusGezet", true);
      if (gezet && gezet->substr(0, 10) > today()) {
        check.fail("datumStatusGezet", "date-in-future",
                   "datumStatusGezet mag niet in de toekomst liggen.");
      }
      out["datumStatusGezet"] = or_null(gezet);
      out["statustoelichting"] =
          check.string("statustoelichting", {.max_length = 1000}).value_or("");
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
        derive_archive(call, *ctx, zaak);
      } else if (transition == cases::Transition::Reopen) {
        zaak["einddatum"] = nullptr;
        zaak["archiefactiedatum"] = nullptr;
        zaak["archiefnominatie"] = nullptr;
      }
      zaak["status"] = text(stored, "url");
      api.store(c, *ctx->z->zaak, zaak, false);
    };
    r.audit_owner = [](const json::object& stored) { return text(stored, "zaak"); };
    r.decorate = [a, ctx](Call& call, json::object& out) {
      auto rows =
          a->db().read_once("SELECT 1 FROM zgw_zaken WHERE uuid = $1 AND status = $2",
                            {last_segment(text(out, "zaak")), a->relative(text(out, "url"))});
      out["indicatieLaatstGezetteStatus"] = !rows.empty();
      expand_child(*a, call, out, {{"zaak", ctx->z->zaak}, {"statustype", ctx->cat.statustype}});
    };
    z->status = &add(api, std::move(r));
  }

  // ---- resultaten
  {
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
    r.decorate = [a, ctx](Call& call, json::object& out) {
      expand_child(*a, call, out,
                   {{"zaak", ctx->z->zaak}, {"resultaattype", ctx->cat.resultaattype}});
    };
    z->resultaat = &add(api, std::move(r));
  }

  // ---- rollen
  {
    auto r = base("rol", "rollen", "zgw_rollen");
    r.ops = {Op::List, Op::Create, Op::Read, Op::Destroy};
    r.columns = {text_column("zaak", "zaak"),
                 zaak_uuid_column(),
                 text_column("roltype", "roltype"),
                 text_column("betrokkene", "betrokkene"),
                 text_column("betrokkene_type", "betrokkeneType"),
                 text_column("omschrijving", "omschrijving"),
                 text_column("omschrijving_generiek", "omschrijvingGeneriek")};
    for (const auto& f : kIdentifications) {
      r.columns.push_back(identification_column(f, type_of_identification(f.param)));
    }
    // The BSN of a natuurlijk persoon and the KvK number of a vestiging (or of a niet-natuurlijk
    // persoon that carries one) are sealed: encrypted and bound to the row, with a blind index.
    r.sealed_columns = {"bsn_enc", "bsn_index", "kvk_enc", "kvk_index"};
    r.seal = [](Api& api, json::object& data) -> std::vector<db::Value> {
      std::vector<db::Value> out{nullptr, nullptr, nullptr, nullptr};
      auto* id = data.if_contains("betrokkeneIdentificatie");
      if (!id || !id->is_object()) return out;
      auto& o = id->as_object();
      auto uuid = text(data, "uuid");
      if (auto bsn = text(o, "inpBsn"); !bsn.empty()) {
        o.erase("inpBsn");
        out[0] = privacy::encrypt(api.keys(), bsn, "zgw_rollen:" + uuid);
        out[1] = privacy::blind_index(api.keys(), bsn, "bsn");
      }
      if (auto kvk = text(o, "kvkNummer"); !kvk.empty()) {
        o.erase("kvkNummer");
        out[2] = privacy::encrypt(api.keys(), kvk, "zgw_rollen.kvk:" + uuid);
        out[3] = privacy::blind_index(api.keys(), kvk, "kvk");
      }
      return out;
    };
    r.unseal = [](Api& api, json::object& data,
                  const std::vector<std::optional<std::string>>& sealed) {
      auto* id = data.if_contains("betrokkeneIdentificatie");
      if (!id || !id->is_object()) return;
      auto uuid = text(data, "uuid");
      if (!sealed.empty() && sealed[0]) {
        auto bsn = privacy::decrypt(api.keys(), *sealed[0], "zgw_rollen:" + uuid);
        id->as_object()["inpBsn"] = bsn.value_or("");
      }
      if (sealed.size() > 2 && sealed[2]) {
        auto kvk = privacy::decrypt(api.keys(), *sealed[2], "zgw_rollen.kvk:" + uuid);
        id->as_object()["kvkNummer"] = kvk.value_or("");
      }
    };
    r.filters = {url_exact("zaak", "zaak"),
                 url_exact("betrokkene", "betrokkene"),
                 choice("betrokkeneType", "betrokkene_type", kBetrokkeneTypenList),
                 bsn_filter("betrokkeneIdentificatie__natuurlijkPersoon__inpBsn", false),
                 url_exact("roltype", "roltype"),
                 exact("omschrijving", "omschrijving"),
                 choice("omschrijvingGeneriek", "omschrijving_generiek", kOmschrijvingGeneriek)};
    for (const auto& f : kIdentifications) {
      r.filters.push_back(exact(std::string("betrokkeneIdentificatie__") + f.param, f.column));
    }
    r.default_order = "zaak_uuid, uuid";
    r.validate = [a, ctx](Call&, const json::object& body, const json::object* existing) {
      Checker check(body);
      json::object out;
      auto zaak = child_zaak(*a, check, *ctx->z, out, existing);
      auto roltype = typed(*a, check, "roltype", *ctx->cat.roltype, zaak, out);
      out["omschrijving"] = roltype ? text(*roltype, "omschrijving") : "";
      out["omschrijvingGeneriek"] = roltype ? text(*roltype, "omschrijvingGeneriek") : "";
      auto betrokkene = check.url("betrokkene");
      out["betrokkene"] = betrokkene ? a->relative(*betrokkene) : "";
      auto type = check.choice("betrokkeneType", kBetrokkeneTypen, true);
      out["betrokkeneType"] = or_null(type);
      out["afwijkendeNaamBetrokkene"] =
          check.string("afwijkendeNaamBetrokkene", {.max_length = 625}).value_or("");
      out["roltoelichting"] = check.string("roltoelichting", {.max_length = 1000}).value_or("");
      out["indicatieMachtiging"] =
          check.choice("indicatieMachtiging", {"", "gemachtigde", "machtiginggever"}).value_or("");
      if (const auto* cp = check.object("contactpersoonRol")) {
        Checker sub(*cp, "contactpersoonRol");
        json::object c;
        c["emailadres"] = sub.string("emailadres", {.max_length = 254}).value_or("");
        c["functie"] = sub.string("functie", {.max_length = 50}).value_or("");
        c["telefoonnummer"] = sub.string("telefoonnummer", {.max_length = 20}).value_or("");
        c["naam"] = sub.string("naam", {.required = true, .max_length = 200, .allow_blank = false})
                        .value_or("");
        for (auto& e : sub.errors()) check.errors().push_back(e);
        out["contactpersoonRol"] = std::move(c);
      } else {
        out["contactpersoonRol"] = nullptr;
      }
      const auto* ident = check.object("betrokkeneIdentificatie");
      if (ident && type) {
        out["betrokkeneIdentificatie"] = identification(check, *ident, *type);
      } else {
        out["betrokkeneIdentificatie"] = nullptr;
      }
      if ((!betrokkene || betrokkene->empty()) && !ident) {
        check.fail("nonFieldErrors", "invalid-betrokkene",
                   "Geef betrokkene (een URL) of betrokkeneIdentificatie.");
      }
      out["registratiedatum"] =
          existing ? text(*existing, "registratiedatum") : today() + "T00:00:00Z";
      out["statussen"] = json::array{};
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
      update_list(call, *z, std::move(zaak), "rollen", text(stored, "url"), true);
    };
    r.before_destroy = [z](Call& call, const json::object& stored) {
      auto zaak = zaak_in(call, *z, stored);
      guard_closed(call, zaak);
      update_list(call, *z, std::move(zaak), "rollen", text(stored, "url"), false);
    };
    r.audit_owner = [](const json::object& stored) { return text(stored, "zaak"); };
    r.decorate = [a, ctx](Call& call, json::object& out) {
      expand_child(*a, call, out, {{"zaak", ctx->z->zaak}, {"roltype", ctx->cat.roltype}});
    };
    z->rol = &add(api, std::move(r));
  }

  // ---- the audit trail of a zaak
  auto audit_zaak = [z](Call& call) {
    auto uuid = std::string(call.request.param("zaak_uuid"));
    auto zaak = call.api.load(*z->zaak, uuid);
    if (!zaak) throw http::Error(404, "not_found", "Er bestaat geen zaak met deze uuid.");
    Api::require(call.client, *z->zaak, kAudittrails, guard_of(*zaak));
    return call.api.url_of(*z->zaak, uuid);
  };
  api.route(kZaken, http::Method::Get, "/zaken/{zaak_uuid}/audittrail",
            "De audit trail van een zaak.", [audit_zaak](Call& call) {
              auto owner = audit_zaak(call);
              auto rows = call.api.db().read_once(
                  "SELECT data FROM zgw_audittrail WHERE hoofd_object = $1 ORDER BY aanmaakdatum, "
                  "uuid",
                  {owner});
              json::array out;
              for (std::size_t i = 0; i < rows.size(); ++i) {
                json::value v = json::parse(rows[i].text(0));
                call.api.absolutize(v);
                out.push_back(std::move(v));
              }
              return http::Response::json(200, out);
            });
  api.route(kZaken, http::Method::Get, "/zaken/{zaak_uuid}/audittrail/{uuid}",
            "Een regel uit de audit trail van een zaak.", [audit_zaak](Call& call) {
              auto owner = audit_zaak(call);
              auto rows = call.api.db().read_once(
                  "SELECT data FROM zgw_audittrail WHERE hoofd_object = $1 AND uuid = $2",
                  {owner, std::string(call.request.param("uuid"))});
              if (rows.empty()) {
                throw http::Error(404, "not_found", "Deze audit trail-regel bestaat niet.");
              }
              json::value v = json::parse(rows[0].text(0));
              call.api.absolutize(v);
              return http::Response::json(200, v);
            });

  // ---- _zoek: the list's filters in a body, plus zaakgeometrie within a geometry
  api.route(
      kZaken, http::Method::Post, "/zaken/_zoek", "Zoek zaken (filters en zaakgeometrie).",
      [z](Call& call) {
        const auto& r = *z->zaak;
        Api::require(call.client, r, kLezen, std::nullopt);
        check_crs(call.request, true);
        auto body = parse_object(call.request);
        Where where;
        std::vector<http::InvalidParam> errors;
        std::optional<json::value> area;
        std::optional<std::vector<std::string>> selection;  // zrc-029 fields; nullopt: all
        std::string order = r.default_order;
        for (const auto& kv : body) {
          std::string name(kv.key());
          if (name == "zaakgeometrie") {
            const auto& g = kv.value();
            const auto* within = g.is_object() ? g.as_object().if_contains("within") : nullptr;
            // Any GeoJSON geometry the yaml's GeoWithin allows (Point .. GeometryCollection).
            auto problem = within ? check_geometry(*within) : std::optional<std::string>("");
            auto box = problem ? std::nullopt : bounding_box(*within);
            if (!box) {
              errors.push_back({"zaakgeometrie", "invalid",
                                "Geef zaakgeometrie.within: een GeoJSON-geometrie" +
                                    (problem && !problem->empty() ? " (" + *problem + ")" : "") +
                                    "."});
              continue;
            }
            area = *within;
            // The candidates lie in the area's box, widened by the tolerance within() allows
            // for a position on a point or a line.
            constexpr double kSlack = 1e-9;
            where.add("geo_min_x >= " + where.bind(box->min_x - kSlack) +
                      " AND geo_max_x <= " + where.bind(box->max_x + kSlack) +
                      " AND geo_min_y >= " + where.bind(box->min_y - kSlack) +
                      " AND geo_max_y <= " + where.bind(box->max_y + kSlack));
            continue;
          }
          if (name == "fields") {
            selection = zoek_fields(kv.value(), body.contains("expand"), errors);
            continue;
          }
          if (name == "expand") continue;
          // A list of values is the same as comma-separated ones ("__in").
          std::string value;
          if (kv.value().is_string()) {
            value = kv.value().as_string();
          } else if (kv.value().is_array()) {
            for (const auto& item : kv.value().as_array()) {
              if (item.is_string())
                value += (value.empty() ? "" : ",") + std::string(item.as_string());
            }
          } else if (kv.value().is_bool()) {
            value = kv.value().as_bool() ? "true" : "false";
          } else if (!kv.value().is_null()) {
            value = json::serialize(kv.value());
          }
          if (name == "ordering") {
            auto it = std::find_if(r.orderings.begin(), r.orderings.end(), [&](const auto& o) {
              return o.first == (value.starts_with('-') ? value.substr(1) : value);
            });
            if (it == r.orderings.end()) {
              errors.push_back(
                  {"ordering", "invalid_choice", "Op dit veld kan niet gesorteerd worden."});
            } else {
              order = it->second + (value.starts_with('-') ? " DESC" : " ASC") + ", uuid";
            }
            continue;
          }
          auto f = std::find_if(r.filters.begin(), r.filters.end(),
                                [&](const Filter& x) { return x.name == name; });
          if (f == r.filters.end()) {
            errors.push_back({"nonFieldErrors", "unknown-parameters",
                              "Onbekende parameter: " + name + "; zie de OpenAPI-specificatie."});
            continue;
          }
          try {
            f->apply(call.api, where, value);
          } catch (const http::Error& e) {
            errors.insert(errors.end(), e.invalid_params().begin(), e.invalid_params().end());
          }
        }
        auto page = zgw_page(call.request, call.api.settings().page_size, errors);
        if (!errors.empty()) throw ValidationError(std::move(errors));
        r.list_guard(call, where, kLezen);
        std::string sql = "SELECT data FROM zgw_zaken" + where.sql() + " ORDER BY " + order;
        // The count goes without the paging parameters bound below.
        auto count_params = where.params();
        if (!area) {
          sql += " LIMIT " + where.bind(page.size) + " OFFSET " + where.bind(page.offset());
        } else {
          sql += " LIMIT " + where.bind(static_cast<std::int64_t>(kGeoCandidates));
        }
        auto rows = call.api.db().read_once(sql, where.params());
        std::int64_t total = 0;
        json::array results;
        if (area) {
          std::vector<json::object> hits;
          for (std::size_t i = 0; i < rows.size(); ++i) {
            auto obj = json::parse(rows[i].text(0)).as_object();
            if (within(obj.at("zaakgeometrie"), *area) && call.api.may_read(call, r, obj)) {
              hits.push_back(std::move(obj));
            }
          }
          total = static_cast<std::int64_t>(hits.size());
          for (auto i = page.offset(); i < total && i < page.end(); ++i) {
            results.push_back(select_fields(
                call.api.render(call, r, std::move(hits[static_cast<std::size_t>(i)])), selection));
          }
        } else {
          auto count =
              call.api.db().read_once("SELECT COUNT(*) FROM zgw_zaken" + where.sql(), count_params);
          total = count.empty() ? 0 : count[0].integer(0);
          for (std::size_t i = 0; i < rows.size(); ++i) {
            auto obj = json::parse(rows[i].text(0)).as_object();
            if (!call.api.may_read(call, r, obj)) continue;  // the list guard's second line
            results.push_back(select_fields(call.api.render(call, r, std::move(obj)), selection));
          }
        }
        if (results.empty() && page.number > 1)
          throw http::Error(404, "not_found", "Deze pagina bestaat niet.");
        auto link = [&](std::int64_t n) -> json::value {
          if (!http::page_exists(page, n, total)) return nullptr;
          return json::string(call.api.absolute(std::string(kZaken.mount) +
                                                "/zaken/_zoek?page=" + std::to_string(n)));
        };
        auto response = http::Response::json(200, json::object{{"count", total},
                                                               {"next", link(page.number + 1)},
                                                               {"previous", link(page.number - 1)},
                                                               {"results", std::move(results)}});
        response.headers.set("content-crs", std::string(kCrs));
        return response;
      });

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
                  auto id = next_zaaknummer(c, *bron);
                  c.execute(
                      "INSERT INTO zgw_zaaknummers (bronorganisatie, identificatie, "
                      "gereserveerd) VALUES ($1, $2, $3)",
                      {*bron, id, today()});
                  numbers.push_back(json::object{{"zaaknummer", id}});
                }
              });
              if (aantal == 1) return http::Response::json(201, numbers[0]);
              return http::Response::json(201, numbers);
            });

  return *z;
}

}  // namespace loket::zgw
