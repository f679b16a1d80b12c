// The blob store on a temporary folder: content addressing, dedupe, limits, atomic publication
// (a crash before the rename leaves no blob), and garbage collection with a grace period.
#include "documents/blob_store.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <set>

namespace loket::documents {
namespace {
namespace fs = std::filesystem;

// sha256("hello world")
constexpr std::string_view kHelloHash =
    "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

class BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("loket-blobs-" + std::to_string(::getpid()) + "-" + std::to_string(++counter_));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  BlobStore store(std::uint64_t max = kDefaultMaxBlobSize) {
    return BlobStore({.dir = dir_, .max_size = max});
  }
  // The files in the store's folder (not the lock), relative, sorted.
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir_)) {
      if (e.is_regular_file() && e.path().filename() != ".lock") {
        out.push_back(fs::relative(e.path(), dir_).string());
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  static void age(const fs::path& p, int seconds) {
    struct timespec times[2];
    clock_gettime(CLOCK_REALTIME, &times[0]);
    times[0].tv_sec -= seconds;
    times[1] = times[0];
    ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW), 0);
  }
  static std::unordered_set<std::string> none(std::string_view) { return {}; }

  static inline int counter_ = 0;
  fs::path dir_;
};

TEST_F(BlobStoreTest, StoresUnderTheHashOfTheContent) {
  auto s = store();
  auto staged = s.put("hello world");
  ASSERT_TRUE(staged);
  EXPECT_EQ(staged->sha256(), kHelloHash);
  EXPECT_EQ(staged->size(), 11u);
  EXPECT_FALSE(s.find(kHelloHash));  // not visible before publish
  staged->publish();
  auto path = s.find(kHelloHash);
  ASSERT_TRUE(path);
  EXPECT_EQ(*path, dir_ / "b9" / kHelloHash);
  EXPECT_EQ(s.map(kHelloHash), "hello world");
  EXPECT_EQ(files(), std::vector<std::string>{"b9/" + std::string(kHelloHash)});
  // Read-only once stored.
  struct stat st {};
  ASSERT_EQ(::stat(path->c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0440u);
}

TEST_F(BlobStoreTest, StreamingInPiecesGivesTheSameBlob) {
  auto s = store();
  auto writer = s.begin();
  for (auto piece : {"hel", "lo", " ", "", "world"}) ASSERT_TRUE(writer.write(piece));
  auto staged = writer.finish();
  ASSERT_TRUE(staged);
  EXPECT_EQ(staged->sha256(), kHelloHash);
}

// Every length, written in pieces of any size, comes back byte for byte under the hash of the
// whole, with its first 64 KiB kept in memory as the head.
TEST_F(BlobStoreTest, EveryLengthComesBackWhole) {
  auto s = store();
  std::string content;
  for (std::size_t i = 0; content.size() < 600 * 1024; ++i) content += std::to_string(i * 7919);
  for (std::size_t length : {0, 1, 4097, 65535, 65536, 65537, 600 * 1024}) {
    auto bytes = std::string_view(content).substr(0, length);
    auto whole = s.put(bytes);
    ASSERT_TRUE(whole);
    auto writer = s.begin();
    for (std::size_t at = 0, step = 1; at < bytes.size(); at += step, step = step * 3 + 1) {
      ASSERT_TRUE(writer.write(bytes.substr(at, step)));
    }
    auto pieces = writer.finish();
    ASSERT_TRUE(pieces);
    EXPECT_EQ(pieces->sha256(), whole->sha256()) << length;
    EXPECT_EQ(pieces->size(), length);
    EXPECT_EQ(pieces->head(), bytes.substr(0, kBlobHead)) << length;
    pieces->publish();
    EXPECT_EQ(s.map(pieces->sha256()), bytes) << length;
  }
}

TEST_F(BlobStoreTest, SameContentIsOneFile) {
  auto s = store();
  auto a = s.put("same bytes");
  auto b = s.put("same bytes");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->sha256(), b->sha256());
  a->publish();
  b->publish();  // replaces the identical file
  EXPECT_EQ(files().size(), 1u);
  EXPECT_EQ(s.map(a->sha256()), "same bytes");
}

