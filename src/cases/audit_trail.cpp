// The audit trail's records and their SQL; see audit_trail.hpp.
#include "cases/audit_trail.hpp"

#include <boost/json.hpp>

#include "common/instant.hpp"
#include "common/uuid.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

constexpr std::string_view kInsert =
    "INSERT INTO zgw_audittrail (uuid, hoofd_object, aanmaakdatum, data) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kOfOwner =
    "SELECT data FROM zgw_audittrail WHERE hoofd_object = $1 ORDER BY aanmaakdatum, uuid";
constexpr std::string_view kOne =
    "SELECT data FROM zgw_audittrail WHERE hoofd_object = $1 AND uuid = $2";
constexpr std::string_view kRemove = "DELETE FROM zgw_audittrail WHERE hoofd_object = $1";

}  // namespace

std::string_view audit_action_text(std::string_view action) {
  if (action == "create") return "Object aangemaakt";
  if (action == "update") return "Object bijgewerkt";
  if (action == "partial_update") return "Object deels bijgewerkt";
  if (action == "destroy") return "Object verwijderd";
  return "";
}

std::string write_audit(db::Connection& c, const AuditEntry& e) {
  auto uuid = common::new_uuid();
  // Microseconds: records of one transaction keep their order (the list sorts by this).
  auto now = common::now_micros();
  json::object entry{{"uuid", uuid},
                     {"bron", e.bron},
                     {"applicatieId", e.actor.application_id},
                     {"applicatieWeergave", e.actor.application_label},
                     {"gebruikersId", e.actor.user_id},
                     {"gebruikersWeergave", e.actor.user_label},
                     {"actie", e.action},
                     {"actieWeergave", audit_action_text(e.action)},
                     {"resultaat", e.result},
                     {"hoofdObject", e.owner},
                     {"resource", e.resource},
                     {"resourceUrl", e.resource_url},
                     {"toelichting", e.note},
                     {"resourceWeergave", e.resource_url},
                     {"aanmaakdatum", now},
                     {"wijzigingen", {{"oud", e.old_value}, {"nieuw", e.new_value}}}};
  c.execute(kInsert, {uuid, e.owner, now, json::serialize(entry)});
  return uuid;
}

std::vector<std::string> audit_trail_of(db::Database& db, std::string_view owner) {
  auto rows = db.read_once(kOfOwner, {std::string(owner)});
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].text(0));
  return out;
}

std::optional<std::string> audit_record(db::Database& db, std::string_view owner,
                                        std::string_view uuid) {
  auto rows = db.read_once(kOne, {std::string(owner), std::string(uuid)});
  if (rows.empty()) return std::nullopt;
  return rows[0].text(0);
}

void remove_audit_trail(db::Connection& c, std::string_view owner) {
  c.execute(kRemove, {std::string(owner)});
}

}  // namespace loket::cases
