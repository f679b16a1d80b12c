// The case domain's typed values: a case, its product (case type) and status types, statuses,
// parties and the deadline facts. They map one to one onto ZGW (zaak, zaaktype, statustype,
// status, rol), whose tables hold them; no JSON keys travel through the domain code.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_rules.hpp"
#include "common/confidentiality.hpp"

namespace loket::cases {

using common::Confidentiality;

// A step of a product's life as the resident sees it (ZGW statustype).
struct StatusType {
  std::string id;             // uuid
  std::int64_t order = 0;     // volgnummer: the highest is the end status
  std::string name;           // omschrijving
  std::string resident_text;  // statustekst: what the resident is told
  bool notifies = false;      // informeren
};

// A product one can apply for (ZGW zaaktype), with what its rules need.
struct CaseType {
  std::string id;                 // uuid
  std::string name;               // omschrijving
  std::string organisation_rsin;  // of its catalogue: the cases' bronorganisatie
  bool published = false;
  Confidentiality confidentiality = Confidentiality::Openbaar;
  std::optional<Period> term;              // doorlooptijd
  bool suspendable = false;                // opschortingEnAanhoudingMogelijk
  bool may_extend = false;                 // verlengingMogelijk
  std::optional<Period> extension_period;  // verlengingstermijn: the longest extension
  std::vector<StatusType> statuses;        // ordered by `order`
  std::string initiator_role_type;         // uuid of the roltype "initiator", or ""
  std::string initiator_role_name;         // its omschrijving ("Aanvrager")

  const StatusType* first_status() const { return statuses.empty() ? nullptr : &statuses[0]; }
  const StatusType* status(std::string_view id) const {
    for (const auto& s : statuses) {
      if (s.id == id) return &s;
    }
    return nullptr;
  }
  bool is_end(const StatusType& s) const { return &s == &statuses.back(); }
};

// Who a party is; residents and businesses are found by their sealed number.
enum class PartyKind { Resident, Business, Staff, Other };

// A role in a case (ZGW rol). The number (BSN or KvK) is plain here and sealed in the store:
// encrypted bound to the row, plus a blind index.
struct Party {
  std::string id;  // uuid
  std::string case_id;
  PartyKind kind = PartyKind::Resident;
  std::string number;           // BSN (resident), KvK number (business), staff id
  std::string role;             // omschrijvingGeneriek: "initiator", "behandelaar", ...
  std::string role_type;        // roltype uuid, or ""
  std::string note;             // roltoelichting
  std::string registered_at;    // registratiedatum, RFC 3339
  bool representative = false;  // acts for the initiator (indicatieMachtiging gemachtigde)
};

// A status a case reached (ZGW status).
struct Status {
  std::string id;  // uuid
  std::string case_id;
  std::string type_id;  // statustype uuid
  std::string set_at;   // RFC 3339, UTC
  std::string note;     // statustoelichting
};

struct Extension {
  Period period;
  std::string reason;
};

struct Case {
  std::string id;                 // uuid
  std::string reference;          // human, per organisation: "UTR-2026-000123"; "" for ZGW-made
  std::string identification;     // ZGW identificatie
  std::string organisation_rsin;  // bronorganisatie
  std::string case_type_id;       // zaaktype uuid ("" when the zaaktype is on another host)
  std::string description;        // omschrijving
  Confidentiality confidentiality = Confidentiality::Openbaar;
  std::string registered_on;                   // registratiedatum, YYYY-MM-DD
  std::string start_date;                      // startdatum
  std::optional<std::string> end_date;         // einddatum: set when closed
  std::optional<std::string> deadline;         // uiterlijkeEinddatumAfdoening
  std::string status_id;                       // current status uuid, or ""
  std::string result_id;                       // resultaat uuid, or ""
  std::optional<std::string> suspended_since;  // YYYY-MM-DD while suspended ("" when a ZGW
                                               // client suspended it: no start day known)
  std::string suspension_reason;               // opschorting.reden
  std::int64_t suspended_days = 0;             // days of earlier, ended suspensions
  bool suspended_before = false;               // eerdereOpschorting
  std::optional<Extension> extension;          // verlenging: once
  std::string assignee;                        // staff account id, or ""
  std::string answers;                         // the application's answers (JSON text), or ""
  // Set by a closing (zrc-015): the archive parameters to store (nullopt members: none);
  // unset, the stored ones stay.
  struct ArchiveFields {
    std::optional<std::string> nomination;   // archiefnominatie
    std::optional<std::string> action_date;  // archiefactiedatum, YYYY-MM-DD
  };
  std::optional<ArchiveFields> archive;

  bool closed() const { return end_date.has_value(); }
};

// Who makes a change, as the audit trail names them (its applicatie and gebruiker). Never a
// personal number: staff by account id, residents and businesses by their kind only.
struct AuditActor {
  std::string application_id = "loket";  // applicatieId
  std::string application_label = "Loket";
  std::string user_id;     // gebruikersId
  std::string user_label;  // gebruikersWeergave
};

// What the caller may do, decided by the door (the ZGW adapter from scopes, the portal and back
// office from identity::case_access); the service asks only this.
struct Permit {
  bool may_submit = false;         // apply as (or for) a party
  bool may_handle = false;         // set statuses, suspend, extend, record results, assign
  bool may_reopen = false;         // a closed case gets a status that is not the end status
  bool may_change_closed = false;  // a closed case changes (incl. closing it again)
  int may_read_level = -1;         // the highest confidentiality level readable; -1: none
  AuditActor actor;                // who acts, for the audit trail
};

}  // namespace loket::cases
