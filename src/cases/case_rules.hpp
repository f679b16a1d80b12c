// The rules of a case's life as the Zaken standard states them (gedragsregels zrc-007, zrc-012,
// zrc-013, zrc-015, zrc-016) and the legal deadline: status order, closing and reopening,
// changes to a closed case, archive parameters. Pure: no I/O; the Zaken API's hooks collect the
// facts and call these.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loket::cases {

// A calendar period (an ISO 8601 duration's date part); weeks are counted as 7 days.
struct Period {
  std::int64_t years = 0, months = 0, days = 0;
};
// `day` plus the period: years and months first (clamped to the month's last day), then days.
std::chrono::sys_days add_period(std::chrono::sys_days day, const Period& p);
// An ISO 8601 duration's date part ("P56D", "P8W", "P1Y2M3D"); nullopt for anything else, and
// for a time part other than zero.
std::optional<Period> parse_period(std::string_view iso);
// "P1Y2M3D", parts that are zero left out ("P0D" for nothing).
std::string format_period(const Period& p);
// "YYYY-MM-DD" ↔ a day; nullopt for text that is no real date.
std::optional<std::chrono::sys_days> parse_day(std::string_view date);
std::string format_day(std::chrono::sys_days day);
// "YYYY-MM-DDThh:mm:ssZ" (UTC, whole seconds).
std::string format_instant(std::chrono::system_clock::time_point t);

// ---- statuses (zrc-007) ---------------------------------------------------------------------

// The end status of a zaaktype is its status type with the highest volgnummer.
bool is_end_status(std::int64_t volgnummer, const std::vector<std::int64_t>& all_of_zaaktype);

// A new status becomes the zaak's current status unless it was set before the current one
// (datumStatusGezet, compared as moments: common::normalise_instant).
bool becomes_current(std::string_view new_set_at, const std::optional<std::string>& current_set_at);

enum class Transition {
  Advance,  // an open zaak gets another status that is not the end status
  Close,    // an open zaak gets its end status
  Reopen,   // a closed zaak gets a status that is not the end status
  Reclose,  // a closed zaak gets its end status again (a correction)
};
Transition status_transition(bool zaak_closed, bool new_is_end);

// The extra scope a transition needs besides zaken.aanmaken, or empty.
std::string_view scope_for(Transition t);

// zrc-007: a closed zaak (and what hangs off it) changes only with zaken.geforceerd-bijwerken.
bool may_change(bool zaak_closed, bool forced);

// ---- the zaak's own fields ----------------------------------------------------------------

// zrc-013: with betalingsindicatie "nvt" there is no laatsteBetaaldatum.
bool payment_date_allowed(std::string_view betalingsindicatie);

// zrc-012: why `hoofdzaak` is refused (an invalidParams code), or nullopt when it is fine.
// `self` is empty on create; `hoofdzaak_is_deelzaak`: the hoofdzaak has a hoofdzaak itself.
std::optional<std::string> check_hoofdzaak(std::string_view self, std::string_view hoofdzaak,
                                           bool hoofdzaak_is_deelzaak);

// The legal deadline (uiterlijkeEinddatumAfdoening): the start plus the zaaktype's doorlooptijd,
// plus the extension (verlenging.duur) when granted, plus the days the case was suspended.
std::chrono::sys_days deadline(std::chrono::sys_days start, const Period& doorlooptijd,
                               const std::optional<Period>& verlenging,
                               std::int64_t suspended_days = 0);

// The facts a case's deadline follows from (Awb: the product's term, extended once, and the
// clock stopped while the applicant is asked for more information).
struct DeadlineFacts {
  std::chrono::sys_days start;
  std::optional<Period> term;                            // the case type's doorlooptijd
  std::optional<Period> extension;                       // granted once
  std::int64_t suspended_days = 0;                       // of suspensions that ended
  std::optional<std::chrono::sys_days> suspended_since;  // a suspension still running
};
// The one function every door shows a deadline from: nullopt when the product has no term. A
// running suspension counts up to `today`, so the deadline moves while the clock stands still.
std::optional<std::chrono::sys_days> compute_deadline(const DeadlineFacts& f,
                                                      std::chrono::sys_days today);
// Days from `since` to `until` (0 when `until` is earlier): what a suspension adds on resume.
std::int64_t days_between(std::chrono::sys_days since, std::chrono::sys_days until);

