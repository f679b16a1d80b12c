// What a ZGW request asks to expand (zrc-026: `expand` to any depth) and which fields it keeps
// (zrc-029: `fields` of _zoek), as one tree; and the limits that keep one request small. Pure:
// which names a resource can expand is the engine's business (expand.hpp).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace loket::zgw {

// Levels in one expand path ("hoofdzaak.deelzaken.status.statustype" is 4).
inline constexpr std::size_t kMaxExpandDepth = 6;
// Comma-separated paths in one `expand`.
inline constexpr std::size_t kMaxExpandPaths = 40;
// Objects embedded in one response, all levels and results together.
inline constexpr std::size_t kMaxExpandedObjects = 2000;

// What to do below one object. `children`: the fields to expand (or, from `fields`, a group
// field such as processobject to select from), each with what to do below the objects it holds.
// `keep`: the fields of the object to keep, from `fields` (nullopt: all).
struct ExpandNode {
  std::map<std::string, ExpandNode, std::less<>> children;
  std::optional<std::vector<std::string>> keep;
  bool empty() const { return children.empty() && !keep; }
};

// `expand` as a query parameter or in a _zoek body: "zaaktype,status.statustype". Empty items
// (",,", a trailing comma, spaces around names) are skipped. The reason when it is malformed or
// beyond the limits (too deep, too many paths).
std::variant<ExpandNode, std::string> parse_expand(std::string_view text);
// `expand` in a _zoek body: a string as above, or a list of such strings.
std::variant<ExpandNode, std::string> parse_expand_value(const boost::json::value& value);

// `fields` of _zoek (zrc-029): a list of field names ("*": all) and objects whose keys name a
// field to expand (or a group field to select from) with the same kind of list for it:
//   ["url", {"zaaktype": ["identificatie", {"catalogus": ["domein"]}]}, {"processobject": ["*"]}]
// Top-level names are checked against `known` (the resource's fields); deeper ones are not (an
// unknown one simply selects nothing). The reason when it is malformed.
std::variant<ExpandNode, std::string> parse_fields(const boost::json::value& value,
                                                   const std::vector<std::string_view>& known);

// Keeps of `object` what `node` keeps: its `keep` fields, `_expand` (each entry selected by its
// child node in turn), and each group field selected by its child node. `expanded`: the names of
// `node.children` that were expanded (the rest are group fields).
boost::json::object select_fields(boost::json::object object, const ExpandNode& node,
                                  const std::vector<std::string>& expanded);

}  // namespace loket::zgw
