// The Documenten API's gebruiksrechten (drc-006: they set the informatieobject's
// indicatieGebruiksrecht) and objectinformatieobjecten: the domain's document links, which the
// Zaken API's zaakinformatieobjecten write through DocumentService::link_object (zrc-005).
#include <boost/json.hpp>
#include <memory>

#include "common/json.hpp"
#include "common/uuid.hpp"
#include "documents/download.hpp"
#include "http/error.hpp"
#include "standards/zgw/documenten.hpp"

namespace loket::zgw {
namespace json = boost::json;

void add_enkelvoudiginformatieobjecten(Api& api, const Catalogi& catalogi, Documenten& out);
const Resource* add_verzendingen(Api& api, const Resource* eio);  // documenten_verzendingen.cpp

namespace {

using common::string_at;
using common::text;

constexpr std::string_view kLezen = "documenten.lezen";
constexpr std::string_view kAanmaken = "documenten.aanmaken";
constexpr std::string_view kBijwerken = "documenten.bijwerken";
constexpr std::string_view kVerwijderen = "documenten.verwijderen";

struct Ctx {
  Api* api = nullptr;
  Documenten documenten;
  Zaken zaken;
};
using CtxPtr = std::shared_ptr<Ctx>;

std::optional<Guard> document_guard(Api& api, const Resource& eio, std::string_view uuid) {
  auto found = api.load(eio, uuid);
  if (!found) return std::nullopt;
  return Guard{text(*found, "informatieobjecttype"),
               common::confidentiality_level(text(*found, "vertrouwelijkheidaanduiding"))};
}

// Sets the informatieobject's indicatieGebruiksrecht (latest version and its version row)
// without making a new version: the rights are about the object, not its content.
void set_indication(Api& api, db::Connection& c, const Resource& eio, const std::string& uuid,
                    json::value value) {
  auto found = api.load(c, eio, uuid);
  if (!found) return;
  (*found)["indicatieGebruiksrecht"] = value;
  auto data = api.store(c, eio, *found, false);
  c.execute("UPDATE zgw_eio_versies SET data = $1 WHERE uuid = $2 AND versie = $3",
            {json::serialize(data), uuid, found->at("versie").as_int64()});
}

void add_gebruiksrechten(Api& api, const CtxPtr& ctx) {
  Resource r;
  r.component = &kDocumenten;
  r.name = "gebruiksrechten";
  r.path = "gebruiksrechten";
  r.table = "zgw_gebruiksrechten";
  r.ops = {Op::List, Op::Create, Op::Read, Op::Update, Op::PartialUpdate, Op::Destroy};
  r.read_scope = kLezen;
  r.create_scope = kAanmaken;
  r.update_scope = kBijwerken;
  r.destroy_scope = kVerwijderen;
  r.columns = {text_column("informatieobject", "informatieobject"),
               {"document_uuid", [](const json::object& o) -> db::Value {
                  return last_segment(text(o, "informatieobject"));
                }}};
  r.filters = {url_exact("informatieobject", "informatieobject")};
  r.validate = [ctx](Call&, const json::object& body, const json::object* existing) {
    auto& a = *ctx->api;
    Checker check(body);
    json::object out;
    auto url = check.url("informatieobject", true);
    out["informatieobject"] = nullptr;
    if (url && !url->empty()) {
      auto uuid = informatieobject_uuid(a, *url);
      if (!uuid || !a.load(*ctx->documenten.informatieobject, *uuid)) {
        check.fail("informatieobject", "does-not-exist",
                   "Er bestaat geen informatieobject met deze URL in deze registratie.");
      } else if (existing && a.relative(*url) != text(*existing, "informatieobject")) {
        check.fail("informatieobject", "wijzigen-niet-toegestaan",
                   "Het informatieobject kan na het aanmaken niet meer wijzigen.");
      } else {
        out["informatieobject"] = a.relative(*url);
      }
    }
    out["startdatum"] = common::or_null(check.datetime("startdatum", true));
    auto eind = check.datetime("einddatum");
    out["einddatum"] = eind ? json::value(json::string(*eind)) : json::value(nullptr);
    out["omschrijvingVoorwaarden"] = common::or_null(
        check.string("omschrijvingVoorwaarden", {.required = true, .allow_blank = false}));
    check.finish();
    return out;
  };
  r.guard = [ctx](Call& call, const json::object& stored) {
    return document_guard(call.api, *ctx->documenten.informatieobject,
                          last_segment(text(stored, "informatieobject")));
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    auto cond = Api::type_guard(call.client, kDocumenten, scope, w, "e.informatieobjecttype",
                                "e.vertrouwelijkheid");
    if (!cond.empty()) {
      w.add("document_uuid IN (SELECT e.uuid FROM zgw_enkelvoudiginformatieobjecten e WHERE " +
            cond + ")");
    }
  };
  // drc-006: a right sets the indication; the last one gone sets it back to null.
  r.after_store = [ctx](Call& call, const json::object& stored, const json::object* before) {
    if (before) return;
    set_indication(*ctx->api, *call.connection, *ctx->documenten.informatieobject,
                   last_segment(text(stored, "informatieobject")), true);
  };
  r.before_destroy = [ctx](Call& call, const json::object& stored) {
    auto doc = last_segment(text(stored, "informatieobject"));
    auto others = call.connection->query(
        "SELECT 1 FROM zgw_gebruiksrechten WHERE document_uuid = $1 AND uuid <> $2",
        {doc, text(stored, "uuid")});
    if (others.empty()) {
      set_indication(*ctx->api, *call.connection, *ctx->documenten.informatieobject, doc, nullptr);
    }
  };
  ctx->documenten.gebruiksrecht = &api.add(std::move(r));
}

// objectinformatieobjecten: the rows of document_links, shown with URLs.
void add_objectinformatieobjecten(Api& api, const CtxPtr& ctx) {
  Resource r;
  r.component = &kDocumenten;
  r.name = "objectinformatieobject";
  r.path = "objectinformatieobjecten";
  r.table = "document_links";
  r.ops = {Op::List, Op::Read};
  r.read_scope = kLezen;
  r.create_scope = kAanmaken;
  r.destroy_scope = kVerwijderen;
  r.filters = {url_exact("object", "object"),
               {"informatieobject", [](Api& a, Where& w, std::string_view v) {
                  auto uuid = informatieobject_uuid(a, v);
                  if (!uuid) {
                    throw ValidationError("informatieobject", "invalid",
                                          "Geef de URL van een informatieobject van deze API.");
                  }
                  w.add("document_uuid = " + w.bind(*uuid));
                }}};
  r.default_order = "created_at, uuid";
  r.guard = [ctx](Call& call, const json::object& stored) {
    return document_guard(call.api, *ctx->documenten.informatieobject, text(stored, "document"));
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    auto cond = Api::type_guard(call.client, kDocumenten, scope, w, "e.informatieobjecttype",
                                "e.vertrouwelijkheid");
    if (!cond.empty()) {
      w.add("document_uuid IN (SELECT e.uuid FROM zgw_enkelvoudiginformatieobjecten e WHERE " +
            cond + ")");
    }
  };
  r.decorate = [ctx](Call& call, json::object& out) {
    auto& a = call.api;
    out["url"] = a.absolute(std::string(kDocumenten.mount) + "/objectinformatieobjecten/" +
                            text(out, "uuid"));
    out["informatieobject"] =
        a.absolute(a.url_of(*ctx->documenten.informatieobject, text(out, "document")));
    out.erase("document");
    out.erase("uuid");
  };
  ctx->documenten.objectinformatieobject = &api.add(std::move(r));

  // Create and delete: the relation must exist (or be gone) in the object's registration
  // first (drc-004). Loket's zaakinformatieobjecten write the link themselves, so a client's
  // create finds it there already (drc-003, 400) and its delete finds the zaak's relation
  // still in place (400): both answer what the standard asks without a second copy.
  api.route(kDocumenten, http::Method::Post, "/objectinformatieobjecten",
            "Registreer een relatie (bestaat ze al in de bron, dan 400 drc-003).",
            [ctx](Call& call) -> http::Response {
              auto& a = call.api;
              Api::require(call.client, *ctx->documenten.objectinformatieobject, kAanmaken,
                           std::nullopt);
              auto body = parse_body(call.request);
              Checker check(body);
              auto io = check.url("informatieobject", true);
              auto object = check.url("object", true);
              auto type = check.choice("objectType", {"zaak", "besluit"}, true);
              check.finish();
              auto uuid = informatieobject_uuid(a, *io);
              if (!uuid || !a.load(*ctx->documenten.informatieobject, *uuid)) {
                throw ValidationError("informatieobject", "does-not-exist",
                                      "Er bestaat geen informatieobject met deze URL.");
              }
              auto rows = a.db().read_once(
                  "SELECT 1 FROM document_links WHERE object = $1 AND document_uuid = $2",
                  {a.relative(*object), *uuid});
              if (!rows.empty()) {
                throw ValidationError("nonFieldErrors", "unique",
                                      "Dit informatieobject is al aan dit object gekoppeld.");
              }
              throw ValidationError("nonFieldErrors", "inconsistent-relation",
                                    "Leg de relatie eerst vast in de bron (zaakinformatieobject "
                                    "of besluitinformatieobject); die spiegelt ze hierheen.");
            });
  api.route(kDocumenten, http::Method::Delete, "/objectinformatieobjecten/{uuid}",
            "Verwijder een relatie (alleen als ze in de bron weg is).",
            [ctx](Call& call) -> http::Response {
              auto& a = call.api;
              auto found =
                  a.load(*ctx->documenten.objectinformatieobject, call.request.param("uuid"));
              if (!found) {
                throw http::Error(404, "not_found",
                                  "Er bestaat geen objectinformatieobject met deze uuid.");
              }
              Api::require(
                  call.client, *ctx->documenten.objectinformatieobject, kVerwijderen,
                  document_guard(a, *ctx->documenten.informatieobject, text(*found, "document")));
              // The source (zaakinformatieobject) removes the link when it goes itself.
              throw ValidationError("nonFieldErrors", "inconsistent-relation",
                                    "De relatie bestaat nog in de bron; verwijder daar het "
                                    "zaakinformatieobject of besluitinformatieobject.");
            });
}

}  // namespace

namespace {

// Linked documents of the zaak whose representation has `field` null / not `value`. The link
// table and the representation are both this API's; the JSON is read here, not in SQL, so the
// same code runs on SQLite and PostgreSQL.
std::int64_t count_linked(const db::Rows& rows, const char* field, const json::value& wanted) {
  std::int64_t n = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto data = json::parse(rows[i].text(0));
    const auto* v = data.as_object().if_contains(field);
    if (!v || *v != wanted) ++n;
  }
  return n;
}

constexpr const char* kLinkedDocuments =
    "SELECT e.data FROM document_links l JOIN zgw_enkelvoudiginformatieobjecten e ON e.uuid = "
    "l.document_uuid WHERE l.object = $1";

}  // namespace

std::int64_t documents_without_usage_rights(db::Connection& c, std::string_view zaak_url) {
  auto rows = c.query(kLinkedDocuments, {std::string(zaak_url)});
  std::int64_t n = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto data = json::parse(rows[i].text(0));
    const auto* v = data.as_object().if_contains("indicatieGebruiksrecht");
    if (!v || v->is_null()) ++n;
  }
  return n;
}

std::int64_t documents_not_archived(Api& api, std::string_view zaak_url) {
  auto rows = api.db().read_once(kLinkedDocuments, {std::string(api.relative(zaak_url))});
  return count_linked(rows, "status", json::value("gearchiveerd"));
}

Documenten add_documenten(Api& api, const Catalogi& catalogi, const Zaken& zaken) {
  auto ctx = std::make_shared<Ctx>();
  ctx->api = &api;
  ctx->zaken = zaken;
  add_enkelvoudiginformatieobjecten(api, catalogi, ctx->documenten);
  add_gebruiksrechten(api, ctx);
  add_objectinformatieobjecten(api, ctx);
  add_verzendingen(api, ctx->documenten.informatieobject);
  return ctx->documenten;
}

}  // namespace loket::zgw
