// The PostgreSQL backend: a fixed pool of libpq connections, each with its prepared statements.
#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace loket::db {

// Opens Options::pool_size connections to a "postgresql://..." URL right away, so a wrong URL
// fails at start rather than on the first request. Throws Error (naming the URL with its
// password redacted) when the server cannot be reached.
std::unique_ptr<Database> open_postgres(const std::string& url, const Options& options);

}  // namespace loket::db
