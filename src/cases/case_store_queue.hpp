// The counts above the back office's work queue (/behandelen): of the open cases in a staff
// member's scopes, those past their deadline, theirs, and nobody's. One statement, each count
// capped like the queue's own (kCountCap per organisation), over the open cases' index
// (zgw_zaken_queue_open), instead of a whole queue query per count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cases/case_store.hpp"
#include "db/database.hpp"

namespace loket::cases {

struct CappedCount {
  std::int64_t n = 0;    // counted up to kCountCap
  bool capped = false;   // there are more than `n`
};
struct QueueCounts {
  CappedCount overdue;     // open, deadline before `today`
  CappedCount mine;        // open, assigned to `staff_id`
  CappedCount unassigned;  // open, nobody's
};

QueueCounts queue_counts(db::Database& db, const std::vector<OrganisationScope>& scopes,
                         const std::string& today, const std::string& staff_id);

}  // namespace loket::cases
