// The Documenten API's verzendingen: an informatieobject sent to or received from a betrokkene,
// with exactly one way it travelled (a Dutch or foreign address, a postbus, fax, e-mail or
// MijnOverheid). Rights are the informatieobject's; changes land in its audit trail.
#include <boost/json.hpp>
#include <memory>

#include "common/confidentiality.hpp"
#include "common/json.hpp"
#include "standards/zgw/documenten.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

using common::text;

constexpr std::string_view kLezen = "documenten.lezen";
constexpr std::string_view kAanmaken = "documenten.aanmaken";
constexpr std::string_view kBijwerken = "documenten.bijwerken";
constexpr std::string_view kVerwijderen = "documenten.verwijderen";

// The ways a verzending travelled; exactly one is given (mijnOverheid counts when true).
constexpr std::string_view kAddressFields[] = {"binnenlandsCorrespondentieadres",
                                               "buitenlandsCorrespondentieadres",
                                               "correspondentiePostadres",
                                               "faxnummer",
                                               "emailadres",
                                               "mijnOverheid"};

json::value or_null(const std::optional<std::string>& v) {
  return v ? json::value(json::string(*v)) : json::value(nullptr);
}
json::value or_null(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

// A nested address group: checked with its fields named "group.field"; null when absent.
json::value address_group(Checker& check, std::string_view name) {
  const auto* group = check.object(name);
  if (!group) return nullptr;
  Checker sub(*group, std::string(name));
  json::object out;
  if (name == "binnenlandsCorrespondentieadres") {
    out["huisletter"] = sub.string("huisletter", {.max_length = 1}).value_or("");
    out["huisnummer"] = or_null(sub.integer("huisnummer", true, 1, 99999));
    out["huisnummerToevoeging"] =
        sub.string("huisnummerToevoeging", {.max_length = 4}).value_or("");
    out["naamOpenbareRuimte"] = or_null(sub.string(
        "naamOpenbareRuimte", {.required = true, .max_length = 80, .allow_blank = false}));
    out["postcode"] = sub.string("postcode", {.max_length = 6}).value_or("");
    out["woonplaatsnaam"] = or_null(
        sub.string("woonplaatsnaam", {.required = true, .max_length = 80, .allow_blank = false}));
  } else if (name == "buitenlandsCorrespondentieadres") {
    out["adresBuitenland1"] = or_null(
        sub.string("adresBuitenland1", {.required = true, .max_length = 35, .allow_blank = false}));
    out["adresBuitenland2"] = sub.string("adresBuitenland2", {.max_length = 35}).value_or("");
    out["adresBuitenland3"] = sub.string("adresBuitenland3", {.max_length = 35}).value_or("");
    auto land = sub.url("landPostadres", true);
    if (land && land->size() > 200)
      sub.fail("landPostadres", "max_length", "Hoogstens 200 tekens.");
    out["landPostadres"] = or_null(land);
  } else {
    out["postBusOfAntwoordnummer"] = or_null(sub.integer("postBusOfAntwoordnummer", true, 1, 9999));
    out["postadresPostcode"] = or_null(
        sub.string("postadresPostcode", {.required = true, .max_length = 6, .allow_blank = false}));
    out["postadresType"] = or_null(sub.choice("postadresType", {"antwoordnummer", "postbusnummer"},
                                              /*required=*/true));
    out["woonplaatsnaam"] = or_null(
        sub.string("woonplaatsnaam", {.required = true, .max_length = 80, .allow_blank = false}));
  }
  for (auto& e : sub.errors()) check.errors().push_back(std::move(e));
  return out;
}

bool given(const json::object& body, std::string_view name) {
  const auto* v = body.if_contains(name);
  if (!v || v->is_null()) return false;
  if (v->is_bool()) return v->as_bool();
  if (v->is_string()) return !v->as_string().empty();
  return true;
}

bool plausible_email(std::string_view s) {
  auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
         s.find('@', at + 1) == std::string_view::npos &&
         s.find('.', at + 1) != std::string_view::npos &&
         s.find_first_of(" \t\r\n<>,;") == std::string_view::npos;
}

json::object validate_verzending(Api& api, const Resource& eio, const json::object& sent,
                                 const json::object* existing) {
  // On PATCH the body is merged over the stored object, whose own URLs are relative: the checks
  // see them absolute, as a client sends them.
  json::value absolute = sent;
  api.absolutize(absolute);
  const auto& body = absolute.as_object();
  Checker check(body);
  json::object out;
  auto url = check.url("informatieobject", true);
  out["informatieobject"] = nullptr;
  if (url && !url->empty()) {
    auto uuid = informatieobject_uuid(api, *url);
    if (!uuid || !api.load(eio, *uuid)) {
      check.fail("informatieobject", "does-not-exist",
                 "Er bestaat geen informatieobject met deze URL in deze registratie.");
    } else if (existing && api.relative(*url) != text(*existing, "informatieobject")) {
      check.fail("informatieobject", "wijzigen-niet-toegestaan",
                 "Het informatieobject kan na het aanmaken niet meer wijzigen.");
    } else {
      out["informatieobject"] = api.relative(*url);
    }
  }
  auto betrokkene = check.url("betrokkene", true);
  if (betrokkene && betrokkene->size() > 200) {
    check.fail("betrokkene", "max_length", "Hoogstens 200 tekens.");
  }
  out["betrokkene"] = or_null(betrokkene);
  auto aard = check.choice("aardRelatie", {"afzender", "geadresseerde"}, true);
  out["aardRelatie"] = or_null(aard);
  out["toelichting"] = check.string("toelichting", {.max_length = 200}).value_or("");
  auto ontvangst = check.date("ontvangstdatum");
  out["ontvangstdatum"] = or_null(ontvangst);
  out["verzenddatum"] = or_null(check.date("verzenddatum"));
  // The standard: ontvangstdatum is required when the betrokkene is the sender.
  if (aard && *aard == "afzender" && !ontvangst) {
    check.fail("ontvangstdatum", "required",
               "Geef de ontvangstdatum: de betrokkene is de afzender.");
  }
  auto contact = check.url("contactPersoon", true);
  if (contact && contact->size() > 1000) {
    check.fail("contactPersoon", "max_length", "Hoogstens 1000 tekens.");
  }
  out["contactPersoon"] = or_null(contact);
  out["contactpersoonnaam"] = check.string("contactpersoonnaam", {.max_length = 40}).value_or("");
  for (auto name : {"binnenlandsCorrespondentieadres", "buitenlandsCorrespondentieadres",
                    "correspondentiePostadres"}) {
    out[name] = address_group(check, name);
  }
  out["faxnummer"] = or_null(check.string("faxnummer", {.max_length = 15}));
  auto email = check.string("emailadres", {.max_length = 100});
  if (email && !email->empty() && !plausible_email(*email)) {
    check.fail("emailadres", "invalid", "Geef een e-mailadres.");
  }
  out["emailadres"] = or_null(email);
  out["mijnOverheid"] = check.boolean("mijnOverheid").value_or(false);
  out["telefoonnummer"] = or_null(check.string("telefoonnummer", {.max_length = 15}));
  // Exactly one way it travelled (the standard's address rule).
  int ways = 0;
  for (auto name : kAddressFields) ways += given(body, name) ? 1 : 0;
  if (ways != 1) {
    check.fail("nonFieldErrors", "invalid-address",
               "Geef precies één van binnenlandsCorrespondentieadres, "
               "buitenlandsCorrespondentieadres, correspondentiePostadres, faxnummer, emailadres "
               "en mijnOverheid (nu " +
                   std::to_string(ways) + ").");
  }
  check.finish();
  return out;
}

}  // namespace

