// What a handling page shows of a case beyond its summary, read from the registry's tables: the
// statuses it went through (with the explanation the resident was given), its result, the
// result types its product offers and the products of an organisation (for the queue's filter).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace loket::cases {

struct StatusEntry {
  std::string type_id;  // statustype uuid
  std::string set_at;   // RFC 3339
  std::string note;     // statustoelichting: shown to the resident
};
// Oldest first.
std::vector<StatusEntry> status_history(db::Connection& c, std::string_view case_id);

struct NamedType {
  std::string id;  // uuid
  std::string name;
  std::string valid_from;  // zaaktypen: beginGeldigheid (YYYY-MM-DD), to tell versions apart
};
// The resultaattypen of a zaaktype, by name.
std::vector<NamedType> result_types(db::Connection& c, std::string_view case_type_id);

struct RecordedResult {
  std::string type_id;
  std::string note;
};
std::optional<RecordedResult> recorded_result(db::Connection& c, std::string_view case_id);

// The published zaaktypen of the catalogues of these RSINs, by name, then oldest version first.
std::vector<NamedType> case_types_of(db::Connection& c, const std::vector<std::string>& rsins);

}  // namespace loket::cases
