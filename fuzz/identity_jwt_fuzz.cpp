// Fuzzes OpenID Connect token verification (identity/jwt.hpp): peek_header and verify_jws of
// the input as token text against a fixed provider key set, and the input as the claims of a
// token that key signed, through verify_jws, check_id_token and check_logout_token.
#include <boost/json.hpp>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "identity/jwt.hpp"
#include "jws_signer.hpp"
#include "support.hpp"

namespace {

namespace identity = loket::identity;
using loket::common::text;
using loket::fuzz::finding;

constexpr std::int64_t kNow = 1'790'000'000;  // a fixed clock, so that a crash replays

void claims_checks(const boost::json::object& claims) {
  identity::IdTokenRules id{.issuer = "https://broker.example.nl",
                            .client_id = "loket",
                            .nonce = "n-0S6_WzA2Mj",
                            .now = kNow};
  if (!identity::check_id_token(claims, id)) {
    if (text(claims, "iss") != id.issuer || text(claims, "nonce") != id.nonce ||
        text(claims, "sub").empty()) {
      finding("check_id_token accepts another issuer, nonce or no sub");
    }
  }
  auto logout = id;
  logout.nonce.clear();
  if (!identity::check_logout_token(claims, logout)) {
    if (text(claims, "iss") != logout.issuer || claims.contains("nonce") ||
        text(claims, "jti").empty()) {
      finding("check_logout_token accepts another issuer, a nonce or no jti");
    }
  }
}

// A token verifies only when signed ES256 by the key with kid fuzz-es256, the only one whose
// private part exists: no other algorithm or key (RSA, a symmetric key, none) may pass.
void verify(std::string_view token) {
  std::string reason;
  auto claims = identity::verify_jws(token, loket::fuzz::kProviderJwks, &reason);
  if (!claims) {
    if (reason.empty()) finding("verify_jws refused without a reason");
    return;
  }
  auto header = identity::peek_header(token);
  if (!header || header->alg != "ES256" || header->kid != "fuzz-es256") {
    finding("verify_jws accepted a token not signed ES256 by the provider's key");
  }
  claims_checks(*claims);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT
  auto input = loket::fuzz::as_text(data, size);
  try {
    (void)identity::peek_header(input);
    verify(input);
    if (auto signed_token = loket::fuzz::es256_token(input)) {
      std::string reason;
      auto claims = identity::verify_jws(*signed_token, loket::fuzz::kProviderJwks, &reason);
      boost::system::error_code ec;
      auto parsed = boost::json::parse(input, ec);
      if (!ec && parsed.is_object() && !claims)
        finding("a token the provider signed does not verify");
      if (claims) claims_checks(*claims);
    }
  } catch (const std::exception& e) {
    loket::fuzz::unexpected("the ID token checks", e);
  }
  return 0;
}
