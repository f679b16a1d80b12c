// Fuzzes how a ZGW client's rights are read: an Autorisaties API applicatie (rights.hpp,
// client_from_applicatie) and the questions every route asks of it, and the checks of
// `loket clients add` (clients.hpp, validate) on the options the CLI turns into autorisaties.
#include <boost/json.hpp>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "standards/zgw/clients.hpp"
#include "standards/zgw/rights.hpp"
#include "support.hpp"

namespace {

namespace json = boost::json;
namespace zgw = loket::zgw;
using loket::common::text;
using loket::fuzz::finding;

constexpr std::string_view kBase = "https://loket.example.nl";
constexpr std::string_view kComponents[] = {"zrc", "ztc", "drc", "brc", "ac", "nrc", ""};

// As the API's client cache makes type URLs of this registry relative (api_auth.cpp, find_client).
std::string relative(std::string_view url, std::string_view base) {
  if (url.starts_with(base) && url.substr(base.size()).starts_with("/zgw/")) {
    return std::string(url.substr(base.size()));
  }
  return std::string(url);
}

void ask(const zgw::Client& client, std::string_view component, std::string_view scope,
         std::string_view type) {
  bool any = client.may(component, scope);
  if (client.all_rights && !any) finding("a client with all rights may not do something");
  auto grants = client.grants(component, scope);
  for (int level = -1; level <= zgw::kMaxConfidentiality + 1; ++level) {
    if (client.may(component, scope, type, level) && !any) {
      finding("a client may use a scope for one type but not at all");
    }
  }
  for (const auto& g : grants) {
    if (!any) finding("a client has a grant for a scope it may not use");
    if (g.max_level < 0 || g.max_level > zgw::kMaxConfidentiality)
      finding("a grant's level is out of range");
    if (!client.may(component, scope, g.type, g.max_level))
      finding("a grant does not allow its own type and level");
  }
}

void applicatie(const json::object& body) {
  auto client = zgw::client_from_applicatie(body, relative, kBase);
  auto scope = text(body, "askScope");
  auto type = relative(text(body, "askType"), kBase);
  for (auto component : kComponents) {
    ask(client, component, scope, type);
    for (auto known : zgw::scopes_of(component)) ask(client, component, known, type);
  }
  for (const auto& a : client.autorisaties) {
    for (const auto& s : a.scopes) ask(client, a.component, s, a.type);
    auto name = zgw::confidentiality_name(a.max_level);
    if (a.max_level >= 0 && zgw::confidentiality_level(name) != a.max_level) {
      finding("confidentiality_level and confidentiality_name disagree");
    }
  }
}

// The NewClient `loket clients add` builds from --id, --secret, --all-rights, --component,
// --scopes (comma-separated), --zaaktype (repeatable) and --max-vertrouwelijkheid.
void cli(const json::object& body) {
  zgw::NewClient client;
  client.client_id = text(body, "id");
  client.secret = text(body, "secret");
  client.label = text(body, "label");
  const auto* all = body.if_contains("allRights");
  client.all_rights = all != nullptr && all->is_bool() && all->as_bool();
  auto component = text(body, "component");
  if (!component.empty()) {
    json::array scopes;
    auto scopes_text = text(body, "scopes");
    std::string_view rest = scopes_text;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      if (auto scope = rest.substr(0, comma); !scope.empty()) scopes.emplace_back(scope);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    auto level = text(body, "maxVertrouwelijkheid");
    auto make = [&](const std::string& type) {
      json::object a{{"component", component}, {"scopes", scopes}};
      if (!type.empty()) a["zaaktype"] = type;
      if (!level.empty()) a["maxVertrouwelijkheidaanduiding"] = level;
      return a;
    };
    const auto* types = body.if_contains("zaaktype");
    if (types == nullptr || !types->is_array() || types->as_array().empty()) {
      client.autorisaties.emplace_back(make(""));
    } else {
      for (const auto& t : types->as_array()) {
        client.autorisaties.emplace_back(make(t.is_string() ? std::string(t.as_string()) : ""));
      }
    }
  }
  if (!zgw::validate(client)) {
    // What validate lets through is what add_client stores: the rights must read back.
    json::object stored{{"heeftAlleAutorisaties", client.all_rights},
                        {"autorisaties", client.autorisaties}};
    applicatie(stored);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT
  boost::system::error_code ec;
  auto value = json::parse(loket::fuzz::as_text(data, size), ec);
  if (ec || !value.is_object()) return 0;
  try {
    applicatie(value.as_object());
    cli(value.as_object());
  } catch (const std::exception& e) {
    loket::fuzz::unexpected("the client rights", e);
  }
  return 0;
}
