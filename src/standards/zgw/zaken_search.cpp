// POST /zaken/_zoek: the list's filters in a body, plus zaakgeometrie within a geometry, and
// `fields` (zrc-029).
#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <memory>

#include "http/error.hpp"
#include "http/paging.hpp"
#include "standards/zgw/geometry.hpp"
#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw::zaken_detail {
namespace json = boost::json;

namespace {

constexpr std::size_t kGeoCandidates = 10000;  // _zoek within: most candidates checked exactly

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

}  // namespace

void add_zaak_search(Api& api, const std::shared_ptr<Zaken>& z) {
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
}

}  // namespace loket::zgw::zaken_detail
