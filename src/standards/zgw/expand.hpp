// `expand` to any depth (zrc-026) and the expansions `fields` asks in _zoek (zrc-029): the
// objects a field's URLs name are embedded in `_expand`, each rendered as a direct read of its
// resource renders it, and each through the same read gate (Api::may_read): what the client may
// not read, or what is gone, is left out while its URL stays in the parent. Cycles stop at the
// first repeat; the limits of expand_rules.hpp keep one response small.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "standards/zgw/api.hpp"
#include "standards/zgw/expand_rules.hpp"

namespace loket::zgw {

// The resource an expansion leads to; nullptr when it is not registered.
const Resource* expansion_target(const Api& api, const Expansion& e);

// The `expand` query parameter of the call's request, checked against `r` at every depth: a
// malformed value or a name `r` (or a resource below it) cannot expand is a 400 naming `expand`
// (code invalid-expand). Empty when absent.
ExpandNode requested_expand(Call& call, const Resource& r);

// Checks `node` against `r` at every depth. `field` names the request field in errors
// ("expand", "fields"). With `groups`, a name that is no expansion selects from a group field
// (fields in _zoek); without, it is a 400.
void check_expand(const Api& api, const Resource& r, const ExpandNode& node, std::string_view field,
                  bool groups, const std::string& prefix = {});

// Embeds for one response; keep one for all results of a list, so that an object several of
// them name is read once.
class Expander {
 public:
  // `field`: what errors name ("expand" or "fields").
  Expander(Call& call, std::string field = "expand") : call_(call), field_(std::move(field)) {}

  // Adds `_expand` to `rendered` (an object of `r` as Api::render gave it) as `node` asks, then
  // keeps the fields `node` keeps. Throws ValidationError naming the field when the response
  // would embed more than kMaxExpandedObjects objects.
  void apply(const Resource& r, boost::json::object& rendered, const ExpandNode& node);

 private:
  std::optional<boost::json::object> embed(const Resource& target, std::string_view url,
                                           const ExpandNode& node);
  const std::optional<boost::json::object>& rendered(const Resource& target,
                                                     const std::string& relative_url);

  Call& call_;
  std::string field_;
  std::size_t count_ = 0;
  std::vector<std::string> ancestors_;  // relative URLs on the path being expanded
  std::map<std::string, std::optional<boost::json::object>> cache_;
};

}  // namespace loket::zgw