TEST_F(BlobStoreTest, SizeLimitIsRefusedAndLeavesNothing) {
  auto s = store(10);
  EXPECT_TRUE(s.put("1234567890"));  // exactly the limit
  auto over = s.put("12345678901");
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().kind, Refusal::Kind::TooLarge);
  EXPECT_EQ(over.error().field, "content");
  EXPECT_EQ(over.error().status(), 413);
  // Streaming: refused at the write that crosses the limit, and from then on.
  auto writer = s.begin();
  EXPECT_TRUE(writer.write("123456"));
  EXPECT_FALSE(writer.write("78901"));
  EXPECT_FALSE(writer.write("1"));
  EXPECT_FALSE(writer.finish());
  EXPECT_TRUE(files().empty());
}

TEST_F(BlobStoreTest, AbandonedUploadsLeaveNothing) {
  auto s = store();
  {
    auto writer = s.begin();
    ASSERT_TRUE(writer.write("half an upload"));
    EXPECT_EQ(files().size(), 1u);  // the temporary file
  }
  EXPECT_TRUE(files().empty());
  { auto staged = s.put("checked, then refused"); }
  EXPECT_TRUE(files().empty());
}

// A process that dies after writing and syncing but before the rename: no blob is visible under
// any hash, and only a temporary file remains, which gc removes once past the grace period.
TEST_F(BlobStoreTest, CrashBeforeRenameLeavesNoVisibleBlob) {
  auto s = store();
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto staged = s.put("hello world");
    ::_exit(staged ? 0 : 1);  // no destructors run: as a crash would leave it
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_FALSE(s.find(kHelloHash));
  auto left = files();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_TRUE(left[0].starts_with(".tmp-"));
  EXPECT_EQ(s.collect(none, std::chrono::hours(1)).temp_removed, 0);  // might still be writing
  age(dir_ / left[0], 7200);
  EXPECT_EQ(s.collect(none, std::chrono::hours(1)).temp_removed, 1);
  EXPECT_TRUE(files().empty());
}

TEST_F(BlobStoreTest, GcRemovesOnlyOldUnreferencedFiles) {
  auto s = store();
  std::vector<std::string> hashes;
  for (auto content : {"kept: referenced", "removed: old", "kept: young"}) {
    auto staged = s.put(content);
    ASSERT_TRUE(staged);
    staged->publish();
    hashes.push_back(staged->sha256());
  }
  age(*s.find(hashes[0]), 7200);
  age(*s.find(hashes[1]), 7200);
  std::vector<std::string> prefixes;
  auto referenced = [&](std::string_view prefix) {
    prefixes.emplace_back(prefix);
    std::unordered_set<std::string> out;
    if (hashes[0].starts_with(prefix)) out.insert(hashes[0]);
    return out;
  };
  auto stats = s.collect(referenced, std::chrono::hours(1));
  EXPECT_EQ(stats.blobs_removed, 1);
  EXPECT_EQ(stats.bytes_removed, 12);
  EXPECT_EQ(stats.kept_young, 1);
  EXPECT_TRUE(s.find(hashes[0]));
  EXPECT_FALSE(s.find(hashes[1]));
  EXPECT_TRUE(s.find(hashes[2]));
  std::set<std::string> folders;
  for (const auto& h : hashes) folders.insert(h.substr(0, 2));
  EXPECT_EQ(prefixes.size(), folders.size());  // one question per folder, not per file
}

// An upload that publishes content whose old, unreferenced file is still there makes that file
// young again, so gc leaves it to the row that is about to commit.
TEST_F(BlobStoreTest, RepublishingRenewsTheGracePeriod) {
  auto s = store();
  auto first = s.put("uploaded twice");
  ASSERT_TRUE(first);
  first->publish();
  age(*s.find(first->sha256()), 7200);
  auto second = s.put("uploaded twice");
  ASSERT_TRUE(second);
  second->publish();
  EXPECT_EQ(s.collect(none, std::chrono::hours(1)).blobs_removed, 0);
  EXPECT_TRUE(s.find(first->sha256()));
  EXPECT_EQ(s.collect(none, std::chrono::seconds(0)).blobs_removed, 1);
}

