// The PostgreSQL backend against a real server; skipped unless LOKET_TEST_POSTGRES_URL is set.
#include "db/postgres.hpp"

#include "db/group_commit.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <latch>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

namespace loket::db {
namespace {

constexpr std::string_view kCreate =
    "CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT, score DOUBLE PRECISION)";
constexpr std::string_view kInsert = "INSERT INTO items (id, name, score) VALUES ($1, $2, $3)";
constexpr std::string_view kSelect = "SELECT id, name, score FROM items WHERE id = $1";
constexpr std::string_view kCount = "SELECT count(*) FROM items";

// Each run gets its own schema, so parallel runs and leftovers of a crashed run never collide,
// while the SQL above stays constant text, as in production code.
std::string unique_schema() {
  static std::atomic<int> counter{0};
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return "loket_test_" + std::to_string(getpid()) + "_" + std::to_string(now) + "_" +
         std::to_string(counter++);
}

std::string with_search_path(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" +
         schema;
}

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("LOKET_TEST_POSTGRES_URL");
    if (!url || !*url) GTEST_SKIP() << "set LOKET_TEST_POSTGRES_URL to run the PostgreSQL tests";
    base_url_ = url;
    schema_ = unique_schema();
    auto admin = open_postgres(base_url_, Options{.pool_size = 1});
    // The schema name is generated above, never input, so building this one statement is safe.
    admin->write([&](Connection& c) { c.execute_script("CREATE SCHEMA " + schema_); });
    url_ = with_search_path(base_url_, schema_);
    db_ = open(2);
    db_->write([](Connection& c) { c.execute_script(kCreate); });
  }

  void TearDown() override {
    db_.reset();
    if (schema_.empty()) return;
    auto admin = open_postgres(base_url_, Options{.pool_size = 1});
    admin->write([&](Connection& c) { c.execute_script("DROP SCHEMA " + schema_ + " CASCADE"); });
  }

  std::unique_ptr<Database> open(std::size_t pool_size) {
    return open_postgres(url_, Options{.pool_size = pool_size});
  }

  std::int64_t count() {
    return db_->read_value([](Connection& c) { return c.query(kCount)[0].integer(0); });
  }

  std::string base_url_, url_, schema_;
  std::unique_ptr<Database> db_;
};

TEST_F(PostgresTest, ParametersOfEachTypeRoundTrip) {
  auto rows = db_->read_value([](Connection& c) {
    return c.query(
        "SELECT $1::bigint, $2::float8, $3::text, $4::text, $5::float8",
        {std::int64_t{-9007199254740993}, 0.1, std::string("Zoë's \"plan\""), nullptr, 1e300});
  });
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows.columns(), 5u);
  EXPECT_EQ(rows[0].integer(0), -9007199254740993);
  EXPECT_EQ(rows[0].real(1), 0.1);  // shortest round-trip formatting loses nothing
  EXPECT_EQ(rows[0].text(2), "Zoë's \"plan\"");
  EXPECT_TRUE(rows[0].is_null(3));
  EXPECT_EQ(rows[0].real(4), 1e300);
}

TEST_F(PostgresTest, NullsAndBooleans) {
  db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{1}, nullptr, nullptr}); });
  auto rows = db_->read_value([](Connection& c) { return c.query(kSelect, {std::int64_t{1}}); });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FALSE(rows[0].is_null(0));
  EXPECT_TRUE(rows[0].is_null(1));
  EXPECT_EQ(rows[0].optional_text(1), std::nullopt);
  EXPECT_THROW(rows[0].text(2), Error);

  auto flags = db_->read_value([](Connection& c) { return c.query("SELECT true, false"); });
  EXPECT_EQ(flags[0].integer(0), 1);
  EXPECT_EQ(flags[0].integer(1), 0);
}

TEST_F(PostgresTest, ExecuteCountsRowsAndScriptsRunSeveralStatements) {
  auto changed = db_->write_value([](Connection& c) {
    c.execute_script(
        "INSERT INTO items (id) VALUES (1); INSERT INTO items (id) VALUES (2);"
        "INSERT INTO items (id) VALUES (3)");
    return c.execute("UPDATE items SET name = $1 WHERE id >= $2",
                     {std::string("x"), std::int64_t{2}});
  });
  EXPECT_EQ(changed, 2);
  EXPECT_EQ(db_->write_value(
                [](Connection& c) { return c.execute("CREATE INDEX items_name ON items (name)"); }),
            0);
  EXPECT_EQ(count(), 3);
}

