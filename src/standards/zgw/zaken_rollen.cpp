// The Zaken API's rollen: who is involved in a zaak, with the betrokkene's identification; the
// BSN and KvK number are sealed by the case store (encrypted, with a blind index for the
// filters).
#include <algorithm>
#include <boost/json.hpp>
#include <memory>

#include "common/instant.hpp"
#include "http/error.hpp"
#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw::zaken_detail {
namespace json = boost::json;

namespace {

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

void add_rollen(Api& api, const std::shared_ptr<ZaakContext>& ctx) {
  auto z = ctx->z;
  auto* a = &api;
  auto r = base("rol", "rollen", cases::CaseTable::Rollen);
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
  // persoon that carries one) are sealed by the case store: encrypted and bound to the row,
  // with a blind index. This adapter hands it the plain representation.
  r.sealed_columns = cases::CaseStore::role_sealed_columns();
  r.seal = [](Api& api, json::object& data) { return api.cases().store().seal_role(data); };
  r.unseal = [](Api& api, json::object& data,
                const std::vector<std::optional<std::string>>& sealed) {
    api.cases().store().unseal_role(data, sealed);
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
    out["betrokkeneType"] = empty_as_null(type);
    out["afwijkendeNaamBetrokkene"] =
        check.string("afwijkendeNaamBetrokkene", {.max_length = 625}).value_or("");
    // Required in the yaml's Rol (every 1.x version).
    out["roltoelichting"] =
        empty_as_null(check.string("roltoelichting", {.required = true, .max_length = 1000}));
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
        existing ? text(*existing, "registratiedatum") : common::today() + "T00:00:00Z";
    out["statussen"] = json::array{};
    check.finish();
    return out;
  };
  guard_by_zaak_of_child(r, api, z);
  // A party added or removed: the case service's rules and events; the zaak lists its rollen.
  r.before_store = [z](Call& call, json::object& stored, const json::object*) {
    auto zaak = zaak_in(call, *z, stored);
    or_refuse(call.api.cases().party_added_in(*call.connection, part_facts(zaak),
                                              text(stored, "uuid"), permit_of(call, zaak)));
    update_list(call, *z, std::move(zaak), "rollen", text(stored, "url"), true);
  };
  r.before_destroy = [z](Call& call, const json::object& stored) {
    auto zaak = zaak_in(call, *z, stored);
    or_refuse(call.api.cases().party_removed_in(*call.connection, part_facts(zaak),
                                                text(stored, "uuid"), permit_of(call, zaak)));
    update_list(call, *z, std::move(zaak), "rollen", text(stored, "url"), false);
  };
  r.audit_owner = [](const json::object& stored) { return text(stored, "zaak"); };
  r.expansions = {{"zaak", &kZaken, "zaken"},
                  {"roltype", &kCatalogi, "roltypen"},
                  {"statussen", &kZaken, "statussen", true, ""}};
  z->rol = &add(api, std::move(r));
}

}  // namespace loket::zgw::zaken_detail
