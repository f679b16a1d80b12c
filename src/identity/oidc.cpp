// OpenID Connect relying party. Metadata and keys are cached for an hour; an unknown key id
// triggers one refresh (key rotation at the provider), at most once a minute.
#include "identity/oidc.hpp"

#include <boost/json.hpp>
#include <boost/url/url.hpp>

#include "common/base64.hpp"
#include "common/json.hpp"
#include "http/client.hpp"
#include "identity/jwt.hpp"
#include "identity/session.hpp"
#include "identity/staff.hpp"

namespace loket::identity {
namespace {

constexpr auto kCacheFor = std::chrono::hours(1);
constexpr auto kRefreshAtMostEvery = std::chrono::minutes(1);

std::optional<boost::json::object> get_json(const std::string& url, std::string* error) {
  auto r = http::fetch({.url = url, .headers = {{"Accept", "application/json"}}}, error);
  if (!r) return std::nullopt;
  if (r->status != 200) {
    if (error) *error = "HTTP " + std::to_string(r->status) + " from " + url;
    return std::nullopt;
  }
  boost::system::error_code ec;
  auto v = boost::json::parse(r->body, ec);
  if (ec || !v.is_object()) {
    if (error) *error = "not a JSON object: " + url;
    return std::nullopt;
  }
  return std::move(v.as_object());
}

std::string basic_auth(const std::string& id, const std::string& secret) {
  // RFC 6749 2.3.1: both parts form-encoded before base64.
  auto raw = http::form_encode(id) + ":" + http::form_encode(secret);
  return "Basic " + common::base64_encode(raw);
}

}  // namespace

std::optional<OidcProvider::Metadata> OidcProvider::metadata(std::string* error) {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (metadata_ && now - metadata_at_ < kCacheFor) return metadata_;
  auto doc = get_json(config_.issuer + "/.well-known/openid-configuration", error);
  if (!doc) return std::nullopt;
  if (common::text(*doc, "issuer") != config_.issuer) {
    if (error) *error = "discovery document names another issuer";
    return std::nullopt;
  }
  Metadata m{common::text(*doc, "authorization_endpoint"), common::text(*doc, "token_endpoint"),
             common::text(*doc, "jwks_uri"), common::text(*doc, "end_session_endpoint")};
  auto* iss = doc->if_contains("authorization_response_iss_parameter_supported");
  m.iss_parameter = iss && iss->is_bool() && iss->as_bool();
  if (m.authorization_endpoint.empty() || m.token_endpoint.empty() || m.jwks_uri.empty()) {
    if (error) *error = "discovery document lacks endpoints";
    return std::nullopt;
  }
  metadata_ = m;
  metadata_at_ = now;
  return metadata_;
}

std::optional<std::string> OidcProvider::jwks(bool refresh, std::string* error) {
  auto m = metadata(error);
  if (!m) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  bool fresh = !jwks_.empty() && now - jwks_at_ < kCacheFor;
  if (fresh && !(refresh && now - jwks_at_ > kRefreshAtMostEvery)) return jwks_;
  auto r = http::fetch({.url = m->jwks_uri, .headers = {{"Accept", "application/json"}}}, error);
  if (!r || r->status != 200) {
    if (r && error) *error = "HTTP " + std::to_string(r->status) + " from the key set";
    return std::nullopt;
  }
  jwks_ = std::move(r->body);
  jwks_at_ = now;
  return jwks_;
}

std::optional<std::string> OidcProvider::authorization_url(const std::string& state,
                                                           const std::string& nonce,
                                                           const std::string& code_verifier,
                                                           std::string* error) {
  auto m = metadata(error);
  if (!m) return std::nullopt;
  boost::urls::url u(m->authorization_endpoint);
  auto params = u.params();
  params.append({"response_type", "code"});
  params.append({"client_id", config_.client_id});
  params.append({"redirect_uri", config_.redirect_uri});
  params.append({"scope", config_.scope});
  params.append({"state", state});
  params.append({"nonce", nonce});
  params.append({"code_challenge", pkce_challenge(code_verifier)});
  params.append({"code_challenge_method", "S256"});
  return std::string(u.buffer());
}

std::optional<boost::json::object> OidcProvider::verify(const std::string& token,
                                                        std::string* error) {
  auto keys = jwks(false, error);
  if (!keys) return std::nullopt;
  auto claims = verify_jws(token, *keys, error);
  if (!claims && error && *error == "no provider key with this kid") {
    keys = jwks(true, error);
    if (!keys) return std::nullopt;
    claims = verify_jws(token, *keys, error);
  }
  return claims;
}

LoginOutcome OidcProvider::complete(const std::string& code, const std::string& code_verifier,
                                    const std::string& nonce) {
  LoginOutcome out;
  auto m = metadata(&out.refusal);
  if (!m) return out;
  std::string body = "grant_type=authorization_code&code=" + http::form_encode(code) +
                     "&redirect_uri=" + http::form_encode(config_.redirect_uri) +
                     "&code_verifier=" + http::form_encode(code_verifier);
  auto r = http::fetch(
      {.method = "POST",
       .url = m->token_endpoint,
       .headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                   {"Accept", "application/json"},
                   {"Authorization", basic_auth(config_.client_id, config_.client_secret)}},
       .body = body},
      &out.refusal);
  if (!r) return out;
  if (r->status != 200) {
    out.refusal = "token endpoint answered HTTP " + std::to_string(r->status);
    return out;
  }
  boost::system::error_code ec;
  auto v = boost::json::parse(r->body, ec);
  if (ec || !v.is_object() || common::text(v.as_object(), "id_token").empty()) {
    out.refusal = "token response without an ID token";
    return out;
  }
  auto claims = verify(common::text(v.as_object(), "id_token"), &out.refusal);
  if (!claims) return out;
  if (auto problem =
          check_id_token(*claims, {config_.issuer, config_.client_id, nonce, unix_now()})) {
    out.refusal = *problem;
    return out;
  }
  LoginIdentity id;
  id.means = config_.means;
  id.sub = common::text(*claims, "sub");
  id.sid = common::text(*claims, "sid");
  if (config_.means == Means::Staff) {
    id.number = lower_email(common::text(*claims, config_.email_claim));
    if (id.number.empty()) {
      out.refusal = "ID token lacks the e-mail claim";
      return out;
    }
    if (auto* verified = claims->if_contains("email_verified");
        verified && verified->is_bool() && !verified->as_bool()) {
      out.refusal = "the provider says the e-mail address is not verified";
      return out;
    }
  } else if (config_.means == Means::DigiD) {
    id.number = common::text(*claims, config_.bsn_claim);
    if (id.number.empty()) {
      out.refusal = "ID token lacks the BSN claim";
      return out;
    }
  } else {
    id.number = common::text(*claims, config_.kvk_claim);
    id.establishment = common::text(*claims, config_.establishment_claim);
    if (id.number.empty()) {
      out.refusal = "ID token lacks the KvK claim";
      return out;
    }
  }
  out.identity = std::move(id);
  return out;
}

std::optional<boost::json::object> OidcProvider::verify_logout_token(const std::string& token,
                                                                     std::string* error) {
  auto claims = verify(token, error);
  if (!claims) return std::nullopt;
  if (auto problem =
          check_logout_token(*claims, {config_.issuer, config_.client_id, "", unix_now()})) {
    if (error) *error = *problem;
    return std::nullopt;
  }
  return claims;
}

std::string OidcProvider::end_session_url() {
  std::string error;
  auto m = metadata(&error);
  if (!m || m->end_session_endpoint.empty()) return {};
  boost::urls::url u(m->end_session_endpoint);
  u.params().append({"client_id", config_.client_id});
  u.params().append({"post_logout_redirect_uri", config_.post_logout_redirect_uri});
  return std::string(u.buffer());
}

bool OidcProvider::requires_iss_parameter() {
  std::string error;
  auto m = metadata(&error);
  return m && m->iss_parameter;
}

}  // namespace loket::identity
