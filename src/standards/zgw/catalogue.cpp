// Products become zaaktypen the way any client would make them (Api::save runs the Catalogi
// rules), then are published by storing them with concept false, as the publish route does
// after its checks. The uuids follow from the product file's zaaktype uuid, so a second run
// finds what the first made.
#include "standards/zgw/catalogue.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <stdexcept>

#include "catalog/automation.hpp"
#include "catalog/organisation_store.hpp"
#include "catalog/product_store.hpp"
#include "catalog/upload_store.hpp"
#include "common/instant.hpp"
#include "common/uuid.hpp"
#include "http/error.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr std::string_view kReferences = "/zgw/referentielijsten/api/v1";
// Referentielijsten: a resultaat of the selectielijst without procestermijn (any afleidingswijze).
constexpr std::string_view kSelectielijstKlasse = "a3b4c5d6-2e2f-4c1b-8b62-000000000702";

std::string_view result_description(std::string_view generic) {
  if (generic == "toegekend") return "e1f2a3b4-3f30-4d2c-9c73-000000000001";
  if (generic == "geweigerd") return "e1f2a3b4-3f30-4d2c-9c73-000000000002";
  if (generic == "ingetrokken") return "e1f2a3b4-3f30-4d2c-9c73-000000000003";
  return "e1f2a3b4-3f30-4d2c-9c73-000000000004";
}

// A uuid for part `n` of kind `tag` of the object `base`: base's last 28 hex digits keep it
// unique per product, the first eight say which part.
std::string derived(std::string_view base, int tag, int n) {
  return fmt::format("{:02x}{:06x}{}", tag, n, base.substr(8));
}

// A product that two people decide (decidedBy "two") makes its zaaktype four-eyes: a decision
// takes effect only when a second staff member approves it (migration 0017's column).
void mark_four_eyes(Api& api, const catalog::Product& p) {
  api.db().write([&](db::Connection& c) {
    c.execute("UPDATE zgw_zaaktypen SET four_eyes = $2 WHERE uuid = $1",
              {p.zaaktype_uuid, std::int64_t{p.decided_by == "two" ? 1 : 0}});
  });
}

