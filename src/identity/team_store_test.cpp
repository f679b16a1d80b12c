#include "identity/team_store.hpp"

#include <gtest/gtest.h>

namespace loket::identity {
namespace {

const std::vector<Team> kTeams{
    {"t1", "org", "Groen", {"anna", "bob"}, {"kapvergunning", "vraag"}},
    {"t2", "org", "Klacht", {"bob"}, {"klacht"}},
    {"t3", "org", "Leeg", {}, {}},
};

TEST(ChosenProducts, OneTeamsProducts) {
  EXPECT_EQ(chosen_products(kTeams, "t2", false, "anna"), std::vector<std::string>{"klacht"});
  EXPECT_EQ(chosen_products(kTeams, "t3", false, "anna"), std::vector<std::string>{})
      << "a team without products matches no case, and is no unknown team";
}

TEST(ChosenProducts, MineIsEveryTeamOfTheStaffMember) {
  EXPECT_EQ(chosen_products(kTeams, "mine", true, "bob"),
            (std::vector<std::string>{"kapvergunning", "vraag", "klacht"}));
  EXPECT_EQ(chosen_products(kTeams, "mine", true, "carla"), std::vector<std::string>{})
      << "in no team: no cases";
}

TEST(ChosenProducts, ATeamNotAmongThemIsUnknown) {
  EXPECT_EQ(chosen_products(kTeams, "elsewhere", false, "anna"), std::nullopt);
  EXPECT_EQ(chosen_products({}, "t1", false, "anna"), std::nullopt);
}

}  // namespace
}  // namespace loket::identity
