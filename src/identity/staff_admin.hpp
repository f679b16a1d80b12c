// An organisation's administrators manage its staff: who works there and in which roles. The
// SQL on staff accounts and roles for that, adding a member (a new account without a password,
// whose setup link is mailed; `loket staff add` and the organisation's identity provider make
// accounts too) and blocking or unblocking one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "identity/auth.hpp"

namespace loket::identity {

struct StaffMember {
  std::string id, email, display_name;
  bool disabled = false;
  std::vector<std::string> roles;  // in the organisation asked about
  bool activated = false;          // a setup link or password reset used, or a login
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

struct NewMember {
  std::string email;  // lower-cased by add_staff_member
  std::string display_name;
  std::vector<std::string> roles;  // at least one staff role
};
enum class AddOutcome {
  Created,      // a new account; its setup link is on its way
  Granted,      // the address has an account elsewhere: that account got the roles here
  AlreadyHere,  // the address has an account with a role here already: nothing changed
};
struct AddedMember {
  AddOutcome outcome;
  std::string account_id;
};
// One account per person across organisations: an address that has one gets the roles, never a
// second account (and no mail: the person has a password and TOTP already). The caller has
// checked the fields.
AddedMember add_staff_member(Auth& auth, const std::string& organisation_id,
                             const std::string& organisation_name, NewMember member);

enum class ActiveChange {
  Done,
  NotHere,            // no such account with a role in the organisation
  Self,               // an administrator does not block themself
  OtherOrganisation,  // the account has roles elsewhere too: revoke its roles here instead
};
// Blocks (ending its sessions) or unblocks an account of the organisation. The block is the
// account's: an account that also works for another organisation is not this one's to block.
ActiveChange set_staff_active(Auth& auth, const std::string& organisation_id,
                              const std::string& admin_id, const std::string& account_id,
                              bool active);

enum class SetupLinkChange {
  Sent,
  NotHere,    // no such account with a role in the organisation
  Activated,  // the account is in use: its owner resets the password, if need be
  Blocked,    // a blocked account gets no link
};
// Mails a new setup link to an account of the organisation that was never activated (the first
// link expired or got lost), ending its earlier links.
SetupLinkChange resend_setup_link(Auth& auth, const std::string& organisation_id,
                                  const std::string& organisation_name,
                                  const std::string& account_id);

}  // namespace loket::identity
