// An organisation's administrators manage its staff: who works there and in which roles. The
// SQL on staff accounts and roles for that; accounts themselves are made with `loket staff add`
// or by the organisation's identity provider.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace loket::identity {

struct StaffMember {
  std::string id, email, display_name;
  bool disabled = false;
  std::vector<std::string> roles;  // in the organisation asked about
};

// case-worker, approver, contractor, administrator, privacy-officer
bool is_staff_role(std::string_view role);

// The accounts with a role in the organisation, by name, with those roles.
std::vector<StaffMember> staff_of(db::Connection& c, const std::string& organisation_id);
// Grants a role in the organisation (nothing when it is held already).
void grant_staff_role(db::Connection& c, const std::string& account_id,
                      const std::string& organisation_id, const std::string& role);
// Revokes it; false when it was not held.
bool revoke_staff_role(db::Connection& c, const std::string& account_id,
                       const std::string& organisation_id, const std::string& role);

}  // namespace loket::identity
