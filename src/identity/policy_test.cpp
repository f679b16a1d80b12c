#include "identity/policy.hpp"

#include <gtest/gtest.h>

namespace loket::identity {
namespace {

Mandate mandate() {
  Mandate m;
  m.subject_kind = "resident";
  m.subject_number = "999990019";  // the elderly parent
  m.representative = "999993653";  // the child
  m.valid_from = 100;
  m.valid_until = 200;
  return m;
}

TEST(Policy, OnlyTheNamedRepresentativeActsWhileActive) {
  Actor child{"resident", "999993653", {}};
  Actor stranger{"resident", "999991905", {}};
  Actor parent{"resident", "999990019", {}};
  EXPECT_TRUE(may_act_for(child, mandate(), 150));
  EXPECT_FALSE(may_act_for(child, mandate(), 201));
  EXPECT_FALSE(may_act_for(stranger, mandate(), 150));
  EXPECT_FALSE(
      may_act_for(parent, mandate(), 150));  // the represented does not act "for" themselves
  Actor business_with_same_number{"business", "999993653", {}};
  EXPECT_FALSE(may_act_for(business_with_same_number, mandate(), 150));
}

TEST(Policy, BothPartiesMayRevokeNobodyElse) {
  EXPECT_TRUE(may_revoke({"resident", "999993653", {}}, mandate()));
  EXPECT_TRUE(may_revoke({"resident", "999990019", {}}, mandate()));
  EXPECT_FALSE(may_revoke({"resident", "999991905", {}}, mandate()));
  EXPECT_FALSE(may_revoke({"staff", "999990019", {"administrator"}}, mandate()));
}

TEST(Policy, WhoGrantsAndRegisters) {
  EXPECT_TRUE(may_grant_own_mandate({"resident", "1", {}}));
  EXPECT_TRUE(may_grant_own_mandate({"business", "1", {}}));
  EXPECT_FALSE(may_grant_own_mandate({"staff", "1", {"administrator"}}));
  EXPECT_TRUE(may_register_mandates({"staff", "x", {"case-worker"}}));
  EXPECT_TRUE(may_register_mandates({"staff", "x", {"contractor", "administrator"}}));
  EXPECT_FALSE(may_register_mandates({"staff", "x", {"contractor"}}));
  EXPECT_FALSE(may_register_mandates({"resident", "x", {}}));
}

}  // namespace

const std::string kOrg1 = "org-1";
const std::string kOrg2 = "org-2";

TEST(CaseAccess, ResidentsAndBusinessesReadOnlyTheirOwnCases) {
  Actor resident{"resident", "999993653", {}};
  EXPECT_EQ(case_access(resident, {}, {kOrg1, 7, true}), CaseAccess::Read);
  EXPECT_EQ(case_access(resident, {}, {kOrg1, 0, false}), CaseAccess::None);
  Actor business{"business", "12345678", {}};
  EXPECT_EQ(case_access(business, {}, {kOrg1, 0, true}), CaseAccess::Read);
  EXPECT_EQ(case_access(business, {}, {kOrg1, 0, false}), CaseAccess::None);
}

TEST(CaseAccess, StaffSeeOnlyTheirOwnOrganisationsCases) {
  Actor staff{"staff", "account", {"case-worker"}};
  std::vector<OrganisationRole> worker{{kOrg1, "case-worker"}};
  EXPECT_EQ(case_access(staff, worker, {kOrg1, 3, false}), CaseAccess::Handle);
  EXPECT_EQ(case_access(staff, worker, {kOrg2, 0, false}), CaseAccess::None);
  // Being a party elsewhere does not open another organisation's case to staff.
  EXPECT_EQ(case_access(staff, worker, {kOrg2, 0, true}), CaseAccess::None);
}

TEST(CaseAccess, RolesDecideBetweenHandlingReadingAndNothing) {
  Actor staff{"staff", "account", {}};
  EXPECT_EQ(case_access(staff, {{kOrg1, "approver"}}, {kOrg1, 0, false}), CaseAccess::Handle);
  EXPECT_EQ(case_access(staff, {{kOrg1, "administrator"}}, {kOrg1, 0, false}), CaseAccess::Read);
  EXPECT_EQ(case_access(staff, {{kOrg1, "privacy-officer"}}, {kOrg1, 0, false}), CaseAccess::Read);
  EXPECT_EQ(case_access(staff, {{kOrg1, "contractor"}}, {kOrg1, 0, false}), CaseAccess::None);
  // The best role in the right organisation counts.
  EXPECT_EQ(
      case_access(staff, {{kOrg1, "administrator"}, {kOrg1, "case-worker"}}, {kOrg1, 0, false}),
      CaseAccess::Handle);
}

TEST(CaseAccess, SecretCasesStayOutOfStaffReach) {
  Actor staff{"staff", "account", {}};
  std::vector<OrganisationRole> worker{{kOrg1, "case-worker"}};
  EXPECT_EQ(case_access(staff, worker, {kOrg1, kStaffMaxConfidentiality, false}),
            CaseAccess::Handle);
  EXPECT_EQ(case_access(staff, worker, {kOrg1, kStaffMaxConfidentiality + 1, false}),
            CaseAccess::None);
}

}  // namespace loket::identity