TEST_F(PostgresTest, StatementIsPreparedOnceAndReused) {
  auto db = open(1);  // one connection, so every call below lands on it
  constexpr std::string_view kPrepared =
      "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1";
  db->write([](Connection& c) {
    c.execute(kInsert, {std::int64_t{1}, std::string("a"), 1.5});
    c.execute(kInsert, {std::int64_t{2}, std::string("b"), 2.5});
  });
  db->write([](Connection& c) { c.execute(kInsert, {std::int64_t{3}, std::string("c"), 3.5}); });
  auto n = db->read_value(
      [&](Connection& c) { return c.query(kPrepared, {std::string(kInsert)})[0].integer(0); });
  EXPECT_EQ(n, 1);
  auto names = db->read_value([&](Connection& c) {
    return c.query("SELECT name FROM pg_prepared_statements WHERE statement = $1",
                   {std::string(kInsert)});
  });
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].text(0), "s1");
  EXPECT_EQ(count(), 3);
}

// A plan made while a table was empty reads the whole table for ever after (a generic plan is
// kept as long as its statement): connections forget their statements after plan_lifetime.
TEST_F(PostgresTest, ConnectionsForgetTheirStatementsAfterThePlanLifetime) {
  constexpr std::string_view kPrepared = "SELECT count(*) FROM pg_prepared_statements";
  db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{1}, nullptr, nullptr}); });
  // One borrower counts, the next one asks what its connection has prepared.
  auto after_a_count = [](Database& db) {
    EXPECT_EQ(db.read_value([](Connection& c) { return c.query(kCount)[0].integer(0); }), 1);
    return db.read_value([&](Connection& c) { return c.query(kPrepared)[0].integer(0); });
  };
  auto keeping = open_postgres(url_, Options{.pool_size = 1});
  EXPECT_EQ(after_a_count(*keeping), 2);  // the count's statement and this one
  auto forgetting =
      open_postgres(url_, Options{.pool_size = 1, .plan_lifetime = std::chrono::milliseconds(0)});
  EXPECT_EQ(after_a_count(*forgetting), 1);  // this one only, prepared afresh
  EXPECT_EQ(after_a_count(*forgetting), 1);
}

TEST_F(PostgresTest, SchemaChangeUnderAPreparedStatementRecovers) {
  constexpr std::string_view kAll = "SELECT * FROM items";
  auto db = open(1);
  EXPECT_EQ(db->read_value([&](Connection& c) { return c.query(kAll).columns(); }), 3u);
  db->write([](Connection& c) { c.execute_script("ALTER TABLE items ADD COLUMN extra TEXT"); });
  // The first run after the change fails ("cached plan must not change result type"); the
  // statement is then prepared afresh.
  EXPECT_THROW(db->read([&](Connection& c) { c.query(kAll); }), Error);
  EXPECT_EQ(db->read_value([&](Connection& c) { return c.query(kAll).columns(); }), 4u);
}

TEST_F(PostgresTest, ConstraintViolationIsConstraintErrorWithoutTheValues) {
  db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{424242}, nullptr, nullptr}); });
  try {
    db_->write([](Connection& c) {
      c.execute(kInsert, {std::int64_t{424242}, std::string("secret"), nullptr});
    });
    FAIL() << "expected ConstraintError";
  } catch (const ConstraintError& e) {
    EXPECT_EQ(std::string(e.what()).find("424242"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("23505"), std::string::npos) << e.what();
  }
  EXPECT_EQ(count(), 1);
}

TEST_F(PostgresTest, BadInputErrorDoesNotEchoTheValue) {
  try {
    db_->read([](Connection& c) { c.query(kSelect, {std::string("999-99-secret")}); });
    FAIL() << "expected Error";
  } catch (const ConstraintError&) {
    FAIL() << "not a constraint violation";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("22P02"), std::string::npos) << e.what();
  }
}

