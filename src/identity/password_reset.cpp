// Staff password reset. The request always answers 202, takes no longer for a known address in
// any way a caller could use, and is capped per address and per IP address; the link holds a
// 256-bit token of which only the hash is stored, works once and for 30 minutes.
#include "identity/password_reset.hpp"

#include <sodium.h>

#include <boost/json.hpp>

#include "common/json.hpp"
#include "common/log.hpp"
#include "http/cookies.hpp"
#include "http/error.hpp"
#include "http/json_body.hpp"
#include "identity/lockout.hpp"
#include "identity/session.hpp"
#include "identity/session_store.hpp"
#include "identity/staff.hpp"
#include "identity/staff_store.hpp"
#include "identity/totp.hpp"
#include "notify/outbox.hpp"
#include "privacy/field_crypto.hpp"
#include "privacy/processing_log.hpp"

namespace loket::identity {
namespace {

namespace log = common::log;
using common::text;
constexpr std::int64_t kHour = 3'600'000;

[[noreturn]] void too_many(std::int64_t wait_ms) {
  http::Error e(429, "too-many-attempts",
                "Te veel pogingen. Wacht even en probeer het opnieuw. (Too many attempts; wait a "
                "moment and try again.)");
  e.headers().set("retry-after", std::to_string((wait_ms + 999) / 1000));
  throw e;
}

[[noreturn]] void bad_link() {
  throw http::BadRequest(
      "Deze link werkt niet meer: hij is verlopen of al gebruikt. Vraag een nieuwe aan. (This "
      "link no longer works: it expired or was used. Ask for a new one.)",
      {{"token", "invalid", "The link expired or was used already."}});
}

// A cap without delays: `max` events per hour.
LockoutDecision cap(const std::vector<std::int64_t>& events, std::int64_t now, std::int64_t max) {
  LockoutPolicy p;
  p.window = kHour;
  p.free_failures = max;
  return decide(events, now, max, p);
}

http::Response request_reset(http::Request& request, Auth& auth, const ResetLimits& limits) {
  auth.require_same_origin(request);
  auto doc = http::json_object_body(request);
  auto email = lower_email(text(doc, "email"));
  NewStaff probe{email, "x", "00000000-0000-4000-8000-000000000000", "case-worker", ""};
  if (email.empty()) {
    throw http::BadRequest("Fill in your e-mail address.",
                           {{"email", "required", "Fill in your e-mail address."}});
  }
  if (validate(probe)) {
    throw http::BadRequest("This is not an e-mail address.",
                           {{"email", "invalid", "Fill in an e-mail address such as a@b.nl."}});
  }
  auto& db = auth.database();
  auto now = unix_now();
  auto now_ms = privacy::unix_millis();
  // Counted in login_failures, so that every server shares the count.
  std::string address_key = "reset-email:" + token_hash(email);
  std::string ip_key = "reset-ip:" + request.remote_address;
  auto [by_address, by_ip] = db.read_value([&](db::Connection& c) {
    return std::pair{recent_failures(c, address_key, now_ms - kHour),
                     recent_failures(c, ip_key, now_ms - kHour)};
  });
  auto a = cap(by_address, now_ms, limits.per_address_hourly);
  auto b = cap(by_ip, now_ms, limits.per_ip_hourly);
  if (!a.allowed || !b.allowed) {
    log::warn("password reset refused: too many requests");
    too_many(std::max(a.retry_after, b.retry_after));
  }
  std::string account_id;
  db.write([&](db::Connection& c) {
    purge_password_resets(c, now - 86400);
    purge_reset_requests(c, now_ms - kHour);
    record_failure(c, address_key, now_ms);
    record_failure(c, ip_key, now_ms);
    auto account = find_staff_by_email(c, email);
    if (account && !account->disabled) {
      auto token = random_token();
      insert_password_reset(
          c, {token_hash(token), account->id, now, now + kResetLinkLifetime, false, "reset"});
      auto link = auth.config().public_url + std::string(kResetPage) + "?token=" + token;
      notify::enqueue_mail(c, reset_mail(account->email, account->display_name, link), now_ms);
      account_id = account->id;
    }
    record_login_event(c, now, account ? account->id : "", request.remote_address,
                       account ? (account->disabled ? "reset-disabled" : "reset-requested")
                               : "reset-unknown-email");
  });
  if (account_id.empty()) {
    log::info("password reset requested for no active account");
  } else {
    log::info("password reset requested", {{"account", account_id}});
  }
  return http::Response::json(
      202, {{"status", "accepted"},
            {"detail",
             "Als er een account bij dit e-mailadres hoort, ontvangt u een e-mail met een link. "
             "(If this address has an account, a mail with a link is on its way.)"}});
}

http::Response confirm_reset(http::Request& request, Auth& auth) {
  auth.require_same_origin(request);
  auto doc = http::json_object_body(request);
  redeem_staff_link(request, auth, text(doc, "token"), text(doc, "password"), text(doc, "code"));
  auto r = http::Response::json(200, {{"status", "password-changed"}});
  r.headers.add("set-cookie", http::set_cookie(kSessionCookie, "", {.max_age = 0}));
  return r;
}

}  // namespace

void redeem_staff_link(const http::Request& request, Auth& auth, const std::string& token,
                       const std::string& password, const std::string& code) {
  std::vector<http::InvalidParam> missing;
  if (token.empty()) missing.push_back({"token", "required", "Open the link from the mail."});
  if (password.empty()) missing.push_back({"password", "required", "Fill in a new password."});
  if (code.empty())
    missing.push_back({"code", "required", "Fill in the 6-digit code from your app."});
  if (!missing.empty()) throw http::BadRequest("Some fields are missing.", std::move(missing));
  if (password.size() < 12 || password.size() > 1024) {
    throw http::BadRequest("The new password is too short.",
                           {{"password", "invalid", "Use at least 12 characters."}});
  }

  auto& db = auth.database();
  const auto& policy = auth.config().lockout;
  auto now = unix_now();
  auto now_ms = privacy::unix_millis();
  std::string ip_key = "ip:" + request.remote_address;
  auto ip_failures = db.read_value(
      [&](db::Connection& c) { return recent_failures(c, ip_key, now_ms - policy.window); });
  auto ip_policy = policy;
  ip_policy.free_failures = ip_policy.max_per_address;
  if (auto d = decide(ip_failures, now_ms, policy.max_per_address, ip_policy); !d.allowed) {
    too_many(d.retry_after);
  }

  auto hash = token_hash(token);
  auto reset = db.read_value([&](db::Connection& c) { return find_password_reset(c, hash); });
  auto account =
      reset ? db.read_value([&](db::Connection& c) { return find_staff(c, reset->account_id); })
            : std::nullopt;
  if (!reset || reset->used || reset->expires_at <= now || !account || account->disabled) {
    std::string why = !reset              ? "unknown link"
                      : reset->used       ? "link used already"
                      : !account          ? "account gone"
                      : account->disabled ? "account disabled"
                                          : "link expired";
    db.write([&](db::Connection& c) { record_failure(c, ip_key, now_ms); });
    log::warn("password reset refused", {{"reason", why}});
    bad_link();
  }

  // The same per-account lockout as the login: guessing TOTP codes through this door is no
  // easier than through the other.
  std::string account_key = "account:" + account->id;
  auto account_failures = db.read_value(
      [&](db::Connection& c) { return recent_failures(c, account_key, now_ms - policy.window); });
  if (auto d = decide(account_failures, now_ms, policy.max_per_account, policy); !d.allowed) {
    db.write([&](db::Connection& c) {
      record_login_event(c, now, account->id, request.remote_address, "reset-locked");
    });
    too_many(d.retry_after);
  }
  auto secret = privacy::decrypt(auth.keys(), account->totp_secret_enc,
                                 "staff_accounts.totp_secret_enc:" + account->id);
  auto step = secret ? totp_verify(*secret, code, now) : std::nullopt;
  bool ok = step &&
            db.write_value([&](db::Connection& c) { return use_totp_step(c, account->id, *step); });
  if (!ok) {
    db.write([&](db::Connection& c) {
      record_failure(c, account_key, now_ms);
      record_failure(c, ip_key, now_ms);
      record_login_event(c, now, account->id, request.remote_address, "reset-bad-code");
    });
    log::warn("password reset refused", {{"reason", "wrong code"}, {"account", account->id}});
    throw http::BadRequest("De code klopt niet. (The code is wrong.)",
                           {{"code", "invalid", "Use the current code from your app."}});
  }

  auto new_hash = hash_password(password);
  std::int64_t ended = 0;
  bool used = db.write_value([&](db::Connection& c) {
    if (!use_password_reset(c, hash, now)) return false;
    revoke_password_resets(c, account->id, now);
    set_password_hash(c, account->id, new_hash);
    ended = delete_sessions_of_subject(c, "staff",
                                       privacy::blind_index(auth.keys(), account->id, "staff"));
    clear_failures(c, account_key);
    record_login_event(c, now, account->id, request.remote_address, "password-reset");
    return true;
  });
  if (!used) bad_link();  // used at the same moment by another request
  log::info(reset->purpose == "setup" ? "staff account activated" : "staff password reset",
            {{"account", account->id}, {"sessions_ended", ended}});
}

std::optional<SetupSecret> setup_secret(Auth& auth, const std::string& token) {
  if (token.empty()) return std::nullopt;
  auto& db = auth.database();
  auto hash = token_hash(token);
  auto reset = db.read_value([&](db::Connection& c) { return find_password_reset(c, hash); });
  if (!reset || reset->purpose != "setup" || reset->used || reset->expires_at <= unix_now()) {
    return std::nullopt;
  }
  auto account = db.read_value([&](db::Connection& c) { return find_staff(c, reset->account_id); });
  if (!account || account->disabled) return std::nullopt;
  auto secret = privacy::decrypt(auth.keys(), account->totp_secret_enc,
                                 "staff_accounts.totp_secret_enc:" + account->id);
  if (!secret) return std::nullopt;
  SetupSecret out{base32_encode(*secret), totp_uri("Loket", account->email, *secret)};
  sodium_memzero(secret->data(), secret->size());
  return out;
}

void queue_setup_link(db::Connection& c, const AuthConfig& config, const std::string& account_id,
                      const std::string& email, const std::string& display_name,
                      const std::string& organisation_name) {
  auto now = unix_now();
  auto token = random_token();
  insert_password_reset(c, {token_hash(token), account_id, now, now + kSetupLinkLifetime, false,
                            "setup"});
  auto link = config.public_url + std::string(kSetupPage) + "?token=" + token;
  notify::enqueue_mail(c, setup_mail(email, display_name, organisation_name, link),
                       privacy::unix_millis());
}

notify::Mail setup_mail(const std::string& to, const std::string& display_name,
                        const std::string& organisation_name, const std::string& link) {
  std::string text =
      "Beste " + display_name + ",\n\n" + "U hebt een Loket-medewerkersaccount gekregen bij " +
      organisation_name +
      ".\n"
      "Open deze link binnen 3 dagen om een wachtwoord te kiezen en uw authenticator-app\n"
      "in te stellen. De link werkt een keer:\n\n" +
      link +
      "\n\n"
      "Verwachtte u dit niet? Negeer dan deze e-mail.\n\n"
      "--\n\n"
      "You have been given a Loket staff account at " +
      organisation_name +
      ". Open the link above within 3 days\n"
      "to choose a password and set up your authenticator app. The link works once. If you did\n"
      "not expect this, ignore this mail.\n";
  return {to, "Uw Loket-account activeren (Activate your Loket account)", std::move(text)};
}

notify::Mail reset_mail(const std::string& to, const std::string& display_name,
                        const std::string& link) {
  std::string text =
      "Beste " + display_name +
      ",\n\n"
      "Iemand, hopelijk u, vroeg om het wachtwoord van uw Loket-medewerkersaccount opnieuw in\n"
      "te stellen. Open deze link binnen 30 minuten; hij werkt een keer:\n\n" +
      link +
      "\n\n"
      "U hebt ook de code uit uw authenticator-app nodig. Vroeg u dit niet? Negeer dan deze\n"
      "e-mail; uw wachtwoord blijft zoals het is.\n\n"
      "--\n\n"
      "Someone, hopefully you, asked to reset the password of your Loket staff account. Open\n"
      "the link above within 30 minutes; it works once. You also need the code from your\n"
      "authenticator app. If you did not ask for this, ignore this mail; your password stays\n"
      "as it is.\n";
  return {to, "Wachtwoord herstellen (Reset your password)", std::move(text)};
}

void add_password_reset_routes(http::Router& router, Auth& auth, ResetLimits limits) {
  router.add(http::Method::Post, "/auth/staff/password-reset",
             [&auth, limits](http::Request& r) { return request_reset(r, auth, limits); });
  router.add(http::Method::Post, "/auth/staff/password-reset/confirm",
             [&auth](http::Request& r) { return confirm_reset(r, auth); });
}

}  // namespace loket::identity
