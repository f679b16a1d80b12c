// The rules of decisions (besluiten), pure and without I/O: the objection window (Awb 6:7, 6:8
// with the Algemene termijnenwet), who may approve a four-eyes decision, the archive date a
// zaak takes from its decisions (zrc-015) and the generated identificatie (brc-002).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/case_rules.hpp"

namespace loket::cases {

// ---- the objection window -------------------------------------------------------------------

// Awb 6:7: six weeks to object. Awb 6:8: it starts the day after the decision was made known
// (bekendmaking: sent to the addressee, or published); it ends six weeks after the day of
// bekendmaking. Algemene termijnenwet art. 1 and 3: a last day on a Saturday, Sunday or a
// generally recognised holiday moves to the next day that is none of those.
struct ObjectionWindow {
  std::chrono::sys_days from;   // the first day an objection may be filed
  std::chrono::sys_days until;  // the last day, inclusive
};
ObjectionWindow objection_window(std::chrono::sys_days made_known);
// The day a decision was made known: the day it was sent, else the day it was published;
// nullopt when neither happened (no window yet).
std::optional<std::chrono::sys_days> made_known_on(std::optional<std::chrono::sys_days> sent,
                                                   std::optional<std::chrono::sys_days> published);
// Generally recognised holidays of the Algemene termijnenwet (art. 3): New Year's Day, Easter
// Monday, Ascension Day, Whit Monday, Christmas Day and Boxing Day, King's Day (27 April, the
// 26th when the 27th is a Sunday) and Liberation Day (5 May).
bool is_holiday(std::chrono::sys_days day);
// Not a Saturday, Sunday or holiday.
bool is_working_day(std::chrono::sys_days day);
// Easter Sunday of `year` (Gregorian calendar).
std::chrono::sys_days easter_sunday(int year);

// ---- four-eyes ------------------------------------------------------------------------------

// Why an approval is refused, or nullopt when `approver` may approve what `drafter` decided:
// a different person with the approver role of the case's organisation.
enum class ApprovalRefusal { SamePerson, NotApprover, NotDraft };
std::optional<ApprovalRefusal> check_approval(std::string_view drafter, std::string_view approver,
                                              bool approver_has_role, bool is_draft);

// ---- fields ---------------------------------------------------------------------------------

// The vervalreden values of the Besluiten API and their weergave.
inline constexpr std::string_view kExpiryReasons[] = {"tijdelijk", "ingetrokken_overheid",
                                                      "ingetrokken_belanghebbende"};
// "" for an unknown value.
std::string_view expiry_reason_label(std::string_view reason);

// A decision's dates that belong together: a vervaldatum is not before the ingangsdatum.
// The field that is wrong ("vervaldatum"), or nullopt.
std::optional<std::string> check_dates(std::chrono::sys_days effective_from,
                                       std::optional<std::chrono::sys_days> expires_on);

// The identificatie generated for the n-th decision of a year: "BESLUIT-2026-0000000001".
std::string decision_identification(int year, std::int64_t n);

// ---- archiving (zrc-015) --------------------------------------------------------------------

// ingangsdatum_besluit / vervaldatum_besluit: the latest of the dates of the zaak's decisions
// (a decision without a vervaldatum has none to give); nullopt when there is none.
std::optional<std::chrono::sys_days> latest_decision_date(
    const std::vector<std::optional<std::chrono::sys_days>>& dates);
// The brondatum for the archive derivation: `dates` holds one entry per decision of the zaak.
// A zaak without decisions is a problem (the closing is refused, as the reference
// implementation does); decisions without the date (no vervaldatum) give none.
KenmerkBrondatum besluit_brondatum(const std::vector<std::optional<std::chrono::sys_days>>& dates);

}  // namespace loket::cases
