// Processing log SQL. The data subject is stored encrypted (bound to the row) and as a blind
// index, so a subject's own log can be found without decrypting the table.
#include "privacy/processing_log.hpp"

#include <sodium.h>

#include <chrono>

namespace loket::privacy {
namespace {

constexpr std::string_view kAppend =
    "INSERT INTO processing_log (operation_id, trace_id, parent_operation_id, name, status_code,"
    " start_time, end_time, processing_activity_id, purpose, legal_basis, data_subject_index,"
    " data_subject_enc, actor_kind, actor_organisation, actor_role, acting_for_self, actor_index)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";
constexpr std::string_view kCount =
    "SELECT COUNT(*) FROM processing_log WHERE data_subject_index = $1";
constexpr std::string_view kPage =
    "SELECT operation_id, trace_id, name, status_code, start_time, end_time,"
    " processing_activity_id, purpose, legal_basis, actor_kind, actor_organisation, actor_role,"
    " acting_for_self FROM processing_log WHERE data_subject_index = $1"
    " ORDER BY start_time DESC, operation_id LIMIT $2 OFFSET $3";

db::Value optional(const std::string& s) { return s.empty() ? db::Value(nullptr) : db::Value(s); }

}  // namespace

std::int64_t unix_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string append_processing(db::Connection& c, const KeyRing& keys, const Processing& p) {
  unsigned char id[8];
  randombytes_buf(id, sizeof id);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, id, sizeof id);
  std::string operation_id = hex;
  c.execute(
      kAppend,
      {operation_id, p.trace_id, optional(p.parent_operation_id), p.name,
       std::int64_t{static_cast<int>(p.status)}, p.start_ms, p.end_ms, std::string(p.activity.id),
       std::string(p.activity.purpose), std::string(p.activity.legal_basis),
       blind_index(keys, p.subject_number, p.subject_kind),
       encrypt(keys, p.subject_number, "processing_log.data_subject_enc:" + operation_id),
       p.actor_kind, optional(p.actor_organisation), optional(p.actor_role),
       std::int64_t{p.acting_for_self ? 1 : 0},
       p.actor_number.empty() ? db::Value(nullptr)
                              : db::Value(blind_index(keys, p.actor_number, "bsn"))});
  return operation_id;
}

ProcessingPage processing_for_subject(db::Connection& c, const KeyRing& keys,
                                      const std::string& number, const std::string& kind,
                                      std::int64_t offset, std::int64_t limit) {
  ProcessingPage page;
  auto index = blind_index(keys, number, kind);
  page.total = c.query(kCount, {index})[0].integer(0);
  auto rows = c.query(kPage, {index, limit, offset});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto r = rows[i];
    page.entries.push_back(ProcessingEntry{
        r.text(0), r.text(1), r.text(2), r.text(6), r.text(7), r.text(8),
        static_cast<Status>(r.integer(3)), r.integer(4), r.integer(5), r.text(9),
        r.optional_text(10).value_or(""), r.optional_text(11).value_or(""), r.integer(12) == 1});
  }
  return page;
}

}  // namespace loket::privacy
