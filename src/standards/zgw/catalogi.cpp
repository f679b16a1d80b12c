// The Catalogi API resources. Zaaktypen, informatieobjecttypen and besluittypen are versioned
// and start as concepts; the parts of a zaaktype (statustypen, roltypen, ...) follow their
// zaaktype's state. The rules themselves live in catalog/case_type.
#include "standards/zgw/catalogi.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <memory>

#include "catalog/case_type.hpp"
#include "http/error.hpp"
#include "standards/zgw/catalogi_referentielijsten.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr std::string_view kLezen = "catalogi.lezen";
constexpr std::string_view kSchrijven = "catalogi.schrijven";
constexpr std::string_view kForced = "catalogi.geforceerd-schrijven";
constexpr std::string_view kForcedDelete = "catalogi.geforceerd-verwijderen";
constexpr std::ptrdiff_t kMaxTrefwoorden = 100;  // words in one ?trefwoorden= filter

const std::initializer_list<std::string_view> kVertrouwelijkheid = {
    "openbaar",      "beperkt_openbaar", "intern", "zaakvertrouwelijk",
    "vertrouwelijk", "confidentieel",    "geheim", "zeer_geheim"};

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::value or_null(const std::optional<std::string>& s) {
  return s ? json::value(json::string(*s)) : json::value(nullptr);
}

bool is_concept(const json::object& o) {
  const auto* v = o.if_contains("concept");
  return !v || !v->is_bool() || v->as_bool();
}

Resource base(std::string name, std::string path, std::string table) {
  Resource r;
  r.component = &kCatalogi;
  r.name = std::move(name);
  r.path = std::move(path);
  r.table = std::move(table);
  r.ops = {Op::List, Op::Create, Op::Read, Op::Update, Op::PartialUpdate, Op::Destroy};
  r.read_scope = kLezen;
  r.create_scope = r.update_scope = r.destroy_scope = kSchrijven;
  return r;
}

std::vector<std::string> url_list(Api& api, const std::string& sql, const db::Params& params) {
  std::vector<std::string> out;
  auto rows = api.db().read_once(sql, params);
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].text(0));
  return out;
}

json::array absolute_urls(Api& api, const std::vector<std::string>& urls) {
  json::array out;
  for (const auto& u : urls) out.emplace_back(api.absolute(u));
  return out;
}

json::array strings(Checker& check, const json::object& body, std::string_view field) {
  json::array out;
  const auto* list = check.array(field);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_string()) {
      check.fail(std::string(field) + "." + std::to_string(i), "invalid", "Geef tekst.");
      continue;
    }
    out.push_back((*list)[i]);
  }
  (void)body;
  return out;
}

// A term field: optional ISO 8601 duration longer than nothing.
std::optional<std::string> term(Checker& check, std::string_view field, bool required) {
  auto s = check.string(field, {.required = required});
  if (!s) return std::nullopt;
  if (auto problem = catalog::check_term(*s)) {
    check.fail(field, "invalid", *problem);
    return std::nullopt;
  }
  return s;
}

// The validity fields every versioned type (and part) carries; checks the order.
void validity(Checker& check, json::object& out, bool begin_required) {
  auto begin = check.date("beginGeldigheid", begin_required);
  auto end = check.date("eindeGeldigheid");
  auto begin_object = check.date("beginObject");
  auto end_object = check.date("eindeObject");
  // Errors about a combination of fields are nonFieldErrors, as clients of the reference
  // implementation read them.
  if (begin && end && !catalog::is_ordered({*begin, end})) {
    check.fail("nonFieldErrors", "date-mismatch",
               "eindeGeldigheid mag niet voor beginGeldigheid liggen.");
  }
  if (begin_object && end_object && *end_object < *begin_object) {
    check.fail("nonFieldErrors", "date-mismatch", "eindeObject mag niet voor beginObject liggen.");
  }
  out["beginGeldigheid"] = or_null(begin);
  out["eindeGeldigheid"] = or_null(end);
  out["beginObject"] = or_null(begin_object);
  out["eindeObject"] = or_null(end_object);
}

