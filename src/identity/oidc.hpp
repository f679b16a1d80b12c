// An OpenID Connect relying party for one provider (a DigiD or eHerkenning broker, or the
// organisation's own identity provider for staff): discovery,
// key set, the authorization URL and the code exchange with ID token validation.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace loket::identity {

enum class Means { DigiD, EHerkenning, Staff };

struct ProviderConfig {
  std::string name;  // "digid", "eherkenning" or "staff-oidc": the path segment in /auth/{name}/…
  Means means = Means::DigiD;
  std::string issuer;
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri;              // PUBLIC_URL/auth/{name}/callback
  std::string post_logout_redirect_uri;  // PUBLIC_URL/
  std::string scope = "openid";
  std::string bsn_claim = "bsn";
  std::string kvk_claim = "kvk";
  std::string establishment_claim = "vestiging";
  std::string email_claim = "email";  // Means::Staff: names the staff account
};

// Who logged in, as the provider's verified ID token says.
struct LoginIdentity {
  Means means = Means::DigiD;
  std::string number;         // BSN, KvK number, or (staff) e-mail address in lower case
  std::string establishment;  // eHerkenning branch number, may be empty
  std::string sub;
  std::string sid;  // the provider's session id, for back-channel logout
};

struct LoginOutcome {
  std::optional<LoginIdentity> identity;
  std::string refusal;  // why not, for the log; never shown with personal data
};

class OidcProvider {
 public:
  explicit OidcProvider(ProviderConfig config) : config_(std::move(config)) {}
  const ProviderConfig& config() const { return config_; }

  // The URL to send the browser to; fetches the provider's metadata on first use. nullopt
  // with `error` when the provider cannot be reached.
  std::optional<std::string> authorization_url(const std::string& state, const std::string& nonce,
                                               const std::string& code_verifier,
                                               std::string* error);

  // Exchanges the code, verifies the ID token (signature, alg, iss, aud, exp, iat, nonce) and
  // reads the identity from the configured claims.
  LoginOutcome complete(const std::string& code, const std::string& code_verifier,
                        const std::string& nonce);

  // Verifies a back-channel logout token; returns its claims or nullopt with `error`.
  std::optional<boost::json::object> verify_logout_token(const std::string& token,
                                                         std::string* error);

  // Where to send the browser after our own logout (RP-initiated), or empty when the provider
  // offers no end_session_endpoint.
  std::string end_session_url();

  // Whether the provider says it sends `iss` in authorization responses (RFC 9207).
  bool requires_iss_parameter();

 private:
  struct Metadata {
    std::string authorization_endpoint, token_endpoint, jwks_uri, end_session_endpoint;
    bool iss_parameter = false;
  };
  std::optional<Metadata> metadata(std::string* error);
  std::optional<std::string> jwks(bool refresh, std::string* error);
  std::optional<boost::json::object> verify(const std::string& token, std::string* error);

  ProviderConfig config_;
  std::mutex mutex_;
  std::optional<Metadata> metadata_;
  std::chrono::steady_clock::time_point metadata_at_{};
  std::string jwks_;
  std::chrono::steady_clock::time_point jwks_at_{};
};

}  // namespace loket::identity
