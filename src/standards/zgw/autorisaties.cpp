// The Autorisaties API (AC 1.1.0): applicaties with their client_ids and autorisaties. They are
// the engine's clients, so every change bumps the version the engine's client cache watches.
#include "standards/zgw/autorisaties.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "common/confidentiality.hpp"
#include "http/error.hpp"
#include "standards/zgw/clients.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr std::string_view kLezen = "autorisaties.lezen";
constexpr std::string_view kBijwerken = "autorisaties.bijwerken";

const std::initializer_list<std::string_view> kComponents = {"ac",  "nrc", "zrc",
                                                             "ztc", "drc", "brc"};
// The confidentiality levels, defined once (common/confidentiality.hpp).
constexpr const auto& kVertrouwelijkheid = common::kConfidentialityNames;

std::vector<std::string> client_ids_of(const json::object& applicatie) {
  std::vector<std::string> out;
  const auto* list = applicatie.if_contains("clientIds");
  if (list == nullptr || !list->is_array()) return out;
  for (const auto& v : list->as_array()) {
    if (v.is_string()) out.emplace_back(v.as_string());
  }
  return out;
}

// One autorisatie, checked against its component: known scopes, and the type and maximum
// confidentiality the zrc, drc and brc need. Returns it normalised (URLs relative).
json::object check_autorisatie(Api& api, Checker& outer, const json::value& item,
                               const std::string& at) {
  json::object out;
  if (!item.is_object()) {
    outer.fail(at, "invalid", "Geef een autorisatie als object.");
    return out;
  }
  Checker check(item.as_object(), at);
  auto component = check.choice("component", kComponents, true);
  json::array scopes;
  if (const auto* list = check.array("scopes", true)) {
    const auto& known = scopes_of(component.value_or(""));
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& s = (*list)[i];
      auto name = "scopes." + std::to_string(i);
      if (!s.is_string() || s.as_string().empty() || s.as_string().size() > 100) {
        check.fail(name, "invalid", "Geef een scope als tekst van 1 tot 100 tekens.");
        continue;
      }
      if (component &&
          std::find(known.begin(), known.end(), std::string_view(s.as_string())) == known.end()) {
        std::string list_text;
        for (auto k : known) list_text += (list_text.empty() ? "" : ", ") + std::string(k);
        check.fail(name, "invalid_choice",
                   "De scope " + std::string(s.as_string()) + " bestaat niet in component " +
                       *component + "; kies uit: " + list_text + ".");
        continue;
      }
      if (seen.insert(std::string(s.as_string())).second) scopes.push_back(s);
    }
  }
  if (component) {
    out["component"] = *component;
    out["componentWeergave"] = component_title(*component);
    out["scopes"] = std::move(scopes);
    const auto& o = item.as_object();
    auto given = [&](std::string_view key) {
      const auto* v = o.if_contains(key);
      return v && !v->is_null() && !(v->is_string() && v->as_string().empty());
    };
    auto field = type_field(*component);
    if (!field.empty()) {
      if (auto url = check.url(field); url && !url->empty()) out[field] = api.relative(*url);
    }
    if (needs_max_level(*component)) {
      if (auto level = check.choice("maxVertrouwelijkheidaanduiding", kVertrouwelijkheid)) {
        out["maxVertrouwelijkheidaanduiding"] = *level;
      }
    }
    // The rule `loket clients add` applies too.
    for (const auto& m : missing_limits(*component, !field.empty() && given(field),
                                        given("maxVertrouwelijkheidaanduiding"))) {
      check.fail(m.field, "required", m.reason);
    }
  }
  for (auto& e : check.errors()) outer.errors().push_back(std::move(e));
  return out;
}

json::object validate_applicatie(Call& call, const json::object& body,
                                 const json::object* existing) {
  Checker check(body);
  json::object out;
  // clientIds: each 1..50 characters, once, and not in use by another applicatie.
  json::array ids;
  if (const auto* list = check.array("clientIds", true)) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& v = (*list)[i];
      auto name = "clientIds." + std::to_string(i);
      if (!v.is_string() || v.as_string().empty() || v.as_string().size() > 50) {
        check.fail(name, "invalid", "Geef een client_id als tekst van 1 tot 50 tekens.");
        continue;
      }
      if (!seen.insert(std::string(v.as_string())).second) {
        check.fail("clientIds", "unique",
                   "De client_id " + std::string(v.as_string()) + " staat dubbel in de lijst.");
        continue;
      }
      ids.push_back(v);
    }
  }
  std::string own = existing ? json::value_to<std::string>(existing->at("uuid")) : std::string();
  for (const auto& id : ids) {
    auto rows = call.api.db().read_once(
        "SELECT applicatie FROM zgw_client_ids WHERE client_id = $1 AND applicatie <> $2",
        {std::string(id.as_string()), own});
    if (!rows.empty()) {
      check.fail("clientIds", "clientId-exists",
                 "De client_id " + std::string(id.as_string()) +
                     " hoort al bij een andere applicatie; een client_id identificeert één "
                     "applicatie.");
    }
  }
  out["clientIds"] = std::move(ids);
  auto label = check.string("label", {.required = true, .max_length = 100});
  out["label"] = label.value_or("");
  auto all = check.boolean("heeftAlleAutorisaties").value_or(false);
  out["heeftAlleAutorisaties"] = all;
  out["alleenIsGereedVoorPublicatie"] =
      check.boolean("alleenIsGereedVoorPublicatie").value_or(false);
  json::array autorisaties;
  if (const auto* list = check.array("autorisaties")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      autorisaties.push_back(
          check_autorisatie(call.api, check, (*list)[i], "autorisaties." + std::to_string(i)));
    }
  }
  if (all && !autorisaties.empty()) {
    check.fail("nonFieldErrors", "ambiguous-authorizations-specified",
               "Geef ofwel heeftAlleAutorisaties: true, ofwel autorisaties, niet allebei.");
  } else if (!all && autorisaties.empty() && check.ok()) {
    check.fail("nonFieldErrors", "missing-authorizations",
               "Geef heeftAlleAutorisaties: true of ten minste één autorisatie.");
  }
  out["autorisaties"] = std::move(autorisaties);
  check.finish();
  return out;
}

