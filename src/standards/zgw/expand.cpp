// Embedding what `expand` and `fields` ask; see expand.hpp.
#include "standards/zgw/expand.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "common/json.hpp"
#include "standards/zgw/validate.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

const Expansion* find_expansion(const Resource& r, std::string_view name) {
  for (const auto& e : r.expansions) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::string choices(const Resource& r) {
  std::string list;
  for (const auto& e : r.expansions) list += (list.empty() ? "" : ", ") + e.name;
  return list.empty() ? std::string("(niets)") : list;
}

using common::text;

// The URLs an expansion's field holds in a rendered object.
std::vector<std::string> urls_of(const json::object& o, const Expansion& e) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(e.name);
  if (!v) return out;
  if (!e.many) {
    if (v->is_string() && !v->as_string().empty()) out.emplace_back(v->as_string());
    return out;
  }
  if (!v->is_array()) return out;
  for (const auto& item : v->as_array()) {
    if (!e.item_key.empty()) {
      if (item.is_object()) {
        auto url = text(item.as_object(), e.item_key);
        if (!url.empty()) out.push_back(std::move(url));
      }
    } else if (item.is_string() && !item.as_string().empty()) {
      out.emplace_back(item.as_string());
    }
  }
  return out;
}

}  // namespace

const Resource* expansion_target(const Api& api, const Expansion& e) {
  for (const auto& r : api.resources()) {
    if (r.component == e.component && r.path == e.path) return &r;
  }
  return nullptr;
}

void check_expand(const Api& api, const Resource& r, const ExpandNode& node, std::string_view field,
                  bool groups, const std::string& prefix) {
  for (const auto& [name, child] : node.children) {
    auto path = prefix.empty() ? name : prefix + "." + name;
    const auto* e = find_expansion(r, name);
    const Resource* target = e ? expansion_target(api, *e) : nullptr;
    if (!target) {
      // In `fields`, a name that is no expansion selects from a group field (processobject).
      if (groups) continue;
      throw ValidationError(
          std::string(field), "invalid-expand",
          "Kan niet uitklappen: " + path + "; kies bij " + r.name + " uit " + choices(r) + ".");
    }
    check_expand(api, *target, child, field, groups, path);
  }
}

ExpandNode requested_expand(Call& call, const Resource& r) {
  auto value = call.request.query_param("expand");
  if (!value) return {};
  auto parsed = parse_expand(std::string_view(*value));
  if (auto* problem = std::get_if<std::string>(&parsed)) {
    throw ValidationError("expand", "invalid-expand", *problem);
  }
  auto& node = std::get<ExpandNode>(parsed);
  check_expand(call.api, r, node, "expand", false);
  return std::move(node);
}

const std::optional<json::object>& Expander::rendered(const Resource& target,
                                                      const std::string& relative_url) {
  auto key = target.table + " " + relative_url;
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  auto& api = call_.api;
  std::optional<json::object> out;
  auto slash = relative_url.rfind('/');
  auto uuid = slash == std::string::npos ? relative_url : relative_url.substr(slash + 1);
  // One of our own objects of this resource (nested ones too: the stored url is the whole
  // path), readable for this client as a direct read would be; anything else is left out.
  if (relative_url.starts_with("/zgw/")) {
    if (auto stored = api.load(target, uuid);
        stored && text(*stored, "url") == relative_url && api.may_read(call_, target, *stored)) {
      out = api.render(call_, target, std::move(*stored));
    }
  }
  return cache_.emplace(std::move(key), std::move(out)).first->second;
}

std::optional<json::object> Expander::embed(const Resource& target, std::string_view url,
                                            const ExpandNode& node) {
  if (++count_ > kMaxExpandedObjects) {
    throw ValidationError(field_, "expand-too-large",
                          "Dit antwoord zou meer dan " + std::to_string(kMaxExpandedObjects) +
                              " uitgeklapte objecten bevatten; vraag minder niveaus of minder "
                              "resultaten tegelijk.");
  }
  auto relative = call_.api.relative(url);
  const auto& base = rendered(target, relative);
  if (!base) return std::nullopt;
  json::object obj = *base;
  // A cycle (a deelzaak's hoofdzaak's deelzaken, a zaaktype's statustypen's zaaktype) ends at
  // the object that repeats: it is embedded, not expanded again.
  if (std::find(ancestors_.begin(), ancestors_.end(), relative) != ancestors_.end()) {
    return select_fields(std::move(obj), ExpandNode{{}, node.keep}, {});
  }
  apply(target, obj, node);
  return obj;
}

void Expander::apply(const Resource& r, json::object& rendered_object, const ExpandNode& node) {
  if (node.empty()) return;
  // This object is on the path while what it names is embedded (the cycle check in embed).
  ancestors_.push_back(call_.api.relative(text(rendered_object, "url")));
  json::object expanded;
  std::vector<std::string> done;
  for (const auto& [name, child] : node.children) {
    const auto* e = find_expansion(r, name);
    const Resource* target = e ? expansion_target(call_.api, *e) : nullptr;
    if (!target) continue;  // a group field (check_expand has vetted the names)
    done.push_back(name);
    auto urls = urls_of(rendered_object, *e);
    if (!e->many) {
      if (urls.empty()) {
        expanded[name] = nullptr;  // nothing linked
      } else if (auto v = embed(*target, urls[0], child)) {
        expanded[name] = std::move(*v);
      }  // else: not readable or gone; the URL stays in the parent
      continue;
    }
    json::array list;
    for (const auto& url : urls) {
      if (auto v = embed(*target, url, child)) list.push_back(std::move(*v));
    }
    expanded[name] = std::move(list);
  }
  ancestors_.pop_back();
  if (!done.empty()) rendered_object["_expand"] = std::move(expanded);
  rendered_object = select_fields(std::move(rendered_object), node, done);
}

}  // namespace loket::zgw