// Makes and publishes the zaaktypen (valid from `begin`) of the products that have none yet.
int publish_zaaktypen(Api& api, const std::vector<catalog::Product>& products,
                      const std::string& begin) {
  const auto& catalogus = api.resource(kCatalogi, "catalogussen");
  const auto& zaaktype = api.resource(kCatalogi, "zaaktypen");
  const auto& statustype = api.resource(kCatalogi, "statustypen");
  const auto& roltype = api.resource(kCatalogi, "roltypen");
  const auto& resultaattype = api.resource(kCatalogi, "resultaattypen");
  const auto& iot = api.resource(kCatalogi, "informatieobjecttypen");
  const auto& ziot = api.resource(kCatalogi, "zaaktype-informatieobjecttypen");
  const auto& besluittype = api.resource(kCatalogi, "besluittypen");

  http::Request request;
  Client client;
  client.client_id = "loket-seed";
  client.label = "loket seed (catalogue)";
  client.all_rights = true;
  Call call{api, client, request};
  auto save = [&](const Resource& r, std::string uuid, json::object body) {
    call.new_uuid = std::move(uuid);
    try {
      return api.save(call, r, Op::Create, std::move(body));
    } catch (const http::Error& e) {
      std::string why = e.what();
      for (const auto& p : e.invalid_params()) why += "; " + p.name + ": " + p.reason;
      throw std::runtime_error("catalogue: the Catalogi API refused a " + r.path + ": " + why);
    }
  };
  auto publish = [&](const Resource& r, const std::string& uuid) {
    auto stored = api.load(r, uuid);
    if (!stored) throw std::runtime_error("catalogue: " + r.path + " " + uuid + " is gone");
    (*stored)["concept"] = false;
    api.db().write([&](db::Connection& c) { api.store(c, r, *stored, false); });
  };

  int made = 0;
  std::map<std::string, std::string> catalogus_of;  // organisation id → catalogus url (relative)
  for (const auto& p : products) {
    if (!catalogus_of.contains(p.organisation_id)) {
      auto org = catalog::find_organisation(api.db(), p.organisation_id);
      if (!org || org->oin.size() != 20) {
        throw std::runtime_error("catalogue: product " + p.id + ": organisation " +
                                 p.organisation_id + " is missing; run loket seed");
      }
      // One catalogus per organisation, its uuid derived from the organisation's.
      auto uuid = derived(org->id, 0xca, 1);
      if (!api.load(catalogus, uuid)) {
        save(catalogus, uuid,
             {{"domein", "LOKET"},
              {"rsin", org->oin.substr(8, 9)},
              {"contactpersoonBeheerNaam", "Functioneel beheer"},
              {"naam", "Producten " + org->name}});
      }
      catalogus_of[p.organisation_id] = api.url_of(catalogus, uuid);
    }
    const auto& cat = catalogus_of[p.organisation_id];
    // A product whose rules decide automatically has a besluittype, so that an automatic grant
    // or refusal is a besluit the Besluiten API shows (as a decision by staff is).
    auto rules = catalog::rule_set_of(p);
    std::string besluittype_uuid = rules ? derived(p.zaaktype_uuid, 0x55, 0) : std::string();
    bool new_besluittype = false;
    if (rules && !api.load(besluittype, besluittype_uuid)) {
      auto name = "Besluit " + p.name.nl;
      if (name.size() > 80) name = p.name.nl.substr(0, 80);
      save(besluittype, besluittype_uuid,
           {{"catalogus", api.absolute(cat)},
            {"omschrijving", name},
            {"omschrijvingGeneriek", "Besluit op aanvraag"},
            {"besluitcategorie", "besluit"},
            {"reactietermijn", "P6W"},
            {"publicatieIndicatie", false},
            {"toelichting", rules->decides.nl},
            {"informatieobjecttypen", json::array{}},
            {"beginGeldigheid", begin}});
      publish(besluittype, besluittype_uuid);
      new_besluittype = true;
    }
    json::array besluittypen;
    if (rules) besluittypen.emplace_back(api.absolute(api.url_of(besluittype, besluittype_uuid)));
    if (auto existing = api.load(zaaktype, p.zaaktype_uuid)) {
      // A zaaktype published before its product had rules lists the new besluittype too.
      if (new_besluittype) {
        auto& listed = (*existing)["besluittypen"];
        if (!listed.is_array()) listed = json::array{};
        listed.as_array().emplace_back(api.url_of(besluittype, besluittype_uuid));
        api.db().write([&](db::Connection& c) { api.store(c, zaaktype, *existing, false); });
      }
      mark_four_eyes(api, p);
      continue;
    }

    json::array keywords;
    for (const auto& k : p.keywords) keywords.emplace_back(k);
    auto org = catalog::find_organisation(api.db(), p.organisation_id);
    json::object body{{"identificatie", p.zaaktype_identificatie},
                      {"omschrijving", p.name.nl},
                      {"vertrouwelijkheidaanduiding", p.confidentiality},
                      {"doel", p.summary.nl},
                      {"aanleiding", "Een inwoner of ondernemer vraagt het aan via het loket."},
                      {"indicatieInternOfExtern", "extern"},
                      {"handelingInitiator", "Aanvragen"},
                      {"onderwerp", p.name.nl},
                      {"handelingBehandelaar", "Behandelen"},
                      {"doorlooptijd", p.term},
                      {"opschortingEnAanhoudingMogelijk", true},
                      {"verlengingMogelijk", p.extension.has_value()},
                      {"publicatieIndicatie", false},
                      {"productenOfDiensten", json::array{}},
                      {"referentieproces", {{"naam", p.name.nl}}},
                      {"verantwoordelijke", org ? org->name : std::string("Loket")},
                      {"trefwoorden", std::move(keywords)},
                      {"catalogus", api.absolute(cat)},
                      {"besluittypen", std::move(besluittypen)},
                      {"deelzaaktypen", json::array{}},
                      {"gerelateerdeZaaktypen", json::array{}},
                      {"beginGeldigheid", begin},
                      {"versiedatum", begin}};
    if (p.extension) body["verlengingstermijn"] = *p.extension;
    save(zaaktype, p.zaaktype_uuid, std::move(body));
    auto zt_url = api.absolute(api.url_of(zaaktype, p.zaaktype_uuid));

    for (std::size_t i = 0; i < p.statuses.size(); ++i) {
      const auto& s = p.statuses[i];
      save(statustype, derived(p.zaaktype_uuid, 0x51, static_cast<int>(i)),
           {{"zaaktype", zt_url},
            {"omschrijving", s.name.nl},
            {"volgnummer", static_cast<std::int64_t>(i + 1)},
            {"statustekst", s.text.nl},
            {"informeren", s.notify}});
    }
    save(roltype, derived(p.zaaktype_uuid, 0x52, 0),
         {{"zaaktype", zt_url},
          {"omschrijving", "Aanvrager"},
          {"omschrijvingGeneriek", "initiator"}});
    for (std::size_t i = 0; i < p.results.size(); ++i) {
      const auto& r = p.results[i];
      save(resultaattype, derived(p.zaaktype_uuid, 0x53, static_cast<int>(i)),
           {{"zaaktype", zt_url},
            {"omschrijving", r.name.nl},
            {"resultaattypeomschrijving",
             api.absolute(fmt::format("{}/resultaattypeomschrijvingen/{}", kReferences,
                                      result_description(r.generic)))},
            {"selectielijstklasse",
             api.absolute(fmt::format("{}/resultaten/{}", kReferences, kSelectielijstKlasse))},
            {"brondatumArchiefprocedure", {{"afleidingswijze", "afgehandeld"}}}});
    }
    // Informatieobjecttypen belong to the catalogus: products of one organisation share them.
    auto document_type = [&](const std::string& name, int n, std::string_view richting) {
      auto found = api.db().read_once(
          "SELECT uuid FROM zgw_informatieobjecttypen WHERE catalogus = $1 AND omschrijving = $2",
          {cat, name});
      if (found.empty()) {
        auto saved = save(iot, {},
                          {{"catalogus", api.absolute(cat)},
                           {"omschrijving", name},
                           {"vertrouwelijkheidaanduiding", "zaakvertrouwelijk"},
                           {"beginGeldigheid", "2024-01-01"},
                           {"informatieobjectcategorie", "bijlage"},
                           {"trefwoord", json::array{}}});
        publish(iot, json::value_to<std::string>(saved.at("uuid")));
      }
      save(ziot, derived(p.zaaktype_uuid, 0x54, n),
           {{"zaaktype", zt_url},
            {"informatieobjecttype", name},
            {"volgnummer", static_cast<std::int64_t>(n + 1)},
            {"richting", richting}});
    };
    for (std::size_t i = 0; i < p.documents.size(); ++i) {
      document_type(p.documents[i].name.nl, static_cast<int>(i), "inkomend");
    }
    document_type(std::string(kStaffDocumentType), static_cast<int>(p.documents.size()),
                  "uitgaand");
    document_type(std::string(catalog::kSupplementDocument),
                  static_cast<int>(p.documents.size()) + 1, "inkomend");
    publish(zaaktype, p.zaaktype_uuid);
    mark_four_eyes(api, p);
    ++made;
  }
  return made;
}

}  // namespace

