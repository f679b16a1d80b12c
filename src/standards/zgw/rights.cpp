#include "standards/zgw/rights.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <optional>

#include "common/json.hpp"

namespace loket::zgw {
namespace {

// `scope` may name alternatives as the standard's yaml writes them: "a | b" (any one will do).
bool has_scope(const Autorisatie& a, std::string_view scope) {
  std::size_t start = 0;
  while (start <= scope.size()) {
    auto bar = scope.find('|', start);
    auto one = scope.substr(start, bar == std::string_view::npos ? scope.npos : bar - start);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
    if (std::find(a.scopes.begin(), a.scopes.end(), one) != a.scopes.end()) return true;
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return false;
}

// The limit an autorisatie sets on objects, or nullopt when it allows none (a component limited
// per type, but the type or a needed maximum level is missing: fail closed).
std::optional<Grant> limit_of(const Autorisatie& a) {
  if (a.type.empty()) return std::nullopt;
  if (a.max_level < 0) {
    if (needs_max_level(a.component)) return std::nullopt;
    return Grant{a.type, kMaxConfidentiality};
  }
  return Grant{a.type, a.max_level};
}

}  // namespace

std::string_view type_field(std::string_view component) {
  if (component == "zrc") return "zaaktype";
  if (component == "drc") return "informatieobjecttype";
  if (component == "brc") return "besluittype";
  return {};
}

bool needs_max_level(std::string_view component) {
  return component == "zrc" || component == "drc";
}

bool Client::may(std::string_view component, std::string_view scope) const {
  if (all_rights) return true;
  return std::any_of(autorisaties.begin(), autorisaties.end(), [&](const Autorisatie& a) {
    return a.component == component && has_scope(a, scope);
  });
}

bool Client::may(std::string_view component, std::string_view scope, std::string_view type,
                 int level) const {
  if (all_rights) return true;
  return std::any_of(autorisaties.begin(), autorisaties.end(), [&](const Autorisatie& a) {
    if (a.component != component || !has_scope(a, scope)) return false;
    // Components without types (ztc, ac, nrc) grant on the scope alone.
    if (type_field(a.component).empty()) return true;
    auto limit = limit_of(a);
    return limit && limit->type == type && level <= limit->max_level;
  });
}

std::vector<Grant> Client::grants(std::string_view component, std::string_view scope) const {
  std::vector<Grant> out;
  for (const auto& a : autorisaties) {
    if (a.component != component || !has_scope(a, scope)) continue;
    if (auto limit = limit_of(a)) out.push_back(std::move(*limit));
  }
  return out;
}

Client client_from_applicatie(const boost::json::object& applicatie,
                              std::string (*relative)(std::string_view, std::string_view),
                              std::string_view base) {
  Client c;
  using common::text;
  c.label = text(applicatie, "label");
  if (const auto* all = applicatie.if_contains("heeftAlleAutorisaties"); all && all->is_bool()) {
    c.all_rights = all->as_bool();
  }
  const auto* list = applicatie.if_contains("autorisaties");
  if (list == nullptr || !list->is_array()) return c;
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    Autorisatie a;
    a.component = text(o, "component");
    if (const auto* scopes = o.if_contains("scopes"); scopes && scopes->is_array()) {
      for (const auto& s : scopes->as_array()) {
        if (s.is_string()) a.scopes.emplace_back(s.as_string());
      }
    }
    for (auto key : {"zaaktype", "informatieobjecttype", "besluittype"}) {
      if (auto t = text(o, key); !t.empty()) a.type = relative(t, base);
    }
    a.max_level = confidentiality_level(text(o, "maxVertrouwelijkheidaanduiding"));
    c.autorisaties.push_back(std::move(a));
  }
  return c;
}

}  // namespace loket::zgw
