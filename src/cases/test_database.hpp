// Test only: a fresh, migrated database per test on SQLite or PostgreSQL (the latter when
// LOKET_TEST_POSTGRES_URL is set), for the store and service contracts that must hold the same
// on both backends, with the catalogue rows their products need.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "db/migrate.hpp"
#include "db/postgres.hpp"

namespace loket::cases::testing {

enum class Backend { Sqlite, Postgres };

// The catalogue rows a ZGW client would have made.
inline constexpr std::string_view kInsertCatalogus =
    "INSERT INTO zgw_catalogussen (uuid, data, url, domein, rsin) VALUES ($1, '{}', $2, $3, $4)";
// $5: concept (1) or published (0).
inline constexpr std::string_view kInsertZaaktype =
    "INSERT INTO zgw_zaaktypen (uuid, data, url, catalogus, identificatie, concept,"
    " begin_geldigheid, trefwoorden) VALUES ($1, $2, $3, $4, $1, $5, '2020-01-01', '||')";
inline constexpr std::string_view kInsertStatustype =
    "INSERT INTO zgw_statustypen (uuid, data, zaaktype, volgnummer) VALUES ($1, $2, $3, $4)";
inline constexpr std::string_view kEventKinds =
    "SELECT kind, payload FROM outbox ORDER BY created_at, kind";

// The fixture: each test of an instantiation (Sqlite, Postgres) gets its own database, a file
// or a schema named after `prefix`, dropped afterwards.
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  // Call first in SetUp, then return when IsSkipped() (PostgreSQL without its URL).
  void open_database(std::string_view prefix) {
    if (GetParam() == Backend::Postgres) {
      const char* url = std::getenv("LOKET_TEST_POSTGRES_URL");
      if (!url || !*url) GTEST_SKIP() << "set LOKET_TEST_POSTGRES_URL to run on PostgreSQL";
      base_url_ = url;
      schema_ = unique_name(prefix);
      auto admin = db::open_postgres(base_url_, db::Options{.pool_size = 1});
      // The schema name is generated here, never input.
      admin->write([&](db::Connection& c) { c.execute_script("CREATE SCHEMA " + schema_); });
      db_ = db::open(base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
                         "options=-c%20search_path%3D" + schema_,
                     db::Options{.pool_size = 4});
    } else {
      path_ = std::filesystem::temp_directory_path() / (unique_name(prefix) + ".db");
      db_ = db::open("sqlite:" + path_.string(), db::Options{.synchronous_full = false});
    }
    db::migrate(*db_);
  }

  // A fixture's TearDown releases what holds the database first, then calls this.
  void TearDown() override {
    db_.reset();
    if (!schema_.empty()) {
      auto admin = db::open_postgres(base_url_, db::Options{.pool_size = 1});
      admin->write(
          [&](db::Connection& c) { c.execute_script("DROP SCHEMA " + schema_ + " CASCADE"); });
      schema_.clear();
    }
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path_.string() + suffix);
      }
      path_.clear();
    }
  }

  std::int64_t count(std::string_view sql) {
    return db_->read_value([&](db::Connection& c) { return c.query(sql)[0].integer(0); });
  }
  // The kinds of the events in the outbox, oldest first.
  std::vector<std::string> event_kinds() {
    auto rows = db_->read_once(kEventKinds);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].text(0));
    return out;
  }

  std::unique_ptr<db::Database> db_;

 private:
  static std::string unique_name(std::string_view prefix) {
    static std::atomic<int> counter{0};
    return "loket_" + std::string(prefix) + "_" + std::to_string(getpid()) + "_" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "_" +
           std::to_string(counter++);
  }

  std::string base_url_, schema_;
  std::filesystem::path path_;
};

// INSTANTIATE_TEST_SUITE_P(Backends, Fixture, kBackends, backend_name).
inline const auto kBackends = ::testing::Values(Backend::Sqlite, Backend::Postgres);
inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

}  // namespace loket::cases::testing
