// The case store's door for the ZGW Zaken adapter: the rows of the case tables (zaken,
// statussen, resultaten, rollen) in their ZGW representation, read, listed, written and deleted
// through named SQL here, so that no SQL on a case table lives outside cases/. The adapter
// converts the ZGW JSON and prepares the row (its columns and values); the table names and the
// statements are this file's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace loket::cases {

// The case tables the ZGW adapter stores its case resources in. The zaak's relations
// (zaakeigenschappen, zaakobjecten, zaakinformatieobjecten, klantcontacten, ...) are not case
// data of the domain (no model, no use case writes them): they stay the adapter's tables.
enum class CaseTable { Zaken, Statussen, Resultaten, Rollen };

// A stored row: the representation (`data`, JSON text) and the sealed columns asked for.
struct ZgwRow {
  std::string data;
  std::vector<std::optional<std::string>> sealed;
};

// A row as the adapter prepared it: column names ("uuid" and "data" first, then the indexed
// and sealed columns) and their values, in the same order. The names come from the adapter's
// resource declarations (constants, never input).
struct PreparedRow {
  std::vector<std::string> names;
  db::Params values;
};

// A page of a list: the WHERE clause (built from parameterised fragments, "" or " WHERE …"),
// its parameters (limit and offset are bound after them), the order (SQL of declared columns)
// and the sealed columns to read back.
struct ZgwListQuery {
  std::string where;
  db::Params params;
  std::string order = "uuid";
  std::vector<std::string> sealed;
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};
struct ZgwListPage {
  std::vector<ZgwRow> rows;
  std::int64_t total = 0;  // every row the WHERE clause matches (0 for an empty page)
};

namespace zgw_rows {

// ---- rows of one table
std::optional<ZgwRow> load(db::Connection& c, CaseTable t, std::string_view uuid,
                           const std::vector<std::string>& sealed);
std::optional<ZgwRow> load(db::Database& db, CaseTable t, std::string_view uuid,
                           const std::vector<std::string>& sealed);
ZgwListPage list(db::Database& db, CaseTable t, const ZgwListQuery& q);
// Inserts or updates (by uuid) a prepared row. A zaak row goes through write_case_row.
void write(db::Connection& c, CaseTable t, const PreparedRow& row, bool insert);
// The one function every write of a zaak row from the adapter goes through.
void write_case_row(db::Connection& c, const PreparedRow& row, bool insert);
// Many rows of one table in multi-row INSERTs (bulk loading), `rows` all of `names`' shape.
void insert_many(db::Connection& c, CaseTable t, const std::vector<std::string>& names,
                 const db::Params& values, std::size_t rows);
void remove(db::Connection& c, CaseTable t, std::string_view uuid);

// ---- a case's facts for the adapter's rules
// Locks the case's row until the transaction ends (PostgreSQL: writers of one case take turns).
void lock_case(db::Connection& c, std::string_view uuid);
// The uuids of the cases whose hoofdzaak is `case_url` (relative).
std::vector<std::string> part_cases(db::Connection& c, std::string_view case_url);
// Deletes the statuses, results and roles of a case, and (when `with_case`) the case row.
void remove_case_with_children(db::Connection& c, std::string_view uuid, bool with_case);
// The moment (datumStatusGezet) of the status at `status_url`, when it exists.
std::optional<std::string> status_moment(db::Connection& c, std::string_view status_url);
// Whether `status_url` is the current status of case `uuid`.
bool is_current_status(db::Database& db, std::string_view uuid, std::string_view status_url);
// The representations (JSON text) of the results of a case.
std::vector<std::string> results_of_case(db::Connection* c, db::Database& db,
                                         std::string_view uuid);
// A case's type (relative URL) and confidentiality level, when it exists.
std::optional<std::pair<std::string, int>> type_and_level(db::Database& db, std::string_view uuid);
// What a notification about a case names (its kenmerken), in the caller's transaction.
struct CaseFacts {
  std::string organisation_rsin;  // bronorganisatie
  std::string case_type;          // zaaktype (relative URL for our own)
  int level = 0;                  // vertrouwelijkheid
};
std::optional<CaseFacts> case_facts(db::Connection& c, std::string_view uuid);

// ---- conditions for the adapter's list queries (placeholders bound by the caller)
// Cases with a role whose `column` (a declared rollen column) equals `placeholder`.
std::string cases_with_role(std::string_view column, std::string_view placeholder);
// `column` (holding a case uuid) is one of the cases matching `condition` (on case columns).
std::string in_cases_where(std::string_view column, std::string_view condition);
// Statuses that are their case's current one (on the statussen table).
std::string current_statuses();

// ---- zaken/_zoek: representations of cases matching a WHERE clause, and their count.
std::vector<std::string> case_data(db::Database& db, const std::string& where,
                                   const db::Params& params, const std::string& order_and_limit);
std::int64_t count_cases(db::Database& db, const std::string& where, const db::Params& params);

}  // namespace zgw_rows
}  // namespace loket::cases