// Keeps zgw_client_ids in step with the applicatie. Secrets are not touched: they belong to the
// client_id (the reference implementation keeps them apart from applicaties too), so a client
// whose applicatie is deleted and made again, as integration suites and provisioning scripts
// do, keeps working; a client_id without an applicatie authenticates but has no rights.
void store_client_ids(Call& call, const json::object& stored, const json::object*) {
  auto& c = *call.connection;
  auto uuid = json::value_to<std::string>(stored.at("uuid"));
  auto now = client_ids_of(stored);
  c.execute("DELETE FROM zgw_client_ids WHERE applicatie = $1", {uuid});
  for (const auto& id : now) {
    c.execute("INSERT INTO zgw_client_ids (client_id, applicatie) VALUES ($1, $2)", {id, uuid});
  }
  call.api.clients_changed(c);
}

// Deleting an applicatie removes its rights, not the secrets of its client_ids.
void remove_client_ids(Call& call, const json::object& stored) {
  auto& c = *call.connection;
  c.execute("DELETE FROM zgw_client_ids WHERE applicatie = $1",
            {json::value_to<std::string>(stored.at("uuid"))});
  call.api.clients_changed(c);
}

}  // namespace

void add_autorisaties(Api& api) {
  Resource r;
  r.component = &kAutorisaties;
  r.name = "applicatie";
  r.path = "applicaties";
  r.table = "zgw_applicaties";
  r.ops = {Op::List, Op::Create, Op::Read, Op::Update, Op::PartialUpdate, Op::Destroy};
  r.read_scope = kLezen;
  r.create_scope = r.update_scope = r.destroy_scope = kBijwerken;
  r.columns = {text_column("label", "label"),
               bool_column("heeft_alle_autorisaties", "heeftAlleAutorisaties")};
  r.filters = {
      {"clientIds", [](Api&, Where& w, std::string_view v) {
         std::string list;
         std::size_t start = 0;
         while (start <= v.size()) {
           auto comma = v.find(',', start);
           auto item = v.substr(start, comma == std::string_view::npos ? v.npos : comma - start);
           list += (list.empty() ? "" : ", ") + w.bind(std::string(item));
           if (comma == std::string_view::npos) break;
           start = comma + 1;
         }
         w.add("uuid IN (SELECT applicatie FROM zgw_client_ids WHERE client_id IN (" + list + "))");
       }}};
  r.default_order = "label, uuid";
  r.validate = validate_applicatie;
  r.after_store = store_client_ids;
  r.before_destroy = remove_client_ids;
  r.audit_owner = [](const json::object& stored) {
    return json::value_to<std::string>(stored.at("url"));
  };
  r.unique_violation = {"clientIds", "clientId-exists",
                        "Een van deze client_ids hoort al bij een andere applicatie."};
  const Resource& applicaties = api.add(std::move(r));

  // The applicatie of a client_id (the standard's clientId parameter), by default the caller's
  // own. A client may always read its own rights; another's needs autorisaties.lezen.
  api.route(
      kAutorisaties, http::Method::Get, "/applicaties/consumer",
      "Vraag een applicatie op, op basis van clientId.", [&applicaties](Call& call) {
        std::string client_id = call.client.client_id;
        for (const auto& [k, v] : call.request.query) {
          if (k == "clientId") {
            client_id = v;
          } else {
            throw ValidationError("nonFieldErrors", "unknown-parameters",
                                  "Onbekende parameter: " + k + "; zie de OpenAPI-specificatie.");
          }
        }
        if (client_id != call.client.client_id) {
          Api::require(call.client, applicaties, kLezen, std::nullopt);
        }
        auto rows = call.api.db().read_once(
            "SELECT applicatie FROM zgw_client_ids WHERE client_id = $1", {client_id});
        std::optional<json::object> found;
        if (!rows.empty()) found = call.api.load(applicaties, rows[0].text(0));
        if (!found) {
          throw http::Error(404, "not_found", "Er is geen applicatie met deze clientId.");
        }
        return http::Response::json(200, call.api.render(call, applicaties, std::move(*found)));
      });
}

}  // namespace loket::zgw
