// The Zaken API's relations: zaakobjecten, zaakeigenschappen, zaakinformatieobjecten,
// klantcontacten, zaakcontactmomenten, zaakverzoeken, zaakbesluiten and zaaknotities. Each hangs
// off one zaak and falls under its zaaktype and confidentiality; a closed zaak changes only with
// zaken.geforceerd-bijwerken (zrc-007). References to other registrations (documents, contact
// moments, requests, decisions) are checked through Api::resolve and its allow-list; the rules
// without storage live in zaken_relations_rules.
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <memory>

#include "common/instant.hpp"
#include "common/json.hpp"
#include "common/uuid.hpp"
#include "documents/download.hpp"
#include "http/error.hpp"
#include "standards/zgw/document_refusal.hpp"
#include "standards/zgw/documenten.hpp"
#include "standards/zgw/zaken.hpp"
#include "standards/zgw/zaken_relations_rules.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr std::string_view kLezen = "zaken.lezen";
// The standard's alternatives, "(zaken.aanmaken | zaken.bijwerken | ...)": any one will do
// (Client::may reads "a|b" so).
constexpr std::string_view kAddOnCreate =
    "zaken.aanmaken|zaken.bijwerken|zaken.geforceerd-bijwerken";
constexpr std::string_view kChange = "zaken.bijwerken|zaken.geforceerd-bijwerken";
constexpr std::string_view kChangeOrDelete =
    "zaken.bijwerken|zaken.geforceerd-bijwerken|zaken.verwijderen";
constexpr std::string_view kBijwerken = "zaken.bijwerken";

// Every table holding a zaak's relations; emptied with the zaak (zrc-017).
constexpr std::string_view kRelationTables[] = {
    "zgw_zaakobjecten",   "zgw_zaakeigenschappen",   "zgw_zaakinformatieobjecten",
    "zgw_klantcontacten", "zgw_zaakcontactmomenten", "zgw_zaakverzoeken",
    "zgw_zaakbesluiten",  "zgw_zaaknotities"};

// An empty text the client sent stays "" here (common::or_null), unlike on the zaak itself.
using common::or_null;
using common::text;

// Now, to the microsecond, so that rows made one after the other sort in that order.
std::string now_iso() { return common::now_micros(); }

struct Context {
  Api* api = nullptr;
  Zaken zaken;
  Catalogi catalogi;
};
using Ctx = std::shared_ptr<const Context>;

// Stands for an object in another registration when resolving a reference to it.
Resource external(std::string name) {
  Resource r;
  r.component = &kZaken;
  r.name = std::move(name);
  return r;
}

// The zaak a relation names in `field`: one of ours, existing. Whether it may change (zrc-007)
// is decided inside the write transaction (zaak_for_change).
std::optional<json::object> zaak_of(const Ctx& ctx, Checker& check,
                                    std::string_view field = "zaak") {
  auto& api = *ctx->api;
  auto url = check.url(field, true);
  if (!url || url->empty()) return std::nullopt;
  auto uuid = api.uuid_of(*ctx->zaken.zaak, *url);
  if (!uuid) {
    check.fail(field, "bad-url", "Deze URL wijst niet naar een zaak in deze registratie.");
    return std::nullopt;
  }
  auto zaak = api.load(*ctx->zaken.zaak, *uuid);
  if (!zaak) {
    check.fail(field, "bad-url", "Er bestaat geen zaak met deze URL.");
    return std::nullopt;
  }
  return zaak;
}

// A required reference to an object in another registration (zrc-003 for documents): a URL
// that an allow-listed server answers with HTTP 200 and the object.
std::optional<std::string> external_reference(const Ctx& ctx, Checker& check,
                                              std::string_view field, const Resource& kind) {
  auto url = check.url(field, true);
  if (!url || url->empty()) return std::nullopt;
  if (ctx->api->relative(*url).starts_with("/zgw/")) {
    check.fail(field, "invalid-resource",
               "Loket registreert geen " + kind.name + "; verwijs naar de API die dat doet.");
    return std::nullopt;
  }
  if (!ctx->api->resolve(check, field, *url, kind)) return std::nullopt;
  return url;
}