CataloguePublished publish_products(Api& api, const std::vector<catalog::Product>& products) {
  CataloguePublished out;
  out.zaaktypen = publish_zaaktypen(api, products, "2024-01-01");
  auto now = common::today();
  api.db().write([&](db::Connection& c) {
    for (const auto& p : products) out.products += catalog::upsert_product(c, p, now) ? 1 : 0;
  });
  return out;
}

int publish_product_version(Api& api, const catalog::Product& current, catalog::Product next,
                            const std::string& by) {
  const auto& zaaktype = api.resource(kCatalogi, "zaaktypen");
  const auto& besluittype = api.resource(kCatalogi, "besluittypen");
  auto begin = common::today();
  auto old = api.load(zaaktype, current.zaaktype_uuid);
  if (!old) throw http::Conflict("The product's zaaktype is gone; run loket seed.");
  auto old_begin = old->if_contains("beginGeldigheid");
  if (old_begin && old_begin->is_string() && old_begin->as_string() >= begin) {
    // Versions follow each other by the day (ztc-016): today's cannot end before it began.
    throw http::Error(409, "conflict", "This product got a new version today already.",
                      {{"product", "one-per-day",
                        "A product gets at most one new version a day; publish this one "
                        "tomorrow."}});
  }
  // The new version is a new zaaktype (and besluittype) with the same identificatie, valid
  // from today; the old one ends yesterday, and its cases keep it.
  next.zaaktype_uuid = common::new_uuid();
  next.source["zaaktype"].as_object()["uuid"] = next.zaaktype_uuid;
  // The old zaaktype and its besluittypen end first: the Catalogi API refuses a new version
  // that overlaps them. Should making the new version fail, they are put back as they were.
  std::vector<std::pair<const Resource*, json::object>> ending{{&zaaktype, *old}};
  if (const auto* listed = old->if_contains("besluittypen"); listed && listed->is_array()) {
    for (const auto& u : listed->as_array()) {
      auto uuid = u.is_string() ? api.uuid_of(besluittype, u.as_string()) : std::nullopt;
      if (auto bt = uuid ? api.load(besluittype, *uuid) : std::nullopt) {
        ending.emplace_back(&besluittype, std::move(*bt));
      }
    }
  }
  auto store_all = [&](const std::optional<std::string>& end) {
    api.db().write([&](db::Connection& c) {
      for (auto [r, o] : ending) {
        if (end) o["eindeGeldigheid"] = *end;
        api.store(c, *r, o, false);
      }
    });
  };
  // The claim keeps a second administrator (or process) from publishing the same product at
  // the same time; one whose process died more than ten minutes ago is taken over.
  int version = 0;
  api.db().write([&](db::Connection& c) {
    version = catalog::claim_product_version(
        c, current, next, by, common::now_micros(),
        common::format_instant_micros(std::chrono::system_clock::now() - std::chrono::minutes(10)));
  });
  if (version == 0) {
    throw http::Error(409, "conflict", "Someone else is publishing this product, or just did.",
                      {{"product", "changed",
                        "Another version of this product was published meanwhile; reload the "
                        "product and make your change again."}});
  }
  store_all(common::today(-1));
  try {
    publish_zaaktypen(api, {next}, begin);
    api.db().write([&](db::Connection& c) {
      catalog::complete_product_version(c, next, version, common::now_micros());
    });
  } catch (...) {
    store_all(std::nullopt);
    api.db().write(
        [&](db::Connection& c) { catalog::release_product_version(c, next.id, version); });
    throw;
  }
  return version;
}

}  // namespace loket::zgw
