// The SQL of application_uploads; every function runs in the caller's transaction.
#include "catalog/upload_store.hpp"

namespace loket::catalog {
namespace {

constexpr std::string_view kColumns =
    "SELECT document_uuid, product, slot, filename, size, media_type, case_id, created_at"
    " FROM application_uploads ";

std::vector<Upload> rows_to_uploads(const db::Rows& rows) {
  std::vector<Upload> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    Upload u;
    u.document_uuid = r.text(0);
    u.product = r.text(1);
    u.slot = static_cast<int>(r.integer(2));
    u.filename = r.text(3);
    u.size = r.integer(4);
    u.media_type = r.text(5);
    if (!r.is_null(6)) u.case_id = r.text(6);
    u.created_at = r.integer(7);
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace

void insert_upload(db::Connection& c, const std::string& owner, const Upload& u) {
  c.execute(
      "INSERT INTO application_uploads (document_uuid, owner, product, slot, filename, size,"
      " media_type, case_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)",
      {u.document_uuid, owner, u.product, static_cast<std::int64_t>(u.slot), u.filename, u.size,
       u.media_type, u.created_at});
}

void insert_case_upload(db::Connection& c, const std::string& case_id, const Upload& u) {
  // No draft owns it: the owner is empty, the slot -1 (none of the product's documents).
  c.execute(
      "INSERT INTO application_uploads (document_uuid, owner, product, slot, filename, size,"
      " media_type, case_id, created_at) VALUES ($1, '', $2, -1, $3, $4, $5, $6, $7)",
      {u.document_uuid, u.product, u.filename, u.size, u.media_type, case_id, u.created_at});
}

std::vector<Upload> draft_uploads(db::Connection& c, const std::string& owner,
                                  std::string_view product) {
  return rows_to_uploads(c.query(std::string(kColumns) +
                                     "WHERE owner = $1 AND product = $2 AND case_id IS NULL"
                                     " ORDER BY created_at, document_uuid",
                                 {owner, std::string(product)}));
}

bool remove_draft_upload(db::Connection& c, const std::string& owner, std::string_view product,
                         std::string_view document_uuid) {
  return c.execute(
             "DELETE FROM application_uploads WHERE owner = $1 AND product = $2"
             " AND document_uuid = $3 AND case_id IS NULL",
             {owner, std::string(product), std::string(document_uuid)}) > 0;
}

std::vector<Upload> attach_uploads(db::Connection& c, const std::string& owner,
                                   std::string_view product, const std::string& case_id) {
  auto out = draft_uploads(c, owner, product);
  c.execute(
      "UPDATE application_uploads SET case_id = $3 WHERE owner = $1 AND product = $2"
      " AND case_id IS NULL",
      {owner, std::string(product), case_id});
  for (auto& u : out) u.case_id = case_id;
  return out;
}

std::vector<Upload> case_uploads(db::Connection& c, std::string_view case_id) {
  return rows_to_uploads(
      c.query(std::string(kColumns) + "WHERE case_id = $1 ORDER BY created_at, document_uuid",
              {std::string(case_id)}));
}

std::vector<std::string> purge_orphan_uploads(db::Connection& c, std::int64_t before_ms) {
  auto rows = c.query(
      "SELECT u.document_uuid FROM application_uploads u WHERE u.case_id IS NULL"
      " AND u.created_at < $1 AND NOT EXISTS (SELECT 1 FROM application_drafts d"
      " WHERE d.owner = u.owner AND d.product = u.product)",
      {before_ms});
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back(rows[i].text(0));
    c.execute("DELETE FROM application_uploads WHERE document_uuid = $1", {rows[i].text(0)});
  }
  return out;
}

}  // namespace loket::catalog