namespace loket::identity {
namespace {

// F4: a paper mandate registered by staff of ORG2 for resident A.
Mandate paper_mandate(const std::string& organisation, int level) {
  Mandate m;
  m.subject_kind = "resident";
  m.subject_number = "999993653";
  m.representative = "999991905";
  m.valid_from = 100;
  m.valid_until = 200;
  m.granted_by = "staff";
  m.organisation_id = organisation;
  m.max_confidentiality = level;
  return m;
}

TEST(MandateScope, AMandateThePersonGaveCoversEachOfTheirCases) {
  Mandate m = paper_mandate("", kHighestConfidentiality);
  m.granted_by = "subject";
  EXPECT_TRUE(mandate_covers(m, {kOrg1, 7, true}));
  EXPECT_TRUE(mandate_covers(m, {"", 0, true}));
  Actor rep{"resident", "999991905", {}, &m};
  EXPECT_EQ(case_access(rep, {}, {kOrg2, 7, true}), CaseAccess::Read);
  EXPECT_EQ(case_access(rep, {}, {kOrg2, 0, false}), CaseAccess::None);
}

TEST(MandateScope, AStaffMandateCoversOnlyItsOrganisationUpToItsLevel) {
  auto m = paper_mandate(kOrg2, kStaffMaxConfidentiality);
  EXPECT_TRUE(mandate_covers(m, {kOrg2, 0, true}));
  EXPECT_TRUE(mandate_covers(m, {kOrg2, kStaffMaxConfidentiality, true}));
  EXPECT_FALSE(mandate_covers(m, {kOrg2, kStaffMaxConfidentiality + 1, true}));  // geheim
  EXPECT_FALSE(mandate_covers(m, {kOrg1, 0, true}));  // another organisation's case
  EXPECT_FALSE(mandate_covers(m, {"", 0, true}));     // a case of no known organisation
  Actor rep{"resident", "999991905", {}, &m};
  EXPECT_EQ(case_access(rep, {}, {kOrg2, 3, true}), CaseAccess::Read);
  EXPECT_EQ(case_access(rep, {}, {kOrg1, 3, true}), CaseAccess::None);
  EXPECT_EQ(case_access(rep, {}, {kOrg2, 6, true}), CaseAccess::None);
  // Acting for no one, the representative still reads their own cases anywhere.
  Actor self{"resident", "999991905", {}};
  EXPECT_EQ(case_access(self, {}, {kOrg1, 7, true}), CaseAccess::Read);
}

TEST(MandateScope, AStaffMandateWithoutScopeCoversNothing) {
  EXPECT_FALSE(mandate_covers(paper_mandate("", kHighestConfidentiality), {"", 0, true}));
  auto unknown = paper_mandate(kOrg1, 7);
  unknown.granted_by = "";
  EXPECT_FALSE(mandate_covers(unknown, {kOrg1, 0, true}));
}

TEST(MandateScope, ListsAskTheSameQuestionPerOrganisation) {
  auto m = paper_mandate(kOrg2, 4);
  Actor rep{"resident", "999991905", {}, &m};
  EXPECT_EQ(highest_readable_confidentiality(rep, {}, kOrg2, true), 4);
  EXPECT_EQ(highest_readable_confidentiality(rep, {}, kOrg1, true), -1);
  EXPECT_EQ(highest_readable_confidentiality(rep, {}, "", true), -1);
  Actor self{"resident", "999991905", {}};
  EXPECT_EQ(highest_readable_confidentiality(self, {}, "", true), kHighestConfidentiality);
  Actor staff{"staff", "account", {"case-worker"}};
  std::vector<OrganisationRole> worker{{kOrg1, "case-worker"}};
  EXPECT_EQ(highest_readable_confidentiality(staff, worker, kOrg1, false),
            kStaffMaxConfidentiality);
  EXPECT_EQ(highest_readable_confidentiality(staff, worker, kOrg2, false), -1);
}

TEST(MandateScope, StaffRegisterForTheirOwnOrganisationAtTheirOwnLevel) {
  Actor staff{"staff", "account", {"case-worker", "contractor"}};
  std::vector<OrganisationRole> roles{{kOrg1, "case-worker"}, {kOrg2, "contractor"}};
  auto scope = staff_mandate_scope(staff, roles, kOrg1);
  ASSERT_TRUE(scope);
  EXPECT_EQ(scope->organisation_id, kOrg1);
  EXPECT_EQ(scope->max_confidentiality, kStaffMaxConfidentiality);
  EXPECT_FALSE(staff_mandate_scope(staff, roles, kOrg2));  // a contractor there
  EXPECT_FALSE(staff_mandate_scope(staff, roles, "org-3"));
  EXPECT_FALSE(staff_mandate_scope(staff, roles, ""));
  EXPECT_FALSE(staff_mandate_scope({"resident", "x", {}}, roles, kOrg1));
  EXPECT_EQ(mandate_organisations(staff, roles), std::vector<std::string_view>{kOrg1});
  std::vector<OrganisationRole> both{
      {kOrg1, "case-worker"}, {kOrg1, "administrator"}, {kOrg2, "administrator"}};
  EXPECT_EQ(mandate_organisations(staff, both), (std::vector<std::string_view>{kOrg1, kOrg2}));
}

}  // namespace
}  // namespace loket::identity
