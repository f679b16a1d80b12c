// Login through OpenID Connect and server-side sessions. Every refusal is logged with its
// reason (never a BSN) and answered with one message that tells the person to start again.
#include "identity/auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <limits>

#include "common/json.hpp"
#include "common/log.hpp"
#include "http/cookies.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "identity/mandate_store.hpp"
#include "identity/session_store.hpp"
#include "identity/staff.hpp"
#include "identity/staff_store.hpp"
#include "identity/totp.hpp"
#include "privacy/bsn.hpp"
#include "privacy/processing_log.hpp"

namespace loket::identity {
namespace {

namespace log = common::log;

constexpr std::int64_t kLoginLifetime = 600;  // seconds to finish a login at the provider
constexpr std::int64_t kTouchEvery = 60;      // idle timer resolution at most, to spare writes

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string origin_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  auto slash = url.find('/', scheme + 3);
  return std::string(url.substr(0, slash));
}

// The blind index purpose of a subject's number.
std::string index_purpose(std::string_view kind) {
  if (kind == "resident") return "bsn";
  if (kind == "business") return "kvk";
  return "staff";
}

std::string associated_data(std::string_view id_hash) {
  return "sessions.subject_enc:" + std::string(id_hash);
}

[[noreturn]] void refuse_login(std::string_view provider, std::string_view reason) {
  log::warn("login refused", {{"provider", provider}, {"reason", reason}});
  throw http::Unauthorized(
      "Inloggen is niet gelukt. Begin opnieuw met inloggen; lukt het dan weer niet, probeer het "
      "later nog eens. (Login failed: please start again.)");
}

bool is_kvk(std::string_view s) {
  return s.size() == 8 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Auth::Auth(db::Database& db, const privacy::KeyRing& keys, AuthConfig config)
    : db_(db), keys_(keys), config_(std::move(config)) {
  for (const auto& p : config_.providers) {
    providers_.emplace(p.name, std::make_unique<OidcProvider>(p));
  }
}

OidcProvider& Auth::provider(std::string_view name) {
  auto it = providers_.find(name);
  if (it == providers_.end()) {
    throw http::NotFound("There is no login provider called " + std::string(name) + ".");
  }
  return *it->second;
}

void Auth::add_routes(http::Router& router) {
  router.add(http::Method::Get, "/auth/{provider}/login", [this](auto& r) { return login(r); });
  router.add(http::Method::Get, "/auth/{provider}/callback",
             [this](auto& r) { return callback(r); });
  router.add(http::Method::Post, "/auth/{provider}/backchannel-logout",
             [this](auto& r) { return backchannel_logout(r); });
  router.add(http::Method::Post, "/auth/logout", [this](auto& r) { return logout(r); });
  router.add(http::Method::Get, "/auth/{provider}/end-session", [this](http::Request& r) {
    // Only ever to the provider's own end_session_endpoint: no open redirect.
    auto url = provider(r.param("provider")).end_session_url();
    http::Response out;
    out.status = 302;
    out.headers.set("location", url.empty() ? "/" : url);
    return out;
  });
  router.add(http::Method::Post, "/auth/staff/login", [this](auto& r) { return staff_login(r); });
  router.add(http::Method::Get, "/api/v1/me", [this](auto& r) { return me(r); });
  router.add(http::Method::Get, "/api/v1/me/processing-log",
             [this](auto& r) { return processing_log(r); });
  router.add(http::Method::Get, "/api/v1/me/export", [this](auto& r) { return data_export(r); });
  if (config_.demo) {
    router.add(http::Method::Get, "/auth/demo", [this](auto& r) { return demo_page(r); });
    router.add(http::Method::Post, "/auth/demo/login", [this](auto& r) { return demo_login(r); });
  }
}

http::Response Auth::login(http::Request& request) {
  auto& p = provider(request.param("provider"));
  std::string return_to(request.query_param("returnTo").value_or("/"));
  if (!is_local_path(return_to)) {
    throw http::BadRequest("returnTo must be a path on this site, starting with one /.",
                           {{"returnTo", "invalid", "Use a path such as /zaken."}});
  }
  auto state = random_token(), nonce = random_token(), verifier = random_token(),
       browser = random_token();
  std::string error;
  auto url = p.authorization_url(state, nonce, verifier, &error);
  if (!url) {
    log::error("login provider unreachable", {{"provider", p.config().name}, {"error", error}});
    throw http::ServiceUnavailable(
        "Inloggen kan nu even niet. Probeer het over een paar minuten opnieuw. (Login is "
        "unavailable right now; try again in a few minutes.)");
  }
  auto now = unix_now();
  db_.write([&](db::Connection& c) {
    purge_logins(c, now - kLoginLifetime);
    insert_login(c, {token_hash(state), token_hash(browser), p.config().name, nonce, verifier,
                     return_to, now});
  });
  http::Response r;
  r.status = 302;
  r.headers.set("location", *url);
  r.headers.add("set-cookie", http::set_cookie(kLoginCookie, browser, {.max_age = kLoginLifetime}));
  return r;
}

http::Response Auth::callback(http::Request& request) {
  auto& p = provider(request.param("provider"));
  const auto& name = p.config().name;
  if (auto error = request.query_param("error"))
    refuse_login(name, "provider error: " + std::string(*error));
  auto code = request.query_param("code");
  auto state = request.query_param("state");
  if (!code || code->empty()) refuse_login(name, "no code");
  if (!state || state->empty()) refuse_login(name, "no state");
  auto browser = http::cookie(request, kLoginCookie);
  if (!browser) refuse_login(name, "login cookie missing: state not bound to this browser");

  auto pending =
      db_.write_value([&](db::Connection& c) { return take_login(c, token_hash(*state)); });
  if (!pending) refuse_login(name, "unknown or already used state");
  if (!same(pending->browser_hash, token_hash(*browser)))
    refuse_login(name, "state belongs to another browser");
  if (pending->provider != name) refuse_login(name, "state belongs to another provider");
  if (unix_now() - pending->created_at > kLoginLifetime) refuse_login(name, "login took too long");
  auto iss = request.query_param("iss");
  if (iss && *iss != p.config().issuer)
    refuse_login(name, "iss parameter is not the issuer (RFC 9207)");
  if (!iss && p.requires_iss_parameter()) refuse_login(name, "iss parameter missing (RFC 9207)");

  auto outcome = p.complete(std::string(*code), pending->code_verifier, pending->nonce);
  if (!outcome.identity) refuse_login(name, outcome.refusal);
  const auto& id = *outcome.identity;
  if (id.means == Means::Staff) return staff_oidc_login(request, id, name, pending->return_to);
  std::string kind = id.means == Means::DigiD ? "resident" : "business";
  if (id.means == Means::DigiD && !privacy::is_valid_bsn(id.number)) {
    refuse_login(name, "BSN claim fails the 11-proef");
  }
  if (id.means == Means::EHerkenning && !is_kvk(id.number))
    refuse_login(name, "KvK claim is not 8 digits");

  return start_session(request, kind, id.number, id.establishment, name, id.sub, id.sid,
                       pending->return_to);
}

std::pair<std::string, SessionRecord> Auth::new_session(
    const std::string& kind, const std::string& number, const std::string& establishment,
    const std::string& provider, const std::string& sub, const std::string& sid) {
  auto now = unix_now();
  auto session_id = random_token();
  SessionRecord s;
  s.id_hash = token_hash(session_id);
  s.subject_kind = kind;
  s.subject_index = privacy::blind_index(keys_, number, index_purpose(kind));
  s.subject_enc = privacy::encrypt(keys_, number + "|" + establishment, associated_data(s.id_hash));
  s.provider = provider;
  s.provider_sub = token_hash(sub);  // some brokers use the BSN as sub
  s.provider_sid = sid;
  s.csrf_token = random_token();
  s.created_at = now;
  s.last_seen_at = now;
  return {session_id, s};
}

http::Response Auth::start_session(const http::Request& request, const std::string& kind,
                                   const std::string& number, const std::string& establishment,
                                   const std::string& provider, const std::string& sub,
                                   const std::string& sid, const std::string& return_to) {
  auto created = new_session(kind, number, establishment, provider, sub, sid);
  const auto& session_id = created.first;
  const auto& s = created.second;
  auto old = http::cookie(request, kSessionCookie);
  db_.write([&](db::Connection& c) {
    if (old) delete_session(c, token_hash(*old));  // a new id at every login
    insert_session(c, s);
    privacy::append_processing(c, keys_,
                               {.trace_id = request.trace_id,
                                .parent_operation_id = request.span_id,
                                .name = "login",
                                .start_ms = privacy::unix_millis(),
                                .end_ms = privacy::unix_millis(),
                                .activity = privacy::kAuthentication,
                                .subject_number = number,
                                .subject_kind = index_purpose(kind),
                                .actor_kind = kind,
                                .acting_for_self = true});
  });
  log::info("login", {{"provider", provider}, {"kind", kind}});

  http::Response r;
  r.status = 303;
  r.headers.set("location", return_to);
  r.headers.add("set-cookie", http::set_cookie(kSessionCookie, session_id, {}));
  r.headers.add("set-cookie", http::set_cookie(kLoginCookie, "", {.max_age = 0}));
  return r;
}

std::pair<std::string, SessionRecord> Auth::store_staff_session(const http::Request& request,
                                                                const std::string& account_id,
                                                                const std::string& provider,
                                                                const std::string& sub,
                                                                const std::string& sid) {
  auto created = new_session("staff", account_id, "", provider, sub, sid);
  auto old = http::cookie(request, kSessionCookie);
  db_.write([&](db::Connection& c) {
    if (old) delete_session(c, token_hash(*old));
    insert_session(c, created.second);
  });
  return created;
}

http::Response Auth::start_staff_session(const http::Request& request,
                                         const std::string& account_id) {
  auto [session_id, s] = store_staff_session(request, account_id, "local", account_id, "");
  auto r = http::Response::json(200, {{"status", "logged-in"}, {"csrfToken", s.csrf_token}});
  r.headers.add("set-cookie", http::set_cookie(kSessionCookie, session_id, {}));
  return r;
}

// Staff who log in through the organisation's identity provider: it did the second factor, so
// no TOTP here. Only an existing, active account with the verified e-mail address gets in.
http::Response Auth::staff_oidc_login(const http::Request& request, const LoginIdentity& id,
                                      const std::string& provider, const std::string& return_to) {
  auto now = unix_now();
  auto account =
      db_.read_value([&](db::Connection& c) { return find_staff_by_email(c, id.number); });
  if (!account || account->disabled) {
    std::string outcome = account ? "oidc-disabled" : "oidc-unknown-email";
    db_.write([&](db::Connection& c) {
      record_login_event(c, now, account ? account->id : "", request.remote_address, outcome);
    });
    log::warn("login refused", {{"provider", provider}, {"reason", outcome}});
    throw http::Forbidden(
        "Er is geen actief medewerkersaccount voor dit e-mailadres. Vraag uw beheerder om een "
        "account. (There is no active staff account for this e-mail address; ask your "
        "administrator for one.)");
  }
  db_.write([&](db::Connection& c) {
    record_login_event(c, now, account->id, request.remote_address, "success-oidc");
  });
  log::info("staff login", {{"account", account->id}, {"provider", provider}});
  auto [session_id, s] = store_staff_session(request, account->id, provider, id.sub, id.sid);
  http::Response r;
  r.status = 303;
  r.headers.set("location", return_to);
  r.headers.add("set-cookie", http::set_cookie(kSessionCookie, session_id, {}));
  r.headers.add("set-cookie", http::set_cookie(kLoginCookie, "", {.max_age = 0}));
  return r;
}

// Staff log in with e-mail, password and a TOTP code. Failures count per account and per
// address (shared by all servers through the database); the answer never says which part was
// wrong, and takes as long for an unknown address as for a known one.
http::Response Auth::staff_login(http::Request& request) {
  require_same_origin(request);
  auto doc = http::json_object_body(request);
  std::string email = lower_email(common::text(doc, "email")),
              password = common::text(doc, "password"), code = common::text(doc, "code");
  std::vector<http::InvalidParam> missing;
  if (email.empty()) missing.push_back({"email", "required", "Fill in your e-mail address."});
  if (password.empty()) missing.push_back({"password", "required", "Fill in your password."});
  if (code.empty())
    missing.push_back({"code", "required", "Fill in the 6-digit code from your app."});
  if (!missing.empty()) throw http::BadRequest("Some fields are missing.", std::move(missing));

  auto now = unix_now();
  auto now_ms = privacy::unix_millis();
  auto since = now_ms - config_.lockout.window;
  std::string ip_key = "ip:" + request.remote_address;
  auto account = db_.read_value([&](db::Connection& c) { return find_staff_by_email(c, email); });
  std::string account_key = account ? "account:" + account->id : "email:" + token_hash(email);

  auto [ip_failures, account_failures] = db_.read_value([&](db::Connection& c) {
    return std::pair{recent_failures(c, ip_key, since), recent_failures(c, account_key, since)};
  });
  // Many people can share an address (an office, a library): only the hourly cap applies there.
  auto ip_policy = config_.lockout;
  ip_policy.free_failures = ip_policy.max_per_address;
  auto by_ip = decide(ip_failures, now_ms, ip_policy.max_per_address, ip_policy);
  auto by_account =
      decide(account_failures, now_ms, config_.lockout.max_per_account, config_.lockout);
  if (!by_ip.allowed || !by_account.allowed) {
    db_.write([&](db::Connection& c) {
      record_login_event(c, now, account ? account->id : "", request.remote_address, "locked");
    });
    http::Error e(429, "too-many-attempts",
                  "Too many failed attempts. Wait a moment and try again, or ask your "
                  "administrator to reset your password.");
    auto wait_ms = std::max(by_ip.retry_after, by_account.retry_after);
    e.headers().set("retry-after", std::to_string((wait_ms + 999) / 1000));
    throw e;
  }

  bool ok = verify_password(account ? account->password_hash : dummy_password_hash(), password);
  std::string outcome = "bad-credentials";
  if (ok && account) {
    auto secret = privacy::decrypt(keys_, account->totp_secret_enc,
                                   "staff_accounts.totp_secret_enc:" + account->id);
    auto step = secret ? totp_verify(*secret, code, now) : std::nullopt;
    ok = step &&
         db_.write_value([&](db::Connection& c) { return use_totp_step(c, account->id, *step); });
    if (ok && account->disabled) {
      ok = false;
      outcome = "disabled";
    }
  } else {
    ok = false;
  }
  if (!ok) {
    db_.write([&](db::Connection& c) {
      record_failure(c, account_key, now_ms);
      record_failure(c, ip_key, now_ms);
      record_login_event(c, now, account ? account->id : "", request.remote_address, outcome);
    });
    log::warn("staff login failed", {{"outcome", outcome}});
    throw http::Unauthorized(
        "E-mailadres, wachtwoord of code klopt niet. Probeer het opnieuw. (E-mail address, "
        "password or code is wrong.)");
  }
  db_.write([&](db::Connection& c) {
    clear_failures(c, account_key);
    record_login_event(c, now, account->id, request.remote_address, "success");
  });
  log::info("staff login", {{"account", account->id}});
  return start_staff_session(request, account->id);
}

std::optional<Subject> Auth::subject(const http::Request& request) {
  auto id = http::cookie(request, kSessionCookie);
  if (!id || id->size() != 43) return std::nullopt;
  auto hash = token_hash(*id);
  auto record = find_session(db_, hash);
  if (!record) return std::nullopt;
  auto now = unix_now();
  if (session_status(record->created_at, record->last_seen_at, now, config_.timeouts) !=
      SessionStatus::Active) {
    db_.write([&](db::Connection& c) { delete_session(c, hash); });
    return std::nullopt;
  }
  if (now - record->last_seen_at >= std::min(kTouchEvery, config_.timeouts.idle / 10)) {
    db_.write([&](db::Connection& c) { touch_session(c, hash, now); });
    record->last_seen_at = now;
  }
  auto plain = privacy::decrypt(keys_, record->subject_enc, associated_data(hash));
  if (!plain) {
    log::error("session subject cannot be decrypted; key missing from the key file?");
    return std::nullopt;
  }
  auto bar = plain->find('|');
  Subject subject{record->subject_kind,
                  plain->substr(0, bar),
                  bar == std::string::npos ? "" : plain->substr(bar + 1),
                  record->provider,
                  record->csrf_token,
                  hash,
                  record->created_at,
                  record->last_seen_at,
                  {},
                  std::nullopt};
  if (subject.kind == "staff") {
    subject.staff_roles = staff_roles(db_, subject.number);
    for (const auto& r : subject.staff_roles) subject.roles.push_back(r.role);
  }
  if (!record->acting_for.empty()) {
    auto m = db_.read_value(
        [&](db::Connection& c) { return find_mandate(c, keys_, record->acting_for); });
    if (m && may_act_for(subject.actor(), *m, now)) {
      subject.acting_for = std::move(m);
    } else {  // revoked or expired since it was chosen
      db_.write([&](db::Connection& c) { set_acting_for(c, hash, ""); });
    }
  }
  return subject;
}

bool is_own_origin(std::string_view origin, std::string_view public_url, bool loopback_listen,
                   std::string_view host) {
  if (origin == origin_of(public_url)) return true;
  if (!loopback_listen || !origin.starts_with("http://") || origin.substr(7) != host) return false;
  // The Host the browser sent, and the page that posts was served under that very Host.
  auto name =
      host.starts_with('[') ? host.substr(0, host.find(']') + 1) : host.substr(0, host.rfind(':'));
  return name == "localhost" || name == "127.0.0.1" || name == "[::1]";
}

void Auth::require_same_origin(const http::Request& request) const {
  auto origin = request.header("origin");
  if (origin && !is_own_origin(*origin, config_.public_url, config_.loopback_listen,
                               request.header("host").value_or(""))) {
    throw http::Forbidden("This request came from another site and was refused.");
  }
}

Subject Auth::require_subject(const http::Request& request, std::string_view what_for) {
  auto s = subject(request);
  if (!s) throw http::Unauthorized("Log in first " + std::string(what_for) + ".");
  return std::move(*s);
}

void Auth::require_csrf(const http::Request& request, const Subject& subject) const {
  require_same_origin(request);
  std::string token(request.header("x-csrf-token").value_or(""));
  if (token.empty()) token = http::form_field(request.body, "csrf").value_or("");
  if (token.empty() || !same(token, subject.csrf_token)) {
    throw http::Forbidden(
        "The page was open too long or came from elsewhere. Reload it and try again.");
  }
}

http::Response Auth::logout(http::Request& request) {
  http::Response r;
  r.status = 303;
  r.headers.set("location", "/");
  auto s = subject(request);
  if (s) {
    require_csrf(request, *s);
    db_.write([&](db::Connection& c) { delete_session(c, s->session_hash); });
    log::info("logout", {{"provider", s->provider}});
    // Via a same-origin GET: a form post may not be redirected to another site
    // (Content-Security-Policy form-action 'self'), a plain navigation may.
    if (providers_.contains(s->provider)) {
      r.headers.set("location", "/auth/" + s->provider + "/end-session");
    }
  }
  r.headers.add("set-cookie", http::set_cookie(kSessionCookie, "", {.max_age = 0}));
  return r;
}

http::Response Auth::backchannel_logout(http::Request& request) {
  auto& p = provider(request.param("provider"));
  auto token = http::find_form_field(request.body, "logout_token");
  auto bad = [](std::string_view description) {
    auto r = http::Response::json(
        400, {{"error", "invalid_request"}, {"error_description", description}});
    return r;
  };
  if (token.state == http::FormField::State::Malformed) return bad("logout_token is malformed");
  if (token.value.empty()) return bad("logout_token is missing");
  std::string error;
  auto claims = p.verify_logout_token(token.value, &error);
  if (!claims) {
    log::warn("back-channel logout refused", {{"provider", p.config().name}, {"reason", error}});
    return bad("logout_token is not valid");
  }
  auto removed = db_.write_value([&](db::Connection& c) {
    auto sid = common::text(*claims, "sid");
    return sid.empty() ? delete_sessions_by_sub(c, p.config().name,
                                                token_hash(common::text(*claims, "sub")))
                       : delete_sessions_by_sid(c, p.config().name, sid);
  });
  log::info("back-channel logout", {{"provider", p.config().name}, {"sessions", removed}});
  return http::Response::json(200, boost::json::object{});
}

http::Response Auth::me(http::Request& request) {
  auto s = subject(request);
  if (!s)
    throw http::Unauthorized("Log in first (GET /auth/digid/login or /auth/eherkenning/login).");
  boost::json::object body{{"kind", s->kind},
                           {"provider", s->provider},
                           {"csrfToken", s->csrf_token},
                           {"idleExpiresAt", s->last_seen_at + config_.timeouts.idle},
                           {"expiresAt", s->created_at + config_.timeouts.absolute}};
  if (s->acting_for) {
    const auto& m = *s->acting_for;
    boost::json::object af{
        {"mandateId", m.id}, {"kind", m.subject_kind}, {"validUntil", date_of(m.valid_until)}};
    if (!m.organisation_id.empty()) af["organisation"] = m.organisation_id;
    if (m.subject_kind == "resident") {
      af["bsnMasked"] = privacy::mask_bsn(m.subject_number);
    } else {
      af["kvk"] = m.subject_number;
    }
    body["actingFor"] = std::move(af);
  }
  if (s->kind == "resident") {
    body["bsnMasked"] = privacy::mask_bsn(s->number);
  } else if (s->kind == "staff") {
    auto [account, roles] = db_.read_value([&](db::Connection& c) {
      return std::pair{find_staff(c, s->number), staff_roles(c, s->number)};
    });
    if (!account) throw http::Unauthorized("This account no longer exists.");
    body["name"] = account->display_name;
    body["email"] = account->email;
    boost::json::array list;
    for (const auto& r : roles)
      list.push_back({{"organisation", r.organisation_id}, {"role", r.role}});
    body["roles"] = std::move(list);
  } else {
    body["kvk"] = s->number;
    if (!s->establishment.empty()) body["establishment"] = s->establishment;
  }
  return http::Response::json(200, body);
}

namespace {

boost::json::object entry_json(const privacy::ProcessingEntry& e) {
  boost::json::object o{{"operationId", e.operation_id},
                        {"name", e.name},
                        {"startTime", e.start_ms},
                        {"endTime", e.end_ms},
                        {"status", e.status == privacy::Status::Ok ? "ok" : "error"},
                        {"activity", e.activity},
                        {"purpose", e.purpose},
                        {"legalBasis", e.legal_basis},
                        {"actorKind", e.actor_kind},
                        {"actingForSelf", e.acting_for_self}};
  if (!e.actor_organisation.empty()) o["actorOrganisation"] = e.actor_organisation;
  if (!e.actor_role.empty()) o["actorRole"] = e.actor_role;
  return o;
}

std::string index_purpose(const Subject& s) { return index_purpose(s.kind); }

}  // namespace

// The data tracker: who did what with my data, when and why; newest first.
http::Response Auth::processing_log(http::Request& request) {
  auto s = subject(request);
  if (!s) throw http::Unauthorized("Log in first to see who used your data.");
  auto page = http::page_from(request);
  auto log = db_.read_value([&](db::Connection& c) {
    return privacy::processing_for_subject(c, keys_, s->number, index_purpose(*s), page.offset(),
                                           page.size);
  });
  boost::json::array results;
  for (const auto& e : log.entries) results.push_back(entry_json(e));
  auto link = [&](std::int64_t n) {
    auto l = http::page_link(request, page, n, log.total);
    return l ? boost::json::value(*l) : boost::json::value(nullptr);
  };
  return http::Response::json(200, {{"count", log.total},
                                    {"next", link(page.number + 1)},
                                    {"previous", link(page.number - 1)},
                                    {"results", std::move(results)}});
}

void Auth::add_export_part(std::string name, ExportPart part) {
  export_parts_.emplace_back(std::move(name), std::move(part));
}

// Everything Loket holds about the logged-in person, as one JSON file (AVG art. 15 and 20).
http::Response Auth::data_export(http::Request& request) {
  auto s = subject(request);
  if (!s) throw http::Unauthorized("Log in first to download your data.");
  auto start = privacy::unix_millis();
  boost::json::array sessions;
  boost::json::array log;
  db_.write([&](db::Connection& c) {
    privacy::append_processing(c, keys_,
                               {.trace_id = request.trace_id,
                                .parent_operation_id = request.span_id,
                                .name = "export",
                                .start_ms = start,
                                .end_ms = privacy::unix_millis(),
                                .activity = privacy::kAccessRequest,
                                .subject_number = s->number,
                                .subject_kind = index_purpose(*s),
                                .actor_kind = s->kind,
                                .acting_for_self = true});
    for (const auto& r :
         sessions_for_subject(c, privacy::blind_index(keys_, s->number, index_purpose(*s)))) {
      sessions.push_back({{"provider", r.provider},
                          {"createdAt", r.created_at},
                          {"lastSeenAt", r.last_seen_at},
                          {"current", r.id_hash == s->session_hash}});
    }
    auto all = privacy::processing_for_subject(c, keys_, s->number, index_purpose(*s), 0,
                                               std::numeric_limits<std::int64_t>::max() / 2);
    for (const auto& e : all.entries) log.push_back(entry_json(e));
  });
  boost::json::object subject{{"kind", s->kind}};
  if (s->kind == "resident") {
    subject["bsn"] = s->number;
  } else {
    subject["kvk"] = s->number;
    if (!s->establishment.empty()) subject["establishment"] = s->establishment;
  }
  boost::json::object out{{"format", "loket-export-1"},
                          {"exportedAt", start},
                          {"subject", std::move(subject)},
                          {"sessions", std::move(sessions)},
                          {"processingLog", std::move(log)}};
  for (const auto& [name, part] : export_parts_) out[name] = part(*s);
  auto r = http::Response::json(200, std::move(out));
  r.headers.set("content-disposition", "attachment; filename=\"loket-mijn-gegevens.json\"");
  return r;
}

namespace {

struct DemoSubject {
  std::string_view kind, number, label_nl;
};
constexpr DemoSubject kDemoSubjects[] = {
    {"resident", "999993653", "Inwoner met BSN 999993653"},
    {"resident", "999990019", "Inwoner met BSN 999990019"},
    {"resident", "999991905", "Inwoner met BSN 999991905"},
    {"business", "12345678", "Bedrijf met KvK-nummer 12345678"},
};

}  // namespace

// Demo mode only (refused in production): a plain form, no script, so it passes the CSP.
http::Response Auth::demo_page(http::Request&) {
  std::string html =
      "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>Demo: inloggen</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>"
      "<main id=\"main\"><h1>Inloggen als testpersoon</h1>"
      "<p>Dit is een demo. Kies met wie u wilt inloggen. Echte inwoners loggen in met DigiD.</p>"
      "<form method=\"post\" action=\"/auth/demo/login\"><fieldset><legend>Testpersonen</legend>";
  bool first = true;
  for (const auto& d : kDemoSubjects) {
    std::string value = std::string(d.kind) + ":" + std::string(d.number);
    html += "<div><input type=\"radio\" name=\"subject\" id=\"s" + std::string(d.number) +
            "\" value=\"" + value + "\"" + (first ? " checked" : "") + "><label for=\"s" +
            std::string(d.number) + "\">" + std::string(d.label_nl) + "</label></div>";
    first = false;
  }
  html += "</fieldset><button type=\"submit\">Inloggen</button></form></main></body></html>";
  auto r = http::Response::text(200, std::move(html), "text/html; charset=utf-8");
  return r;
}

http::Response Auth::demo_login(http::Request& request) {
  require_same_origin(request);
  auto subject = http::form_field(request.body, "subject").value_or("");
  for (const auto& d : kDemoSubjects) {
    if (subject == std::string(d.kind) + ":" + std::string(d.number)) {
      return start_session(request, std::string(d.kind), std::string(d.number), "", "demo",
                           "demo-" + std::string(d.number), "", "/");
    }
  }
  throw http::BadRequest("Choose one of the test persons.",
                         {{"subject", "invalid", "Choose one of the test persons."}});
}

}  // namespace loket::identity
