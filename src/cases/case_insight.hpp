// The figures of an organisation's dashboard (/behandelen/inzicht), read with three grouped
// queries over the registry's case columns: cases received per product and day since a date,
// open cases per product, and the cases closed since that date (lead time, within the term,
// closed without an assignee).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cases/case_store.hpp"
#include "db/database.hpp"

namespace loket::cases {

struct ProductFigures {
  std::int64_t received = 0;  // started since `from`
  std::int64_t open = 0;      // open now, whenever started
  std::int64_t closed = 0;    // closed since `from`
  std::int64_t closed_within_term = 0;
  std::int64_t closed_without_assignee = 0;  // nobody of staff took it on
  std::vector<std::int64_t> lead_days;       // of the closed ones, sorted
};

struct Insight {
  std::map<std::string, ProductFigures> products;        // by zaaktype uuid
  std::map<std::string, std::int64_t> received_per_day;  // YYYY-MM-DD → cases started
};

// Cases of the scopes (organisation RSIN up to a confidentiality level) since `from` (YYYY-MM-DD).
Insight insight(db::Connection& c, const std::vector<OrganisationScope>& scopes,
                const std::string& from);

// The value at fraction `q` (0.5: median, 0.9: p90) of sorted values, nearest rank; 0 for none.
std::int64_t percentile(const std::vector<std::int64_t>& sorted, double q);

}  // namespace loket::cases
