// Key rotation for identity data (and the ZGW client secrets): select,
// decrypt with whichever key made it, encrypt with the current one, update, all inside the caller's
// transaction.
#include "identity/key_rotation.hpp"

#include <stdexcept>
#include <string>

namespace loket::identity {
namespace {

struct Column {
  std::string_view select;  // id, value
  std::string_view update;  // $1 id, $2 new value
  std::string_view associated_data_prefix;
};

constexpr Column kColumns[] = {
    {"SELECT id_hash, subject_enc FROM sessions",
     "UPDATE sessions SET subject_enc = $2 WHERE id_hash = $1", "sessions.subject_enc:"},
    {"SELECT id, subject_enc FROM mandates", "UPDATE mandates SET subject_enc = $2 WHERE id = $1",
     "mandates.subject_enc:"},
    {"SELECT id, representative_enc FROM mandates",
     "UPDATE mandates SET representative_enc = $2 WHERE id = $1", "mandates.representative_enc:"},
    {"SELECT id, totp_secret_enc FROM staff_accounts",
     "UPDATE staff_accounts SET totp_secret_enc = $2 WHERE id = $1",
     "staff_accounts.totp_secret_enc:"},
    {"SELECT client_id, secret_enc FROM zgw_client_secrets",
     "UPDATE zgw_client_secrets SET secret_enc = $2 WHERE client_id = $1", "zgw_client_secrets:"},
};

std::int64_t rotate(db::Connection& c, const privacy::KeyRing& keys, const Column& column) {
  auto rows = c.query(column.select);
  std::int64_t changed = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& id = rows[i].text(0);
    const auto& token = rows[i].text(1);
    if (!privacy::needs_reencryption(keys, token)) continue;
    auto ad = std::string(column.associated_data_prefix) + id;
    auto plain = privacy::decrypt(keys, token, ad);
    if (!plain) {
      throw std::runtime_error("cannot decrypt " + std::string(column.associated_data_prefix) +
                               " of one row: is an old key missing from the key file?");
    }
    c.execute(column.update, {id, privacy::encrypt(keys, *plain, ad)});
    ++changed;
  }
  return changed;
}

}  // namespace

Reencrypted reencrypt_identity_data(db::Connection& c, const privacy::KeyRing& keys) {
  Reencrypted r;
  r.sessions = rotate(c, keys, kColumns[0]);
  r.mandates = rotate(c, keys, kColumns[1]) + rotate(c, keys, kColumns[2]);
  r.staff = rotate(c, keys, kColumns[3]);
  r.zgw_clients = rotate(c, keys, kColumns[4]);
  return r;
}

}  // namespace loket::identity
