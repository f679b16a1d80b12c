// Login, logout and sessions for residents and businesses, and who is asking for each request.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "http/router.hpp"
#include "identity/lockout.hpp"
#include "identity/mandate.hpp"
#include "identity/oidc.hpp"
#include "identity/policy.hpp"
#include "identity/session.hpp"
#include "identity/session_store.hpp"
#include "identity/staff_store.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::identity {

struct AuthConfig {
  std::string public_url;  // e.g. https://loket.example.nl, for the Origin check
  SessionTimeouts timeouts;
  std::vector<ProviderConfig> providers;
  bool demo = false;  // /auth/demo: log in as a test resident or business without a provider
  LockoutPolicy lockout;
  // The server listens on a loopback address only (make run): a page it served itself at
  // http://localhost:PORT, http://127.0.0.1:PORT or http://[::1]:PORT is as much our own site
  // as public_url, since no other site can be reached there under that Host.
  bool loopback_listen = false;
};

// True when a request's Origin is this site: the public URL's origin, or, when the server
// listens on loopback only, http://HOST where HOST is the request's own Host header and a
// loopback name (localhost, 127.0.0.1, [::1]) with its port.
bool is_own_origin(std::string_view origin, std::string_view public_url, bool loopback_listen,
                   std::string_view host);

// The logged-in person or business behind a request.
struct Subject {
  std::string kind;           // "resident" or "business"
  std::string number;         // BSN or KvK number
  std::string establishment;  // eHerkenning branch, may be empty
  std::string provider;
  std::string csrf_token;
  std::string session_hash;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::vector<std::string> roles;     // staff: their roles in any organisation
  std::optional<Mandate> acting_for;  // a resident acting for someone else under this mandate
  // Staff: each role with its organisation, read with the session (one read per request).
  std::vector<StaffRole> staff_roles;

  Actor actor() const {
    Actor a{kind, number, {}, acting_for ? &*acting_for : nullptr};
    for (const auto& r : roles) a.roles.push_back(r);
    return a;
  }
};

class Auth {
 public:
  Auth(db::Database& db, const privacy::KeyRing& keys, AuthConfig config);

  db::Database& database() { return db_; }
  const AuthConfig& config() const { return config_; }
  const privacy::KeyRing& keys() const { return keys_; }

  // /auth/{provider}/login, /auth/{provider}/callback, /auth/{provider}/backchannel-logout,
  // /auth/logout, /auth/staff/login, /api/v1/me (+ /processing-log, /export); in demo mode
  // also /auth/demo.
  void add_routes(http::Router& router);

  // The active session's subject, or nullopt; refreshes the idle timer (at most once a minute).
  std::optional<Subject> subject(const http::Request& request);

  // The active subject, or throws Unauthorized with `what_for` in the detail.
  Subject require_subject(const http::Request& request, std::string_view what_for);

  // Throws Forbidden when the request says it comes from another site (Origin header).
  void require_same_origin(const http::Request& request) const;

  // Throws Forbidden unless a state-changing request carries the session's CSRF token (header
  // X-CSRF-Token or form field csrf) and, when it sends one, our Origin.
  void require_csrf(const http::Request& request, const Subject& subject) const;

  // Another module's part of /api/v1/me/export (the cases, say): `part` returns what it holds
  // about the subject, put in the export under `name`. Register before serving.
  using ExportPart = std::function<boost::json::value(const Subject&)>;
  void add_export_part(std::string name, ExportPart part);

 private:
  http::Response login(http::Request& request);
  http::Response callback(http::Request& request);
  http::Response logout(http::Request& request);
  http::Response backchannel_logout(http::Request& request);
  http::Response me(http::Request& request);
  http::Response processing_log(http::Request& request);
  http::Response data_export(http::Request& request);
  http::Response demo_page(http::Request& request);
  http::Response demo_login(http::Request& request);
  http::Response staff_login(http::Request& request);
  // Stores a new session (replacing the browser's old one) and answers with its cookie.
  http::Response start_session(const http::Request& request, const std::string& kind,
                               const std::string& number, const std::string& establishment,
                               const std::string& provider, const std::string& sub,
                               const std::string& sid, const std::string& return_to);
  // The same for staff: answers 200 with JSON instead of a redirect, logs no data processing.
  http::Response start_staff_session(const http::Request& request, const std::string& account_id);
  // Stores a new staff session (replacing the browser's old one); returns its id and record.
  std::pair<std::string, SessionRecord> store_staff_session(const http::Request& request,
                                                            const std::string& account_id,
                                                            const std::string& provider,
                                                            const std::string& sub,
                                                            const std::string& sid);
  // The callback of the organisation's identity provider: the e-mail claim names the account.
  http::Response staff_oidc_login(const http::Request& request, const LoginIdentity& id,
                                  const std::string& provider, const std::string& return_to);
  // A new session id (returned) and its record, the subject encrypted and indexed.
  std::pair<std::string, SessionRecord> new_session(const std::string& kind,
                                                    const std::string& number,
                                                    const std::string& establishment,
                                                    const std::string& provider,
                                                    const std::string& sub, const std::string& sid);
  OidcProvider& provider(std::string_view name);

  db::Database& db_;
  const privacy::KeyRing& keys_;
  AuthConfig config_;
  std::map<std::string, std::unique_ptr<OidcProvider>, std::less<>> providers_;
  std::vector<std::pair<std::string, ExportPart>> export_parts_;
};

}  // namespace loket::identity
