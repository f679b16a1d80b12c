// See staff_admin.hpp; the tables are migration 0004's.
#include "identity/staff_admin.hpp"

#include <sodium.h>

#include <algorithm>

#include "common/uuid.hpp"
#include "identity/password_reset.hpp"
#include "identity/session.hpp"
#include "identity/session_store.hpp"
#include "identity/staff.hpp"
#include "identity/staff_store.hpp"
#include "identity/totp.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::identity {

namespace {

// An account counts as activated once it used a setup or reset link or logged in.
constexpr std::string_view kActivated =
    "EXISTS (SELECT 1 FROM login_events e WHERE e.account_id = a.id"
    " AND e.outcome IN ('success', 'success-oidc', 'password-reset'))";
const std::string kStaffOf =
    "SELECT a.id, a.email, a.display_name, a.disabled, r.role, CASE WHEN " +
    std::string(kActivated) +
    " THEN 1 ELSE 0 END FROM staff_roles r"
    " JOIN staff_accounts a ON a.id = r.account_id WHERE r.organisation_id = $1"
    " ORDER BY a.display_name, a.id, r.role";
const std::string kIsActivated =
    "SELECT 1 FROM staff_accounts a WHERE a.id = $1 AND " + std::string(kActivated);
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
      out.push_back({id,
                     rows[i].text(1),
                     rows[i].text(2),
                     rows[i].integer(3) != 0,
                     {},
                     rows[i].integer(5) != 0});
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

AddedMember add_staff_member(Auth& auth, const std::string& organisation_id,
                             const std::string& organisation_name, NewMember member) {
  member.email = lower_email(member.email);
  // Made outside the transaction: Argon2id takes a while. Nobody knows this password; the
  // setup link sets the real one.
  StaffAccount a{common::new_uuid(),
                 member.email,
                 member.display_name,
                 hash_password(random_token()),
                 "",
                 0,
                 false,
                 unix_now()};
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  a.totp_secret_enc =
      privacy::encrypt(auth.keys(), secret, "staff_accounts.totp_secret_enc:" + a.id);
  sodium_memzero(secret.data(), secret.size());
  return auth.database().write_value([&](db::Connection& c) {
    if (auto existing = find_staff_by_email(c, member.email)) {
      auto roles = staff_roles(c, existing->id);
      bool here = std::any_of(roles.begin(), roles.end(), [&](const StaffRole& r) {
        return r.organisation_id == organisation_id;
      });
      if (here) return AddedMember{AddOutcome::AlreadyHere, existing->id};
      for (const auto& role : member.roles)
        grant_staff_role(c, existing->id, organisation_id, role);
      return AddedMember{AddOutcome::Granted, existing->id};
    }
    insert_staff(c, a);
    for (const auto& role : member.roles) grant_staff_role(c, a.id, organisation_id, role);
    queue_setup_link(c, auth.config(), a.id, a.email, a.display_name, organisation_name);
    return AddedMember{AddOutcome::Created, a.id};
  });
}

ActiveChange set_staff_active(Auth& auth, const std::string& organisation_id,
                              const std::string& admin_id, const std::string& account_id,
                              bool active) {
  if (!common::is_uuid(account_id)) return ActiveChange::NotHere;
  return auth.database().write_value([&](db::Connection& c) {
    auto roles = staff_roles(c, account_id);
    bool here = std::any_of(roles.begin(), roles.end(), [&](const StaffRole& r) {
      return r.organisation_id == organisation_id;
    });
    if (!here) return ActiveChange::NotHere;
    if (account_id == admin_id) return ActiveChange::Self;
    bool elsewhere = std::any_of(roles.begin(), roles.end(), [&](const StaffRole& r) {
      return r.organisation_id != organisation_id;
    });
    if (elsewhere) return ActiveChange::OtherOrganisation;
    set_staff_disabled(c, account_id, !active);
    if (!active) {
      delete_sessions_of_subject(c, "staff",
                                 privacy::blind_index(auth.keys(), account_id, "staff"));
    }
    record_login_event(c, unix_now(), account_id, "", active ? "reactivated" : "deactivated");
    return ActiveChange::Done;
  });
}

SetupLinkChange resend_setup_link(Auth& auth, const std::string& organisation_id,
                                  const std::string& organisation_name,
                                  const std::string& account_id) {
  if (!common::is_uuid(account_id)) return SetupLinkChange::NotHere;
  return auth.database().write_value([&](db::Connection& c) {
    auto roles = staff_roles(c, account_id);
    bool here = std::any_of(roles.begin(), roles.end(), [&](const StaffRole& r) {
      return r.organisation_id == organisation_id;
    });
    auto account = here ? find_staff(c, account_id) : std::nullopt;
    if (!account) return SetupLinkChange::NotHere;
    if (account->disabled) return SetupLinkChange::Blocked;
    if (!c.query(kIsActivated, {account_id}).empty()) return SetupLinkChange::Activated;
    revoke_password_resets(c, account_id, unix_now());
    queue_setup_link(c, auth.config(), account_id, account->email, account->display_name,
                     organisation_name);
    return SetupLinkChange::Sent;
  });
}

}  // namespace loket::identity
