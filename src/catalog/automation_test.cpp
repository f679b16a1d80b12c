// The decision-rule evaluator: outcomes, precedence, faults, four-eyes, and every demo
// product's examples.
#include "catalog/automation.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog/product_store.hpp"

namespace loket::catalog {
namespace {
namespace json = boost::json;

Product with_rules(std::string_view automation, std::string decided_by = "one") {
  Product p;
  p.id = "test";
  p.decided_by = std::move(decided_by);
  p.source["automation"] = json::parse(automation);
  return p;
}

constexpr std::string_view kRules = R"({
  "version": 3, "since": "2026-01-01",
  "decides": {"nl": "Test", "en": "Test"},
  "allowRefusal": true,
  "rules": [
    {"id": "small", "outcome": "grant", "when": [{"path": "answers.n", "op": "le", "value": 10}],
     "reason": {"nl": "klein", "en": "small"}},
    {"id": "huge", "outcome": "refuse", "when": [{"path": "answers.n", "op": "gt", "value": 100}],
     "reason": {"nl": "te groot", "en": "too big"}},
    {"id": "odd", "outcome": "route", "when": [{"path": "answers.kind", "op": "present"},
                                              {"path": "answers.kind", "op": "in", "value": ["x", "y"]}],
     "reason": {"nl": "vreemd", "en": "odd"}},
    {"id": "soon", "outcome": "route",
     "when": [{"path": "answers.start", "op": "daysAfterLt", "from": "known.submitted", "value": 28}],
     "reason": {"nl": "te vroeg", "en": "too soon"}}
  ],
  "examples": [{"name": "small", "answers": {"n": 3, "start": "2026-03-01"},
                "known": {"submitted": "2026-01-01"}, "outcome": "grant", "fired": ["small"]}]
})";

json::object facts(std::string_view answers, std::string_view submitted = "2026-01-01") {
  return {{"answers", json::parse(answers)}, {"known", {{"submitted", submitted}}}};
}

TEST(Automation, GrantsWhenOnlyAGrantRuleFiresAndRecordsTheValues) {
  auto s = rule_set_of(with_rules(kRules));
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->problems.empty());
  EXPECT_EQ(s->version, 3);
  auto e = evaluate(*s, facts(R"({"n": 3, "start": "2026-03-01"})"), false);
  EXPECT_EQ(e.outcome, Outcome::Grant);
  EXPECT_EQ(e.routed, RouteReason::None);
  ASSERT_EQ(e.fired.size(), 1u);
  EXPECT_EQ(e.fired[0].id, "small");
  ASSERT_EQ(e.fired[0].values.size(), 1u);
  EXPECT_EQ(e.fired[0].values[0].first, "answers.n");
  EXPECT_EQ(e.fired[0].values[0].second, json::value(3));
  EXPECT_EQ(e.fired[0].reason.en, "small");
}

TEST(Automation, ARouteRuleWinsOverAGrant) {
  auto s = rule_set_of(with_rules(kRules));
  auto e = evaluate(*s, facts(R"({"n": 3, "start": "2026-01-10"})"), false);
  EXPECT_EQ(e.outcome, Outcome::Route);
  EXPECT_EQ(e.routed, RouteReason::Rule);
  ASSERT_EQ(e.fired.size(), 2u);
  EXPECT_EQ(e.fired[1].id, "soon");
}

TEST(Automation, RefusesOnlyWhenTheProductAllowsIt) {
  auto s = rule_set_of(with_rules(kRules));
  auto e = evaluate(*s, facts(R"({"n": 500, "start": "2026-03-01"})"), false);
  EXPECT_EQ(e.outcome, Outcome::Refuse);
  s->allow_refusal = false;
  e = evaluate(*s, facts(R"({"n": 500, "start": "2026-03-01"})"), false);
  EXPECT_EQ(e.outcome, Outcome::Route);
  EXPECT_EQ(e.routed, RouteReason::RefusalNotAllowed);
}

