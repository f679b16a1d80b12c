#include "web/uploads.hpp"

#include <gtest/gtest.h>

namespace loket::web {
namespace {

TEST(Uploads, SizesAreWrittenForPeople) {
  EXPECT_EQ(size_text(2048), "2 kB");
  EXPECT_EQ(size_text(1), "1 kB");
  EXPECT_EQ(size_text(200000), "196 kB");
  EXPECT_EQ(size_text(10 * 1024 * 1024), "10 MB");
  EXPECT_EQ(size_text(1572864), "1.5 MB");
  EXPECT_EQ(size_text(32 * 1024 * 1024 - 16 * 1024), "32 MB");
}

TEST(Uploads, TheLargestFileOfAFormPost) {
  EXPECT_EQ(max_form_file(32 * 1024 * 1024, 100 * 1024 * 1024), 32 * 1024 * 1024 - 16 * 1024);
  EXPECT_EQ(max_form_file(32 * 1024 * 1024, 4096), 4096);
  EXPECT_EQ(max_form_file(4096, 1 << 20), 2048);  // a tiny limit: half for the file
}

}  // namespace
}  // namespace loket::web
