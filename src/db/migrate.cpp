// Migrations: each one and its record commit together, so a crash never leaves half a version.
#include "db/migrate.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "common/embedded.hpp"
#include "common/log.hpp"

namespace loket::db {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

// Serialises concurrent migrators: SQLite's BEGIN IMMEDIATE already does; PostgreSQL needs a lock.
constexpr std::string_view kPgLock = "SELECT pg_advisory_xact_lock(4242424242)";

constexpr std::string_view kApplied = "SELECT version FROM schema_migrations";
constexpr std::string_view kRecord =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::set<int> applied(Connection& c) {
  std::set<int> out;
  auto rows = c.query(kApplied);
  for (std::size_t i = 0; i < rows.size(); ++i) out.insert(static_cast<int>(rows[i].integer(0)));
  return out;
}

}  // namespace

std::vector<Migration> migrations(Dialect dialect) {
  // A migration lives in shared/ when one SQL text serves both dialects, else in each
  // dialect's own folder.
  std::string own =
      dialect == Dialect::Sqlite ? "src/db/migrations/sqlite/" : "src/db/migrations/postgres/";
  const std::string shared = "src/db/migrations/shared/";
  std::vector<Migration> out;
  for (const auto& f : common::embedded_files()) {
    std::string_view prefix;
    if (f.path.starts_with(own)) {
      prefix = own;
    } else if (f.path.starts_with(shared)) {
      prefix = shared;
    } else {
      continue;
    }
    auto name = std::string(f.path.substr(prefix.size()));
    int version = 0;
    auto [p, ec] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (ec != std::errc() || version <= 0) throw Error("migration file without a version: " + name);
    out.push_back(Migration{version, name, std::string(f.content)});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      throw Error("two migrations with one version: " + out[i].name);
    }
  }
  return out;
}

int migrate(Database& db) {
  auto all = migrations(db.dialect());
  int count = 0;
  db.write([&](Connection& c) {
    if (db.dialect() == Dialect::Postgres) c.query(kPgLock);
    c.execute_script(kCreateTable);
  });
  for (const auto& m : all) {
    bool done = false;
    db.write([&](Connection& c) {
      if (db.dialect() == Dialect::Postgres) c.query(kPgLock);
      if (applied(c).contains(m.version)) {
        done = true;
        return;
      }
      c.execute_script(m.sql);
      c.execute(kRecord, {std::int64_t{m.version}, m.name, now_utc()});
    });
    if (!done) {
      ++count;
      common::log::info("migration applied", {{"version", m.version}, {"name", m.name}});
    }
  }
  return count;
}

bool migrations_current(Database& db) {
  auto all = migrations(db.dialect());
  std::set<int> have;
  try {
    db.read([&](Connection& c) { have = applied(c); });
  } catch (const Error&) {
    return false;
  }
  return std::all_of(all.begin(), all.end(), [&](auto& m) { return have.contains(m.version); });
}

}  // namespace loket::db
