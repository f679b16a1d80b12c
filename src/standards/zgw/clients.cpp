#include "standards/zgw/clients.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <stdexcept>

#include "common/uuid.hpp"
#include "standards/zgw/rights.hpp"

namespace loket::zgw {

const std::vector<std::string_view>& scopes_of(std::string_view component) {
  // From the API specifications in the standard (security requirements of each operation).
  static const std::vector<std::string_view> kAc{"autorisaties.lezen", "autorisaties.bijwerken"};
  static const std::vector<std::string_view> kNrc{"notificaties.consumeren",
                                                  "notificaties.publiceren"};
  static const std::vector<std::string_view> kZrc{"zaken.lezen",
                                                  "zaken.aanmaken",
                                                  "zaken.bijwerken",
                                                  "zaken.verwijderen",
                                                  "zaken.heropenen",
                                                  "zaken.statussen.toevoegen",
                                                  "zaken.geforceerd-bijwerken",
                                                  "audittrails.lezen"};
  static const std::vector<std::string_view> kZtc{"catalogi.lezen", "catalogi.schrijven",
                                                  "catalogi.geforceerd-schrijven",
                                                  "catalogi.geforceerd-verwijderen"};
  static const std::vector<std::string_view> kDrc{"documenten.lezen",
                                                  "documenten.aanmaken",
                                                  "documenten.bijwerken",
                                                  "documenten.verwijderen",
                                                  "documenten.lock",
                                                  "documenten.geforceerd-bijwerken",
                                                  "documenten.geforceerd-unlock",
                                                  "audittrails.lezen"};
  static const std::vector<std::string_view> kBrc{"besluiten.lezen", "besluiten.aanmaken",
                                                  "besluiten.bijwerken", "besluiten.verwijderen",
                                                  "audittrails.lezen"};
  static const std::vector<std::string_view> kNone;
  if (component == "ac") return kAc;
  if (component == "nrc") return kNrc;
  if (component == "zrc") return kZrc;
  if (component == "ztc") return kZtc;
  if (component == "drc") return kDrc;
  if (component == "brc") return kBrc;
  return kNone;
}

std::string_view component_title(std::string_view component) {
  if (component == "ac") return "Autorisaties API";
  if (component == "nrc") return "Notificaties API";
  if (component == "zrc") return "Zaken API";
  if (component == "ztc") return "Catalogi API";
  if (component == "drc") return "Documenten API";
  if (component == "brc") return "Besluiten API";
  return {};
}

std::vector<MissingLimit> missing_limits(std::string_view component, bool has_type,
                                         bool has_max_level) {
  std::vector<MissingLimit> out;
  auto field = type_field(component);
  if (field.empty()) return out;
  if (!has_type) {
    out.push_back({std::string(field), "Geef het " + std::string(field) +
                                           " waartoe de rechten in " + std::string(component) +
                                           " beperkt zijn."});
  }
  if (needs_max_level(component) && !has_max_level) {
    out.push_back({"maxVertrouwelijkheidaanduiding",
                   "Geef de hoogste vertrouwelijkheidaanduiding die deze client in " +
                       std::string(component) + " mag zien."});
  }
  return out;
}

std::optional<std::string> validate(const NewClient& c) {
  auto id_ok =
      !c.client_id.empty() && c.client_id.size() <= 100 &&
      std::all_of(c.client_id.begin(), c.client_id.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.';
      });
  if (!id_ok) return "--id: 1 to 100 letters, digits, '-', '_' or '.'";
  if (c.secret.size() < 16) return "--secret: at least 16 characters";
  if (c.all_rights && !c.autorisaties.empty()) {
    return "--all-rights: give either all rights or specific autorisaties, not both";
  }
  if (!c.all_rights && c.autorisaties.empty()) {
    return "--all-rights: give all rights or at least one autorisatie (--component, --scopes)";
  }
  for (const auto& item : c.autorisaties) {
    const auto& a = item.as_object();
    auto component = boost::json::value_to<std::string>(a.at("component"));
    const auto& known = scopes_of(component);
    if (known.empty())
      return "--component: " + component + " is not one of ac, nrc, zrc, ztc, drc, brc";
    const auto& scopes = a.at("scopes").as_array();
    if (scopes.empty()) return "--scopes: give at least one scope for " + component;
    for (const auto& s : scopes) {
      if (std::find(known.begin(), known.end(), s.as_string()) == known.end()) {
        return "--scopes: " + std::string(s.as_string()) + " is not a scope of " + component;
      }
    }
    const auto* level = a.if_contains("maxVertrouwelijkheidaanduiding");
    if (level && confidentiality_level(level->as_string()) < 0) {
      return "--max-vertrouwelijkheid: " + std::string(level->as_string()) +
             " is not a vertrouwelijkheidaanduiding (openbaar ... zeer_geheim)";
    }
    auto field = type_field(component);
    const auto* type = field.empty() ? nullptr : a.if_contains(field);
    if (field.empty() && a.if_contains("zaaktype")) {
      return "--zaaktype: " + component + " is not limited per type; leave --zaaktype out";
    }
    // What the Autorisaties API refuses, refused here too (the same rule).
    for (const auto& m :
         missing_limits(component, type && type->is_string() && !type->as_string().empty(),
                        level != nullptr)) {
      if (m.field == "maxVertrouwelijkheidaanduiding") {
        return "--max-vertrouwelijkheid: required for a client limited in " + component +
               " (the highest confidentiality it may see, e.g. openbaar); or use --all-rights";
      }
      return "--zaaktype: required for a client limited in " + component + " (the " + m.field +
             " URL its rights are limited to; repeatable); or use --all-rights";
    }
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

void set_secret(db::Database& db, const privacy::KeyRing& keys, const std::string& client_id,
                const std::string& secret) {
  if (secret.size() < 16) throw std::invalid_argument("--secret: at least 16 characters");
  db.write([&](db::Connection& c) {
    // A client_id whose applicatie was deleted keeps its secret, and may have it rotated.
    if (c.query("SELECT 1 FROM zgw_client_ids WHERE client_id = $1 UNION ALL"
                " SELECT 1 FROM zgw_client_secrets WHERE client_id = $1",
                {client_id})
            .empty()) {
      throw std::invalid_argument("--id: no application has client_id " + client_id +
                                  "; add it to one first (loket clients add, or the "
                                  "Autorisaties API)");
    }
    store_secret(c, keys, client_id, secret);
    c.execute("UPDATE zgw_autorisaties_version SET version = version + 1 WHERE id = 1");
  });
}

std::string add_client(db::Database& db, const privacy::KeyRing& keys, const NewClient& client) {
  auto uuid = common::new_uuid();
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
