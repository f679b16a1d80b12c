// The representation of zaken and what hangs off them: the groups always as their structure
// (zrc-011), and `_expand`, through the read gate.
#include <algorithm>
#include <boost/json.hpp>
#include <memory>

#include "standards/zgw/zaken_internal.hpp"

namespace loket::zgw::zaken_detail {
namespace json = boost::json;

// zrc-011: the groups are always answered as their nested structure.
void normalise_groups(json::object& zaak) {
  const auto* v = zaak.if_contains("verlenging");
  if (!v || !v->is_object()) zaak["verlenging"] = {{"reden", ""}, {"duur", nullptr}};
  const auto* o = zaak.if_contains("opschorting");
  if (!o || !o->is_object()) {
    zaak["opschorting"] = {{"indicatie", false}, {"eerdereOpschorting", false}, {"reden", ""}};
  }
  const auto* p = zaak.if_contains("processobject");
  if (!p || !p->is_object()) {
    zaak["processobject"] = {
        {"datumkenmerk", ""}, {"identificatie", ""}, {"objecttype", ""}, {"registratie", ""}};
  }
}

std::vector<std::string> expand_names(const Call& call) {
  std::vector<std::string> out;
  auto v = call.request.query_param("expand");
  if (!v) return out;
  std::string_view s = *v;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    auto item = s.substr(start, comma == std::string_view::npos ? s.npos : comma - start);
    // Only the first level is expanded; "status.statustype" expands "status".
    auto dot = item.find('.');
    if (dot != std::string_view::npos) item = item.substr(0, dot);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

// `_expand` for a child of a zaak: each name ("zaak", "statustype", ...) is a field holding one
// URL of the resource it maps to.
void expand_child(Api& api, Call& call, json::object& out,
                  const std::vector<std::pair<std::string, const Resource*>>& fields) {
  auto names = expand_names(call);
  if (names.empty()) return;
  json::object expanded;
  for (const auto& name : names) {
    auto it =
        std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
    if (it == fields.end()) {
      std::string list;
      for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f.first;
      auto reason = "Kan niet uitklappen: " + name;
      reason += "; kies uit " + list + ".";
      throw ValidationError("expand", "invalid-expand", reason);
    }
    auto url = text(out, name);
    if (url.empty()) {
      expanded[name] = nullptr;  // nothing linked
      continue;
    }
    // What the client may not read (or what is gone) is left out; the URL stays in `out`.
    auto found = api.load_readable(call, *it->second, url);
    if (!found) continue;
    json::value v(std::move(*found));
    api.absolutize(v);
    expanded[name] = std::move(v);
  }
  out["_expand"] = std::move(expanded);
}

void decorate_zaak(Api* a, const std::shared_ptr<Zaken>& z, const Catalogi& cat, Call& call,
                   json::object& out) {
  normalise_groups(out);
  auto names = expand_names(call);
  if (names.empty()) return;
  json::object expanded;
  // Every expanded object passes the read gate (Api::load_readable); what the client may
  // not read, or what is gone, is left out of `_expand` while its URL stays in the zaak.
  // null: nothing is linked.
  auto readable = [&](const Resource& kind, std::string_view url) -> std::optional<json::value> {
    auto found = a->load_readable(call, kind, url);
    if (!found) return std::nullopt;
    json::value v(std::move(*found));
    a->absolutize(v);
    return v;
  };
  auto one = [&](const std::string& name, const Resource& kind, std::string_view url) {
    if (url.empty()) {
      expanded[name] = nullptr;
    } else if (auto v = readable(kind, url)) {
      expanded[name] = std::move(*v);
    }
  };
  auto many = [&](const Resource& kind, const json::value* urls) {
    json::array list;
    if (urls && urls->is_array()) {
      for (const auto& u : urls->as_array()) {
        if (!u.is_string()) continue;
        if (auto v = readable(kind, u.as_string())) list.push_back(std::move(*v));
      }
    }
    return list;
  };
  for (const auto& name : names) {
    if (name == "zaaktype") {
      one(name, *cat.zaaktype, text(out, "zaaktype"));
    } else if (name == "status") {
      one(name, *z->status, text(out, "status"));
    } else if (name == "resultaat") {
      one(name, *z->resultaat, text(out, "resultaat"));
    } else if (name == "hoofdzaak") {
      one(name, *z->zaak, text(out, "hoofdzaak"));
    } else if (name == "rollen") {
      expanded[name] = many(*z->rol, out.if_contains("rollen"));
    } else if (name == "deelzaken") {
      expanded[name] = many(*z->zaak, out.if_contains("deelzaken"));
    } else if (name == "relevanteAndereZaken") {
      json::array list;
      if (const auto* v = out.if_contains("relevanteAndereZaken"); v && v->is_array()) {
        for (const auto& item : v->as_array()) {
          if (!item.is_object()) continue;
          if (auto z2 = readable(*z->zaak, text(item.as_object(), "url"))) {
            list.push_back(std::move(*z2));
          }
        }
      }
      expanded[name] = std::move(list);
    } else {
      throw ValidationError("expand", "invalid-expand",
                            "Kan niet uitklappen: " + name +
                                "; kies uit zaaktype, status, resultaat, hoofdzaak, rollen, "
                                "deelzaken, relevanteAndereZaken.");
    }
  }
  out["_expand"] = std::move(expanded);
}

}  // namespace loket::zgw::zaken_detail
