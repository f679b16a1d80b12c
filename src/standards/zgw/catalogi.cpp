// The Catalogi API resources. Zaaktypen, informatieobjecttypen and besluittypen are versioned
// and start as concepts; the parts of a zaaktype (statustypen, roltypen, ...) follow their
// zaaktype's state. The rules themselves live in catalog/case_type. Here: the helpers the
// catalogi*.cpp files share and add_catalogi; the families are in catalogi_zaaktypen
// (catalogus, zaaktype), catalogi_informatieobjecttypen (and besluittypen), catalogi_parts
// (statustype, roltype, resultaattype, eigenschap, ...) and catalogi_publish (concepts and
// publishing).
#include "standards/zgw/catalogi.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <memory>

#include "catalog/case_type.hpp"
#include "http/error.hpp"
#include "standards/zgw/catalogi_internal.hpp"
#include "standards/zgw/catalogi_referentielijsten.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace catalogi_detail {

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

void versioned_filters(Resource& r) {
  r.filters.push_back(url_exact("catalogus", "catalogus"));
  r.filters.push_back(status_filter("concept = 1", "concept = 0"));
  r.filters.push_back(valid_on_filter("datumGeldigheid", "begin_geldigheid", "einde_geldigheid"));
  r.list_guard = [](Call& call, Where& w, std::string_view) {
    if (!has_param(call, "status")) w.add("concept = 0");
  };
}

void catalogus_of(Api& api, const Catalogi& cat, Checker& check, json::object& out) {
  auto* a = &api;
  auto url = check.url("catalogus", true);
  if (!url || url->empty()) return;
  if (a->resolve(check, "catalogus", *url, *cat.catalogus)) out["catalogus"] = a->relative(*url);
}

void keep_fixed(Checker& check, const json::object& out, const json::object* existing,
                std::initializer_list<std::string_view> fields) {
  if (!existing) return;
  for (auto f : fields) {
    if (out.contains(f) && text(out, f) != text(*existing, f)) {
      check.fail(f, "wijzigen-niet-toegestaan",
                 "Dit veld ligt vast; maak een nieuw type aan in plaats van dit te wijzigen.");
    }
  }
}

}  // namespace catalogi_detail

Catalogi add_catalogi(Api& api) {
  using namespace catalogi_detail;
  auto cat = std::make_shared<Catalogi>();
  add_catalogussen(api, cat);
  add_informatieobjecttypen(api, cat);
  add_besluittypen(api, cat);
  add_zaaktypen(api, cat);
  guard_versions(cat);
  add_statustypen(api, cat);
  add_roltypen(api, cat);
  add_resultaattypen(api, cat);
  add_eigenschappen(api, cat);
  add_zaaktype_informatieobjecttypen(api, cat);
  add_zaakobjecttypen(api, cat);
  add_publish_routes(api, cat);
  add_referentielijsten(api);
  return *cat;
}

}  // namespace loket::zgw
