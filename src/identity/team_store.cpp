// See team_store.hpp. The same SQL text runs on SQLite and PostgreSQL.
#include "identity/team_store.hpp"

#include <algorithm>
#include <map>

#include "db/row_sql.hpp"

namespace loket::identity {
namespace {

constexpr std::string_view kTeamsOf =
    "SELECT id, organisation_id, name FROM teams WHERE organisation_id = $1 ORDER BY name, id";
constexpr std::string_view kFindTeam = "SELECT id, organisation_id, name FROM teams WHERE id = $1";
// Of the teams listed in the IN that follows (one statement for all the teams read).
constexpr std::string_view kMembersOf =
    "SELECT team_id, staff_id FROM team_members WHERE team_id IN ";
constexpr std::string_view kProductsOf =
    "SELECT team_id, product_id FROM team_products WHERE team_id IN ";
constexpr std::string_view kTeamOfProduct =
    "SELECT t.name FROM teams t JOIN team_products p ON p.team_id = t.id WHERE p.product_id = $1";
constexpr std::string_view kNameTaken =
    "SELECT 1 FROM teams WHERE organisation_id = $1 AND name = $2 AND id <> $3";
constexpr std::string_view kUpsertTeam =
    "INSERT INTO teams (id, organisation_id, name, created_at) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name";
constexpr std::string_view kClearMembers = "DELETE FROM team_members WHERE team_id = $1";
constexpr std::string_view kAddMember =
    "INSERT INTO team_members (team_id, staff_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
constexpr std::string_view kClearProducts = "DELETE FROM team_products WHERE team_id = $1";
constexpr std::string_view kRouteProduct =
    "INSERT INTO team_products (product_id, team_id) VALUES ($1, $2)"
    " ON CONFLICT (product_id) DO UPDATE SET team_id = excluded.team_id";
// Children first: the cascade is declared, but SQLite enforces it only with foreign keys on.
constexpr std::string_view kDeleteMembers = "DELETE FROM team_members WHERE team_id = $1";
constexpr std::string_view kDeleteProducts = "DELETE FROM team_products WHERE team_id = $1";
constexpr std::string_view kDeleteTeam = "DELETE FROM teams WHERE id = $1";

// The teams `sql` selects, with their members and products: three statements, however many.
std::vector<Team> teams(db::Connection& c, std::string_view sql, const std::string& key) {
  auto rows = c.query(sql, {key});
  std::vector<Team> out;
  std::map<std::string, std::size_t, std::less<>> at;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows[i].text(0), rows[i].text(1), rows[i].text(2), {}, {}});
    at.emplace(out.back().id, i);
    ids.push_back(out.back().id);
  }
  if (out.empty()) return out;
  auto fill = [&](std::string_view select, std::vector<std::string> Team::*list) {
    db::Params params;
    auto found = c.query(std::string(select) + db::in_list(ids, params) + " ORDER BY 1, 2", params);
    for (std::size_t i = 0; i < found.size(); ++i) {
      if (auto it = at.find(found[i].text(0)); it != at.end()) {
        (out[it->second].*list).push_back(found[i].text(1));
      }
    }
  };
  fill(kMembersOf, &Team::members);
  fill(kProductsOf, &Team::products);
  return out;
}

}  // namespace

std::vector<Team> teams_of(db::Connection& c, const std::string& organisation_id) {
  return teams(c, kTeamsOf, organisation_id);
}

std::optional<Team> find_team(db::Connection& c, const std::string& id) {
  auto found = teams(c, kFindTeam, id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<std::string> team_of_product(db::Connection& c, const std::string& product_id) {
  auto rows = c.query(kTeamOfProduct, {product_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].text(0);
}

std::optional<std::vector<std::string>> chosen_products(const std::vector<Team>& teams,
                                                        const std::string& team_id, bool mine,
                                                        const std::string& staff_id) {
  std::vector<std::string> out;
  bool found = mine;
  for (const auto& t : teams) {
    bool chosen = mine ? std::find(t.members.begin(), t.members.end(), staff_id) != t.members.end()
                       : t.id == team_id;
    if (!chosen) continue;
    found = true;
    out.insert(out.end(), t.products.begin(), t.products.end());
  }
  if (!found) return std::nullopt;
  return out;
}

bool save_team(db::Connection& c, const Team& team, const std::string& now) {
  if (!c.query(kNameTaken, {team.organisation_id, team.name, team.id}).empty()) return false;
  c.execute(kUpsertTeam, {team.id, team.organisation_id, team.name, now});
  c.execute(kClearMembers, {team.id});
  for (const auto& m : team.members) c.execute(kAddMember, {team.id, m});
  c.execute(kClearProducts, {team.id});
  for (const auto& p : team.products) c.execute(kRouteProduct, {p, team.id});
  return true;
}

bool delete_team(db::Connection& c, const std::string& id) {
  c.execute(kDeleteMembers, {id});
  c.execute(kDeleteProducts, {id});
  return c.execute(kDeleteTeam, {id}) == 1;
}

}  // namespace loket::identity