// References to versioned types in the same catalogue (zaaktype.besluittypen, ...): each must
// exist and sit in `catalogus`.
json::array same_catalogus(Api& api, Checker& check, std::string_view field,
                           const std::vector<std::string>& urls, const Resource& kind,
                           const std::string& catalogus) {
  json::array out;
  for (std::size_t i = 0; i < urls.size(); ++i) {
    auto at = std::string(field) + "." + std::to_string(i);
    auto found = api.resolve(check, at, urls[i], kind);
    if (!found) continue;
    if (!catalogus.empty() && text(*found, "catalogus") != catalogus) {
      // The reference names deelzaaktypen; the other relations are nonFieldErrors there.
      check.fail(field == "deelzaaktypen" ? field : "nonFieldErrors",
                 "relations-incorrect-catalogus",
                 "Deze " + kind.name + " (" + at + ") hoort bij een andere catalogus.");
      continue;
    }
    out.emplace_back(api.relative(urls[i]));
  }
  return out;
}

// ---- concepts and publishing -------------------------------------------------------------

http::Error refused(std::string field, std::string code, std::string reason) {
  return ValidationError(std::move(field), std::move(code), std::move(reason));
}

// ztc-009: a published version changes only in eindeGeldigheid, unless the client corrects it.
void guard_published(Call& call, const json::object& stored, const json::object* before) {
  if (!before || is_concept(*before)) return;
  if (catalog::changes_only(*before, stored, {"eindeGeldigheid"})) return;
  if (call.client.may(kCatalogi.code, kForced)) return;
  throw refused("nonFieldErrors", "non-concept-object",
                "Dit object is gepubliceerd en kan niet meer worden gewijzigd, alleen "
                "eindeGeldigheid; een correctie vraagt de scope catalogi.geforceerd-schrijven.");
}

void guard_destroy_published(Call& call, const json::object& stored) {
  if (is_concept(stored) || call.client.may(kCatalogi.code, kForcedDelete)) return;
  throw refused("nonFieldErrors", "non-concept-object",
                "Dit object is gepubliceerd en kan niet worden verwijderd.");
}

// A versioned type: its table, the field that names its versions, and that field's column.
struct Versioned {
  const Resource* resource;
  std::string key_field, key_column;
};

// ---- relations between versioned types (ztc-010's non-concept-relation) ------------------

// The published types an object is related to by URL (relative URLs).
using Related = std::function<std::vector<std::string>(Call&, const json::object&)>;

// Those of `urls` (a list of relative URLs of `kind`) that are published.
std::vector<std::string> published_of(Call& call, const Resource& kind, const json::value* urls) {
  std::vector<std::string> out;
  if (!urls || !urls->is_array()) return out;
  for (const auto& u : urls->as_array()) {
    if (!u.is_string()) continue;
    auto uuid = call.api.uuid_of(kind, u.as_string());
    auto found = uuid ? call.api.load(*call.connection, kind, *uuid) : std::nullopt;
    if (found && !is_concept(*found)) out.emplace_back(u.as_string());
  }
  return out;
}

// The published objects of `table` whose representation lists `url` (zaaktypen listing a
// besluittype, besluittypen listing an informatieobjecttype).
std::vector<std::string> published_listing(Call& call, std::string_view table,
                                           const std::string& url) {
  std::vector<std::string> out;
  if (url.empty()) return out;
  auto rows = call.connection->query(
      "SELECT url FROM " + std::string(table) + " WHERE concept = 0 AND data LIKE $1 ORDER BY url",
      {"%\"" + url + "\"%"});
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].text(0));
  return out;
}

// A concept related to a published type is changed (PUT, PATCH beyond eindeGeldigheid) only by
// a correction, and deleted only with catalogi.geforceerd-verwijderen, as the reference
// implementation does (400 nonFieldErrors non-concept-relation). Published objects are ztc-009's.
void guard_relations(Call& call, const Resource& r, const Related& related,
                     const json::object& stored, const json::object* before) {
  bool destroying = before == nullptr;
  const auto& old = destroying ? stored : *before;
  if (!is_concept(old)) return;
  if (!destroying && catalog::changes_only(old, stored, {"eindeGeldigheid"})) return;
  if (call.client.may(kCatalogi.code, destroying ? kForcedDelete : kForced)) return;
  auto found = related(call, old);
  if (!destroying && found.empty()) found = related(call, stored);
  if (found.empty()) return;
  throw refused("nonFieldErrors", "non-concept-relation",
                "Dit " + r.name + " is gerelateerd aan een gepubliceerd type (" +
                    call.api.absolute(found.front()) + "); " +
                    (destroying ? "verwijderen vraagt de scope catalogi.geforceerd-verwijderen."
                                : "wijzigen vraagt de scope catalogi.geforceerd-schrijven (een "
                                  "correctie)."));
}