// zrc-004 and friends: fields that name the relation itself never change.
void keep_fixed(Checker& check, const json::object* existing, const json::object& out,
                std::initializer_list<std::string_view> fields) {
  if (!existing) return;
  for (const auto& f : changed_fixed_fields(*existing, out, fields)) {
    check.fail(f, "wijzigen-niet-toegestaan", "Dit veld kan na het aanmaken niet meer wijzigen.");
  }
}

// `zaak_field` names the zaak ("zaak"; a zaaknotitie's is "gerelateerdAan"); `zaak_list` is the
// zaak's list of these objects ("zaakobjecten", ...), kept up to date, or "" when it has none.
Resource base(const Ctx& ctx, std::string name, std::string path, std::string table,
              const std::string& zaak_list, const std::string& zaak_field = "zaak") {
  Resource r;
  r.component = &kZaken;
  r.name = std::move(name);
  r.path = std::move(path);
  r.table = std::move(table);
  r.ops = {Op::List, Op::Create, Op::Read, Op::Update, Op::PartialUpdate, Op::Destroy};
  r.read_scope = kLezen;
  r.create_scope = kAddOnCreate;
  r.update_scope = kChange;
  r.destroy_scope = kChangeOrDelete;
  r.columns = {text_column("zaak", zaak_field),
               {"zaak_uuid", [zaak_field](const json::object& o) -> db::Value {
                  return last_segment(text(o, zaak_field));
                }}};
  r.default_order = "zaak_uuid, uuid";
  r.guard = [ctx, zaak_field](Call&, const json::object& stored) {
    return zaak_guard(*ctx->api, ctx->zaken, text(stored, zaak_field));
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    guard_by_zaak(call, w, scope, "zaak_uuid");
  };
  r.audit_owner = [zaak_field](const json::object& stored) { return text(stored, zaak_field); };
  // zrc-007 inside the write transaction, with the zaak's row locked: a closed zaak changes
  // only with zaken.geforceerd-bijwerken (403).
  r.before_store = [ctx, zaak_field](Call& call, json::object& stored, const json::object*) {
    zaak_for_change(call, ctx->zaken, text(stored, zaak_field));
  };
  if (!zaak_list.empty()) {
    r.after_store = [ctx, zaak_field, zaak_list](Call& call, const json::object& stored,
                                                 const json::object* before) {
      if (before) return;  // the zaak does not change on update
      auto zaak = zaak_for_change(call, ctx->zaken, text(stored, zaak_field));
      update_zaak_list(call, ctx->zaken, std::move(zaak), zaak_list, text(stored, "url"), true);
    };
  }
  r.before_destroy = [ctx, zaak_field, zaak_list](Call& call, const json::object& stored) {
    auto zaak = zaak_for_change(call, ctx->zaken, text(stored, zaak_field));
    if (!zaak_list.empty()) {
      update_zaak_list(call, ctx->zaken, std::move(zaak), zaak_list, text(stored, "url"), false);
    }
  };
  return r;
}

// Nested under its zaak: /zaken/{zaak_uuid}/<path>.
void nest(Resource& r, const Ctx& ctx, std::string_view path) {
  r.path = "zaken/{zaak_uuid}/" + std::string(path);
  r.parent = Resource::Parent{"zaak_uuid", "zaak", "zaak", ctx->zaken.zaak};
}

// Bodies merged over stored objects carry relative URLs; the checks see absolute ones.
const Resource& add(Api& api, Resource r) {
  r.validate = [inner = std::move(r.validate), &api](Call& call, const json::object& body,
                                                     const json::object* existing) {
    json::value absolute = body;
    api.absolutize(absolute);
    return inner(call, absolute.as_object(), existing);
  };
  return api.add(std::move(r));
}

// ---- the resources -----------------------------------------------------------------------

