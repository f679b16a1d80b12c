// Staff password reset by a one-time link: POST /auth/staff/password-reset {"email"} mails the
// link through the outbox; POST /auth/staff/password-reset/confirm {"token","password","code"}
// sets the new password (the TOTP code is the second factor) and ends every session. A new
// account's setup link (made by an administrator) is the same kind of link, purpose "setup",
// valid for 72 hours: its page also shows the TOTP secret to enrol, and it is redeemed the same
// way, by the same confirm route.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http/router.hpp"
#include "identity/auth.hpp"
#include "notify/mail.hpp"

namespace loket::identity {

inline constexpr std::int64_t kResetLinkLifetime = 1800;  // seconds: 30 minutes
inline constexpr std::string_view kResetPage = "/wachtwoord-herstellen";
inline constexpr std::int64_t kSetupLinkLifetime = 72 * 3600;  // seconds: 3 days
inline constexpr std::string_view kSetupPage = "/medewerker-activeren";

// How often a reset may be asked for: every request counts, found or not, so that the answer
// never tells whether an address has an account.
struct ResetLimits {
  std::int64_t per_address_hourly = 10;  // per e-mail address
  std::int64_t per_ip_hourly = 50;
};

// The mail with the link (pure): Dutch first, then English.
notify::Mail reset_mail(const std::string& to, const std::string& display_name,
                        const std::string& link);

// The mail with a new account's setup link (pure): Dutch first, then English.
notify::Mail setup_mail(const std::string& to, const std::string& display_name,
                        const std::string& organisation_name, const std::string& link);

// Queues, in the caller's transaction, a setup link for a new account and its mail.
void queue_setup_link(db::Connection& c, const AuthConfig& config, const std::string& account_id,
                      const std::string& email, const std::string& display_name,
                      const std::string& organisation_name);

// The TOTP secret to enrol (base32 and otpauth URI) when `token` is an unused, unexpired setup
// link of an active account; nullopt for anything else (a reset link never shows it).
struct SetupSecret {
  std::string base32;
  std::string uri;
};
std::optional<SetupSecret> setup_secret(Auth& auth, const std::string& token);

// Redeems a one-time link (reset or setup): checks the TOTP code, sets the password, ends the
// account's sessions. Throws http::BadRequest naming token, password or code, or 429.
void redeem_staff_link(const http::Request& request, Auth& auth, const std::string& token,
                       const std::string& password, const std::string& code);

void add_password_reset_routes(http::Router& router, Auth& auth, ResetLimits limits = {});

}  // namespace loket::identity
