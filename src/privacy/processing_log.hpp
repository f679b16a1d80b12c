// The processing log (Logboek Dataverwerkingen): what was done with whose personal data, by
// whom and why. Written in the same transaction as the change it describes; never changed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::privacy {

// A processing activity from the register: its URI, purpose and legal basis, in plain Dutch.
struct Activity {
  std::string_view id;
  std::string_view purpose;
  std::string_view legal_basis;
};

inline constexpr Activity kAuthentication{"urn:loket:verwerkingsactiviteit:inloggen",
                                          "Vaststellen wie u bent, zodat u uw zaken kunt regelen.",
                                          "Wet digitale overheid (Wdo)"};
inline constexpr Activity kMandates{
    "urn:loket:verwerkingsactiviteit:machtigen",
    "Vastleggen wie namens u zaken mag regelen, en tot wanneer.",
    "Algemene wet bestuursrecht artikel 2:1 (vertegenwoordiging door een gemachtigde)"};
inline constexpr Activity kAccessRequest{
    "urn:loket:verwerkingsactiviteit:inzage",
    "U vroeg een kopie van alle gegevens die Loket over u heeft.",
    "AVG artikel 15 (recht op inzage) en 20 (dataportabiliteit)"};

inline constexpr Activity kCaseHandling{
    "urn:loket:verwerkingsactiviteit:zaakbehandeling",
    "Uw aanvraag, melding of bezwaar behandelen.",
    "Algemene wet bestuursrecht, titel 4.1 (beschikkingen) en de wet van het product"};

enum class Status { Unknown = 0, Ok = 1, Error = 2 };

struct Processing {
  std::string trace_id;             // W3C trace id of the request (32 hex)
  std::string parent_operation_id;  // the request's span (16 hex), may be empty
  std::string name;                 // the operation, e.g. "login"
  Status status = Status::Ok;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  Activity activity;
  std::string subject_number;  // BSN or KvK number of the data subject
  std::string subject_kind;    // "bsn" or "kvk": the blind index purpose
  std::string actor_kind;      // resident, business, staff, system
  std::string actor_organisation;
  std::string actor_role;
  bool acting_for_self = true;
  std::string actor_number;  // BSN of a representative or resident who acted, when not the subject
};

// Appends one record and returns its operation id (8 random bytes, hex).
std::string append_processing(db::Connection& c, const KeyRing& keys, const Processing& p);

struct ProcessingEntry {
  std::string operation_id, trace_id, name, activity, purpose, legal_basis;
  Status status = Status::Ok;
  std::int64_t start_ms = 0, end_ms = 0;
  std::string actor_kind, actor_organisation, actor_role;
  bool acting_for_self = true;
};

struct ProcessingPage {
  std::vector<ProcessingEntry> entries;  // newest first
  std::int64_t total = 0;
};

ProcessingPage processing_for_subject(db::Connection& c, const KeyRing& keys,
                                      const std::string& number, const std::string& kind,
                                      std::int64_t offset, std::int64_t limit);

std::int64_t unix_millis();

}  // namespace loket::privacy