void add_zaakobjecten(Api& api, const Ctx& ctx) {
  auto r = base(ctx, "zaakobject", "zaakobjecten", "zgw_zaakobjecten", "zaakobjecten");
  r.columns.push_back(text_column("object", "object"));
  r.columns.push_back(text_column("object_type", "objectType"));
  std::vector<std::string> types(zaakobject_types().begin(), zaakobject_types().end());
  r.filters = {url_exact("zaak", "zaak"), url_exact("object", "object"),
               choice("objectType", "object_type", types)};
  r.validate = [ctx](Call& /*call*/, const json::object& body, const json::object* existing) {
    auto& api = *ctx->api;
    Checker check(body);
    json::object out;
    auto zaak = zaak_of(ctx, check);
    out["zaak"] = zaak ? json::value(json::string(text(*zaak, "url"))) : json::value(nullptr);
    auto object = check.url("object");
    out["object"] = object ? json::value(json::string(api.relative(*object))) : json::string();
    auto zot = check.url("zaakobjecttype");
    out["zaakobjecttype"] = json::string();
    if (zot && !zot->empty()) {
      if (auto found = api.resolve(check, "zaakobjecttype", *zot, *ctx->catalogi.zaakobjecttype)) {
        if (zaak &&
            api.relative(text(*found, "zaaktype")) != api.relative(text(*zaak, "zaaktype"))) {
          check.fail("nonFieldErrors", "zaaktype-mismatch",
                     "Dit zaakobjecttype hoort niet bij het zaaktype van de zaak.");
        }
        out["zaakobjecttype"] = api.relative(*zot);
      }
    }
    std::vector<std::string_view> types = zaakobject_types();
    auto type = check.string("objectType", {.required = true, .allow_blank = false});
    if (type && std::find(types.begin(), types.end(), *type) == types.end()) {
      check.fail("objectType", "invalid_choice", "Kies een objectType uit de standaard.");
      type.reset();
    }
    out["objectType"] = or_null(type);
    auto overige = check.string("objectTypeOverige", {.max_length = 100});
    out["objectTypeOverige"] = overige.value_or("");
    json::value definitie = nullptr;
    if (const auto* d = check.object("objectTypeOverigeDefinitie")) {
      Checker sub(*d, "objectTypeOverigeDefinitie");
      auto url = sub.url("url", true);
      auto schema = sub.string("schema", {.required = true, .max_length = 100});
      auto data = sub.string("objectData", {.required = true, .max_length = 100});
      for (auto& e : sub.errors()) check.errors().push_back(e);
      definitie = json::object{
          {"url", or_null(url)}, {"schema", or_null(schema)}, {"objectData", or_null(data)}};
    }
    out["objectTypeOverigeDefinitie"] = definitie;
    if (type) check_object_type(check, *type, overige.value_or(""), !definitie.is_null());
    out["relatieomschrijving"] =
        check.string("relatieomschrijving", {.max_length = 80}).value_or("");
    const auto* ident = check.object("objectIdentificatie");
    if (ident && type)
      out["objectIdentificatie"] = check_object_identificatie(check, *type, *ident);
    if (!ident && (!object || object->empty())) {
      check.fail("nonFieldErrors", "invalid-zaakobject",
                 "Geef object (een URL) of objectIdentificatie (het object zelf).");
    }
    keep_fixed(check, existing, out, {"zaak"});
    check.finish();
    return out;
  };
  r.expansions = {{"zaak", &kZaken, "zaken"}, {"zaakobjecttype", &kCatalogi, "zaakobjecttypen"}};
  add(api, std::move(r));
}

