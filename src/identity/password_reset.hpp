// Staff password reset by a one-time link: POST /auth/staff/password-reset {"email"} mails the
// link through the outbox; POST /auth/staff/password-reset/confirm {"token","password","code"}
// sets the new password (the TOTP code is the second factor) and ends every session.
#pragma once

#include <cstdint>
#include <string>

#include "http/router.hpp"
#include "identity/auth.hpp"
#include "notify/mail.hpp"

namespace loket::identity {

inline constexpr std::int64_t kResetLinkLifetime = 1800;  // seconds: 30 minutes
inline constexpr std::string_view kResetPage = "/wachtwoord-herstellen";

// How often a reset may be asked for: every request counts, found or not, so that the answer
// never tells whether an address has an account.
struct ResetLimits {
  std::int64_t per_address_hourly = 10;  // per e-mail address
  std::int64_t per_ip_hourly = 50;
};

// The mail with the link (pure): Dutch first, then English.
notify::Mail reset_mail(const std::string& to, const std::string& display_name,
                        const std::string& link);

void add_password_reset_routes(http::Router& router, Auth& auth, ResetLimits limits = {});

}  // namespace loket::identity
