// Named SQL of the case tables for the ZGW adapter; see case_store_zgw.hpp. One text for SQLite
// and PostgreSQL.
#include "cases/case_store_zgw.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "cases/list_count.hpp"
#include "db/row_sql.hpp"

namespace loket::cases::zgw_rows {

namespace {

// ---- rows of one table (the table name from table_name, never input)
constexpr std::string_view kSelectRow = "SELECT data{} FROM {} WHERE uuid = $1";
constexpr std::string_view kListRows = "SELECT data{} FROM {}{} ORDER BY {} LIMIT {} OFFSET {}";
// The list's count, asked only when the page is full (see list_total).
constexpr std::string_view kCountRows = "SELECT COUNT(*) FROM {}{}";
constexpr std::string_view kInsertRow = "INSERT INTO {} ({}) VALUES ({})";
constexpr std::string_view kDeleteRow = "DELETE FROM {} WHERE uuid = $1";

// ---- a case's facts
constexpr std::string_view kLockCase = "UPDATE zgw_zaken SET uuid = uuid WHERE uuid = $1";
constexpr std::string_view kPartCases = "SELECT uuid FROM zgw_zaken WHERE hoofdzaak = $1";
constexpr std::string_view kDeleteStatuses = "DELETE FROM zgw_statussen WHERE zaak_uuid = $1";
constexpr std::string_view kDeleteResults = "DELETE FROM zgw_resultaten WHERE zaak_uuid = $1";
constexpr std::string_view kDeleteRoles = "DELETE FROM zgw_rollen WHERE zaak_uuid = $1";
constexpr std::string_view kDeleteCase = "DELETE FROM zgw_zaken WHERE uuid = $1";
// By the primary key (the url's last segment): url has no index of its own.
constexpr std::string_view kStatusMoment =
    "SELECT datum_status_gezet FROM zgw_statussen WHERE uuid = $1 AND url = $2";
constexpr std::string_view kIsCurrentStatus =
    "SELECT 1 FROM zgw_zaken WHERE uuid = $1 AND status = $2";
constexpr std::string_view kResultsOfCase = "SELECT data FROM zgw_resultaten WHERE zaak_uuid = $1";
constexpr std::string_view kCaseFacts =
    "SELECT bronorganisatie, zaaktype, vertrouwelijkheid FROM zgw_zaken WHERE uuid = $1";
constexpr std::string_view kTypeAndLevel =
    "SELECT zaaktype, vertrouwelijkheid FROM zgw_zaken WHERE uuid = $1";

// ---- conditions and _zoek
constexpr std::string_view kCasesWithRole =
    "uuid IN (SELECT zaak_uuid FROM zgw_rollen WHERE {} = {})";
constexpr std::string_view kInCasesWhere = "{} IN (SELECT uuid FROM zgw_zaken WHERE {})";
constexpr std::string_view kCurrentStatuses =
    "url IN (SELECT status FROM zgw_zaken WHERE status IS NOT NULL)";
constexpr std::string_view kCaseData = "SELECT data FROM zgw_zaken{} ORDER BY {}";
constexpr std::string_view kCountCases = "SELECT COUNT(*) FROM zgw_zaken{}";

// In CaseTable's order.
constexpr std::string_view kTables[] = {"zgw_zaken", "zgw_statussen", "zgw_resultaten",
                                        "zgw_rollen"};

std::string_view table_name(CaseTable t) {
  auto i = static_cast<std::size_t>(t);
  if (i >= std::size(kTables)) throw std::logic_error("unknown case table");
  return kTables[i];
}

std::string sealed_list(const std::vector<std::string>& sealed) {
  std::string out;
  for (const auto& s : sealed) out += ", " + s;
  return out;
}

std::optional<ZgwRow> row_of(const db::Rows& rows, std::size_t first_sealed, std::size_t i,
                             std::size_t sealed) {
  if (rows.size() <= i) return std::nullopt;
  ZgwRow out{rows[i].text(0), {}};
  for (std::size_t k = 0; k < sealed; ++k)
    out.sealed.push_back(rows[i].optional_text(first_sealed + k));
  return out;
}

void write_row(db::Connection& c, std::string_view table, const PreparedRow& row, bool insert) {
  c.execute(insert ? db::insert_row_sql(table, row.names) : db::update_row_sql(table, row.names),
            row.values);
}

}  // namespace

std::optional<ZgwRow> load(db::Connection& c, CaseTable t, std::string_view uuid,
                           const std::vector<std::string>& sealed) {
  auto sql = fmt::format(kSelectRow, sealed_list(sealed), table_name(t));
  return row_of(c.query(sql, {std::string(uuid)}), 1, 0, sealed.size());
}

std::optional<ZgwRow> load(db::Database& db, CaseTable t, std::string_view uuid,
                           const std::vector<std::string>& sealed) {
  auto sql = fmt::format(kSelectRow, sealed_list(sealed), table_name(t));
  return row_of(db.read_once(sql, {std::string(uuid)}), 1, 0, sealed.size());
}

ZgwListPage list(db::Database& db, CaseTable t, const ZgwListQuery& q) {
  auto params = q.params;
  params.emplace_back(q.limit);
  auto limit = "$" + std::to_string(params.size());
  params.emplace_back(q.offset);
  auto offset = "$" + std::to_string(params.size());
  auto sql =
      fmt::format(kListRows, sealed_list(q.sealed), table_name(t), q.where, q.order, limit, offset);
  auto rows = db.read_once(sql, params);
  ZgwListPage page;
  page.rows.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    page.rows.push_back(*row_of(rows, 1, i, q.sealed.size()));
  }
  // A window count (COUNT(*) OVER ()) would make the database produce every matching row;
  // a page that is not full tells the count itself, and only a full one asks for it.
  if (auto known = list_total(q.offset, q.limit, rows.size())) {
    page.total = *known;
  } else {
    auto counted = db.read_once(fmt::format(kCountRows, table_name(t), q.where), q.params);
    page.total = counted.empty() ? 0 : counted[0].integer(0);
  }
  return page;
}

