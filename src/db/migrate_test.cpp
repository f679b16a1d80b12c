#include "db/migrate.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace loket::db {
namespace {

TEST(Migrations, EachDialectHasEveryVersionOnceInOrder) {
  for (auto dialect : {Dialect::Sqlite, Dialect::Postgres}) {
    auto all = migrations(dialect);
    ASSERT_FALSE(all.empty());
    for (std::size_t i = 0; i < all.size(); ++i) {
      // Increasing, each once; a gap is fine (helpers working at once each get a number).
      EXPECT_GT(all[i].version, i ? all[i - 1].version : 0) << all[i].name;
      EXPECT_FALSE(all[i].sql.empty()) << all[i].name;
    }
  }
  EXPECT_EQ(migrations(Dialect::Sqlite).size(), migrations(Dialect::Postgres).size());
}

TEST(Migrations, ApplyOnceThenNoOp) {
  auto path = std::filesystem::temp_directory_path() /
              ("loket-migrate-" +
               std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".db");
  std::filesystem::remove(path);
  {
    auto db = open("sqlite:" + path.string());
    EXPECT_FALSE(migrations_current(*db));
    EXPECT_EQ(migrate(*db), static_cast<int>(migrations(Dialect::Sqlite).size()));
    EXPECT_TRUE(migrations_current(*db));
    EXPECT_EQ(migrate(*db), 0);
  }
  for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace
}  // namespace loket::db
