// Teams of an organisation's staff (issue 13, "a work queue per organisation and team"): a team
// has members (staff accounts) and the products whose cases it handles (the routing); a product
// is routed to at most one team. SQL on teams, team_members and team_products.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace loket::identity {

struct Team {
  std::string id;  // uuid
  std::string organisation_id;
  std::string name;
  std::vector<std::string> members;   // staff account ids
  std::vector<std::string> products;  // product ids
};

// The organisation's teams, by name.
std::vector<Team> teams_of(db::Connection& c, const std::string& organisation_id);
std::optional<Team> find_team(db::Connection& c, const std::string& id);
// Pure: the products of the chosen team among `teams` (`team_id`), or with `mine` of every one of
// them `staff_id` is a member of; nullopt when `team_id` is none of them. The work queue's team
// filter, on the page and in the JSON list.
std::optional<std::vector<std::string>> chosen_products(const std::vector<Team>& teams,
                                                        const std::string& team_id, bool mine,
                                                        const std::string& staff_id);
// The name of the team a product is routed to, if any.
std::optional<std::string> team_of_product(db::Connection& c, const std::string& product_id);
// Creates the team or replaces its name, members and products; a product routed to another team
// moves to this one. False, and nothing written, when another team of the organisation has the
// name.
bool save_team(db::Connection& c, const Team& team, const std::string& now);
// False when there was no such team.
bool delete_team(db::Connection& c, const std::string& id);

}  // namespace loket::identity