void add_zaakeigenschappen(Api& api, const Ctx& ctx) {
  auto r = base(ctx, "zaakeigenschap", "", "zgw_zaakeigenschappen", "eigenschappen");
  nest(r, ctx, "zaakeigenschappen");
  r.create_scope = kChange;
  r.destroy_scope = kChange;
  r.columns.push_back(text_column("eigenschap", "eigenschap"));
  r.default_order = "zaak, uuid";
  r.validate = [ctx](Call& /*call*/, const json::object& body, const json::object* existing) {
    auto& api = *ctx->api;
    Checker check(body);
    json::object out;
    auto zaak = zaak_of(ctx, check);
    out["zaak"] = zaak ? json::value(json::string(text(*zaak, "url"))) : json::value(nullptr);
    auto eigenschap = check.url("eigenschap", true);
    auto waarde = check.string("waarde", {.required = true});
    out["eigenschap"] = nullptr;
    out["naam"] = "";
    if (eigenschap && !eigenschap->empty()) {
      if (auto found = api.resolve(check, "eigenschap", *eigenschap, *ctx->catalogi.eigenschap)) {
        if (zaak &&
            api.relative(text(*found, "zaaktype")) != api.relative(text(*zaak, "zaaktype"))) {
          check.fail("nonFieldErrors", "zaaktype-mismatch",
                     "Deze eigenschap hoort niet bij het zaaktype van de zaak.");
        } else if (const auto* spec = found->if_contains("specificatie");
                   waarde && spec && spec->is_object()) {
          if (auto problem = eigenschap_waarde_problem(spec->as_object(), *waarde)) {
            check.fail("waarde", "invalid", *problem);
          }
        }
        out["eigenschap"] = api.relative(*eigenschap);
        out["naam"] = text(*found, "naam");
      }
    }
    out["waarde"] = or_null(waarde);
    keep_fixed(check, existing, out, {"zaak"});
    check.finish();
    return out;
  };
  r.expansions = {{"zaak", &kZaken, "zaken"}, {"eigenschap", &kCatalogi, "eigenschappen"}};
  add(api, std::move(r));
}