TEST_F(BlobStoreTest, MalformedHashesFindNothing) {
  auto s = store();
  for (auto bad :
       {"", "../../etc/passwd", "B94D27B9934D3E08A52E52D7DA7DABFAC484EFE37A5380EE9088F7ACE2EFCDE9",
        "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde"}) {
    EXPECT_FALSE(s.find(bad)) << bad;
    EXPECT_FALSE(s.map(bad)) << bad;
    EXPECT_FALSE(s.remove(bad)) << bad;
  }
}

TEST_F(BlobStoreTest, RemoveTakesTheFileAway) {
  auto s = store();
  auto staged = s.put("infected, say");
  ASSERT_TRUE(staged);
  staged->publish();
  EXPECT_TRUE(s.remove(staged->sha256()));
  EXPECT_FALSE(s.find(staged->sha256()));
  EXPECT_FALSE(s.remove(staged->sha256()));
}

// Bestandsdelen: a part sent twice is the second whole (never a mix), the parts join in the
// order given into one content-addressed blob, and only a uuid names a part.
TEST_F(BlobStoreTest, PartsReplaceWholeAndJoinInOrder) {
  auto s = store(64);
  const std::string a = "11111111-1111-4111-8111-111111111111";
  const std::string b = "22222222-2222-4222-8222-222222222222";
  ASSERT_TRUE(s.put_part(b, "world", "inhoud"));
  ASSERT_TRUE(s.put_part(a, "HELLO ", "inhoud"));
  ASSERT_TRUE(s.put_part(a, "hello ", "inhoud"));  // sent again: replaces the first
  auto joined = s.join_parts({a, b}, "inhoud");
  ASSERT_TRUE(joined.has_value());
  ASSERT_TRUE(*joined);
  EXPECT_EQ((*joined)->sha256(), kHelloHash);
  EXPECT_EQ((*joined)->size(), 11u);
  (*joined)->publish();
  EXPECT_EQ(s.map(kHelloHash), "hello world");
  // A missing part: nothing to join.
  EXPECT_FALSE(s.join_parts({a, "33333333-3333-4333-8333-333333333333"}, "inhoud").has_value());
  // Past the limit, as inline content.
  auto big = s.put_part(a, std::string(65, 'x'), "inhoud");
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().kind, Refusal::Kind::TooLarge);
  EXPECT_EQ(big.error().field, "inhoud");
  EXPECT_THROW((void)s.put_part("../escape", "x", "inhoud"), std::invalid_argument);
  s.remove_parts({a, b});
  for (const auto& f : files()) EXPECT_FALSE(f.starts_with(".parts/")) << f;
}

// An upload in parts abandoned for longer than the parts' age loses its parts; a young part, and
// every part when no age is given, stays.
TEST_F(BlobStoreTest, CollectRemovesOldPartsOnlyWhenAsked) {
  auto s = store();
  const std::string old = "11111111-1111-4111-8111-111111111111";
  const std::string young = "22222222-2222-4222-8222-222222222222";
  ASSERT_TRUE(s.put_part(old, "abandoned", "inhoud"));
  ASSERT_TRUE(s.put_part(young, "in progress", "inhoud"));
  age(dir_ / ".parts" / old, 7200);
  EXPECT_EQ(s.collect(none, std::chrono::hours(1)).parts_removed, 0);
  EXPECT_EQ(files(), (std::vector<std::string>{".parts/" + old, ".parts/" + young}));
  EXPECT_EQ(s.collect(none, std::chrono::hours(1), std::chrono::hours(1)).parts_removed, 1);
  EXPECT_EQ(files(), (std::vector<std::string>{".parts/" + young}));
  EXPECT_FALSE(s.join_parts({old, young}, "inhoud").has_value());  // the client sends it again
}

}  // namespace
}  // namespace loket::documents