TEST(Automation, NoRuleFiringGoesToAPerson) {
  auto s = rule_set_of(with_rules(kRules));
  auto e = evaluate(*s, facts(R"({"n": 50, "start": "2026-03-01"})"), false);
  EXPECT_EQ(e.outcome, Outcome::Route);
  EXPECT_EQ(e.routed, RouteReason::NoRule);
}

TEST(Automation, MissingOrWrongDataIsAFaultAndNeverDecides) {
  auto s = rule_set_of(with_rules(kRules));
  auto e = evaluate(*s, facts(R"({"start": "2026-03-01"})"), false);
  EXPECT_EQ(e.outcome, Outcome::Route);
  EXPECT_EQ(e.routed, RouteReason::Fault);
  EXPECT_EQ(e.fault, "answers.n: missing");
  EXPECT_TRUE(e.fired.empty());
  e = evaluate(*s, facts(R"({"n": "veel", "start": "2026-03-01"})"), false);
  EXPECT_EQ(e.routed, RouteReason::Fault);
  e = evaluate(*s, facts(R"({"n": 3, "start": "soon"})"), false);
  EXPECT_EQ(e.routed, RouteReason::Fault);
  // A guarded condition: `present` first, so an absent optional answer is no fault.
  e = evaluate(*s, facts(R"({"n": 3, "start": "2026-03-01"})"), false);
  EXPECT_EQ(e.outcome, Outcome::Grant);
}

TEST(Automation, ABadRuleSetNeverDecides) {
  auto bad = std::string(kRules);
  bad.replace(bad.find("\"le\""), 4, "\"<=\"");
  auto p = with_rules(bad);
  auto s = rule_set_of(p);
  ASSERT_FALSE(s->problems.empty());
  auto e = evaluate(*s, facts(R"({"n": 3, "start": "2026-03-01"})"), false);
  EXPECT_EQ(e.outcome, Outcome::Route);
  EXPECT_EQ(e.routed, RouteReason::Fault);
  EXPECT_FALSE(check_rule_set(p).empty());
}

TEST(Automation, FourEyesProductsNeverDecideAutomatically) {
  auto p = with_rules(kRules, "two");
  auto s = rule_set_of(p);
  auto e = evaluate(*s, facts(R"({"n": 3, "start": "2026-03-01"})"), true);
  EXPECT_EQ(e.outcome, Outcome::Route);
  EXPECT_EQ(e.routed, RouteReason::FourEyes);
  auto problems = check_rule_set(p);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems.back().find("four-eyes"), std::string::npos);
}

TEST(Automation, AnExampleThatGetsAnotherOutcomeIsAProblem) {
  auto wrong = std::string(kRules);
  // The example's expected outcome (the last "grant" in the text) becomes "route".
  wrong.replace(wrong.rfind("\"grant\""), 7, "\"route\"");
  auto problems = check_rule_set(with_rules(wrong));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("expected route, got grant"), std::string::npos);
}

TEST(Automation, TheDataOfARuleSetAreItsPaths) {
  auto s = rule_set_of(with_rules(kRules));
  EXPECT_EQ(s->data(), (std::vector<std::string>{"answers.kind", "answers.n", "answers.start",
                                                 "known.submitted"}));
}

// The demo catalogue: at least four products decide automatically, each rule set is complete,
// and each product's example applications get the outcome they must get.
TEST(Automation, DemoProductsDecideTheirExamples) {
  int automated = 0;
  for (const auto& p : demo_products()) {
    auto s = rule_set_of(p);
    if (!s) continue;
    SCOPED_TRACE(p.id);
    ++automated;
    EXPECT_NE(p.decided_by, "two");
    for (const auto& why : check_rule_set(p)) ADD_FAILURE() << why;
    bool granted = false;
    for (const auto& e : s->examples) {
      auto got = evaluate(*s, e.facts, false);
      EXPECT_EQ(got.outcome, e.outcome) << e.name;
      granted = granted || got.outcome == Outcome::Grant;
    }
    EXPECT_TRUE(granted) << "no example is granted";
  }
  EXPECT_GE(automated, 4);
}

}  // namespace
}  // namespace loket::catalog
