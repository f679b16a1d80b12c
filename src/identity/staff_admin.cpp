// See staff_admin.hpp; the tables are migration 0004's.
#include "identity/staff_admin.hpp"

namespace loket::identity {

namespace {

constexpr std::string_view kStaffOf =
    "SELECT a.id, a.email, a.display_name, a.disabled, r.role FROM staff_roles r"
    " JOIN staff_accounts a ON a.id = r.account_id WHERE r.organisation_id = $1"
    " ORDER BY a.display_name, a.id, r.role";
constexpr std::string_view kGrant =
    "INSERT INTO staff_roles (account_id, organisation_id, role) VALUES ($1, $2, $3)"
    " ON CONFLICT (account_id, organisation_id, role) DO NOTHING";
constexpr std::string_view kRevoke =
    "DELETE FROM staff_roles WHERE account_id = $1 AND organisation_id = $2 AND role = $3";

}  // namespace

bool is_staff_role(std::string_view role) {
  return role == "case-worker" || role == "approver" || role == "contractor" ||
         role == "administrator" || role == "privacy-officer";
}

std::vector<StaffMember> staff_of(db::Connection& c, const std::string& organisation_id) {
  std::vector<StaffMember> out;
  auto rows = c.query(kStaffOf, {organisation_id});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto id = rows[i].text(0);
    if (out.empty() || out.back().id != id) {
      out.push_back({id, rows[i].text(1), rows[i].text(2), rows[i].integer(3) != 0, {}});
    }
    out.back().roles.push_back(rows[i].text(4));
  }
  return out;
}

void grant_staff_role(db::Connection& c, const std::string& account_id,
                      const std::string& organisation_id, const std::string& role) {
  c.execute(kGrant, {account_id, organisation_id, role});
}

bool revoke_staff_role(db::Connection& c, const std::string& account_id,
                       const std::string& organisation_id, const std::string& role) {
  return c.execute(kRevoke, {account_id, organisation_id, role}) > 0;
}

}  // namespace loket::identity
