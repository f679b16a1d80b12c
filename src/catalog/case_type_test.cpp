#include "catalog/case_type.hpp"

#include <gtest/gtest.h>

namespace loket::catalog {
namespace {

TEST(CaseType, ValidityOverlapCountsBothEndsAndOpenEnds) {
  Validity jan{"2024-01-01", "2024-01-31"};
  EXPECT_TRUE(overlaps(jan, {"2024-01-31", "2024-02-28"}));  // the end day is still valid
  EXPECT_FALSE(overlaps(jan, {"2024-02-01", "2024-02-28"}));
  EXPECT_FALSE(overlaps({"2024-02-01", "2024-02-28"}, jan));
  EXPECT_TRUE(overlaps({"2024-01-15", std::nullopt}, jan));
  EXPECT_TRUE(overlaps({"2020-01-01", std::nullopt}, {"2030-01-01", std::nullopt}));
  EXPECT_FALSE(overlaps({"2030-01-01", std::nullopt}, {"2020-01-01", "2029-12-31"}));
}

TEST(CaseType, OrderedAndValidOn) {
  EXPECT_TRUE(is_ordered({"2024-01-01", "2024-01-01"}));
  EXPECT_FALSE(is_ordered({"2024-01-02", "2024-01-01"}));
  EXPECT_TRUE(is_ordered({"2024-01-02", std::nullopt}));
  EXPECT_TRUE(valid_on({"2024-01-01", "2024-01-31"}, "2024-01-31"));
  EXPECT_FALSE(valid_on({"2024-01-01", "2024-01-31"}, "2024-02-01"));
  EXPECT_FALSE(valid_on({"2024-01-01", std::nullopt}, "2023-12-31"));
}

TEST(CaseType, OverlappingVersionNamesTheOldestClash) {
  std::vector<Version> others{{"b", {"2022-01-01", std::nullopt}, false},
                              {"a", {"2020-01-01", "2021-12-31"}, false}};
  EXPECT_EQ(overlapping_version({"2021-06-01", std::nullopt}, others), "a");
  EXPECT_EQ(overlapping_version({"2019-01-01", "2019-12-31"}, others), std::nullopt);
  auto ordered = in_version_order(others);
  EXPECT_EQ(ordered[0].url, "a");
  EXPECT_EQ(ordered[1].url, "b");
}

TEST(CaseType, EindstatusIsTheHighestVolgnummer) {
  EXPECT_TRUE(is_eindstatus(3, {1, 2, 3}));
  EXPECT_FALSE(is_eindstatus(2, {1, 2, 3}));
  EXPECT_TRUE(is_eindstatus(1, {1}));
  EXPECT_TRUE(is_eindstatus(7, {}));
}

TEST(CaseType, PublishBlockersAreTheUnpublished) {
  EXPECT_TRUE(publish_blockers({{"x", true}}).empty());
  auto b = publish_blockers({{"x", true}, {"y", false}, {"z", false}});
  ASSERT_EQ(b.size(), 2U);
  EXPECT_EQ(b[0], "y");
}

TEST(CaseType, ChangesOnlyAllowsTheNamedFields) {
  boost::json::object before{{"a", 1}, {"eindeGeldigheid", nullptr}};
  boost::json::object after{{"a", 1}, {"eindeGeldigheid", "2025-01-01"}};
  EXPECT_TRUE(changes_only(before, after, {"eindeGeldigheid"}));
  after["a"] = 2;
  EXPECT_FALSE(changes_only(before, after, {"eindeGeldigheid"}));
  // A missing field and null are the same.
  EXPECT_TRUE(changes_only({{"a", 1}}, {{"a", 1}, {"b", nullptr}}, {}));
  EXPECT_FALSE(changes_only({{"a", 1}}, {{"a", 1}, {"b", 0}}, {}));
}

TEST(CaseType, TermsAreNonZeroDurations) {
  EXPECT_EQ(check_term("P30D"), std::nullopt);
  EXPECT_EQ(check_term("PT12H"), std::nullopt);
  EXPECT_NE(check_term("P0D"), std::nullopt);
  EXPECT_NE(check_term("30 dagen"), std::nullopt);
  EXPECT_NE(check_term(""), std::nullopt);
}

TEST(CaseType, BrondatumRules) {
  EXPECT_TRUE(check_brondatum({.afleidingswijze = "afgehandeld"}, "nihil").empty());
  auto p = check_brondatum({.afleidingswijze = "termijn"}, "nihil");  // ztc-003 and ztc-008
  ASSERT_EQ(p.size(), 2U);
  EXPECT_EQ(p[0].field, "afleidingswijze");
  EXPECT_EQ(p[1].field, "procestermijn");
  EXPECT_TRUE(check_brondatum({.afleidingswijze = "termijn", .procestermijn = true},
                              "ingeschatte_bestaansduur_procesobject")
                  .empty());
  EXPECT_EQ(
      check_brondatum({.afleidingswijze = "afgehandeld"}, "ingeschatte_bestaansduur_procesobject")
          .size(),
      1U);
  // ztc-004/006/007
  auto ander = check_brondatum({.afleidingswijze = "ander_datumkenmerk"}, "");
  EXPECT_EQ(ander.size(), 3U);
  EXPECT_TRUE(check_brondatum({.afleidingswijze = "ander_datumkenmerk",
                               .datumkenmerk = true,
                               .objecttype = true,
                               .registratie = true},
                              "")
                  .empty());
  // ztc-005
  auto einde = check_brondatum({.afleidingswijze = "afgehandeld", .einddatum_bekend = true}, "");
  ASSERT_EQ(einde.size(), 1U);
  EXPECT_EQ(einde[0].field, "einddatumBekend");
  EXPECT_EQ(check_brondatum({.afleidingswijze = "eigenschap", .datumkenmerk = false}, "")[0].code,
            "required");
  EXPECT_EQ(check_brondatum({.afleidingswijze = "hoofdzaak", .datumkenmerk = true}, "")[0].code,
            "must-be-empty");
}

}  // namespace
}  // namespace loket::catalog
