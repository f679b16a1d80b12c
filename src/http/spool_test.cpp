#include "http/spool.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
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

TEST(MapFile, AFileReadsAsItsBytesAndOutlivesItsName) {
  TempDir dir;
  auto path = dir.path / "blob";
  std::string bytes(70000, 'x');
  bytes[3] = '\0';
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  auto body = map_file(path);
  ASSERT_TRUE(body);
  EXPECT_TRUE(body->borrowed());
  fs::remove(path);  // a blob removed while it is being sent: the mapping keeps it
  EXPECT_TRUE(body->view() == bytes);
  EXPECT_EQ(std::move(*body).into_string(), bytes);

  { std::ofstream empty(dir.path / "empty"); }
  auto none = map_file(dir.path / "empty");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(map_file(dir.path / "missing"));
  EXPECT_FALSE(map_file(dir.path)) << "a folder is not a file";
}

TEST(Spool, AFolderThatIsNotThereGivesNone) {
  EXPECT_FALSE(Spool::open("/nonexistent/loket-spool"));
}

}  // namespace
}  // namespace loket::http
