// The decision rules: the objection window at month and year ends and around holidays, the
// four-eyes check, the archive date from decisions and the generated identificatie.
#include "cases/decision_rules.hpp"

#include <gtest/gtest.h>

#include "cases/case_rules.hpp"

namespace loket::cases {
namespace {

std::chrono::sys_days day(std::string_view s) { return *parse_day(s); }

void expect_window(std::string_view made_known, std::string_view from, std::string_view until) {
  auto w = objection_window(day(made_known));
  EXPECT_EQ(format_day(w.from), from) << made_known;
  EXPECT_EQ(format_day(w.until), until) << made_known;
}

TEST(DecisionRules, ObjectionWindowStartsTheDayAfterAndLastsSixWeeks) {
  expect_window("2026-01-15", "2026-01-16", "2026-02-26");  // Thursday to Thursday
  expect_window("2026-12-31", "2027-01-01", "2027-02-11");  // over the year end
  expect_window("2028-01-31", "2028-02-01", "2028-03-13");  // a month end, leap February
}

TEST(DecisionRules, ObjectionWindowEndingOnAWeekendMovesToMonday) {
  expect_window("2026-01-31", "2026-02-01", "2026-03-16");  // Saturday → Monday
  expect_window("2027-01-31", "2027-02-01", "2027-03-15");  // Sunday, non-leap February
}

TEST(DecisionRules, ObjectionWindowEndingOnAHolidayMovesToTheNextWorkingDay) {
  expect_window("2026-03-24", "2026-03-25", "2026-05-06");  // Liberation Day
  expect_window("2026-02-23", "2026-02-24", "2026-04-07");  // Easter Monday
  expect_window("2026-11-13", "2026-11-14", "2026-12-28");  // Christmas, Boxing Day, Sunday
  expect_window("2025-03-16", "2025-03-17", "2025-04-28");  // Sunday (King's Day was the 26th)
}

TEST(DecisionRules, Holidays) {
  EXPECT_EQ(format_day(easter_sunday(2024)), "2024-03-31");
  EXPECT_EQ(format_day(easter_sunday(2025)), "2025-04-20");
  EXPECT_EQ(format_day(easter_sunday(2026)), "2026-04-05");
  EXPECT_TRUE(is_holiday(day("2026-01-01")));
  EXPECT_TRUE(is_holiday(day("2026-04-06")));  // Easter Monday
  EXPECT_TRUE(is_holiday(day("2026-05-14")));  // Ascension Day
  EXPECT_TRUE(is_holiday(day("2026-05-25")));  // Whit Monday
  EXPECT_TRUE(is_holiday(day("2026-04-27")));  // King's Day
  EXPECT_TRUE(is_holiday(day("2025-04-26")));  // King's Day, the 27th being a Sunday
  EXPECT_FALSE(is_holiday(day("2025-04-27")));
  EXPECT_FALSE(is_holiday(day("2026-04-03")));  // Good Friday is no holiday of the Atw
  EXPECT_TRUE(is_working_day(day("2026-04-03")));
  EXPECT_FALSE(is_working_day(day("2026-03-14")));  // Saturday
}

TEST(DecisionRules, MadeKnownIsTheDaySentElsePublished) {
  EXPECT_EQ(made_known_on(day("2026-03-02"), day("2026-03-05")), day("2026-03-02"));
  EXPECT_EQ(made_known_on(std::nullopt, day("2026-03-05")), day("2026-03-05"));
  EXPECT_EQ(made_known_on(std::nullopt, std::nullopt), std::nullopt);
}

TEST(DecisionRules, FourEyesNeedsAnotherPersonWithTheApproverRole) {
  EXPECT_EQ(check_approval("a", "b", true, true), std::nullopt);
  EXPECT_EQ(check_approval("a", "a", true, true), ApprovalRefusal::SamePerson);
  EXPECT_EQ(check_approval("a", "b", false, true), ApprovalRefusal::NotApprover);
  EXPECT_EQ(check_approval("a", "b", true, false), ApprovalRefusal::NotDraft);
  EXPECT_EQ(check_approval("a", "", true, true), ApprovalRefusal::SamePerson);
}

TEST(DecisionRules, DatesAndFields) {
  EXPECT_EQ(check_dates(day("2026-03-01"), day("2026-02-28")), "vervaldatum");
  EXPECT_EQ(check_dates(day("2026-03-01"), day("2026-03-01")), std::nullopt);
  EXPECT_EQ(check_dates(day("2026-03-01"), std::nullopt), std::nullopt);
  EXPECT_EQ(expiry_reason_label("tijdelijk"), "Besluit met tijdelijke werking");
  EXPECT_EQ(expiry_reason_label("iets"), "");
  EXPECT_EQ(decision_identification(2026, 12), "BESLUIT-2026-0000000012");
}

TEST(DecisionRules, ArchiveDateIsTheLatestOfTheDecisions) {
  EXPECT_EQ(latest_decision_date({}), std::nullopt);
  EXPECT_EQ(latest_decision_date({std::nullopt}), std::nullopt);
  EXPECT_EQ(
      latest_decision_date({day("2026-01-05"), std::nullopt, day("2026-03-01"), day("2025-12-31")}),
      day("2026-03-01"));
  EXPECT_TRUE(besluit_brondatum({}).problem);
  auto none = besluit_brondatum({std::nullopt});
  EXPECT_FALSE(none.problem);
  EXPECT_FALSE(none.datum);
  EXPECT_EQ(besluit_brondatum({day("2026-01-05"), day("2026-02-01")}).datum, day("2026-02-01"));
}

}  // namespace
}  // namespace loket::cases
