// Automatic decisions on cases: after a case is created, its product's decision rules
// (catalog/automation) run on the answers and what Loket knows; a grant or refusal records the
// result and closes the case, with the plain-language reasons, and everything that came out is
// kept (automated_decisions) for the resident's explanation, the human review they may ask for
// (AVG art. 22) and the public algorithm register.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_service.hpp"
#include "cases/decision_service.hpp"
#include "catalog/automation.hpp"
#include "common/result.hpp"
#include "db/database.hpp"
#include "notify/events.hpp"

namespace loket::cases {

// What the rules made of one case.
struct AutomatedDecision {
  std::string id;
  std::string case_id;
  std::string organisation_id;
  std::string product;
  int rule_version = 1;
  catalog::Outcome outcome = catalog::Outcome::Route;
  std::string routed;  // route_reason_name, "" when decided
  std::string fault;
  boost::json::array explanation;  // [{"rule", "outcome", "reason": {nl,en}, "values": {path: v}}]
  std::int64_t created_at = 0;
  std::optional<std::string> review_case_id;
  std::optional<std::string> review_outcome;  // upheld, overturned

  bool decided() const { return outcome != catalog::Outcome::Route; }
};

// One product's line in the algorithm register.
struct RegisterCounts {
  std::string product;
  std::int64_t decisions = 0;  // granted or refused without a person
  std::int64_t granted = 0, refused = 0;
  std::int64_t routed = 0;      // the rules ran and gave the case to a person
  std::int64_t reviewed = 0;    // a human review was asked for
  std::int64_t overturned = 0;  // and the case worker overturned the decision
};

// The facts a rule set reads: {"answers": the application's answers, "known": {"submitted":
// the start date, "earlierCases": cases of the same product by the same applicant in the year
// before, "documents": documents on the case}}. Pure given its inputs.
boost::json::object case_facts(const Case& k, std::int64_t earlier_cases, std::int64_t documents);

class AutoDecider {
 public:
  AutoDecider(CaseService& cases, DecisionService& decisions, CaseService::Clock clock = {});

  // The EventDispatcher handler for "case.created": runs the rules of the case's product, in
  // the consuming transaction. A grant or refusal is a decision (a ZGW besluit of the product's
  // besluittype, linked to the zaak, with the reasons) recorded with the result, before the
  // case closes; a product without a published besluittype routes to a person (a fault). A case someone already acted on (assigned, moved on, closed), a
  // request for review, or a product without rules is left alone. A faulty rule set or missing
  // data routes to a person and is logged (never a decision).
  void handle(db::Connection& c, const notify::Event& e);

  std::optional<AutomatedDecision> for_case(db::Database& db, const std::string& case_id) const;
  // The automated decision a review case was opened for, or nullopt.
  std::optional<AutomatedDecision> for_review_case(db::Database& db,
                                                   const std::string& review_case_id) const;

  // The resident asks for a human review of the automatic decision on `case_id` (they are a
  // party: the door checked). Opens a linked case of the same product for a case worker, its
  // answers carrying the explanation; asking again returns the same case. NotFound: no automatic
  // decision on this case (a routed case is decided by a person already).
  Result<std::string> request_review(const std::string& case_id, const Submitter& who,
                                     const Permit& permit);
  // A case worker who may handle the review case records whether it upheld or overturned the
  // automatic decision (the register counts overturned ones). Invalid "outcome".
  Result<AutomatedDecision> judge_review(const std::string& review_case_id,
                                         const std::string& outcome, const Permit& permit);

  // The register's counts of an organisation's products.
  std::vector<RegisterCounts> counts(db::Database& db, const std::string& organisation_id) const;

 private:
  std::int64_t now_ms() const;
  CaseService& cases_;
  DecisionService& decisions_;
  CaseService::Clock clock_;
};

}  // namespace loket::cases
