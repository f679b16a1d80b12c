// The staff actions' input rules, without a server: each refusal names the field as the JSON
// API names it.
#include "web/staff_case_routes.hpp"

#include <gtest/gtest.h>

namespace loket::web {
namespace {

constexpr const char* kUuid = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";

std::vector<std::string> names(const std::vector<http::InvalidParam>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.name + ":" + p.code);
  return out;
}

TEST(StaffActions, NamesRoundTrip) {
  for (auto a :
       {StaffAction::Status, StaffAction::Suspend, StaffAction::Resume, StaffAction::Extend,
        StaffAction::Result, StaffAction::Close, StaffAction::Reopen, StaffAction::Assign}) {
    EXPECT_EQ(staff_action_of(name_of(a)), a);
  }
  EXPECT_FALSE(staff_action_of("delete"));
  EXPECT_FALSE(staff_action_of(""));
}

TEST(StaffActions, StatusNeedsAStatusTypeAndAShortExplanation) {
  EXPECT_EQ(names(check_input(StaffAction::Status, {})),
            std::vector<std::string>{"statusType:required"});
  EXPECT_EQ(names(check_input(StaffAction::Status, {.status_type = "x"})),
            std::vector<std::string>{"statusType:invalid"});
  EXPECT_TRUE(check_input(StaffAction::Status, {.status_type = kUuid}).empty());
  EXPECT_EQ(names(check_input(StaffAction::Status,
                              {.status_type = kUuid, .text = std::string(1001, 'a')})),
            std::vector<std::string>{"explanation:max-length"});
  // Characters, not bytes: 1000 of "é" (2 bytes each) are fine.
  std::string e;
  for (int i = 0; i < 1000; ++i) e += "\xC3\xA9";
  EXPECT_TRUE(check_input(StaffAction::Status, {.status_type = kUuid, .text = e}).empty());
  // Reopening may leave the status type out (the first status).
  EXPECT_TRUE(check_input(StaffAction::Reopen, {}).empty());
}

TEST(StaffActions, SuspendAsksAQuestionExtendGivesAPeriodAndAReason) {
  EXPECT_EQ(names(check_input(StaffAction::Suspend, {})),
            std::vector<std::string>{"question:required"});
  EXPECT_TRUE(check_input(StaffAction::Suspend, {.text = "Stuur een foto."}).empty());
  EXPECT_EQ(names(check_input(StaffAction::Extend, {})),
            (std::vector<std::string>{"reason:required", "period:required"}));
  for (auto bad : {"P0D", "2W", "P9223372036854775808D", "PT1H", "P-1D"}) {
    EXPECT_EQ(names(check_input(StaffAction::Extend, {.text = "x", .period = bad})),
              std::vector<std::string>{"period:invalid"})
        << bad;
  }
  EXPECT_TRUE(check_input(StaffAction::Extend, {.text = "x", .period = "P2W"}).empty());
  EXPECT_TRUE(check_input(StaffAction::Resume, {}).empty());
}

TEST(StaffActions, AssignTakesMeAStaffIdOrNobody) {
  EXPECT_EQ(names(check_input(StaffAction::Assign, {})),
            std::vector<std::string>{"assignee:required"});
  EXPECT_EQ(names(check_input(StaffAction::Assign, {.assignee = "someone"})),
            std::vector<std::string>{"assignee:invalid"});
  for (auto ok : {"me", "", kUuid}) {
    EXPECT_TRUE(check_input(StaffAction::Assign, {.assignee = std::string(ok)}).empty()) << ok;
  }
  EXPECT_EQ(names(check_input(StaffAction::Result, {.result_type = "1"})),
            std::vector<std::string>{"resultType:invalid"});
}

}  // namespace
}  // namespace loket::web