TEST_F(PostgresTest, WriteRollsBackWhenWorkThrows) {
  EXPECT_THROW(db_->write([](Connection& c) {
    c.execute(kInsert, {std::int64_t{1}, std::string("a"), nullptr});
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_EQ(count(), 0);
  EXPECT_EQ(db_->stats().in_use, 0u);
}

TEST_F(PostgresTest, CaughtStatementErrorStillFailsTheWrite) {
  db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{1}, nullptr, nullptr}); });
  // PostgreSQL aborts the whole transaction on a failed statement; COMMIT then only rolls back.
  EXPECT_THROW(db_->write([](Connection& c) {
    c.execute(kInsert, {std::int64_t{2}, nullptr, nullptr});
    try {
      c.execute(kInsert, {std::int64_t{1}, nullptr, nullptr});
    } catch (const ConstraintError&) {
    }
  }),
               Error);
  EXPECT_EQ(count(), 1);
}

// execute_later(): statements sent in libpq's pipeline mode, their outcome read with the next
// statement or the commit.
TEST_F(PostgresTest, WritesSentLaterAreSeenByTheNextQueryAndCommitted) {
  db_->write([](Connection& c) {
    for (std::int64_t i = 1; i <= 5; ++i) c.execute_later(kInsert, {i, std::string("a"), 0.5});
    EXPECT_EQ(c.query(kCount)[0].integer(0), 5);  // the query reads their outcome first
    c.execute_later(kInsert, {std::int64_t{6}, nullptr, nullptr});
  });
  EXPECT_EQ(count(), 6);
  // The connection is usable as before for the next borrower.
  db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{7}, nullptr, nullptr}); });
  EXPECT_EQ(count(), 7);
}

TEST_F(PostgresTest, AWriteSentLaterThatFailsFailsTheCommitAndNothingIsKept) {
  db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{1}, nullptr, nullptr}); });
  EXPECT_THROW(db_->write([](Connection& c) {
    c.execute_later(kInsert, {std::int64_t{2}, nullptr, nullptr});
    c.execute_later(kInsert, {std::int64_t{1}, nullptr, nullptr});  // taken: surfaces at commit
    c.execute_later(kInsert, {std::int64_t{3}, nullptr, nullptr});
  }),
               ConstraintError);
  EXPECT_EQ(count(), 1);
  // The same through a query in the transaction: it throws there.
  EXPECT_THROW(db_->write([](Connection& c) {
    c.execute_later(kInsert, {std::int64_t{1}, nullptr, nullptr});
    c.query(kCount);
  }),
               ConstraintError);
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(db_->stats().in_use, 0u);
}

