// Result<T>: a value or a failure, and the failure's kind and fields survive the trip.
#include "common/result.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace loket::common {
namespace {

Result<int> half(int n) {
  if (n % 2) return invalid("n", "odd", "Give an even number.");
  return n / 2;
}

TEST(Result, HoldsTheValue) {
  auto r = half(8);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(*r, 4);
  EXPECT_EQ(r.value(), 4);
}

TEST(Result, HoldsTheFailureWithItsFields) {
  auto r = half(3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure().kind, Failure::Kind::Invalid);
  ASSERT_EQ(r.failure().fields.size(), 1u);
  EXPECT_EQ(r.failure().fields[0], (FieldError{"n", "odd", "Give an even number."}));
}

TEST(Result, EachKindHasItsMaker) {
  EXPECT_EQ(not_found("x").kind, Failure::Kind::NotFound);
  EXPECT_EQ(conflict("x").kind, Failure::Kind::Conflict);
  EXPECT_EQ(forbidden("x").kind, Failure::Kind::Forbidden);
  EXPECT_EQ(conflict("the key was used for another body").detail,
            "the key was used for another body");
}

TEST(Result, MovesOutAMoveOnlyValue) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  auto p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(Result, VoidIsOkOrAFailure) {
  Result<void> fine;
  EXPECT_TRUE(fine.ok());
  Result<void> refused = forbidden("closed");
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(refused.failure().detail, "closed");
}

}  // namespace
}  // namespace loket::common
