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
