// The count of a ZGW list from one page of it. A window count (COUNT(*) OVER ()) makes the
// database produce every row the WHERE clause matches, also for a page of 100 among a million;
// a page that is not full tells the count itself, so only a full page needs a SELECT COUNT(*).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace loket::cases {

// 0 for an empty page (as the window count gave), offset + rows for a page that is not full;
// nullopt for a full page: the caller counts with SELECT COUNT(*) on the same WHERE.
inline std::optional<std::int64_t> list_total(std::int64_t offset, std::int64_t limit,
                                              std::size_t rows) {
  if (rows == 0) return 0;
  auto n = static_cast<std::int64_t>(rows);
  if (n < limit) return offset + n;
  return std::nullopt;
}

}  // namespace loket::cases
