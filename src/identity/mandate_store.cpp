// Mandate SQL; the same text on SQLite and PostgreSQL.
#include "identity/mandate_store.hpp"

#include <stdexcept>

namespace loket::identity {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO mandates (id, subject_kind, subject_index, subject_enc, representative_index,"
    " representative_enc, scope, valid_from, valid_until, granted_by, granted_by_staff,"
    " revoked_at, created_at, organisation_id, max_confidentiality)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $12, $13, $14)";
constexpr std::string_view kById =
    "SELECT id, subject_kind, subject_enc, representative_enc, scope, valid_from, valid_until,"
    " granted_by, revoked_at, organisation_id, max_confidentiality FROM mandates WHERE id = $1";
constexpr std::string_view kGiven =
    "SELECT id, subject_kind, subject_enc, representative_enc, scope, valid_from, valid_until,"
    " granted_by, revoked_at, organisation_id, max_confidentiality FROM mandates"
    " WHERE subject_index = $1 ORDER BY created_at, id";
constexpr std::string_view kReceived =
    "SELECT id, subject_kind, subject_enc, representative_enc, scope, valid_from, valid_until,"
    " granted_by, revoked_at, organisation_id, max_confidentiality FROM mandates"
    " WHERE representative_index = $1 ORDER BY created_at, id";
constexpr std::string_view kRevoke =
    "UPDATE mandates SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";

std::string purpose(const std::string& kind) { return kind == "business" ? "kvk" : "bsn"; }

Mandate from_row(const privacy::KeyRing& keys, const db::Rows::Row& r) {
  Mandate m;
  m.id = r.text(0);
  m.subject_kind = r.text(1);
  auto subject = privacy::decrypt(keys, r.text(2), "mandates.subject_enc:" + m.id);
  auto representative = privacy::decrypt(keys, r.text(3), "mandates.representative_enc:" + m.id);
  if (!subject || !representative) throw std::runtime_error("mandate cannot be decrypted");
  m.subject_number = *subject;
  m.representative = *representative;
  m.scope = r.text(4);
  m.valid_from = r.integer(5);
  m.valid_until = r.integer(6);
  m.granted_by = r.text(7);
  if (!r.is_null(8)) m.revoked_at = r.integer(8);
  // NULL: no limit (a mandate the person gave). A staff mandate without an organisation
  // covers nothing (mandate_covers), so a lost scope fails closed.
  if (!r.is_null(9)) m.organisation_id = r.text(9);
  if (!r.is_null(10)) m.max_confidentiality = static_cast<int>(r.integer(10));
  return m;
}

std::vector<Mandate> all(const privacy::KeyRing& keys, const db::Rows& rows) {
  std::vector<Mandate> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(from_row(keys, rows[i]));
  return out;
}

}  // namespace

void insert_mandate(db::Connection& c, const privacy::KeyRing& keys, const Mandate& m,
                    const std::string& granted_by_staff, std::int64_t now) {
  c.execute(
      kInsert,
      {m.id, m.subject_kind, privacy::blind_index(keys, m.subject_number, purpose(m.subject_kind)),
       privacy::encrypt(keys, m.subject_number, "mandates.subject_enc:" + m.id),
       privacy::blind_index(keys, m.representative, "bsn"),
       privacy::encrypt(keys, m.representative, "mandates.representative_enc:" + m.id), m.scope,
       m.valid_from, m.valid_until, m.granted_by,
       granted_by_staff.empty() ? db::Value(nullptr) : db::Value(granted_by_staff), now,
       m.organisation_id.empty() ? db::Value(nullptr) : db::Value(m.organisation_id),
       m.granted_by == "subject" ? db::Value(nullptr)
                                 : db::Value(std::int64_t{m.max_confidentiality})});
}

std::optional<Mandate> find_mandate(db::Connection& c, const privacy::KeyRing& keys,
                                    const std::string& id) {
  auto rows = c.query(kById, {id});
  if (rows.empty()) return std::nullopt;
  return from_row(keys, rows[0]);
}

std::vector<Mandate> mandates_given(db::Database& db, const privacy::KeyRing& keys,
                                    const std::string& kind, const std::string& number) {
  return all(keys, db.read_once(kGiven, {privacy::blind_index(keys, number, purpose(kind))}));
}

std::vector<Mandate> mandates_received(db::Database& db, const privacy::KeyRing& keys,
                                       const std::string& bsn) {
  return all(keys, db.read_once(kReceived, {privacy::blind_index(keys, bsn, "bsn")}));
}

bool revoke_mandate(db::Connection& c, const std::string& id, std::int64_t now) {
  return c.execute(kRevoke, {id, now}) == 1;
}

}  // namespace loket::identity
