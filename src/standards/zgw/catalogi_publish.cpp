// The Catalogi API's concepts and publishing: a published version changes only in
// eindeGeldigheid (ztc-009), a concept related to a published type only by a correction
// (ztc-010), versions do not overlap (ztc-016), and publish waits for related types (ztc-012).
#include <boost/json.hpp>
#include <functional>
#include <memory>

#include "catalog/case_type.hpp"
#include "http/error.hpp"
#include "standards/zgw/catalogi_internal.hpp"

namespace loket::zgw::catalogi_detail {
namespace json = boost::json;

http::Error refused(std::string field, std::string code, std::string reason) {
  return ValidationError(std::move(field), std::move(code), std::move(reason));
}

namespace {

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

// The versioned types and the field that names their versions.
struct Versions {
  Versioned zaaktype, iot, bt;
};
Versions versions_of(const Catalogi& cat) {
  return {{cat.zaaktype, "identificatie", "identificatie"},
          {cat.informatieobjecttype, "omschrijving", "omschrijving"},
          {cat.besluittype, "omschrijving", "omschrijving"}};
}

}  // namespace

void guard_versions(const std::shared_ptr<Catalogi>& cat) {
  const auto versions = versions_of(*cat);
  const auto& zaaktype_versions = versions.zaaktype;
  const auto& iot_versions = versions.iot;
  const auto& bt_versions = versions.bt;
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
}

void add_publish_routes(Api& api, const std::shared_ptr<Catalogi>& cat) {
  const auto versions = versions_of(*cat);
  const auto& zaaktype_versions = versions.zaaktype;
  const auto& iot_versions = versions.iot;
  const auto& bt_versions = versions.bt;
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
}

}  // namespace loket::zgw::catalogi_detail
