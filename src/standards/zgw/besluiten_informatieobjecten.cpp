// The Besluiten API's besluitinformatieobjecten: a document (in the Documenten API) that records
// (part of) a decision. brc-003: the informatieobject resolves; brc-004: the relation does not
// change (there is no update); brc-005: the Documenten API mirrors it as an
// objectinformatieobject (objectType "besluit"), in the same transaction, through the documents
// domain (mirror/unmirror below).
#include <boost/json.hpp>

#include "common/json.hpp"
#include "documents/document_service.hpp"
#include "documents/download.hpp"
#include "http/error.hpp"
#include "standards/zgw/document_refusal.hpp"
#include "standards/zgw/besluiten.hpp"
#include "standards/zgw/documenten.hpp"

namespace loket::zgw::besluiten_detail {
namespace json = boost::json;

namespace {

using common::or_null;
using common::text;

constexpr std::string_view kDocumentenMount = "/zgw/documenten/api/v1";

// The Documenten API's enkelvoudiginformatieobjecten when this server registers them (the
// documents module); nullptr when it does not, and our own document URLs cannot resolve.
const Resource* own_documents(Api& api) {
  for (const auto& r : api.resources()) {
    if (r.component && r.component->mount == kDocumentenMount &&
        r.path == "enkelvoudiginformatieobjecten") {
      return &r;
    }
  }
  return nullptr;
}

// brc-003: the informatieobject exists: ours looked up, another host's fetched (allow-listed).
std::optional<std::string> informatieobject(Api& api, Checker& check) {
  auto url = check.url("informatieobject", true);
  if (!url || url->empty()) return std::nullopt;
  static const Resource kExternal = [] {
    Resource r;
    r.component = &kBesluiten;
    r.name = "informatieobject";
    return r;
  }();
  const Resource* kind = &kExternal;
  if (api.relative(*url).starts_with("/zgw/")) {
    kind = own_documents(api);
    if (!kind) {
      check.fail("informatieobject", "invalid-resource",
                 "Deze URL wijst niet naar een informatieobject in deze registratie.");
      return std::nullopt;
    }
  }
  if (!api.resolve(check, "informatieobject", *url, *kind)) return std::nullopt;
  return api.relative(*url);
}

// brc-005: the relation mirrored as the document's objectinformatieobject (a document of this
// registration only; one elsewhere keeps its own).
void mirror(Call& call, std::string_view informatieobject, std::string_view besluit_url) {
  auto* docs = call.api.settings().documents;
  auto uuid = informatieobject_uuid(call.api, informatieobject);
  if (!docs || !uuid) return;
  auto linked = docs->link_object(*call.connection, *uuid, std::string(besluit_url), "besluit",
                                  last_segment(besluit_url));
  if (!linked) throw document_refusal_error(linked.error());
}

void unmirror(Call& call, std::string_view informatieobject, std::string_view besluit_url) {
  auto* docs = call.api.settings().documents;
  auto uuid = informatieobject_uuid(call.api, informatieobject);
  if (!docs || !uuid) return;
  docs->unlink_object(*call.connection, *uuid, std::string(besluit_url), last_segment(besluit_url));
}

}  // namespace

void delete_informatieobjecten_of(Call& call, std::string_view besluit_url) {
  auto& c = *call.connection;
  auto rows = c.query(
      "SELECT uuid, informatieobject FROM zgw_besluitinformatieobjecten WHERE"
      " besluit = $1",
      {std::string(besluit_url)});
  for (std::size_t i = 0; i < rows.size(); ++i) unmirror(call, rows[i].text(1), besluit_url);
  c.execute("DELETE FROM zgw_besluitinformatieobjecten WHERE besluit = $1",
            {std::string(besluit_url)});
}

void add_besluitinformatieobjecten(Api& api, const std::shared_ptr<Context>& ctx) {
  Resource r;
  r.component = &kBesluiten;
  r.name = "besluitinformatieobject";
  r.path = "besluitinformatieobjecten";
  r.table = "zgw_besluitinformatieobjecten";
  r.ops = {Op::List, Op::Create, Op::Read, Op::Destroy};
  r.read_scope = kLezen;
  r.create_scope = kAanmaken;
  r.update_scope = kBijwerken;
  r.destroy_scope = kVerwijderen;
  r.columns = {text_column("besluit", "besluit"),
               text_column("informatieobject", "informatieobject")};
  r.filters = {url_exact("besluit", "besluit"), url_exact("informatieobject", "informatieobject")};
  r.default_order = "besluit, uuid";
  r.unique_violation = {"nonFieldErrors", "unique",
                        "Dit informatieobject is al aan dit besluit gekoppeld."};
  r.validate = [ctx](Call&, const json::object& body, const json::object*) {
    auto& a = *ctx->api;
    Checker check(body);
    json::object out;
    auto besluit = check.url("besluit", true);
    out["besluit"] = nullptr;
    if (besluit && !besluit->empty()) {
      if (!a.relative(*besluit).starts_with("/zgw/")) {
        check.fail("besluit", "invalid-resource",
                   "Deze URL wijst niet naar een besluit in deze registratie.");
      } else if (a.resolve(check, "besluit", *besluit, *ctx->b.besluit)) {
        out["besluit"] = a.relative(*besluit);
      }
    }
    out["informatieobject"] = or_null(informatieobject(a, check));
    check.finish();
    return out;
  };
  r.guard = [ctx](Call&, const json::object& stored) -> std::optional<Guard> {
    auto g = besluit_guard(*ctx->api, text(stored, "besluit"));
    // A link whose besluit is gone falls under no type: only clients with all rights see it.
    return g ? g : std::optional<Guard>(Guard{"", 0});
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    auto clause = Api::type_guard(call.client, kBesluiten, scope, w, "b.besluittype", "0");
    if (clause.empty()) return;
    w.add("besluit IN (SELECT '" + std::string(kBesluiten.mount) +
          "/besluiten/' || b.uuid FROM zgw_besluiten b WHERE " + clause + ")");
  };
  r.after_store = [](Call& call, const json::object& stored, const json::object*) {
    mirror(call, text(stored, "informatieobject"), text(stored, "besluit"));
  };
  r.before_destroy = [](Call& call, const json::object& stored) {
    unmirror(call, text(stored, "informatieobject"), text(stored, "besluit"));
  };
  r.audit_owner = [](const json::object& stored) { return text(stored, "besluit"); };
  r.expansions = {{"besluit", &kBesluiten, "besluiten"}};
  ctx->b.besluitinformatieobject = &api.add(std::move(r));
}

}  // namespace loket::zgw::besluiten_detail