// ztc-016: versions with the same name in one catalogue do not overlap in validity.
void guard_overlap(db::Connection& c, const Versioned& v, const json::object& stored) {
  auto rows =
      c.query("SELECT url, begin_geldigheid, einde_geldigheid, concept FROM " + v.resource->table +
                  " WHERE catalogus = $1 AND " + v.key_column + " = $2 AND uuid <> $3",
              {text(stored, "catalogus"), text(stored, v.key_field), text(stored, "uuid")});
  std::vector<catalog::Version> others;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    others.push_back(
        {rows[i].text(0), {rows[i].text(1), rows[i].optional_text(2)}, rows[i].integer(3) == 1});
  }
  auto end = text(stored, "eindeGeldigheid");
  catalog::Validity mine{text(stored, "beginGeldigheid"),
                         end.empty() ? std::nullopt : std::optional<std::string>(end)};
  if (auto clash = catalog::overlapping_version(mine, others)) {
    throw refused("beginGeldigheid", "overlap",
                  "Er is al een versie met " + v.key_field + " " + text(stored, v.key_field) +
                      " in deze catalogus die in deze periode geldig is (" + *clash +
                      "); laat de periodes aansluiten, niet overlappen.");
  }
}

// The status filter of versioned types: concept, definitief, or alles; definitief when absent.
Filter status_filter(std::string if_concept, std::string if_final) {
  return {"status", [draft = std::move(if_concept), final_ = std::move(if_final)](
                        Api&, Where& w, std::string_view v) {
            if (v == "concept") {
              w.add(draft);
            } else if (v == "definitief") {
              w.add(final_);
            } else if (v != "alles") {
              throw ValidationError("status", "invalid_choice",
                                    "Kies een van: alles, concept, definitief.");
            }
          }};
}

bool has_param(const Call& call, std::string_view name) {
  for (const auto& [k, v] : call.request.query) {
    if (k == name) return true;
  }
  return false;
}

Filter valid_on_filter(const std::string& name, std::string begin_column, std::string end_column) {
  return {name, [name, begin_column = std::move(begin_column), end_column = std::move(end_column)](
                    Api&, Where& w, std::string_view v) {
            if (!parse_date(v)) {
              throw ValidationError(name, "invalid", "Geef een bestaande datum als JJJJ-MM-DD.");
            }
            auto day = w.bind(std::string(v));
            w.add("(" + begin_column + " <= " + day + " AND (" + end_column + " IS NULL OR " +
                  end_column + " >= " + day + "))");
          }};
}

// Sub-resource filters go through their zaaktype.
std::string zaaktype_where(const std::string& condition) {
  return "zaaktype IN (SELECT url FROM zgw_zaaktypen WHERE " + condition + ")";
}

Filter zaaktype_valid_on(const std::string& name) {
  return {
      name, [name](Api&, Where& w, std::string_view v) {
        if (!parse_date(v)) {
          throw ValidationError(name, "invalid", "Geef een bestaande datum als JJJJ-MM-DD.");
        }
        auto day = w.bind(std::string(v));
        w.add(zaaktype_where("begin_geldigheid <= " + day +
                             " AND (einde_geldigheid IS NULL OR einde_geldigheid >= " + day + ")"));
      }};
}

Filter zaaktype_identificatie(std::string name) {
  return {std::move(name), [](Api&, Where& w, std::string_view v) {
            w.add(zaaktype_where("identificatie = " + w.bind(std::string(v))));
          }};
}

// ---- the parts of a zaaktype -------------------------------------------------------------

// The zaaktype a part names: resolved, and copied into the part's derived fields.
std::optional<json::object> part_of(Api& api, Checker& check, const Catalogi& cat,
                                    json::object& out) {
  auto url = check.url("zaaktype", true);
  if (!url || url->empty()) return std::nullopt;
  auto zaaktype = api.resolve(check, "zaaktype", *url, *cat.zaaktype);
  if (!zaaktype) return std::nullopt;
  out["zaaktype"] = api.relative(*url);
  out["catalogus"] = text(*zaaktype, "catalogus");
  out["zaaktypeIdentificatie"] = text(*zaaktype, "identificatie");
  return zaaktype;
}

