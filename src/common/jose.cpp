// JOSE on libcjose, with RAII for its handles; Boost.JSON for the parts we read ourselves.
#include "common/jose.hpp"

#include <cjose/cjose.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "common/base64.hpp"

namespace loket::common::jose {
namespace {

struct JwkDeleter {
  void operator()(cjose_jwk_t* k) const { cjose_jwk_release(k); }
};
struct JwsDeleter {
  void operator()(cjose_jws_t* j) const { cjose_jws_release(j); }
};
struct HeaderDeleter {
  void operator()(cjose_header_t* h) const { cjose_header_release(h); }
};
using Jwk = std::unique_ptr<cjose_jwk_t, JwkDeleter>;
using Jws = std::unique_ptr<cjose_jws_t, JwsDeleter>;
using Header = std::unique_ptr<cjose_header_t, HeaderDeleter>;

std::optional<std::string> fail(std::string* reason, std::string why) {
  if (reason != nullptr) *reason = std::move(why);
  return std::nullopt;
}

// The MAC length of an HMAC algorithm, or 0 for another algorithm.
std::size_t mac_bytes(std::string_view alg) {
  if (alg == CJOSE_HDR_ALG_HS256) return 32;
  if (alg == CJOSE_HDR_ALG_HS384) return 48;
  if (alg == CJOSE_HDR_ALG_HS512) return 64;
  return 0;
}

// Verifies an imported JWS. The alg is libcjose's own reading of the header (jansson's), since
// that is what it verifies with, and our parser could read one header otherwise. Releases of
// libcjose up to 0.6.2 neither check that an HMAC key is an "oct" key (they would MAC with the
// bytes of an RSA or EC key) nor compare a MAC's length before its bytes (reading past a shorter
// signature), so both are checked here first.
std::optional<std::string> verify_imported(cjose_jws_t* jws, const cjose_jwk_t* key,
                                           std::size_t signature_bytes,
                                           std::span<const std::string_view> algs,
                                           std::string* reason) {
  cjose_err err{};
  const char* header_alg = cjose_header_get(cjose_jws_get_protected(jws), CJOSE_HDR_ALG, &err);
  std::string_view alg = header_alg == nullptr ? "" : header_alg;
  if (std::find(algs.begin(), algs.end(), alg) == algs.end()) {
    return fail(reason, "algorithm not allowed: " + std::string(alg));
  }
  if (auto mac = mac_bytes(alg); mac != 0) {
    if (cjose_jwk_get_kty(key, &err) != CJOSE_JWK_KTY_OCT) return fail(reason, "key is not oct");
    if (signature_bytes != mac) return fail(reason, "signature does not verify");
  }
  if (!cjose_jws_verify(jws, key, &err)) return fail(reason, "signature does not verify");
  std::uint8_t* payload = nullptr;
  std::size_t length = 0;
  if (!cjose_jws_get_plaintext(jws, &payload, &length, &err)) return fail(reason, "no payload");
  return std::string(reinterpret_cast<const char*>(payload), length);
}

// The decoded length of a part that split() has checked.
std::size_t decoded_size(std::string_view part) { return part.size() * 3 / 4; }

}  // namespace

std::optional<Parts> split(std::string_view token) {
  auto a = token.find('.');
  if (a == std::string_view::npos) return std::nullopt;
  auto b = token.find('.', a + 1);
  if (b == std::string_view::npos || token.find('.', b + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  Parts parts{token.substr(0, a), token.substr(a + 1, b - a - 1), token.substr(b + 1)};
  for (auto part : {parts.header, parts.payload, parts.signature}) {
    if (!base64url_decode(part)) return std::nullopt;
  }
  return parts;
}

std::optional<boost::json::object> decode_object(std::string_view part) {
  auto text = base64url_decode(part);
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(*text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::optional<std::string> verify(std::string_view token, std::string_view jwk_json,
                                  std::span<const std::string_view> algs, std::string* reason) {
  auto parts = split(token);
  if (!parts) return fail(reason, "not a compact JWS of base64url parts");
  cjose_err err{};
  Jwk key(cjose_jwk_import(jwk_json.data(), jwk_json.size(), &err));
  if (!key) return fail(reason, "key unreadable");
  Jws jws(cjose_jws_import(token.data(), token.size(), &err));
  if (!jws) return fail(reason, "token unreadable");
  return verify_imported(jws.get(), key.get(), decoded_size(parts->signature), algs, reason);
}

std::string sign_hs256(std::string_view payload, std::string_view secret) {
  cjose_err err{};
  Jwk key(cjose_jwk_create_oct_spec(reinterpret_cast<const std::uint8_t*>(secret.data()),
                                    secret.size(), &err));
  if (!key) throw std::invalid_argument("HS256: the secret is no usable key");
  Header header(cjose_header_new(&err));
  if (!header || !cjose_header_set(header.get(), CJOSE_HDR_ALG, CJOSE_HDR_ALG_HS256, &err) ||
      !cjose_header_set(header.get(), "typ", "JWT", &err)) {
    throw std::runtime_error(std::string("HS256: no header: ") + err.message);
  }
  Jws jws(cjose_jws_sign(key.get(), header.get(),
                         reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size(),
                         &err));
  const char* compact = nullptr;
  if (!jws || !cjose_jws_export(jws.get(), &compact, &err) || compact == nullptr) {
    throw std::runtime_error(std::string("HS256: signing failed: ") + err.message);
  }
  return compact;
}

std::optional<std::string> verify_hs256(std::string_view token, std::string_view secret) {
  auto parts = split(token);
  if (!parts) return std::nullopt;
  cjose_err err{};
  Jwk key(cjose_jwk_create_oct_spec(reinterpret_cast<const std::uint8_t*>(secret.data()),
                                    secret.size(), &err));
  if (!key) return std::nullopt;
  Jws jws(cjose_jws_import(token.data(), token.size(), &err));
  if (!jws) return std::nullopt;
  static const std::string_view kHs256[] = {CJOSE_HDR_ALG_HS256};
  return verify_imported(jws.get(), key.get(), decoded_size(parts->signature), kHs256, nullptr);
}

NumericDate numeric_date(const boost::json::object& claims, std::string_view name) {
  using State = NumericDate::State;
  const auto* v = claims.if_contains(name);
  if (v == nullptr) return {};
  if (v->is_int64()) {
    auto n = v->get_int64();
    if (n < 0 || n > kMaxNumericDate) return {State::OutOfRange};
    return {State::Valid, n};
  }
  if (v->is_uint64()) {
    auto n = v->get_uint64();
    if (n > static_cast<std::uint64_t>(kMaxNumericDate)) return {State::OutOfRange};
    return {State::Valid, static_cast<std::int64_t>(n)};
  }
  if (v->is_double()) {
    // Compared before the conversion: casting an out-of-range double is undefined behaviour.
    auto x = v->get_double();
    if (!std::isfinite(x) || x < 0 || x > static_cast<double>(kMaxNumericDate)) {
      return {State::OutOfRange};
    }
    return {State::Valid, static_cast<std::int64_t>(x)};
  }
  return {State::NotANumber};
}

}  // namespace loket::common::jose