void add_zaakinformatieobjecten(Api& api, const Ctx& ctx) {
  auto r = base(ctx, "zaakinformatieobject", "zaakinformatieobjecten", "zgw_zaakinformatieobjecten",
                "zaakinformatieobjecten");
  r.columns.push_back(text_column("informatieobject", "informatieobject"));
  r.columns.push_back(text_column("registratiedatum", "registratiedatum"));
  r.columns.push_back(text_column("status", "status"));
  r.filters = {url_exact("zaak", "zaak"), url_exact("informatieobject", "informatieobject")};
  r.default_order = "registratiedatum, uuid";
  // The pair (zaak, informatieobject) is unique: a rule about two fields (nonFieldErrors).
  r.unique_violation = {"nonFieldErrors", "unique",
                        "Dit informatieobject is al aan deze zaak gekoppeld."};
  r.validate = [ctx, kind = std::make_shared<Resource>(external("informatieobject"))](
                   Call& /*call*/, const json::object& body, const json::object* existing) {
    auto& api = *ctx->api;
    Checker check(body);
    json::object out;
    auto zaak = zaak_of(ctx, check);
    out["zaak"] = zaak ? json::value(json::string(text(*zaak, "url"))) : json::value(nullptr);
    if (existing) {
      // zrc-004: the relation itself does not change; its document need not be fetched again.
      out["informatieobject"] = or_null(check.url("informatieobject", true));
      keep_fixed(check, existing, out, {"zaak", "informatieobject"});
    } else if (auto own = check.url("informatieobject", true);
               own && api.relative(*own).starts_with(std::string(kDocumenten.mount) + "/")) {
      // One of Loket's own documents (the Documenten API): it must exist (zrc-003).
      auto uuid = informatieobject_uuid(api, *own);
      if (!uuid || !api.load(api.resource(kDocumenten, "enkelvoudiginformatieobjecten"), *uuid)) {
        check.fail("informatieobject", "bad-url",
                   "Er bestaat geen informatieobject met deze URL in deze registratie.");
        out["informatieobject"] = nullptr;
      } else {
        out["informatieobject"] = api.relative(*own);
      }
    } else {
      out["informatieobject"] = or_null(external_reference(ctx, check, "informatieobject", *kind));
    }
    out["aardRelatieWeergave"] = kAardRelatieHoortBij;
    out["titel"] = check.string("titel", {.max_length = 200}).value_or("");
    out["beschrijving"] = check.string("beschrijving").value_or("");
    out["registratiedatum"] = existing ? json::value(existing->at("registratiedatum"))
                                       : json::value(json::string(now_iso()));
    out["vernietigingsdatum"] = or_null(check.datetime("vernietigingsdatum"));
    auto status = check.url("status");
    out["status"] = nullptr;
    if (status && !status->empty()) {
      if (auto found = api.resolve(check, "status", *status, *ctx->zaken.status)) {
        if (zaak && api.relative(text(*found, "zaak")) != text(*zaak, "url")) {
          check.fail("status", "invalid-status", "Deze status hoort bij een andere zaak.");
        }
        out["status"] = api.relative(*status);
      }
    }
    check.finish();
    return out;
  };
  // zrc-005: a relation to one of Loket's own documents is mirrored as its
  // objectinformatieobject (the domain's document link) in the same transaction, and removed
  // with it. The link counts the document towards the case's size limit (413).
  r.after_store = [ctx, inner = std::move(r.after_store)](Call& call, const json::object& stored,
                                                          const json::object* before) {
    if (inner) inner(call, stored, before);
    if (before) return;
    auto& api = *ctx->api;
    auto uuid = informatieobject_uuid(api, text(stored, "informatieobject"));
    if (!uuid || !api.settings().documents) return;
    auto zaak_url = text(stored, "zaak");
    auto linked = api.settings().documents->link_object(*call.connection, *uuid, zaak_url, "zaak",
                                                        last_segment(zaak_url));
    if (!linked) throw document_refusal_error(linked.error());
  };
  r.before_destroy = [ctx, inner = std::move(r.before_destroy)](Call& call,
                                                                const json::object& stored) {
    if (inner) inner(call, stored);
    auto& api = *ctx->api;
    auto uuid = informatieobject_uuid(api, text(stored, "informatieobject"));
    if (!uuid || !api.settings().documents) return;
    auto zaak_url = text(stored, "zaak");
    api.settings().documents->unlink_object(*call.connection, *uuid, zaak_url,
                                            last_segment(zaak_url));
  };
  // Not `informatieobject`: the Documenten API's (zrc-025, expand stays within Zaken and
  // Catalogi).
  r.expansions = {{"zaak", &kZaken, "zaken"}, {"status", &kZaken, "statussen"}};
  add(api, std::move(r));
}

void add_klantcontacten(Api& api, const Ctx& ctx) {
  auto r = base(ctx, "klantcontact", "klantcontacten", "zgw_klantcontacten", "");
  r.ops = {Op::List, Op::Create, Op::Read};
  r.create_scope = kChange;
  r.columns.push_back(text_column("datumtijd", "datumtijd"));
  r.filters = {url_exact("zaak", "zaak")};
  r.default_order = "datumtijd, uuid";
  r.validate = [ctx](Call& /*call*/, const json::object& body, const json::object* /*existing*/) {
    Checker check(body);
    json::object out;
    auto zaak = zaak_of(ctx, check);
    out["zaak"] = zaak ? json::value(json::string(text(*zaak, "url"))) : json::value(nullptr);
    auto identificatie = check.string("identificatie", {.max_length = 14});
    if (!identificatie || identificatie->empty()) {
      // The standard lets the registration make one up when none is given.
      auto id = common::new_uuid();
      id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
      identificatie = "KC" + id.substr(id.size() - 12);  // the random end (common/uuid.hpp)
    }
    out["identificatie"] = *identificatie;
    out["datumtijd"] = or_null(check.datetime("datumtijd", true));
    out["kanaal"] = check.string("kanaal", {.max_length = 20}).value_or("");
    out["onderwerp"] = check.string("onderwerp", {.max_length = 200}).value_or("");
    out["toelichting"] = check.string("toelichting", {.max_length = 1000}).value_or("");
    check.finish();
    return out;
  };
  add(api, std::move(r));
}