// ztc-010: parts change only with a concept zaaktype, unless the client corrects (not deletes).
void guard_part(Call& call, const Catalogi& cat, const json::object& part, bool deleting) {
  auto uuid = call.api.uuid_of(*cat.zaaktype, text(part, "zaaktype"));
  auto zaaktype = uuid ? call.api.load(*call.connection, *cat.zaaktype, *uuid) : std::nullopt;
  if (!zaaktype || is_concept(*zaaktype)) return;
  if (!deleting && call.client.may(kCatalogi.code, kForced)) return;
  if (deleting && call.client.may(kCatalogi.code, kForcedDelete)) return;
  throw refused("nonFieldErrors", "non-concept-zaaktype",
                deleting ? "Het zaaktype is gepubliceerd; onderdelen ervan kunnen niet worden "
                           "verwijderd."
                         : "Het zaaktype is gepubliceerd; onderdelen ervan wijzigen of toevoegen "
                           "vraagt de scope catalogi.geforceerd-schrijven (een correctie).");
}

Resource part(const std::shared_ptr<Catalogi>& cat, std::string name, std::string path,
              std::string table) {
  auto r = base(std::move(name), std::move(path), std::move(table));
  r.before_store = [cat](Call& call, json::object& stored, const json::object* before) {
    guard_part(call, *cat, stored, false);
    if (before && text(*before, "zaaktype") != text(stored, "zaaktype")) {
      guard_part(call, *cat, *before, false);
    }
  };
  r.before_destroy = [cat](Call& call, const json::object& stored) {
    guard_part(call, *cat, stored, true);
  };
  return r;
}

void part_filters(Resource& r) {
  r.filters.push_back(url_exact("zaaktype", "zaaktype"));
  r.filters.push_back(zaaktype_identificatie("zaaktypeIdentificatie"));
  r.filters.push_back(status_filter(zaaktype_where("concept = 1"), zaaktype_where("concept = 0")));
  r.filters.push_back(zaaktype_valid_on("datumGeldigheid"));
  r.list_guard = [](Call& call, Where& w, std::string_view) {
    if (!has_param(call, "status")) w.add(zaaktype_where("concept = 0"));
  };
}

// ---- publish -------------------------------------------------------------------------------

using PublishCheck = std::function<void(Call&, const json::object&)>;

void add_publish(Api& api, const Versioned& v, PublishCheck check) {
  const Resource* r = v.resource;
  api.route(kCatalogi, http::Method::Post, "/" + r->path + "/{uuid}/publish",
            "Publiceer het concept " + r->name + ".", [r, v, check](Call& call) {
              Api::require(call.client, *r, kSchrijven, std::nullopt);
              json::object published;
              call.api.db().write([&](db::Connection& c) {
                call.connection = &c;
                auto found = call.api.load(c, *r, call.request.param("uuid"));
                if (!found) {
                  throw http::Error(404, "not_found",
                                    "Er bestaat geen " + r->name + " met deze uuid.");
                }
                if (!is_concept(*found)) {
                  throw refused("nonFieldErrors", "non-concept-object",
                                "Dit " + r->name + " is al gepubliceerd.");
                }
                if (check) check(call, *found);
                (*found)["concept"] = false;
                guard_overlap(c, v, *found);
                call.api.store(c, *r, *found, false);
                published = std::move(*found);
              });
              return http::Response::json(200, call.api.render(call, *r, std::move(published)));
            });
}

// Names of referenced versioned objects that are still concepts (or gone).
std::vector<catalog::Reference> references(Call& call, const Resource& kind,
                                           const json::value* urls) {
  std::vector<catalog::Reference> out;
  if (!urls || !urls->is_array()) return out;
  for (const auto& u : urls->as_array()) {
    if (!u.is_string()) continue;
    auto uuid = call.api.uuid_of(kind, u.as_string());
    auto found = uuid ? call.api.load(*call.connection, kind, *uuid) : std::nullopt;
    out.push_back({call.api.absolute(u.as_string()), found && !is_concept(*found)});
  }
  return out;
}

