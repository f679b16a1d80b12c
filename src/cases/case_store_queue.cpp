// The work queue's counts; see case_store_queue.hpp.
#include "cases/case_store_queue.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace loket::cases {

QueueCounts queue_counts(db::Database& db, const std::vector<OrganisationScope>& scopes,
                         const std::string& today, const std::string& staff_id) {
  QueueCounts out;
  if (scopes.empty()) return out;
  db::Params params;
  auto bind = [&](db::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  auto day = bind(today);
  auto me = bind(staff_id);
  std::vector<std::pair<std::string, std::string>> orgs;
  for (const auto& s : scopes) {
    auto org = bind(s.rsin);
    orgs.emplace_back(org, bind(std::int64_t{s.max_level}));
  }
  // Per organisation a scan of its open cases, cut after kCountCap + 1; "einddatum IS NULL"
  // spelled out so that both planners take the partial index of open cases. The deadline is
  // compared only as the index holds it (the queue's sort key: a case without one is never
  // late), so that the index bounds the scan and no table row is read.
  auto capped = [&](const std::string& condition, std::string_view order) {
    std::string slices;
    for (std::size_t i = 0; i < orgs.size(); ++i) {
      if (i) slices += " UNION ALL ";
      slices += fmt::format(
          "SELECT 1 AS one FROM (SELECT 1 AS one FROM zgw_zaken z WHERE z.bronorganisatie = {}"
          " AND z.vertrouwelijkheid <= {} AND z.einddatum IS NULL{}{} LIMIT {}) c{}",
          orgs[i].first, orgs[i].second, condition, order, kCountCap + 1, i);
    }
    return "(SELECT COUNT(*) FROM (" + slices + ") n)";
  };
  // The late ones in the index's order: without it PostgreSQL expects to find a thousand late
  // cases soon enough in a sequential scan of the table, and reads its rows.
  constexpr std::string_view kKey = "COALESCE(z.uiterlijke_einddatum_afdoening, '9999-12-31')";
  auto sql = "SELECT " + capped(fmt::format(" AND {} < {}", kKey, day), fmt::format(" ORDER BY {}", kKey)) +
             ", " + capped(" AND z.assignee = " + me, "") + ", " +
             capped(" AND z.assignee IS NULL", "");
  auto rows = db.read_once(sql, params);
  auto read = [&](std::size_t col) {
    auto n = rows[0].integer(col);
    return CappedCount{std::min(n, kCountCap), n > kCountCap};
  };
  out.overdue = read(0);
  out.mine = read(1);
  out.unassigned = read(2);
  return out;
}

}  // namespace loket::cases