// zaakcontactmomenten, zaakverzoeken, zaakbesluiten: a zaak and one external reference,
// created and deleted, never changed.
void add_link(Api& api, const Ctx& ctx, std::string name, const std::string& path,
              std::string table, const std::string& field, const std::string& external_name,
              bool nested) {
  auto r = base(ctx, std::move(name), path, std::move(table), "");
  if (nested) nest(r, ctx, path);
  r.ops = {Op::List, Op::Create, Op::Read, Op::Destroy};
  r.create_scope = r.update_scope = r.destroy_scope = kBijwerken;
  r.columns.push_back(text_column(field, field));
  if (!nested) r.filters = {url_exact("zaak", "zaak"), url_exact(field, field)};
  r.default_order = nested ? "zaak, uuid" : "zaak_uuid, uuid";
  r.unique_violation = {field, "unique",
                        "Deze " + external_name + " is al aan deze zaak gekoppeld."};
  r.validate = [ctx, field, kind = std::make_shared<Resource>(external(external_name))](
                   Call& /*call*/, const json::object& body, const json::object* /*existing*/) {
    Checker check(body);
    json::object out;
    auto zaak = zaak_of(ctx, check);
    out["zaak"] = zaak ? json::value(json::string(text(*zaak, "url"))) : json::value(nullptr);
    out[field] = or_null(external_reference(ctx, check, field, *kind));
    check.finish();
    return out;
  };
  add(api, std::move(r));
}

