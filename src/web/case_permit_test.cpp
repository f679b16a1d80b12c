// Sessions' permits: identity's case_access decides, the Permit carries it to the service.
#include "web/case_permit.hpp"

#include <gtest/gtest.h>

#include "web/case_routes.hpp"

namespace loket::web {
namespace {

constexpr std::string_view kOrg = "org-1";

TEST(CasePermit, APartyReadsButDoesNotHandle) {
  identity::Actor anna{"resident", "999993653", {}, nullptr};
  auto p = case_permit(anna, {}, {kOrg, 3, true});
  EXPECT_EQ(p.may_read_level, 3);
  EXPECT_FALSE(p.may_handle);
  EXPECT_FALSE(p.may_reopen);
  EXPECT_EQ(case_permit(anna, {}, {kOrg, 3, false}).may_read_level, -1);
}

TEST(CasePermit, ACaseWorkerOfTheOrganisationHandlesAndReopens) {
  identity::Actor worker{"staff", "s1", {"case-worker"}, nullptr};
  std::vector<identity::OrganisationRole> roles{{kOrg, "case-worker"}};
  auto p = case_permit(worker, roles, {kOrg, 3, false});
  EXPECT_TRUE(p.may_handle);
  EXPECT_TRUE(p.may_reopen);
  EXPECT_FALSE(p.may_change_closed);
  EXPECT_FALSE(case_permit(worker, roles, {"org-2", 3, false}).may_handle);
  EXPECT_EQ(case_permit(worker, roles, {kOrg, 6, false}).may_read_level, -1) << "geheim";
}

TEST(CasePermit, OnlyResidentsAndBusinessesSubmitAndARepresentativeWithinTheMandate) {
  identity::Actor anna{"resident", "999993653", {}, nullptr};
  EXPECT_TRUE(submit_permit(anna, {kOrg, 3, true}).may_submit);
  identity::Actor worker{"staff", "s1", {"case-worker"}, nullptr};
  EXPECT_FALSE(submit_permit(worker, {kOrg, 3, true}).may_submit);
  identity::Mandate paper;
  paper.granted_by = "staff";
  paper.organisation_id = std::string(kOrg);
  paper.max_confidentiality = 3;
  identity::Actor chris{"resident", "999991905", {}, &paper};
  EXPECT_TRUE(submit_permit(chris, {kOrg, 3, true}).may_submit);
  EXPECT_FALSE(submit_permit(chris, {"org-2", 3, true}).may_submit);
  EXPECT_FALSE(submit_permit(chris, {kOrg, 4, true}).may_submit);
}

TEST(CaseRoutes, IdempotencyKeysAreOneTo200VisibleAsciiCharacters) {
  EXPECT_TRUE(valid_idempotency_key("a"));
  EXPECT_TRUE(valid_idempotency_key(std::string(200, '~')));
  EXPECT_FALSE(valid_idempotency_key(""));
  EXPECT_FALSE(valid_idempotency_key(std::string(201, 'a')));
  EXPECT_FALSE(valid_idempotency_key("a b"));
  EXPECT_FALSE(valid_idempotency_key("a\tb"));
  EXPECT_FALSE(valid_idempotency_key("\x7f"));
  EXPECT_FALSE(valid_idempotency_key("\xc3\xa9"));
}

}  // namespace
}  // namespace loket::web
