// The decision service: one write transaction per use case (decide, approve, discard), each
// returning a Result, with its domain event ("decision.created", "decision.approved", ...) in
// the outbox in the same transaction. Four-eyes products: a decision is a draft until a second
// staff member with the approver role approves it; before that no ZGW client and no resident
// sees it. The ZGW Besluiten API's hooks use the `*_in` functions inside their transaction.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/case_service.hpp"
#include "cases/decision_model.hpp"
#include "cases/decision_rules.hpp"
#include "cases/decision_store.hpp"
#include "common/result.hpp"
#include "db/database.hpp"

namespace loket::cases {

inline constexpr std::string_view kDecisionCreated = "decision.created";
inline constexpr std::string_view kDecisionUpdated = "decision.updated";
inline constexpr std::string_view kDecisionApproved = "decision.approved";
inline constexpr std::string_view kDecisionDeleted = "decision.deleted";

// What a staff member decides on a case. Dates are "YYYY-MM-DD".
struct DecisionInput {
  std::string decision_type_id;               // uuid of a published besluittype of the case's type
  std::optional<std::string> date;            // datum; today when absent
  std::string explanation;                    // toelichting
  std::string governing_body;                 // bestuursorgaan
  std::optional<std::string> effective_from;  // ingangsdatum; the decision's date when absent
  std::optional<std::string> expires_on;
  std::string expiry_reason;
  std::optional<std::string> published_on, sent_on;
  std::optional<std::string> respond_by;  // the objection window's end when absent
};

// The objection window of a decision, when it has been made known.
std::optional<ObjectionWindow> objection_window_of(const Decision& d);

class DecisionService {
 public:
  using Clock = CaseService::Clock;
  DecisionService(db::Database& db, CaseService& cases, Clock clock = {});

  const DecisionStore& store() const { return store_; }

  // A decision on a case by staff member `staff_id` (the permit: may_handle the case). On a
  // four-eyes product it is a draft until approved; otherwise it takes effect at once.
  // Invalid: "decisionType" (does-not-exist, not-published, wrong-case-type), dates.
  Result<Decision> decide(const std::string& case_id, const DecisionInput& in,
                          const std::string& staff_id, const Permit& permit);
  // The second pair of eyes: `staff_id` (with the approver role of the case's organisation when
  // `approver`) approves a draft someone else decided. Forbidden: the same person, no approver
  // role; Conflict: not a draft.
  Result<Decision> approve(const std::string& decision_id, const std::string& staff_id,
                           bool approver, const Permit& permit);
  // Throws a draft away (an approved decision is withdrawn with a new decision, not deleted).
  Result<void> discard(const std::string& decision_id, const Permit& permit);

  // The decision, draft or not (the door decides who may see it).
  Result<Decision> get(const std::string& decision_id);
  // A case's decisions; drafts only with `with_drafts` (staff), never for a resident.
  std::vector<Decision> for_case(const std::string& case_id, bool with_drafts);

  // An automatic decision (issue 13): the rules of the case's product granted or refused, and
  // the result is being recorded in `c`, the same transaction. The besluit is of the first
  // published besluittype the case's type lists, dated today, takes effect today, made known
  // today (the objection window starts), with the reasons as toelichting; no staff person
  // decided or approved it (the rules are not a person, so no four-eyes draft either).
  // Writes decision.created and decision.approved. Invalid "decisionType" when the case's type
  // lists no published besluittype (the caller does not decide then).
  Result<Decision> decide_automatically_in(db::Connection& c, const Case& k,
                                           const std::string& explanation);
  // Whether the case's type has a besluittype for an automatic decision.
  bool can_decide_automatically_in(db::Connection& c, const std::string& case_type_id) const;

  // ---- the ZGW Besluiten API's way in, inside its transaction ----
  // brc-002: a generated identificatie for `rsin`.
  std::string next_identification_in(db::Connection& c, const std::string& rsin);
  // brc-002: one a client chose is free (no decision, and no draft awaiting approval, has it).
  bool identification_free_in(db::Connection& c, const std::string& rsin,
                              const std::string& identification);
  // A besluit a ZGW client registered, changed or deleted (representation with relative URLs):
  // the zaak's mirror (zaakbesluiten) follows and the domain event is written. ZGW decisions
  // have taken effect: an external system decided.
  void registered_in(db::Connection& c, const boost::json::object& besluit);
  void changed_in(db::Connection& c, const boost::json::object& besluit,
                  const boost::json::object& before);
  void deleted_in(db::Connection& c, const boost::json::object& besluit);
  // A case is deleted (the Zaken API's zaak delete): its drafts, which never took effect, go
  // with it. Its decisions that took effect stay (a decision outlives its case file).
  void case_deleted_in(db::Connection& c, const std::string& case_id);
  // zrc-015: the brondatum of ingangsdatum_besluit / vervaldatum_besluit for the zaak (relative
  // URL): the latest over its decisions that took effect.
  // `c`: the write transaction, or nullptr to read outside one.
  KenmerkBrondatum archive_date_in(db::Connection* c, std::string_view case_url,
                                   std::string_view afleidingswijze);

 private:
  void emit(db::Connection& c, std::string_view kind, const Decision& d);
  std::chrono::sys_days today() const;
  std::string now_rfc3339() const;

  db::Database& db_;
  CaseService& cases_;
  DecisionStore store_;
  Clock clock_;
};

}  // namespace loket::cases
