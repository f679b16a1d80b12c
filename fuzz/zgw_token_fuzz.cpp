// Fuzzes the ZGW bearer token (token.hpp): the Authorization header, the unverified client_id
// peek, and verify_token with a fixed secret, both on the input as token text and on the input
// as the claims of a token signed with that secret, so the claim checks see arbitrary JSON.
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <variant>

#include "standards/zgw/token.hpp"
#include "support.hpp"

namespace {

namespace zgw = loket::zgw;
using loket::fuzz::finding;

constexpr std::string_view kSecret = "fuzz-secret-of-at-least-32-bytes!";
constexpr std::int64_t kNow = 1'790'000'000;  // a fixed clock, so that a crash replays
constexpr zgw::TokenRules kRules{.now = kNow};

void verify(const std::string& token) {
  auto result = zgw::verify_token(token, kSecret, kRules);
  const auto* claims = std::get_if<zgw::TokenClaims>(&result);
  if (claims == nullptr) {
    if (std::get<std::string>(result).empty()) finding("verify_token refused without a reason");
    return;
  }
  if (claims->iss.empty() || claims->client_id.empty())
    finding("a token without iss or client_id passed");
  if (claims->iat > kNow + kRules.clock_skew ||
      claims->iat < kNow - kRules.max_age - kRules.clock_skew) {
    finding("a token with iat outside the window passed");
  }
  if (zgw::peek_client_id(token) != claims->client_id)
    finding("peek_client_id reads another client_id");
  // What sign_token makes of the claims verifies to the same claims.
  auto again = zgw::verify_token(zgw::sign_token(*claims, kSecret), kSecret, kRules);
  const auto* same = std::get_if<zgw::TokenClaims>(&again);
  if (same == nullptr || same->iss != claims->iss || same->client_id != claims->client_id ||
      same->iat != claims->iat || same->user_id != claims->user_id ||
      same->user_representation != claims->user_representation) {
    finding("sign_token and verify_token do not round-trip");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT
  auto text = loket::fuzz::as_text(data, size);
  try {
    for (const auto& header : {std::string(text), "Bearer " + std::string(text)}) {
      if (auto token = zgw::bearer_token(header)) {
        if (token->empty() || token->front() == ' ' || !header.ends_with(*token)) {
          finding("bearer_token returns what is not the header's token");
        }
      }
    }
    (void)zgw::peek_client_id(text);
    verify(std::string(text));
    verify(loket::zgw::sign_hs256(text, kSecret));
  } catch (const std::exception& e) {
    loket::fuzz::unexpected("the ZGW token checks", e);
  }
  return 0;
}
