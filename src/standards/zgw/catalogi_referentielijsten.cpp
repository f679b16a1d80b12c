#include "standards/zgw/catalogi_referentielijsten.hpp"

#include <boost/json.hpp>
#include <map>

#include "common/embedded.hpp"
#include "http/error.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

constexpr std::string_view kLists[] = {"procestypen", "resultaten", "resultaattypeomschrijvingen",
                                       "communicatiekanalen"};

// Each list's entries in file order, with relative URLs; built once from the embedded file.
struct Lists {
  std::map<std::string, json::array, std::less<>> entries;
  std::map<std::string, json::object, std::less<>> by_url;
};

const Lists& lists() {
  static const Lists loaded = [] {
    Lists out;
    auto file = common::embedded_file("src/standards/zgw/referentielijsten.json");
    auto doc = json::parse(file.value_or("{}")).as_object();
    auto url_of = [](std::string_view list, std::string_view uuid) {
      return std::string(kReferentielijsten) + "/" + std::string(list) + "/" + std::string(uuid);
    };
    for (auto list : kLists) {
      auto& into = out.entries[std::string(list)];
      const auto* items = doc.if_contains(list);
      if (items == nullptr) continue;
      for (const auto& item : items->as_array()) {
        json::object entry;
        entry["url"] = url_of(list, item.at("uuid").as_string());
        for (const auto& kv : item.as_object()) {
          if (kv.key() == "uuid") continue;
          if (kv.key() == "procesType") {
            entry["procesType"] = url_of("procestypen", kv.value().as_string());
          } else {
            entry[kv.key()] = kv.value();
          }
        }
        out.by_url[std::string(entry.at("url").as_string())] = entry;
        into.push_back(std::move(entry));
      }
    }
    return out;
  }();
  return loaded;
}

// The VNG API answers procestypen and resultaattypeomschrijvingen as plain arrays and the
// others paginated; clients written against it expect those shapes.
bool paginated(std::string_view list) {
  return list == "resultaten" || list == "communicatiekanalen";
}

}  // namespace

void add_referentielijsten(Api& api) {
  for (auto list : kLists) {
    auto base = std::string(kReferentielijsten) + "/" + std::string(list);
    api.public_route(http::Method::Get, base, [&api, list](http::Request& req) {
      json::array results;
      auto proces = req.query_param("procesType");
      for (auto item : lists().entries.find(list)->second) {
        if (proces && list == "resultaten" &&
            item.as_object().at("procesType").as_string() != api.relative(*proces)) {
          continue;
        }
        api.absolutize(item);
        results.push_back(std::move(item));
      }
      if (!paginated(list)) return http::Response::json(200, results);
      json::object page{{"count", results.size()},
                        {"next", nullptr},
                        {"previous", nullptr},
                        {"results", std::move(results)}};
      return http::Response::json(200, page);
    });
    api.public_route(http::Method::Get, base + "/{uuid}", [&api, base](http::Request& req) {
      const auto& by_url = lists().by_url;
      auto it = by_url.find(base + "/" + std::string(req.param("uuid")));
      if (it == by_url.end())
        throw http::Error(404, "not_found", "Deze waarde staat niet in de lijst.");
      json::value out = it->second;
      api.absolutize(out);
      return http::Response::json(200, out);
    });
  }
}

std::optional<json::object> resolve_referentie(Api& api, Checker& check, std::string_view field,
                                               std::string_view url, std::string_view list) {
  auto rel = api.relative(url);
  if (rel.starts_with("/zgw/")) {
    auto prefix = std::string(kReferentielijsten) + "/" + std::string(list) + "/";
    if (!rel.starts_with(prefix)) {
      check.fail(field, "invalid-resource",
                 "Deze URL wijst niet naar de lijst " + std::string(list) + ".");
      return std::nullopt;
    }
    auto it = lists().by_url.find(rel);
    if (it == lists().by_url.end()) {
      check.fail(field, "bad-url", "Deze waarde staat niet in de lijst " + std::string(list) + ".");
      return std::nullopt;
    }
    return it->second;
  }
  // Another host: the engine fetches it when allow-listed; the resource only names the kind.
  static const Resource kind = [] {
    Resource r;
    r.name = "waarde uit een referentielijst";
    return r;
  }();
  return api.resolve(check, field, url, kind);
}

}  // namespace loket::zgw
