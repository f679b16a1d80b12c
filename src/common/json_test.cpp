// The JSON field helpers: absent, null, other types, and the two ways optional text becomes null.
#include "common/json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace loket::common {
namespace {

const boost::json::object kObject{
    {"name", "Utrecht"}, {"blank", ""}, {"none", nullptr}, {"number", 5}, {"list", {1, 2}}};

TEST(JsonText, IsEmptyForAbsentNullAndOtherTypes) {
  EXPECT_EQ(text(kObject, "name"), "Utrecht");
  EXPECT_EQ(text(kObject, "blank"), "");
  for (const char* key : {"none", "number", "list", "absent"}) EXPECT_EQ(text(kObject, key), "");
}

TEST(JsonStringAt, TellsAbsentFromEmpty) {
  ASSERT_NE(string_at(kObject, "name"), nullptr);
  EXPECT_EQ(*string_at(kObject, "name"), "Utrecht");
  ASSERT_NE(string_at(kObject, "blank"), nullptr);
  EXPECT_TRUE(string_at(kObject, "blank")->empty());
  for (const char* key : {"none", "number", "list", "absent"}) {
    EXPECT_EQ(string_at(kObject, key), nullptr) << key;
  }
}

TEST(JsonOrNull, KeepsEmptyText) {
  EXPECT_TRUE(or_null(std::nullopt).is_null());
  EXPECT_EQ(or_null(std::string("")), boost::json::value(""));
  EXPECT_EQ(or_null(std::string("x")), boost::json::value("x"));
}

TEST(JsonEmptyAsNull, TurnsEmptyTextIntoNull) {
  EXPECT_TRUE(empty_as_null(std::string()).is_null());
  EXPECT_EQ(empty_as_null(std::string("x")), boost::json::value("x"));
  EXPECT_TRUE(empty_as_null(std::optional<std::string>()).is_null());
  EXPECT_TRUE(empty_as_null(std::optional<std::string>("")).is_null());
  EXPECT_EQ(empty_as_null(std::optional<std::string>("x")), boost::json::value("x"));
}

}  // namespace
}  // namespace loket::common