const Resource* add_verzendingen(Api& api, const Resource* eio);

const Resource* add_verzendingen(Api& api, const Resource* eio) {
  Resource r;
  r.component = &kDocumenten;
  r.name = "verzending";
  r.path = "verzendingen";
  r.table = "zgw_verzendingen";
  r.ops = {Op::List, Op::Create, Op::Read, Op::Update, Op::PartialUpdate, Op::Destroy};
  r.read_scope = kLezen;
  r.create_scope = kAanmaken;
  r.update_scope = kBijwerken;
  r.destroy_scope = kVerwijderen;
  r.columns = {text_column("informatieobject", "informatieobject"),
               {"document_uuid",
                [](const json::object& o) -> db::Value {
                  return last_segment(text(o, "informatieobject"));
                }},
               text_column("betrokkene", "betrokkene"),
               text_column("aard_relatie", "aardRelatie")};
  r.filters = {url_exact("informatieobject", "informatieobject"),
               url_exact("betrokkene", "betrokkene"),
               choice("aardRelatie", "aard_relatie", {"afzender", "geadresseerde"})};
  r.expansions = {{"informatieobject", &kDocumenten, "enkelvoudiginformatieobjecten"}};
  r.validate = [&api, eio](Call&, const json::object& body, const json::object* existing) {
    return validate_verzending(api, *eio, body, existing);
  };
  // The informatieobject's rights: its type and confidentiality decide.
  r.guard = [eio](Call& call, const json::object& stored) -> std::optional<Guard> {
    auto found = call.api.load(*eio, last_segment(text(stored, "informatieobject")));
    if (!found) return std::nullopt;
    return Guard{text(*found, "informatieobjecttype"),
                 common::confidentiality_level(text(*found, "vertrouwelijkheidaanduiding"))};
  };
  r.list_guard = [](Call& call, Where& w, std::string_view scope) {
    auto cond = Api::type_guard(call.client, kDocumenten, scope, w, "e.informatieobjecttype",
                                "e.vertrouwelijkheid");
    if (!cond.empty()) {
      w.add("document_uuid IN (SELECT e.uuid FROM zgw_enkelvoudiginformatieobjecten e WHERE " +
            cond + ")");
    }
  };
  // Recorded in the informatieobject's audit trail.
  r.audit_owner = [](const json::object& stored) { return text(stored, "informatieobject"); };
  return &api.add(std::move(r));
}

}  // namespace loket::zgw
