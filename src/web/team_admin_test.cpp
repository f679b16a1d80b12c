#include "web/team_admin.hpp"

#include <gtest/gtest.h>

namespace loket::web {
namespace {

const std::vector<std::string> kStaff{"a", "b"};
const std::vector<std::string> kProducts{"kapvergunning", "klacht"};

std::vector<std::string> fields(const identity::Team& t) {
  std::vector<std::string> out;
  for (const auto& p : check_team(t, kStaff, kProducts)) out.push_back(p.field + ":" + p.code);
  return out;
}

TEST(CheckTeam, AcceptsATeamOfTheOrganisationsStaffAndProducts) {
  EXPECT_TRUE(fields({"id", "org", "Team Groen", {"a", "b"}, {"klacht"}}).empty());
  EXPECT_TRUE(fields({"id", "org", "Leeg", {}, {}}).empty()) << "a team may start empty";
}

TEST(CheckTeam, NamesEachRefusedField) {
  EXPECT_EQ(fields({"id", "org", "", {}, {}}), std::vector<std::string>{"name:required"});
  EXPECT_EQ(fields({"id", "org", std::string(101, 'x'), {}, {}}),
            std::vector<std::string>{"name:too-long"});
  EXPECT_TRUE(fields({"id", "org", std::string(100, 'x'), {}, {}}).empty());
  // 100 characters, not bytes: é is two bytes.
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "\xC3\xA9";
  EXPECT_TRUE(fields({"id", "org", accents, {}, {}}).empty());
  EXPECT_EQ(fields({"id", "org", "Team\nGroen", {}, {}}), std::vector<std::string>{"name:invalid"});
  EXPECT_EQ(fields({"id", "org", "T", {"a", "elsewhere"}, {"bouw"}}),
            (std::vector<std::string>{"members:invalid", "products:invalid"}));
}

}  // namespace
}  // namespace loket::web
