#include "standards/zgw/clients.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <stdexcept>

#include "identity/staff.hpp"

namespace loket::zgw {

std::optional<std::string> validate(const NewClient& c) {
  auto id_ok = !c.client_id.empty() && c.client_id.size() <= 100 &&
               std::all_of(c.client_id.begin(), c.client_id.end(), [](char ch) {
                 return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' ||
                        ch == '.';
               });
  if (!id_ok) return "--id: 1 to 100 letters, digits, '-', '_' or '.'";
  if (c.secret.size() < 16) return "--secret: at least 16 characters";
  if (c.all_rights && !c.autorisaties.empty()) {
    return "--all-rights: give either all rights or specific autorisaties, not both";
  }
  if (!c.all_rights && c.autorisaties.empty()) {
    return "--all-rights: give all rights or at least one autorisatie (--component, --scopes)";
  }
  return std::nullopt;
}

void store_secret(db::Connection& c, const privacy::KeyRing& keys, const std::string& client_id,
                  const std::string& secret) {
  auto enc = privacy::encrypt(keys, secret, "zgw_client_secrets:" + client_id);
  c.execute("DELETE FROM zgw_client_secrets WHERE client_id = $1", {client_id});
  c.execute("INSERT INTO zgw_client_secrets (client_id, secret_enc) VALUES ($1, $2)",
            {client_id, enc});
}

std::string add_client(db::Database& db, const privacy::KeyRing& keys, const NewClient& client) {
  auto uuid = identity::new_uuid();
  boost::json::object data{{"uuid", uuid},
                           {"url", "/zgw/autorisaties/api/v1/applicaties/" + uuid},
                           {"clientIds", boost::json::array{boost::json::string(client.client_id)}},
                           {"label", client.label.empty() ? client.client_id : client.label},
                           {"heeftAlleAutorisaties", client.all_rights},
                           {"autorisaties", client.autorisaties}};
  try {
    db.write([&](db::Connection& c) {
      c.execute(
          "INSERT INTO zgw_applicaties (uuid, data, label, heeft_alle_autorisaties)"
          " VALUES ($1, $2, $3, $4)",
          {uuid, boost::json::serialize(data), boost::json::value_to<std::string>(data["label"]),
           std::int64_t{client.all_rights ? 1 : 0}});
      c.execute("INSERT INTO zgw_client_ids (client_id, applicatie) VALUES ($1, $2)",
                {client.client_id, uuid});
      store_secret(c, keys, client.client_id, client.secret);
      c.execute("UPDATE zgw_autorisaties_version SET version = version + 1 WHERE id = 1");
    });
  } catch (const db::ConstraintError&) {
    throw std::invalid_argument("--id: client_id " + client.client_id +
                                " already belongs to an application");
  }
  return uuid;
}

}  // namespace loket::zgw
