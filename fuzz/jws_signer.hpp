// A fixed provider key for the OpenID Connect targets: its JWKS, and ES256 signing of arbitrary
// payloads with it, so the fuzzer reaches what happens after a signature verifies.
#pragma once

#include <cjose/cjose.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace loket::fuzz {

// Test keys made for the fuzz targets only (P-256 with its private part; an RSA public key so
// that a token naming it reaches the RSA verifier). Never used anywhere else.
inline constexpr std::string_view kProviderKey =
    R"({"kty":"EC","crv":"P-256","kid":"fuzz-es256","use":"sig",)"
    R"("x":"WvRDchT4c9tmKlLOeBK1Hy3NLQ5ZunQDDQ9yDQJeVy0",)"
    R"("y":"gPlST-h3IEz6tjtDxvsPf9m5_ECEEaojSMBRvam9Db4",)"
    R"("d":"K4_0YFJ0u6wgEa9eCYLeNQguOTWHII32E3hi2eaoVE4"})";

inline constexpr std::string_view kProviderJwks =
    R"({"keys":[{"kty":"EC","crv":"P-256","kid":"fuzz-es256","use":"sig",)"
    R"("x":"WvRDchT4c9tmKlLOeBK1Hy3NLQ5ZunQDDQ9yDQJeVy0",)"
    R"("y":"gPlST-h3IEz6tjtDxvsPf9m5_ECEEaojSMBRvam9Db4"},)"
    R"({"kty":"RSA","kid":"fuzz-rs256","use":"sig","e":"AQAB","n":")"
    R"(vKlCtjeQcAHGfGeR6CYkfbQvFLwEz-DeBntJgMFTSO8UBVTFakUFW6KDYaoMHsi-HQlEw9BP8v9d_PBzxHlm-LvVDnlO)"
    R"(DGQ6r9fvgZiP3H7vvrJ9ShsVqbaq2HJ7DjXh-qHQIlWEc0QadZ1B5qIxhnAQJDfiHU6j7aA1C8x0dZPXjt5wanYiI6WM)"
    R"(2V2yHCbOi3CToDB9Iy4pYsLJzKfeXZj4_YIqvLSXmbErv4hBM_PvPpLyKlGp2pU_D0lD-DW-i05GsC4PR5g7S027sozI)"
    R"(WldmErdE2OTPx56RKp9W0JhU3G4PygxOGyQ6_1oA6nmM5F1sUOk23_a2KNuV2M_a3w"},)"
    R"({"kty":"oct","kid":"fuzz-oct","k":"c2VjcmV0"}]})";

// The compact JWS of `payload` (any bytes) signed ES256 with kProviderKey, kid "fuzz-es256".
inline std::optional<std::string> es256_token(std::string_view payload) {
  struct KeyDeleter {
    void operator()(cjose_jwk_t* k) const { cjose_jwk_release(k); }
  };
  struct JwsDeleter {
    void operator()(cjose_jws_t* j) const { cjose_jws_release(j); }
  };
  struct HeaderDeleter {
    void operator()(cjose_header_t* h) const { cjose_header_release(h); }
  };
  cjose_err err{};
  static const std::unique_ptr<cjose_jwk_t, KeyDeleter> key(
      cjose_jwk_import(kProviderKey.data(), kProviderKey.size(), &err));
  if (!key) {
    std::fprintf(stderr, "fuzz: the provider key does not import: %s\n", err.message);
    std::abort();
  }
  std::unique_ptr<cjose_header_t, HeaderDeleter> header(cjose_header_new(&err));
  if (!header || !cjose_header_set(header.get(), CJOSE_HDR_ALG, CJOSE_HDR_ALG_ES256, &err) ||
      !cjose_header_set(header.get(), CJOSE_HDR_KID, "fuzz-es256", &err)) {
    return std::nullopt;
  }
  std::unique_ptr<cjose_jws_t, JwsDeleter> jws(
      cjose_jws_sign(key.get(), header.get(), reinterpret_cast<const std::uint8_t*>(payload.data()),
                     payload.size(), &err));
  const char* compact = nullptr;
  if (!jws || !cjose_jws_export(jws.get(), &compact, &err) || compact == nullptr) {
    return std::nullopt;
  }
  return std::string(compact);
}

}  // namespace loket::fuzz
