// UUIDs: the form, the version and variant bits, and the check.
#include "common/uuid.hpp"

#include <gtest/gtest.h>

#include <set>

namespace loket::common {
namespace {

TEST(Uuid, NewUuidsAreVersion7InLowerCaseAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto u = new_uuid();
    EXPECT_TRUE(is_uuid(u)) << u;
    EXPECT_EQ(u[14], '7') << u;
    EXPECT_NE(std::string_view("89ab").find(u[19]), std::string_view::npos) << u;
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Uuid, NewUuidsBeginWithTheirMillisecondAndSortByIt) {
  using namespace std::chrono;
  auto t = system_clock::time_point(milliseconds(0x0123456789ab));
  EXPECT_EQ(new_uuid(t).substr(0, 13), "01234567-89ab");
  auto earlier = new_uuid(t);
  auto later = new_uuid(t + milliseconds(1));
  EXPECT_LT(earlier, later);
  EXPECT_LT(new_uuid(system_clock::now() - hours(1)), new_uuid());
}

TEST(Uuid, FromBytesSetsTheVersionAndVariantBits) {
  std::array<unsigned char, 16> ones{};
  ones.fill(0xff);
  EXPECT_EQ(uuid_from_bytes(ones), "ffffffff-ffff-4fff-bfff-ffffffffffff");
  EXPECT_EQ(uuid_from_bytes({}), "00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(uuid_from_bytes({0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67,
                             0x89, 0xab, 0xcd, 0xef}),
            "01234567-89ab-4def-8123-456789abcdef");
}

TEST(Uuid, IsUuidTakesTheLowerCaseFormOnly) {
  EXPECT_TRUE(is_uuid("0b6e2a57-1c4e-4d53-9a43-2f1f3b5d2a01"));
  EXPECT_FALSE(is_uuid("0B6E2A57-1C4E-4D53-9A43-2F1F3B5D2A01"));
  EXPECT_FALSE(is_uuid("0b6e2a57-1c4e-4d53-9a43-2f1f3b5d2a0"));
  EXPECT_FALSE(is_uuid("0b6e2a57x1c4e-4d53-9a43-2f1f3b5d2a01"));
  EXPECT_FALSE(is_uuid("0b6e2a571c4e4d539a432f1f3b5d2a01"));
  EXPECT_FALSE(is_uuid("' OR 1=1 --"));
  EXPECT_FALSE(is_uuid(""));
}

}  // namespace
}  // namespace loket::common
