// POST /zaken/_zoek: the list's filters in a body, plus zaakgeometrie within a geometry, and
// `fields` (zrc-029).
#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <memory>

#include "cases/list_count.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"
#include "http/paging.hpp"
#include "standards/zgw/expand.hpp"
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

// What _zoek's body asks to expand: `expand` (paths, as the query parameter) or `fields` (zrc-029:
// field names and, in objects, the fields to expand with what is wanted of them, or a group such
// as processobject to select from), never both. Problems go to `errors`, naming the field;
// `field` becomes the one in use, for the expander's own errors.
ExpandNode zoek_expand(Call& call, const Resource& r, const json::object& body, std::string& field,
                       std::vector<http::InvalidParam>& errors) {
  const auto* fields = body.if_contains("fields");
  const auto* expand = body.if_contains("expand");
  bool by_fields = fields && !fields->is_null();
  bool by_expand = expand && !expand->is_null();
  field = by_fields ? "fields" : "expand";
  if (by_fields && by_expand) {
    errors.push_back({"fields", "invalid", "Gebruik fields of expand, niet allebei (zrc-029)."});
    return {};
  }
  if (!by_fields && !by_expand) {
    // The yaml gives _zoek the `expand` query parameter as well.
    try {
      return requested_expand(call, r);
    } catch (const http::Error& e) {
      errors.insert(errors.end(), e.invalid_params().begin(), e.invalid_params().end());
      return {};
    }
  }
  static const std::vector<std::string_view> kKnown(kZaakFields.begin(), kZaakFields.end());
  auto parsed = by_fields ? parse_fields(*fields, kKnown) : parse_expand_value(*expand);
  if (const auto* problem = std::get_if<std::string>(&parsed)) {
    errors.push_back({field, by_fields ? "invalid" : "invalid-expand", *problem});
    return {};
  }
  auto node = std::move(std::get<ExpandNode>(parsed));
  try {
    check_expand(call.api, r, node, field, by_fields);
  } catch (const http::Error& e) {
    errors.insert(errors.end(), e.invalid_params().begin(), e.invalid_params().end());
    return {};
  }
  return node;
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
        std::string expand_field;
        auto expand = zoek_expand(call, r, body, expand_field, errors);
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
          if (name == "fields" || name == "expand") continue;  // zoek_expand above
          if (name == "uuid__in" || name == "zaaktype__in") {
            // Lists only the body has (Zaken 1.x clients find their zaken by them).
            bool uuids = name == "uuid__in";
            bool bad = !kv.value().is_array();
            std::string list;
            for (const auto& item : bad ? json::array{} : kv.value().as_array()) {
              std::string v = item.is_string() ? std::string(item.as_string()) : std::string();
              if (uuids ? !common::is_uuid(v) : !is_url(v)) {
                bad = true;
                break;
              }
              list += (list.empty() ? "" : ", ") + where.bind(uuids ? v : call.api.relative(v));
            }
            if (bad) {
              errors.push_back({name, "invalid",
                                uuids ? "Geef een lijst van uuids." : "Geef een lijst van URLs."});
            } else {
              where.add(list.empty()
                            ? std::string("1 = 0")
                            : std::string(uuids ? "uuid" : "zaaktype") + " IN (" + list + ")");
            }
            continue;
          }
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
        std::string sql = order;
        // The count goes without the paging parameters bound below.
        auto count_params = where.params();
        if (!area) {
          sql += " LIMIT " + where.bind(page.size) + " OFFSET " + where.bind(page.offset());
        } else {
          sql += " LIMIT " + where.bind(static_cast<std::int64_t>(kGeoCandidates));
        }
        auto rows = cases::zgw_rows::case_data(call.api.db(), where.sql(), where.params(), sql);
        std::int64_t total = 0;
        // The page's JSON in one arena, released at once (as the list does, api.cpp).
        json::monotonic_resource arena;
        json::storage_ptr sp(&arena);
        json::array results(sp);
        Expander expander(call, expand_field);
        auto rendered = [&](json::object obj) {
          auto out = call.api.render(call, r, std::move(obj));
          expander.apply(r, out, expand);
          return out;
        };
        if (area) {
          std::vector<json::object> hits;
          for (std::size_t i = 0; i < rows.size(); ++i) {
            auto parsed = json::parse(rows[i], sp);
            auto obj = std::move(parsed.as_object());
            if (within(obj.at("zaakgeometrie"), *area) && call.api.may_read(call, r, obj)) {
              hits.push_back(std::move(obj));
            }
          }
          total = static_cast<std::int64_t>(hits.size());
          for (auto i = page.offset(); i < total && i < page.end(); ++i) {
            results.push_back(rendered(std::move(hits[static_cast<std::size_t>(i)])));
          }
        } else {
          // Counted only when the page is full: a page that is not tells the count.
          auto known = cases::list_total(page.offset(), page.size, rows.size());
          total = known ? *known
                        : cases::zgw_rows::count_cases(call.api.db(), where.sql(), count_params);
          for (std::size_t i = 0; i < rows.size(); ++i) {
            auto parsed = json::parse(rows[i], sp);
            auto obj = std::move(parsed.as_object());
            if (!call.api.may_read(call, r, obj)) continue;  // the list guard's second line
            results.push_back(rendered(std::move(obj)));
          }
        }
        if (results.empty() && page.number > 1)
          throw http::Error(404, "not_found", "Deze pagina bestaat niet.");
        auto link = [&](std::int64_t n) -> json::value {
          if (!http::page_exists(page, n, total)) return nullptr;
          return json::string(call.api.absolute(std::string(kZaken.mount) +
                                                "/zaken/_zoek?page=" + std::to_string(n)));
        };
        auto response = http::Response::json(200, json::object({{"count", total},
                                                                {"next", link(page.number + 1)},
                                                                {"previous", link(page.number - 1)},
                                                                {"results", std::move(results)}},
                                                               sp));
        response.headers.set("content-crs", std::string(kCrs));
        return response;
      });
}

}  // namespace loket::zgw::zaken_detail