// A statement is prepared in the pipeline that runs it. When an earlier statement of that
// pipeline fails, the preparation is skipped: the connection must not believe it has the
// statement, or every later use would fail with "prepared statement does not exist".
TEST_F(PostgresTest, APreparationSkippedAfterAFailureIsPreparedAgain) {
  auto db = open(1);
  db->write([](Connection& c) { c.execute(kInsert, {std::int64_t{1}, nullptr, nullptr}); });
  constexpr std::string_view kNew = "SELECT count(*) FROM items WHERE id <> $1";
  db->write([&](Connection& c) {
    c.execute_script("SAVEPOINT a");
    c.execute_later(kInsert, {std::int64_t{1}, nullptr, nullptr});  // taken
    EXPECT_THROW(c.query(kNew, {std::int64_t{0}}), ConstraintError);
    c.execute_script("ROLLBACK TO SAVEPOINT a");
    EXPECT_EQ(c.query(kNew, {std::int64_t{0}})[0].integer(0), 1);
  });
  // A statement that cannot be prepared fails alone, and again the same way.
  for (int i = 0; i < 2; ++i) {
    try {
      db->read([](Connection& c) { c.query("SELECT no_such_column FROM items"); });
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("no_such_column"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(
      db->read_value([&](Connection& c) { return c.query(kNew, {std::int64_t{0}}); })[0].integer(0),
      1);
}

// BEGIN goes out with the transaction's first statement, and COMMIT with the writes sent
// later: a transaction is as isolated as before, whatever travels together.
TEST_F(PostgresTest, ATransactionBeginsWithItsFirstStatement) {
  auto db = open(1);
  db->read([](Connection& c) {
    EXPECT_EQ(c.query("SELECT current_setting('transaction_isolation')")[0].text(0),
              "repeatable read");
    EXPECT_EQ(c.query("SELECT current_setting('transaction_read_only')")[0].text(0), "on");
  });
  db->write([](Connection& c) {
    EXPECT_EQ(c.query("SELECT current_setting('transaction_read_only')")[0].text(0), "off");
    c.execute_later(kInsert, {std::int64_t{1}, nullptr, nullptr});
  });
  // A transaction with no statement at all commits too, and leaves the connection idle.
  db->write([](Connection&) {});
  db->read([](Connection&) {});
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(db->read_value([](Connection& c) { return c.query(kCount)[0].integer(0); }), 1);
}

TEST_F(PostgresTest, WorkThatThrowsWithWritesSentLaterRollsThemBack) {
  EXPECT_THROW(db_->write([](Connection& c) {
    c.execute_later(kInsert, {std::int64_t{1}, nullptr, nullptr});
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_EQ(count(), 0);
  db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{2}, nullptr, nullptr}); });
  EXPECT_EQ(count(), 1);
}

TEST_F(PostgresTest, InAGroupAFailedWriteSentLaterFailsOnlyItsOwnWrite) {
  db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{1}, nullptr, nullptr}); });
  auto grouped = open(1);  // one connection: the writes below wait for it and form a group
  std::atomic<int> failed{0}, done{0};
  std::vector<std::thread> writers;
  for (std::int64_t i = 0; i < 8; ++i) {
    writers.emplace_back([&, i] {
      try {
        write_grouped(*grouped, [&](Connection& c) {
          Deferring later(c);
          later.execute(kInsert, {i == 3 ? std::int64_t{1} : 100 + i, nullptr, nullptr});
          later.execute(kInsert, {200 + i, nullptr, nullptr});
        });
        ++done;
      } catch (const ConstraintError&) {
        ++failed;
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(failed.load(), 1);
  EXPECT_EQ(done.load(), 7);
  EXPECT_EQ(count(), 1 + 7 * 2);
}

TEST_F(PostgresTest, ReadSeesCommittedDataAndRefusesWrites) {
  db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{7}, std::string("x"), 0.5}); });
  auto rows = db_->read_value([](Connection& c) { return c.query(kSelect, {std::int64_t{7}}); });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(1), "x");
  EXPECT_EQ(rows[0].real(2), 0.5);
  EXPECT_THROW(db_->read([](Connection& c) {
    c.execute(kInsert, {std::int64_t{8}, nullptr, nullptr});
  }),
               Error);
  EXPECT_EQ(count(), 1);
}

TEST_F(PostgresTest, ReadKeepsOneSnapshot) {
  std::int64_t before = -1, after = -1;
  db_->read([&](Connection& c) {
    before = c.query(kCount)[0].integer(0);
    db_->write([](Connection& w) { w.execute(kInsert, {std::int64_t{1}, nullptr, nullptr}); });
    after = c.query(kCount)[0].integer(0);
  });
  EXPECT_EQ(before, 0);
  EXPECT_EQ(after, 0);
  EXPECT_EQ(count(), 1);
}