void write(db::Connection& c, CaseTable t, const PreparedRow& row, bool insert) {
  if (t == CaseTable::Zaken) return write_case_row(c, row, insert);
  write_row(c, table_name(t), row, insert);
}

void write_case_row(db::Connection& c, const PreparedRow& row, bool insert) {
  write_row(c, table_name(CaseTable::Zaken), row, insert);
}

void insert_many(db::Connection& c, CaseTable t, const std::vector<std::string>& names,
                 const db::Params& values, std::size_t rows) {
  if (rows == 0) return;
  std::string cols;
  for (std::size_t i = 0; i < names.size(); ++i) cols += (i ? ", " : "") + names[i];
  std::string marks;
  std::size_t n = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    marks += row ? "), (" : "";
    for (std::size_t i = 0; i < names.size(); ++i)
      marks += fmt::format("{}${}", i ? ", " : "", ++n);
  }
  c.execute(fmt::format(kInsertRow, table_name(t), cols, marks), values);
}

void remove(db::Connection& c, CaseTable t, std::string_view uuid) {
  c.execute(fmt::format(kDeleteRow, table_name(t)), {std::string(uuid)});
}

void lock_case(db::Connection& c, std::string_view uuid) {
  c.execute(kLockCase, {std::string(uuid)});
}

std::vector<std::string> part_cases(db::Connection& c, std::string_view case_url) {
  auto rows = c.query(kPartCases, {std::string(case_url)});
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].text(0));
  return out;
}

void remove_case_with_children(db::Connection& c, std::string_view uuid, bool with_case) {
  for (auto sql : {kDeleteStatuses, kDeleteResults, kDeleteRoles}) {
    c.execute(sql, {std::string(uuid)});
  }
  if (with_case) c.execute(kDeleteCase, {std::string(uuid)});
}

std::optional<std::string> status_moment(db::Connection& c, std::string_view status_url) {
  auto uuid = status_url.substr(status_url.rfind('/') + 1);  // npos + 1: the whole text
  auto rows = c.query(kStatusMoment, {std::string(uuid), std::string(status_url)});
  if (rows.empty()) return std::nullopt;
  return rows[0].text(0);
}

bool is_current_status(db::Database& db, std::string_view uuid, std::string_view status_url) {
  return !db.read_once(kIsCurrentStatus, {std::string(uuid), std::string(status_url)}).empty();
}

std::vector<std::string> results_of_case(db::Connection* c, db::Database& db,
                                         std::string_view uuid) {
  db::Params params{std::string(uuid)};
  auto rows = c ? c->query(kResultsOfCase, params) : db.read_once(kResultsOfCase, params);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].text(0));
  return out;
}

std::optional<std::pair<std::string, int>> type_and_level(db::Database& db, std::string_view uuid) {
  auto rows = db.read_once(kTypeAndLevel, {std::string(uuid)});
  if (rows.empty()) return std::nullopt;
  return std::pair{rows[0].text(0), static_cast<int>(rows[0].integer(1))};
}

std::optional<CaseFacts> case_facts(db::Connection& c, std::string_view uuid) {
  auto rows = c.query(kCaseFacts, {std::string(uuid)});
  if (rows.empty()) return std::nullopt;
  return CaseFacts{rows[0].text(0), rows[0].text(1), static_cast<int>(rows[0].integer(2))};
}

std::string cases_with_role(std::string_view column, std::string_view placeholder) {
  return fmt::format(kCasesWithRole, column, placeholder);
}

std::string in_cases_where(std::string_view column, std::string_view condition) {
  return fmt::format(kInCasesWhere, column, condition);
}

std::string current_statuses() { return std::string(kCurrentStatuses); }

std::vector<std::string> case_data(db::Database& db, const std::string& where,
                                   const db::Params& params, const std::string& order_and_limit) {
  auto rows = db.read_once(fmt::format(kCaseData, where, order_and_limit), params);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].text(0));
  return out;
}

std::int64_t count_cases(db::Database& db, const std::string& where, const db::Params& params) {
  auto rows = db.read_once(fmt::format(kCountCases, where), params);
  return rows.empty() ? 0 : rows[0].integer(0);
}

}  // namespace loket::cases::zgw_rows
