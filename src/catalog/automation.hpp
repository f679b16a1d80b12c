// Automatic decisions as data: a product's rule set (its "automation" object), read and checked,
// and the pure evaluator that applies it to the facts of one application. No I/O: the case
// domain gathers the facts and records what came out.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/product.hpp"

namespace loket::catalog {

// What a rule (and an evaluation) leads to. Route: a person decides (the default).
enum class Outcome { Grant, Refuse, Route };
std::string_view outcome_name(Outcome o);  // "grant", "refuse", "route"
std::optional<Outcome> outcome_of(std::string_view name);

// One test on a fact. `path` names a fact by dots ("answers.waste", "known.earlierCases").
// Operators: eq, ne, lt, le, gt, ge (numbers, or dates as YYYY-MM-DD text), in, notIn (value is
// a list), present, absent; daysAfterGe, daysAfterLt: the days from the date at `from` to the
// date at `path` compared with the number `value`.
struct Condition {
  std::string path, op, from;
  boost::json::value value;
};

// A rule fires when all its conditions hold (in order; a `present` test guards the next).
struct DecisionRule {
  std::string id;
  std::vector<Condition> when;
  Outcome outcome = Outcome::Route;
  LocalText reason;  // the plain-language reason the resident reads
};

// An application and the outcome it must get: the rule set's tests, run by the unit tests and by
// check_rule_set (a new version that breaks one is not published).
struct RuleExample {
  std::string name;
  boost::json::object facts;  // {"answers": {...}, "known": {...}}
  Outcome outcome = Outcome::Route;
  std::vector<std::string> fired;  // the ids of the rules that must fire, in order
};

struct RuleSet {
  int version = 1;             // goes up with every change; a decision records the version it used
  std::string since;           // YYYY-MM-DD: in force from
  LocalText decides;           // what it decides, for the algorithm register
  bool allow_refusal = false;  // whether the law allows refusing without a person
  std::vector<DecisionRule> rules;
  std::vector<RuleExample> examples;
  std::vector<std::string> problems;  // what could not be read: such a set never decides

  // The facts the rules read (paths, sorted, each once): "on which data" in the register.
  std::vector<std::string> data() const;
};

// Reads the product's "automation" object: nullopt when it has none. Never throws: what cannot
// be read is reported by check_rule_set, and evaluation of a faulty set routes to a person.
std::optional<RuleSet> rule_set_of(const Product& p);
// What is wrong with a product's rule set (empty: none, or no rule set): unreadable parts, an
// unknown operator or outcome, a reason missing a language, a four-eyes product that would
// decide automatically, no examples, an example that does not get its outcome.
std::vector<std::string> check_rule_set(const Product& p);

// A rule that fired and the values it fired on.
struct FiredRule {
  std::string id;
  Outcome outcome = Outcome::Route;
  LocalText reason;
  std::vector<std::pair<std::string, boost::json::value>> values;  // path → the fact's value
};

// Why a case went to a person.
enum class RouteReason {
  None,               // it was decided
  NoRule,             // no rule fired
  Rule,               // a rule says a person decides
  RefusalNotAllowed,  // a refusal, but the law wants a person for it
  FourEyes,           // four-eyes products never decide automatically
  Fault               // the rule set could not be evaluated (missing data, bad rule)
};
std::string_view route_reason_name(RouteReason r);

struct Evaluation {
  Outcome outcome = Outcome::Route;
  RouteReason routed = RouteReason::NoRule;
  std::vector<FiredRule> fired;
  std::string fault;  // with RouteReason::Fault: what could not be evaluated (no personal data)

  bool decided() const { return outcome != Outcome::Route; }
};

// Applies `rules` to `facts`. Every rule is tested; the outcome is Route when any fired rule
// routes or none fired, else Refuse when a refusal fired (Route when refusal is not allowed),
// else Grant. A fact a test needs that is missing or of the wrong type, or a bad rule, is a
// Fault: Route, never a decision. `four_eyes`: Route whatever the rules say.
Evaluation evaluate(const RuleSet& rules, const boost::json::object& facts, bool four_eyes);

// The facts' value at a dotted path, or nullptr.
const boost::json::value* fact_at(const boost::json::object& facts, std::string_view path);

}  // namespace loket::catalog
