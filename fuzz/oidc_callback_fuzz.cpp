// Fuzzes what an OpenID Connect provider (or someone posing as one) sends back: the callback's
// request target and Cookie header, and the back-channel logout body. The callback handler
// (identity/auth.cpp) reads them inline before it touches the database, so this runs the same
// pure steps it does: the query parameters (code, state, error, iss, returnTo), the login and
// session cookies (http/cookies.hpp), the state's hash and the safe return path
// (identity/session.hpp), and for a logout the form field (http/form.hpp), verify_jws and
// check_logout_token (identity/jwt.hpp), the latter also on the same claims signed by the
// provider's key. Input: line 1 the target, line 2 the Cookie header, the rest the POST body.
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "common/base64.hpp"
#include "http/cookies.hpp"
#include "http/form.hpp"
#include "identity/jwt.hpp"
#include "identity/session.hpp"
#include "jws_signer.hpp"
#include "support.hpp"

namespace {

namespace http = loket::http;
namespace identity = loket::identity;
using loket::fuzz::finding;

constexpr std::int64_t kNow = 1'790'000'000;  // a fixed clock, so that a crash replays

void callback(http::Request& request, std::string_view cookie_header) {
  request.headers.add("Cookie", cookie_header);
  for (auto name : {"error", "error_description", "code", "state", "iss"}) {
    (void)request.query_param(name);
  }
  if (auto state = request.query_param("state")) {
    auto hash = identity::token_hash(*state);
    if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
      finding("token_hash is not 64 hex digits");
    }
  }
  for (auto name : {identity::kLoginCookie, identity::kSessionCookie}) {
    if (auto value = http::cookie(request, name); value && value->find(';') != std::string::npos) {
      finding("a cookie value runs into the next cookie");
    }
  }
  // The login's returnTo, the path the callback redirects to (Location).
  auto return_to = std::string(request.query_param("returnTo").value_or("/"));
  if (identity::is_local_path(return_to)) {
    auto ref = boost::urls::parse_uri_reference(return_to);
    if (return_to.starts_with("//") || return_to.starts_with("/\\") ||
        (ref && (ref->has_scheme() || ref->has_authority()))) {
      finding("is_local_path accepts a path that leaves this site");
    }
  }
}

void backchannel_logout(std::string_view body) {
  auto token = http::form_field(body, "logout_token");
  if (!token || token->empty()) return;
  identity::IdTokenRules rules{
      .issuer = "https://broker.example.nl", .client_id = "loket", .nonce = {}, .now = kNow};
  std::string reason;
  if (auto claims = identity::verify_jws(*token, loket::fuzz::kProviderJwks, &reason)) {
    (void)identity::check_logout_token(*claims, rules);
  }
  // The same claims as the provider would sign them.
  auto first = token->find('.');
  auto second = token->find('.', first == std::string::npos ? first : first + 1);
  if (second == std::string::npos) return;
  auto payload = loket::common::base64url_decode(
      std::string_view(*token).substr(first + 1, second - first - 1));
  if (!payload) return;
  if (auto resigned = loket::fuzz::es256_token(*payload)) {
    if (auto claims = identity::verify_jws(*resigned, loket::fuzz::kProviderJwks, &reason)) {
      (void)identity::check_logout_token(*claims, rules);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT
  auto [target, rest] = loket::fuzz::first_line(loket::fuzz::as_text(data, size));
  auto [cookie_header, body] = loket::fuzz::first_line(rest);
  try {
    if (auto request = loket::fuzz::request_from_target(target)) callback(*request, cookie_header);
    backchannel_logout(body);
  } catch (const std::exception& e) {
    loket::fuzz::unexpected("the OIDC callback steps", e);
  }
  return 0;
}
