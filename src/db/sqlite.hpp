// The embedded SQLite backend.
#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace loket::db {

std::unique_ptr<Database> open_sqlite(const std::string& path, const Options& options);

}  // namespace loket::db
