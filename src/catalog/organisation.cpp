// Pure rules for organisations; no I/O.
#include "catalog/organisation.hpp"

#include <algorithm>

namespace loket::catalog {

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

bool is_organisation_kind(std::string_view s) {
  return s == "municipality" || s == "province" || s == "water-board";
}

bool is_oin(std::string_view s) {
  return s.size() == 20 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> validate(const Organisation& o) {
  if (!is_uuid(o.id)) return "id: not a lower-case UUID";
  if (o.name.empty() || o.name.size() > 200) return "name: 1 to 200 characters";
  if (!is_organisation_kind(o.kind)) return "kind: one of municipality, province, water-board";
  if (!is_oin(o.oin)) return "oin: 20 digits";
  return std::nullopt;
}

}  // namespace loket::catalog