// A case-insensitive "contains" filter (`__icontains`); LIKE's wildcards in the value are
// matched literally.
Filter icontains(std::string name, std::string column) {
  return {std::move(name), [column = std::move(column)](Api&, Where& w, std::string_view v) {
            std::string pattern = "%";
            for (char c : v) {
              if (c == '%' || c == '_' || c == '!') pattern += '!';
              pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            pattern += "%";
            w.add("LOWER(" + column + ") LIKE " + w.bind(pattern) + " ESCAPE '!'");
          }};
}

// Experimental in 1.7.0: notes on a zaak, hanging off it through `gerelateerdAan`.
void add_zaaknotities(Api& api, const Ctx& ctx) {
  auto r = base(ctx, "zaaknotitie", "zaaknotities", "zgw_zaaknotities", "", "gerelateerdAan");
  r.create_scope = r.update_scope = r.destroy_scope = kBijwerken;
  r.columns.push_back(text_column("onderwerp", "onderwerp"));
  r.columns.push_back(text_column("tekst", "tekst"));
  r.columns.push_back(text_column("aangemaakt_door", "aangemaaktDoor"));
  r.columns.push_back(text_column("notitie_type", "notitieType"));
  r.columns.push_back(text_column("status", "status"));
  r.columns.push_back(text_column("aanmaakdatum", "aanmaakdatum"));
  r.columns.push_back(text_column("wijzigingsdatum", "wijzigingsdatum"));
  r.filters = {url_exact("gerelateerdAan", "zaak"),
               exact("aangemaaktDoor", "aangemaakt_door"),
               icontains("aangemaaktDoor__icontains", "aangemaakt_door"),
               exact("onderwerp", "onderwerp"),
               icontains("onderwerp__icontains", "onderwerp"),
               exact("tekst", "tekst"),
               icontains("tekst__icontains", "tekst"),
               choice("notitieType", "notitie_type", {"extern", "intern"}),
               choice("status", "status", {"concept", "definitief"})};
  for (std::string field : {"aanmaakdatum", "wijzigingsdatum"}) {
    r.filters.push_back(datetime_compare(field, field, "="));
    r.filters.push_back(datetime_compare(field + "__gt", field, ">"));
    r.filters.push_back(datetime_compare(field + "__gte", field, ">="));
    r.filters.push_back(datetime_compare(field + "__lt", field, "<"));
    r.filters.push_back(datetime_compare(field + "__lte", field, "<="));
  }
  r.default_order = "aanmaakdatum, uuid";
  r.validate = [ctx](Call& /*call*/, const json::object& body, const json::object* existing) {
    Checker check(body);
    json::object out;
    auto zaak = zaak_of(ctx, check, "gerelateerdAan");
    out["gerelateerdAan"] =
        zaak ? json::value(json::string(text(*zaak, "url"))) : json::value(nullptr);
    out["onderwerp"] = or_null(
        check.string("onderwerp", {.required = true, .max_length = 255, .allow_blank = false}));
    out["tekst"] = or_null(check.string("tekst", {.required = true, .allow_blank = false}));
    out["aangemaaktDoor"] = check.string("aangemaaktDoor", {.max_length = 255}).value_or("");
    out["notitieType"] = check.choice("notitieType", {"intern", "extern"}).value_or("intern");
    out["status"] = check.choice("status", {"concept", "definitief"}).value_or("concept");
    auto now = now_iso();
    out["aanmaakdatum"] =
        existing ? json::value(existing->at("aanmaakdatum")) : json::value(json::string(now));
    out["wijzigingsdatum"] = now;
    keep_fixed(check, existing, out, {"gerelateerdAan"});
    check.finish();
    return out;
  };
  add(api, std::move(r));
}

// A zaak takes its relations along when it is deleted (zrc-017); a status shows its
// zaakinformatieobjecten. Those resources are zaken.cpp's and zaken_statussen.cpp's; their hooks
// are extended here so that the files stay independent. (The zaak's own lists, zaakobjecten,
// eigenschappen and zaakinformatieobjecten, are kept by the relations' hooks through
// update_zaak_list.)
void extend_zaak(const Ctx& ctx) {
  // The Resources live in the Api's deque, which is not const; only the pointers handed out are.
  auto* zaak = const_cast<Resource*>(ctx->zaken.zaak);
  // The zaak's own lists of its relations expand to them (zrc-026).
  zaak->expansions.push_back(
      {"eigenschappen", &kZaken, "zaken/{zaak_uuid}/zaakeigenschappen", true, ""});
  zaak->expansions.push_back({"zaakobjecten", &kZaken, "zaakobjecten", true, ""});
  zaak->expansions.push_back(
      {"zaakinformatieobjecten", &kZaken, "zaakinformatieobjecten", true, ""});
  // A status shows the zaakinformatieobjecten added under it.
  auto* status = const_cast<Resource*>(ctx->zaken.status);
  status->expansions.push_back(
      {"zaakinformatieobjecten", &kZaken, "zaakinformatieobjecten", true, ""});
  status->decorate = [ctx, inner = status->decorate](Call& call, json::object& out) {
    if (inner) inner(call, out);
    auto& api = *ctx->api;
    json::array list;
    auto rows = api.db().read_once(
        "SELECT uuid FROM zgw_zaakinformatieobjecten WHERE status = $1 ORDER BY registratiedatum, "
        "uuid",
        {api.relative(text(out, "url"))});
    for (std::size_t i = 0; i < rows.size(); ++i) {
      list.emplace_back(
          api.absolute(std::string(kZaken.mount) + "/zaakinformatieobjecten/" + rows[i].text(0)));
    }
    out["zaakinformatieobjecten"] = std::move(list);
  };
  // Before the zaak's own hook, which deletes its deelzaken (zrc-017) without their hooks:
  // the relations of those go too.
  zaak->before_destroy = [ctx, inner = zaak->before_destroy](Call& call,
                                                             const json::object& stored) {
    auto& c = *call.connection;
    auto uuid = text(stored, "uuid");
    if (uuid.empty()) uuid = last_segment(text(stored, "url"));
    std::vector<std::string> zaken{uuid};
    for (auto& deel : cases::zgw_rows::part_cases(c, ctx->api->url_of(*ctx->zaken.zaak, uuid))) {
      zaken.push_back(std::move(deel));
    }
    for (const auto& one : zaken) {
      // zrc-005: the mirrored objectinformatieobjecten of its documents go with the zaak.
      if (auto* docs = ctx->api->settings().documents) {
        auto links = c.query(
            "SELECT zaak, informatieobject FROM zgw_zaakinformatieobjecten "
            "WHERE zaak_uuid = $1",
            {one});
        for (std::size_t i = 0; i < links.size(); ++i) {
          if (auto doc = informatieobject_uuid(*ctx->api, links[i].text(1))) {
            docs->unlink_object(c, *doc, links[i].text(0), one);
          }
        }
      }
      // The table names are constants of this file, never input.
      for (auto table : kRelationTables) {
        c.execute("DELETE FROM " + std::string(table) + " WHERE zaak_uuid = $1", {one});
      }
    }
    if (inner) inner(call, stored);
  };
}

}  // namespace

