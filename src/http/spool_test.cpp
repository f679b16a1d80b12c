#include "http/spool.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace loket::http {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("loket-spool-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

TEST(Spool, TheBytesWrittenComeBackMappedAndLeaveNoFile) {
  TempDir dir;
  auto spool = Spool::open(dir.path);
  ASSERT_TRUE(spool);
  std::string expected;
  for (int i = 0; i < 300; ++i) {
    std::string piece(997, static_cast<char>('A' + i % 26));
    piece[0] = '\0';  // a body may hold any byte
    ASSERT_TRUE(spool->write(piece));
    expected += piece;
  }
  EXPECT_EQ(spool->size(), expected.size());
  auto body = std::move(*spool).body();
  ASSERT_TRUE(body);
  EXPECT_TRUE(body->borrowed());
  EXPECT_TRUE(body->view() == expected);
  Body copy = *body;  // a request may be copied: the mapping lives as long as any copy
  body.reset();
  EXPECT_TRUE(copy.view() == expected);
  EXPECT_TRUE(fs::is_empty(dir.path)) << "a spool file has no name";
}

TEST(Spool, AnEmptyBodyNeedsNoMapping) {
  TempDir dir;
  auto spool = Spool::open(dir.path);
  ASSERT_TRUE(spool);
  auto body = std::move(*spool).body();
  ASSERT_TRUE(body);
  EXPECT_TRUE(body->empty());
}

TEST(Spool, AFolderThatIsNotThereGivesNone) {
  EXPECT_FALSE(Spool::open("/nonexistent/loket-spool"));
}

}  // namespace
}  // namespace loket::http
