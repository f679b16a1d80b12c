// Pure rules for organisations; no I/O.
#include "catalog/organisation.hpp"

#include <algorithm>

namespace loket::catalog {

bool is_organisation_kind(std::string_view s) {
  return s == "municipality" || s == "province" || s == "water-board";
}

bool is_oin(std::string_view s) {
  return s.size() == 20 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> validate(const Organisation& o) {
  if (!common::is_uuid(o.id)) return "id: not a lower-case UUID";
  if (o.name.empty() || o.name.size() > 200) return "name: 1 to 200 characters";
  if (!is_organisation_kind(o.kind)) return "kind: one of municipality, province, water-board";
  if (!is_oin(o.oin)) return "oin: 20 digits";
  return std::nullopt;
}

}  // namespace loket::catalog
