// What a request asks to expand and keep; see expand_rules.hpp.
#include "standards/zgw/expand_rules.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace loket::zgw {
namespace json = boost::json;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A field name as the standard spells them: letters, digits and '_' (expand paths and fields
// are echoed in errors, so nothing else gets that far).
bool is_name(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Adds one path ("status.statustype") to `root`; the reason when it is malformed.
std::optional<std::string> add_path(ExpandNode& root, std::string_view path) {
  ExpandNode* node = &root;
  std::size_t depth = 0;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto dot = path.find('.', start);
    auto name = path.substr(start, dot == std::string_view::npos ? path.npos : dot - start);
    if (!is_name(name)) return "Geen geldig expand-pad: " + std::string(path.substr(0, 80)) + ".";
    if (++depth > kMaxExpandDepth) {
      return "Een expand-pad gaat hoogstens " + std::to_string(kMaxExpandDepth) + " niveaus diep.";
    }
    node = &node->children[std::string(name)];
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return std::nullopt;
}

}  // namespace

std::variant<ExpandNode, std::string> parse_expand(std::string_view text) {
  ExpandNode root;
  std::size_t paths = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    auto item =
        trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
    if (!item.empty()) {
      if (++paths > kMaxExpandPaths) {
        return "Vraag hoogstens " + std::to_string(kMaxExpandPaths) + " expand-paden tegelijk.";
      }
      if (auto problem = add_path(root, item)) return *problem;
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return root;
}

std::variant<ExpandNode, std::string> parse_expand_value(const json::value& value) {
  if (value.is_null()) return ExpandNode{};
  if (value.is_string()) return parse_expand(std::string_view(value.as_string()));
  if (!value.is_array()) return std::string("Geef expand als tekst of als lijst van teksten.");
  std::string joined;
  for (const auto& item : value.as_array()) {
    if (!item.is_string()) return std::string("Geef expand als tekst of als lijst van teksten.");
    joined += std::string(item.as_string()) + ",";
  }
  return parse_expand(std::string_view(joined));
}

namespace {

// One list of `fields` into `node`; `known` checks the names at the top level only.
std::optional<std::string> add_fields(ExpandNode& node, const json::value& value,
                                      const std::vector<std::string_view>* known,
                                      std::size_t depth) {
  if (depth > kMaxExpandDepth) {
    return "fields gaat hoogstens " + std::to_string(kMaxExpandDepth) + " niveaus diep.";
  }
  if (!value.is_array()) return std::string("Geef fields als een lijst van veldnamen.");
  std::vector<std::string> keep;
  bool all = false;
  auto name_ok = [&](std::string_view name) {
    if (name == "*") return true;
    if (!is_name(name)) return false;
    return !known || std::find(known->begin(), known->end(), name) != known->end();
  };
  auto add = [&](std::string_view name) {
    if (name == "*") {
      all = true;
    } else if (std::find(keep.begin(), keep.end(), name) == keep.end()) {
      keep.emplace_back(name);
    }
  };
  for (const auto& item : value.as_array()) {
    if (item.is_string()) {
      if (!name_ok(item.as_string())) {
        return "Onbekend veld in fields: " + std::string(item.as_string().subview().substr(0, 80)) +
               ".";
      }
      add(item.as_string());
    } else if (item.is_object()) {
      for (const auto& kv : item.as_object()) {
        if (kv.key() == "*" || !name_ok(kv.key())) {
          return "Onbekend veld in fields: " + std::string(kv.key().substr(0, 80)) + ".";
        }
        add(kv.key());
        if (auto problem =
                add_fields(node.children[std::string(kv.key())], kv.value(), nullptr, depth + 1)) {
          return problem;
        }
      }
    } else {
      return std::string("Een element van fields is een veldnaam of een object.");
    }
  }
  if (!all) node.keep = std::move(keep);
  return std::nullopt;
}

}  // namespace

std::variant<ExpandNode, std::string> parse_fields(const json::value& value,
                                                   const std::vector<std::string_view>& known) {
  ExpandNode root;
  if (value.is_null()) return root;
  if (auto problem = add_fields(root, value, &known, 1)) return *problem;
  return root;
}

json::object select_fields(json::object object, const ExpandNode& node,
                           const std::vector<std::string>& expanded) {
  auto is_expanded = [&](std::string_view name) {
    return std::find(expanded.begin(), expanded.end(), name) != expanded.end();
  };
  // Group fields (processobject, verlenging, ...) keep what their node selects.
  for (const auto& [name, child] : node.children) {
    if (is_expanded(name)) continue;
    auto* v = object.if_contains(name);
    if (v && v->is_object()) *v = select_fields(std::move(v->as_object()), child, {});
  }
  // The expansions were selected when they were made (the engine asks select_fields for each).
  if (!node.keep) return object;
  json::object out;
  for (const auto& name : *node.keep) {
    if (auto* v = object.if_contains(name)) out[name] = std::move(*v);
  }
  if (auto* e = object.if_contains("_expand")) out["_expand"] = std::move(*e);
  return out;
}

}  // namespace loket::zgw