TEST_F(PostgresTest, StatsCountSizeUseAndWaits) {
  auto db = open(1);
  EXPECT_EQ(db->stats().size, 1u);
  EXPECT_EQ(db->stats().in_use, 0u);
  EXPECT_EQ(db->stats().waits, 0u);

  std::atomic<bool> holding{false}, release{false};
  std::thread holder([&] {
    db->read([&](Connection&) {
      holding = true;
      while (!release) std::this_thread::yield();
    });
  });
  while (!holding) std::this_thread::yield();
  EXPECT_EQ(db->stats().in_use, 1u);
  std::thread waiter([&] { db->read([](Connection& c) { c.query("SELECT 1"); }); });
  while (db->stats().waits == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  release = true;
  holder.join();
  waiter.join();
  auto s = db->stats();
  EXPECT_EQ(s.size, 1u);
  EXPECT_EQ(s.in_use, 0u);
  EXPECT_EQ(s.waits, 1u);
  EXPECT_TRUE(db->ping());
  EXPECT_EQ(db->dialect(), Dialect::Postgres);
}

TEST_F(PostgresTest, BrokenConnectionIsReopened) {
  auto db = open(1);
  db->write([](Connection& c) { c.execute(kInsert, {std::int64_t{1}, nullptr, nullptr}); });
  EXPECT_THROW(
      db->write([](Connection& c) { c.query("SELECT pg_terminate_backend(pg_backend_pid())"); }),
      Error);
  // The same (only) connection serves again, with its prepared statements made anew.
  EXPECT_TRUE(db->ping());
  EXPECT_EQ(db->read_value([](Connection& c) { return c.query(kCount)[0].integer(0); }), 1);
  db->write([](Connection& c) { c.execute(kInsert, {std::int64_t{2}, nullptr, nullptr}); });
  EXPECT_EQ(db->stats().size, 1u);
  EXPECT_EQ(db->stats().in_use, 0u);
}

TEST_F(PostgresTest, ApplicationNameIsLoket) {
  auto name = db_->read_value([](Connection& c) {
    return c.query("SELECT current_setting('application_name')")[0].text(0);
  });
  EXPECT_EQ(name, "loket");
}

// Unless the URL sets options of its own (as this fixture's search_path does).
TEST_F(PostgresTest, StatementsUseGenericPlans) {
  auto plain = open_postgres(base_url_, Options{.pool_size = 1});
  auto mode = plain->read_value([](Connection& c) {
    return c.query("SELECT current_setting('plan_cache_mode')")[0].text(0);
  });
  EXPECT_EQ(mode, "force_generic_plan");
}

// Needs no server: nothing listens on port 1.
// Two writes that lock the same two rows in opposite order deadlock; PostgreSQL ends one of them
// (40P01) after deadlock_timeout. write() runs that one again, so both writes end committed.
TEST_F(PostgresTest, AWriteEndedByADeadlockRunsAgainAndCommits) {
  db_->write([](Connection& c) {
    c.execute(kInsert, {std::int64_t{1}, std::string("a"), 0.0});
    c.execute(kInsert, {std::int64_t{2}, std::string("b"), 0.0});
  });
  constexpr std::string_view kBump = "UPDATE items SET score = score + 1 WHERE id = $1";
  std::latch both_hold_one(2);
  std::atomic<int> runs{0};
  auto crosswise = [&](std::int64_t first, std::int64_t second) {
    bool waited = false;
    db_->write([&](Connection& c) {
      runs.fetch_add(1);
      c.execute(kBump, {first});
      if (!waited) {  // only the first run meets the other writer half-way
        waited = true;
        both_hold_one.arrive_and_wait();
      }
      c.execute(kBump, {second});
    });
  };
  std::exception_ptr failure;
  std::thread other([&] {
    try {
      crosswise(2, 1);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  EXPECT_NO_THROW(crosswise(1, 2));
  other.join();
  EXPECT_FALSE(failure) << "the other writer failed";
  EXPECT_EQ(runs.load(), 3) << "one of the two ran again";
  db_->read([](Connection& c) {
    auto rows = c.query("SELECT sum(score) FROM items");
    EXPECT_EQ(rows[0].real(0), 4.0);
  });
}

// After kTransientAttempts the failure reaches the caller as a TransientError.
TEST(RetryTransient, GivesUpAfterTheLastAttempt) {
  int runs = 0;
  EXPECT_THROW(retry_transient([&] {
                 ++runs;
                 throw TransientError("deadlock detected (SQLSTATE 40P01)");
               }),
               TransientError);
  EXPECT_EQ(runs, kTransientAttempts);
  runs = 0;
  EXPECT_THROW(retry_transient([&] {
                 ++runs;
                 throw Error("other");
               }),
               Error);
  EXPECT_EQ(runs, 1) << "only transient failures are retried";
}

TEST(PostgresOpen, UnreachableServerNamesTheRedactedUrl) {
  try {
    open_postgres("postgresql://loket:hunter2@127.0.0.1:1/loket", Options{.pool_size = 1});
    FAIL() << "expected Error";
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_EQ(what.find("hunter2"), std::string::npos) << what;
    EXPECT_NE(what.find("postgresql://loket:***@127.0.0.1:1/loket"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace loket::db