// Why a suspension, resumption or extension is refused (an invalidParams code and reason), or
// nullopt when it is allowed.
struct Refusal {
  std::string field, code, reason;
};
std::optional<Refusal> check_suspend(bool case_type_suspendable, bool closed, bool suspended,
                                     std::string_view reason);
std::optional<Refusal> check_resume(bool suspended);
// Once, when the product allows it, with a reason, not longer than the product's longest
// extension (when it names one).
std::optional<Refusal> check_extend(bool case_type_may_extend, const std::optional<Period>& longest,
                                    bool closed, bool extended_before, const Period& asked,
                                    std::string_view reason);

// ---- archiving (zrc-015, zrc-016) ----------------------------------------------------------

struct ArchiveFacts {
  std::optional<std::string> zaak_nominatie;             // the zaak's archiefnominatie, when set
  std::optional<std::chrono::sys_days> zaak_actiedatum;  // the zaak's archiefactiedatum, when set
  std::string resultaattype_nominatie;                   // "blijvend_bewaren", "vernietigen" or ""
  std::optional<Period> archiefactietermijn;             // of the resultaattype
  std::string afleidingswijze;                     // brondatumArchiefprocedure.afleidingswijze
  std::optional<Period> procestermijn;             // brondatumArchiefprocedure.procestermijn
  std::optional<std::chrono::sys_days> einddatum;  // of the zaak
  std::optional<std::chrono::sys_days> hoofdzaak_einddatum;  // of its hoofdzaak
  // The date the caller found for eigenschap, zaakobject and gerelateerde_zaak (see
  // eigenschap_brondatum and the others below) and, once decisions land, for the besluiten.
  std::optional<std::chrono::sys_days> kenmerk_datum;
};
struct Archive {
  std::optional<std::string> nominatie;
  std::optional<std::chrono::sys_days> actiedatum;  // none when it cannot be determined
};
// zrc-015: the archive parameters when the zaak closes. A zaak that already has an
// archiefnominatie or archiefactiedatum keeps it (set by hand, as ander_datumkenmerk asks).
Archive derive_archive(const ArchiveFacts& facts);
// The brondatum of the archive procedure, or nullopt when it cannot be determined.
std::optional<std::chrono::sys_days> brondatum(const ArchiveFacts& facts);

// The date a kenmerk holds: a zaakeigenschap's waarde or an object's attribute. Accepted:
// "2026-01-31", the Catalogi's own formats "20260131" (datum) and "20260131120000"
// (datum_tijd), and an RFC 3339 date-time (its date). nullopt: no date.
std::optional<std::chrono::sys_days> kenmerk_date(std::string_view value);

// The brondatum found in other objects for eigenschap, zaakobject and gerelateerde_zaak, or why
// it cannot be found. A problem refuses the closing (the reference implementation's 400
// archiefactiedatum-error): the zaaktype asks for a date the zaak does not hold, and a zaak
// closed without it would never reach its archive action.
struct KenmerkBrondatum {
  std::optional<std::chrono::sys_days> datum;  // none: no date (yet), the zaak closes without
  std::optional<std::string> problem;
};
// `eigenschap`: the waarden of the zaak's zaakeigenschappen named `naam` (datumkenmerk). None is
// a problem, and so is a waarde that is no date; an empty waarde is no date yet.
KenmerkBrondatum eigenschap_brondatum(const std::vector<std::string>& waarden,
                                      std::string_view naam);
// `zaakobject`: for each zaakobject of the objecttype, its attribute `kenmerk` (nullopt: the
// object lacks it). The latest date; no such object, a missing attribute or a value that is no
// date is a problem.
KenmerkBrondatum zaakobject_brondatum(const std::vector<std::optional<std::string>>& values,
                                      std::string_view kenmerk, std::string_view objecttype);
// `gerelateerde_zaak`: the einddatum of each relevant other zaak (nullopt: still open). The
// latest; no related zaak at all is a problem, only open ones give no date.
KenmerkBrondatum gerelateerde_zaak_brondatum(
    const std::vector<std::optional<std::chrono::sys_days>>& einddata);

struct FieldProblem {
  std::string field, code, reason;
};
// zrc-016: archiefstatus other than nog_te_archiveren needs archiefnominatie and
// archiefactiedatum.
std::vector<FieldProblem> check_archiefstatus(std::string_view archiefstatus, bool has_nominatie,
                                              bool has_actiedatum);

}  // namespace loket::cases