void refuse_blockers(const std::vector<catalog::Reference>& refs, std::string field,
                     std::string code, const std::string& what) {
  auto blockers = catalog::publish_blockers(refs);
  if (blockers.empty()) return;
  std::string names;
  for (const auto& b : blockers) names += (names.empty() ? "" : ", ") + b;
  throw refused(std::move(field), std::move(code), "Publiceer eerst " + what + ": " + names + ".");
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

}  // namespace

Catalogi add_catalogi(Api& api) {
  auto cat = std::make_shared<Catalogi>();
  auto* a = &api;

  // ---- catalogussen
  {
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
      auto domein =
          check.string("domein", {.required = true, .max_length = 5, .allow_blank = false});
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
    cat->catalogus = &add(api, std::move(r));
  }

  auto versioned_filters = [](Resource& r) {
    r.filters.push_back(url_exact("catalogus", "catalogus"));
    r.filters.push_back(status_filter("concept = 1", "concept = 0"));
    r.filters.push_back(valid_on_filter("datumGeldigheid", "begin_geldigheid", "einde_geldigheid"));
    r.list_guard = [](Call& call, Where& w, std::string_view) {
      if (!has_param(call, "status")) w.add("concept = 0");
    };
  };
  auto catalogus_of = [cat, a](Checker& check, json::object& out) {
    auto url = check.url("catalogus", true);
    if (!url || url->empty()) return;
    if (a->resolve(check, "catalogus", *url, *cat->catalogus)) out["catalogus"] = a->relative(*url);
  };
  auto keep_fixed = [](Checker& check, const json::object& out, const json::object* existing,
                       std::initializer_list<std::string_view> fields) {
    if (!existing) return;
    for (auto f : fields) {
      if (out.contains(f) && text(out, f) != text(*existing, f)) {
        check.fail(f, "wijzigen-niet-toegestaan",
                   "Dit veld ligt vast; maak een nieuw type aan in plaats van dit te wijzigen.");
      }
    }
  };

  // ---- informatieobjecttypen
  {
    auto r = base("informatieobjecttype", "informatieobjecttypen", "zgw_informatieobjecttypen");
    r.columns = {text_column("url", "url"),
                 text_column("catalogus", "catalogus"),
                 text_column("omschrijving", "omschrijving"),
                 bool_column("concept", "concept"),
                 text_column("begin_geldigheid", "beginGeldigheid"),
                 text_column("einde_geldigheid", "eindeGeldigheid")};
    versioned_filters(r);
    r.filters.push_back(exact("omschrijving", "omschrijving"));
    r.default_order = "omschrijving, begin_geldigheid, uuid";
    r.validate = [catalogus_of, keep_fixed](Call&, const json::object& body,
                                            const json::object* existing) {
      Checker check(body);
      json::object out;
      catalogus_of(check, out);
      out["omschrijving"] = or_null(
          check.string("omschrijving", {.required = true, .max_length = 80, .allow_blank = false}));
      out["vertrouwelijkheidaanduiding"] =
          or_null(check.choice("vertrouwelijkheidaanduiding", kVertrouwelijkheid, true));
      validity(check, out, true);
      out["informatieobjectcategorie"] = or_null(check.string(
          "informatieobjectcategorie", {.required = true, .max_length = 80, .allow_blank = false}));
      out["trefwoord"] = strings(check, body, "trefwoord");
      if (const auto* g = check.object("omschrijvingGeneriek")) out["omschrijvingGeneriek"] = *g;
      out["concept"] = existing ? is_concept(*existing) : true;
      // Only catalogus is fixed; a concept may still be renamed (ztc-009 freezes published ones).
      keep_fixed(check, out, existing, {"catalogus"});
      check.finish();
      return out;
    };
    cat->informatieobjecttype = &add(api, std::move(r));
  }

  // ---- besluittypen
  {
    auto r = base("besluittype", "besluittypen", "zgw_besluittypen");
    r.columns = {text_column("url", "url"),
                 text_column("catalogus", "catalogus"),
                 text_column("omschrijving", "omschrijving"),
                 bool_column("concept", "concept"),
                 text_column("begin_geldigheid", "beginGeldigheid"),
                 text_column("einde_geldigheid", "eindeGeldigheid")};
    versioned_filters(r);
    r.filters.push_back(exact("omschrijving", "omschrijving"));
    r.filters.push_back(
        {"zaaktypen", [](Api& api, Where& w, std::string_view v) {
           if (!is_url(v)) throw ValidationError("zaaktypen", "invalid", "Geef een volledige URL.");
           // The zaaktype lists its besluittypen; the besluittype does not.
           w.add("EXISTS (SELECT 1 FROM zgw_zaaktypen z WHERE z.url = " + w.bind(api.relative(v)) +
                 " AND z.data LIKE '%\"' || url || '\"%')");
         }});
    r.filters.push_back({"informatieobjecttypen", [](Api& api, Where& w, std::string_view v) {
                           if (!is_url(v))
                             throw ValidationError("informatieobjecttypen", "invalid",
                                                   "Geef een volledige URL.");
                           w.add("data LIKE " + w.bind("%\"" + api.relative(v) + "\"%"));
                         }});
    r.default_order = "omschrijving, begin_geldigheid, uuid";
    r.validate = [a, cat, catalogus_of, keep_fixed](Call&, const json::object& body,
                                                    const json::object* existing) {
      Checker check(body);
      json::object out;
      catalogus_of(check, out);
      out["omschrijving"] = check.string("omschrijving", {.max_length = 80}).value_or("");
      out["omschrijvingGeneriek"] =
          check.string("omschrijvingGeneriek", {.max_length = 80}).value_or("");
      out["besluitcategorie"] = check.string("besluitcategorie", {.max_length = 40}).value_or("");
      out["reactietermijn"] = or_null(term(check, "reactietermijn", false));
      out["publicatieIndicatie"] = check.boolean("publicatieIndicatie", true).value_or(false);
      out["publicatietekst"] = check.string("publicatietekst").value_or("");
      out["publicatietermijn"] = or_null(term(check, "publicatietermijn", false));
      out["toelichting"] = check.string("toelichting").value_or("");
      out["informatieobjecttypen"] =
          same_catalogus(*a, check, "informatieobjecttypen", check.urls("informatieobjecttypen"),
                         *cat->informatieobjecttype, text(out, "catalogus"));
      validity(check, out, true);
      out["concept"] = existing ? is_concept(*existing) : true;
      keep_fixed(check, out, existing, {"catalogus"});
      check.finish();
      return out;
    };
    cat->besluittype = &add(api, std::move(r));
  }

  // ---- zaaktypen
  {
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
    r.validate = [a, cat, catalogus_of, keep_fixed](Call&, const json::object& body,
                                                    const json::object* existing) {
      Checker check(body);
      json::object out;
      catalogus_of(check, out);
      auto catalogus = text(out, "catalogus");
      out["identificatie"] = or_null(check.string(
          "identificatie", {.required = true, .max_length = 50, .allow_blank = false}));
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
      for (auto& u : check.urls("productenOfDiensten")) producten.emplace_back(u);
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
      out["besluittypen"] = same_catalogus(*a, check, "besluittypen", check.urls("besluittypen"),
                                           *cat->besluittype, catalogus);
      out["deelzaaktypen"] = same_catalogus(*a, check, "deelzaaktypen", check.urls("deelzaaktypen"),
                                            *cat->zaaktype, catalogus);
      json::array gerelateerd;
      if (const auto* list = check.array("gerelateerdeZaaktypen")) {
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
      if (const auto* b = check.object("broncatalogus")) out["broncatalogus"] = *b;
      if (const auto* b = check.object("bronzaaktype")) out["bronzaaktype"] = *b;
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
    cat->zaaktype = &add(api, std::move(r));
  }
  Versioned zaaktype_versions{cat->zaaktype, "identificatie", "identificatie"};
  Versioned iot_versions{cat->informatieobjecttype, "omschrijving", "omschrijving"};
  Versioned bt_versions{cat->besluittype, "omschrijving", "omschrijving"};
  // The relations by URL between versioned types, seen from either side. The zaaktype's
  // informatieobjecttypen are named through its zaaktype-informatieobjecttypen, which follow
  // the zaaktype (ztc-010's parts rule).
  Related zaaktype_related = [cat](Call& call, const json::object& o) {
    return published_of(call, *cat->besluittype, o.if_contains("besluittypen"));
  };
  Related iot_related = [](Call& call, const json::object& o) {
    return published_listing(call, "zgw_besluittypen", text(o, "url"));
  };
  Related bt_related = [cat](Call& call, const json::object& o) {
    auto out =
        published_of(call, *cat->informatieobjecttype, o.if_contains("informatieobjecttypen"));
    for (auto& u : published_listing(call, "zgw_zaaktypen", text(o, "url"))) out.push_back(u);
    return out;
  };
  for (const auto& entry :
       {std::pair{zaaktype_versions, zaaktype_related}, std::pair{iot_versions, iot_related},
        std::pair{bt_versions, bt_related}}) {
    const auto& v = entry.first;
    const auto& related = entry.second;
    auto& r = const_cast<Resource&>(*v.resource);
    r.before_store = [v, related](Call& call, json::object& stored, const json::object* before) {
      guard_published(call, stored, before);
      if (before) guard_relations(call, *v.resource, related, stored, before);
      guard_overlap(*call.connection, v, stored);
    };
    r.before_destroy = [v, related](Call& call, const json::object& stored) {
      guard_destroy_published(call, stored);
      guard_relations(call, *v.resource, related, stored, nullptr);
    };
  }
  // A concept zaaktype takes its parts with it.
  const_cast<Resource&>(*cat->zaaktype).before_destroy =
      [cat, zaaktype_related](Call& call, const json::object& stored) {
        guard_destroy_published(call, stored);
        guard_relations(call, *cat->zaaktype, zaaktype_related, stored, nullptr);
        for (const char* table :
             {"zgw_statustypen", "zgw_roltypen", "zgw_resultaattypen", "zgw_eigenschappen",
              "zgw_zaaktype_informatieobjecttypen", "zgw_zaakobjecttypen"}) {
          call.connection->execute(std::string("DELETE FROM ") + table + " WHERE zaaktype = $1",
                                   {text(stored, "url")});
        }
      };

  // ---- statustypen
  {
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
            check.fail("checklistitemStatustype." + std::to_string(i), "invalid",
                       "Geef een object.");
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
      json::array eig;
      for (auto& u : check.urls("eigenschappen")) eig.emplace_back(a->relative(u));
      out["eigenschappen"] = std::move(eig);
      validity(check, out, false);
      if (zaaktype && out["beginGeldigheid"].is_null())
        out["beginGeldigheid"] = zaaktype->at("beginGeldigheid");
      check.finish();
      return out;
    };
    r.decorate = [a](Call&, json::object& out) {
      auto rows =
          a->db().read_once("SELECT MAX(volgnummer) FROM zgw_statustypen WHERE zaaktype = $1",
                            {a->relative(text(out, "zaaktype"))});
      std::vector<std::int64_t> all;
      if (!rows.empty() && rows[0].optional_text(0)) all.push_back(rows[0].integer(0));
      const auto* v = out.if_contains("volgnummer");
      out["isEindstatus"] = v && v->is_int64() && catalog::is_eindstatus(v->as_int64(), all);
    };
    cat->statustype = &add(api, std::move(r));
  }

  // ---- roltypen
  {
    auto r = part(cat, "roltype", "roltypen", "zgw_roltypen");
    r.columns = {text_column("zaaktype", "zaaktype"),
                 text_column("omschrijving_generiek", "omschrijvingGeneriek")};
    part_filters(r);
    r.filters.push_back(
        choice("omschrijvingGeneriek", "omschrijving_generiek",
               {"adviseur", "behandelaar", "belanghebbende", "beslisser", "initiator",
                "klantcontacter", "zaakcoordinator", "mede_initiator"}));
    r.default_order = "zaaktype, uuid";
    r.validate = [a, cat](Call&, const json::object& body, const json::object*) {
      Checker check(body);
      json::object out;
      auto zaaktype = part_of(*a, check, *cat, out);
      out["omschrijving"] = or_null(check.string(
          "omschrijving", {.required = true, .max_length = 100, .allow_blank = false}));
      out["omschrijvingGeneriek"] =
          or_null(check.choice("omschrijvingGeneriek",
                               {"adviseur", "behandelaar", "belanghebbende", "beslisser",
                                "initiator", "klantcontacter", "zaakcoordinator", "mede_initiator"},
                               true));
      validity(check, out, false);
      if (zaaktype && out["beginGeldigheid"].is_null())
        out["beginGeldigheid"] = zaaktype->at("beginGeldigheid");
      check.finish();
      return out;
    };
    cat->roltype = &add(api, std::move(r));
  }

  // ---- resultaattypen
  {
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
      if (!body.contains("archiefactietermijn") && klasse) {
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
    cat->resultaattype = &add(api, std::move(r));
  }

  // ---- eigenschappen
  {
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
      auto statustype = check.url("statustype");
      if (statustype && !statustype->empty()) {
        if (auto st = a->resolve(check, "statustype", *statustype, *cat->statustype)) {
          if (text(*st, "zaaktype") != text(out, "zaaktype")) {
            check.fail("nonFieldErrors", "relations-incorrect-zaaktype",
                       "Dit statustype hoort bij een ander zaaktype.");
          }
          out["statustype"] = a->relative(*statustype);
        }
      } else {
        out["statustype"] = nullptr;
      }
      validity(check, out, false);
      if (zaaktype && out["beginGeldigheid"].is_null())
        out["beginGeldigheid"] = zaaktype->at("beginGeldigheid");
      check.finish();
      return out;
    };
    cat->eigenschap = &add(api, std::move(r));
  }

  // ---- zaaktype-informatieobjecttypen
  {
    auto r = part(cat, "zaaktype-informatieobjecttype", "zaaktype-informatieobjecttypen",
                  "zgw_zaaktype_informatieobjecttypen");
    r.columns = {text_column("zaaktype", "zaaktype"),
                 text_column("informatieobjecttype", "informatieobjecttype"),
                 text_column("richting", "richting"), integer_column("volgnummer", "volgnummer")};
    r.filters.push_back(url_exact("zaaktype", "zaaktype"));
    r.filters.push_back(exact("informatieobjecttype", "informatieobjecttype"));
    r.filters.push_back(choice("richting", "richting", {"inkomend", "intern", "uitgaand"}));
    r.filters.push_back(
        status_filter(zaaktype_where("concept = 1"), zaaktype_where("concept = 0")));
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
      auto statustype = check.url("statustype");
      if (statustype && !statustype->empty()) {
        if (auto st = a->resolve(check, "statustype", *statustype, *cat->statustype)) {
          if (text(*st, "zaaktype") != text(out, "zaaktype")) {
            check.fail("nonFieldErrors", "relations-incorrect-zaaktype",
                       "Dit statustype hoort bij een ander zaaktype.");
          }
          out["statustype"] = a->relative(*statustype);
        }
      } else {
        out["statustype"] = nullptr;
      }
      check.finish();
      return out;
    };
    cat->zaaktype_informatieobjecttype = &add(api, std::move(r));
  }

  // ---- zaakobjecttypen
  {
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
    cat->zaakobjecttype = &add(api, std::move(r));
  }

  // ---- publish
  add_publish(api, zaaktype_versions, [cat](Call& call, const json::object& zaaktype) {
    refuse_blockers(references(call, *cat->besluittype, zaaktype.if_contains("besluittypen")),
                    "besluittypen", "concept-relation", "de besluittypen");
    // The zaaktype names its informatieobjecttypen by omschrijving; one published version is
    // enough.
    std::vector<catalog::Reference> iots;
    auto rows = call.connection->query(
        "SELECT z.informatieobjecttype, (SELECT COUNT(*) FROM zgw_informatieobjecttypen i"
        " WHERE i.catalogus = $2 AND i.omschrijving = z.informatieobjecttype AND i.concept = 0)"
        " FROM zgw_zaaktype_informatieobjecttypen z WHERE z.zaaktype = $1",
        {text(zaaktype, "url"), text(zaaktype, "catalogus")});
    for (std::size_t i = 0; i < rows.size(); ++i)
      iots.push_back({rows[i].text(0), rows[i].integer(1) > 0});
    refuse_blockers(iots, "informatieobjecttypen", "concept-relation", "de informatieobjecttypen");
  });
  add_publish(api, iot_versions, nullptr);
  // Only a zaaktype waits for its related types (ztc-012): a besluittype may be published
  // before its informatieobjecttypen, as clients that publish besluittypen first expect.
  add_publish(api, bt_versions, nullptr);

  add_referentielijsten(api);
  return *cat;
}

}  // namespace loket::zgw