std::vector<std::string> zaakeigenschap_waarden(Api& api, db::Connection* c,
                                                std::string_view zaak_uuid, std::string_view naam) {
  constexpr std::string_view kSql = "SELECT data FROM zgw_zaakeigenschappen WHERE zaak_uuid = $1";
  db::Params params{std::string(zaak_uuid)};
  auto rows = c ? c->query(kSql, params) : api.db().read_once(kSql, params);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto data = json::parse(rows[i].text(0)).as_object();
    if (text(data, "naam") == naam) out.push_back(text(data, "waarde"));
  }
  return out;
}

std::vector<std::optional<std::string>> zaakobject_kenmerken(Api& api, db::Connection* c,
                                                             std::string_view zaak_uuid,
                                                             std::string_view object_type,
                                                             std::string_view kenmerk) {
  constexpr std::string_view kSql =
      "SELECT data FROM zgw_zaakobjecten WHERE zaak_uuid = $1 AND object_type = $2 ORDER BY uuid";
  db::Params params{std::string(zaak_uuid), std::string(object_type)};
  auto rows = c ? c->query(kSql, params) : api.db().read_once(kSql, params);
  static const Resource kObject = external("object");
  std::vector<std::optional<std::string>> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto data = json::parse(rows[i].text(0)).as_object();
    const auto* ident = data.if_contains("objectIdentificatie");
    if (ident && ident->is_object() && !ident->as_object().empty()) {
      out.push_back(attribute_at(ident->as_object(), kenmerk));
      continue;
    }
    auto url = text(data, "object");
    std::optional<json::object> found;
    if (!url.empty()) {
      json::object none;
      Checker ignore(none);  // what cannot be fetched has no date; the caller says so
      found = api.resolve(ignore, "object", url, kObject);
    }
    out.push_back(found ? attribute_at(*found, kenmerk) : std::nullopt);
  }
  return out;
}

void add_zaak_relations(Api& api, const Catalogi& catalogi, const Zaken& zaken) {
  // Without the zaken there is nothing to hang relations off.
  if (zaken.zaak == nullptr || zaken.status == nullptr || catalogi.eigenschap == nullptr) return;
  auto ctx = std::make_shared<const Context>(Context{&api, zaken, catalogi});
  add_zaakobjecten(api, ctx);
  add_zaakeigenschappen(api, ctx);
  add_zaakinformatieobjecten(api, ctx);
  add_klantcontacten(api, ctx);
  add_link(api, ctx, "zaakcontactmoment", "zaakcontactmomenten", "zgw_zaakcontactmomenten",
           "contactmoment", "contactmoment", false);
  add_link(api, ctx, "zaakverzoek", "zaakverzoeken", "zgw_zaakverzoeken", "verzoek", "verzoek",
           false);
  add_link(api, ctx, "zaakbesluit", "besluiten", "zgw_zaakbesluiten", "besluit", "besluit", true);
  add_zaaknotities(api, ctx);
  extend_zaak(ctx);
}

}  // namespace loket::zgw
