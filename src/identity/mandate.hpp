// Mandates (machtigingen): who may act for whom, in what, until when. Pure rules; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/confidentiality.hpp"

namespace loket::identity {

// Confidentiality levels as ZGW numbers them (common/confidentiality.hpp): 0 = openbaar ...
// 7 = zeer_geheim; confidentiality_name(level) is the ZGW name, or "" for none.
using common::confidentiality_name;
using common::kHighestConfidentiality;

struct Mandate {
  std::string id;
  std::string subject_kind;    // "resident" or "business": who is represented
  std::string subject_number;  // their BSN or KvK number (decrypted)
  std::string representative;  // BSN of the resident who may act
  std::string scope = "*";     // "*": every product
  std::int64_t valid_from = 0;
  std::int64_t valid_until = 0;
  std::string granted_by;  // "subject" or "staff"
  std::optional<std::int64_t> revoked_at;
  // Where a mandate registered by staff holds: the cases of the registering staff member's
  // organisation, up to the confidentiality they may see themselves. A mandate the person gave
  // themselves holds for each of their cases (no organisation, the highest level).
  std::string organisation_id;
  int max_confidentiality = kHighestConfidentiality;
};

bool is_active(const Mandate& m, std::int64_t now);

// "YYYY-MM-DD" → the last second of that day (UTC); nullopt when it is no real date.
std::optional<std::int64_t> end_of_day(std::string_view date);
// Seconds since the epoch → "YYYY-MM-DD" (UTC).
std::string date_of(std::int64_t seconds);

// The longest a mandate may run; after that it must be given again.
inline constexpr std::int64_t kMaxMandateSeconds = 5LL * 366 * 86400;

}  // namespace loket::identity
