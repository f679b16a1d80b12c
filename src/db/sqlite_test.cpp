// The SQLite backend on a file: writes are durable and atomic one by one, also when several
// are committed together (group commit) and one of them fails.
#include "db/sqlite.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <vector>

namespace loket::db {
namespace {

constexpr std::string_view kCreate = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)";
constexpr std::string_view kInsert = "INSERT INTO items (id, name) VALUES ($1, $2)";
constexpr std::string_view kCount = "SELECT count(*) FROM items";
constexpr std::string_view kName = "SELECT name FROM items WHERE id = $1";

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/loket-sqlite-test-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    db_ = open_sqlite(path(), Options{});
    db_->write([](Connection& c) { c.execute_script(kCreate); });
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string path() const { return dir_ + "/test.db"; }
  std::int64_t count(Database& db) { return db.read_once(kCount)[0].integer(0); }

  // Holds the writer in a write until `waiting` other writes queue behind it, so that those
  // are committed as one group.
  void hold_writer_until(std::uint64_t waiting, std::atomic<bool>& started) {
    db_->write([&](Connection& c) {
      c.execute(kInsert, {std::int64_t{1}, std::string("first")});
      started = true;
      while (db_->stats().waits < waiting)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
  }

  std::string dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(SqliteTest, ManyConcurrentWritersAllCommitDurably) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        db_->write([&](Connection& c) {
          c.execute(kInsert, {std::int64_t{t * 1000 + i}, std::string("x")});
        });
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(count(*db_), 400);
  db_.reset();
  auto again = open_sqlite(path(), Options{});
  EXPECT_EQ(count(*again), 400);
}

TEST_F(SqliteTest, AFailingWriteInAGroupRollsBackOnlyItself) {
  std::atomic<bool> started{false};
  std::thread holder([&] { hold_writer_until(3, started); });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::exception_ptr failed_error;
  std::thread good1([&] {
    db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{2}, std::string("two")}); });
  });
  std::thread bad([&] {
    try {
      db_->write([](Connection& c) {
        c.execute(kInsert, {std::int64_t{3}, std::string("three")});
        throw std::runtime_error("refused after writing");
      });
    } catch (...) {
      failed_error = std::current_exception();
    }
  });
  std::thread good2([&] {
    db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{4}, std::string("four")}); });
  });
  holder.join();
  good1.join();
  bad.join();
  good2.join();
  ASSERT_TRUE(failed_error);
  EXPECT_THROW(std::rethrow_exception(failed_error), std::runtime_error);
  EXPECT_EQ(count(*db_), 3);
  EXPECT_TRUE(db_->read_once(kName, {std::int64_t{3}}).empty());
  EXPECT_EQ(db_->read_once(kName, {std::int64_t{4}})[0].text(0), "four");
}

TEST_F(SqliteTest, AConstraintErrorInAGroupReachesItsCallerOnly) {
  std::atomic<bool> started{false};
  std::thread holder([&] { hold_writer_until(2, started); });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  bool conflict = false;
  std::thread duplicate([&] {
    try {
      db_->write([](Connection& c) {
        c.execute(kInsert, {std::int64_t{1}, std::string("again")});
      });
    } catch (const ConstraintError&) {
      conflict = true;
    }
  });
  std::thread other([&] {
    db_->write([](Connection& c) { c.execute(kInsert, {std::int64_t{5}, std::string("five")}); });
  });
  holder.join();
  duplicate.join();
  other.join();
  EXPECT_TRUE(conflict);
  EXPECT_EQ(db_->read_once(kName, {std::int64_t{1}})[0].text(0), "first");
  EXPECT_EQ(db_->read_once(kName, {std::int64_t{5}})[0].text(0), "five");
  EXPECT_EQ(count(*db_), 2);
}

TEST_F(SqliteTest, WriteValueReturnsTheWorksResult) {
  auto n = db_->write_value([](Connection& c) {
    c.execute(kInsert, {std::int64_t{7}, std::string("seven")});
    return c.query(kCount)[0].integer(0);
  });
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace loket::db
