// The registry's audit trail (zgw_audittrail): one record per change of a zaak, besluit or
// document, written inside the change's transaction, in the ZGW AuditTrail representation, so
// that `GET …/zaken/{uuid}/audittrail` shows a change whichever door made it (the ZGW APIs, the
// portal, the back office).
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/model.hpp"
#include "db/database.hpp"

namespace loket::cases {

struct AuditEntry {
  std::string bron;  // the component: "ZRC", "BRC", "DRC"
  AuditActor actor;
  std::string action;            // create, update, partial_update, destroy
  int result = 200;              // the HTTP status the change answered with
  std::string owner;             // hoofdObject: the relative URL of the zaak (besluit, document)
  std::string resource;          // "zaak", "status", "resultaat", "rol", ...
  std::string resource_url;      // relative
  std::string note;              // toelichting
  boost::json::value old_value;  // the stored representation before (null: created)
  boost::json::value new_value;  // and after (null: destroyed)
};

// The ZGW actieWeergave of an action ("Object aangemaakt", ...).
std::string_view audit_action_text(std::string_view action);

// Writes one record (uuid and aanmaakdatum: now) in the caller's transaction; returns its uuid.
std::string write_audit(db::Connection& c, const AuditEntry& e);
// The records of `owner`, oldest first (JSON text, relative URLs).
std::vector<std::string> audit_trail_of(db::Database& db, std::string_view owner);
// One record of `owner`, or nullopt.
std::optional<std::string> audit_record(db::Database& db, std::string_view owner,
                                        std::string_view uuid);
// The records of `owner` go with it (a zaak deleted).
void remove_audit_trail(db::Connection& c, std::string_view owner);

}  // namespace loket::cases
