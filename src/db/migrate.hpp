// Versioned schema migrations, one folder per dialect, applied in order inside transactions.
#pragma once

#include <string>
#include <vector>

#include "db/database.hpp"

namespace loket::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The embedded migrations of a dialect, sorted by version. Names are "NNNN_what.sql".
std::vector<Migration> migrations(Dialect dialect);

// Applies the migrations not yet recorded in schema_migrations; returns how many it applied.
// Safe to run from several processes at once.
int migrate(Database& db);

// True when every embedded migration has been applied.
bool migrations_current(Database& db);

}  // namespace loket::db
