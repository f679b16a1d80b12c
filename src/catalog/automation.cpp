// Reading, checking and evaluating a product's decision rules; see automation.hpp.
#include "catalog/automation.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <set>

namespace loket::catalog {
namespace json = boost::json;

namespace {

const std::set<std::string, std::less<>> kOperators{
    "eq", "ne",    "lt",      "le",     "gt",          "ge",
    "in", "notIn", "present", "absent", "daysAfterGe", "daysAfterLt"};

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

LocalText local_text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_object()) return {};
  return {text_of(v->as_object(), "nl"), text_of(v->as_object(), "en")};
}

std::optional<std::chrono::sys_days> day_of(const json::value& v) {
  if (!v.is_string() || v.as_string().size() != 10) return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(v.as_string().c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

std::optional<double> number_of(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_double()) return v.as_double();
  return std::nullopt;
}

// Thrown inside evaluation: the rule set cannot be evaluated on these facts.
struct Fault {
  std::string why;
};

// -1, 0, 1: numbers with numbers, dates with dates; anything else is a fault.
int compare(const json::value& fact, const json::value& want, const std::string& path) {
  if (auto a = number_of(fact)) {
    auto b = number_of(want);
    if (!b) throw Fault{path + ": the rule compares a number with no number"};
    return *a < *b ? -1 : (*a > *b ? 1 : 0);
  }
  auto a = day_of(fact), b = day_of(want);
  if (a && b) return *a < *b ? -1 : (*a > *b ? 1 : 0);
  throw Fault{path + ": neither numbers nor dates to compare"};
}

bool equal(const json::value& fact, const json::value& want) {
  if (auto a = number_of(fact)) {
    auto b = number_of(want);
    return b && *a == *b;
  }
  return fact == want;
}

bool holds(const Condition& cond, const json::object& facts) {
  const auto* fact = fact_at(facts, cond.path);
  if (cond.op == "present") return fact && !fact->is_null();
  if (cond.op == "absent") return !fact || fact->is_null();
  if (!fact || fact->is_null()) throw Fault{cond.path + ": missing"};
  if (cond.op == "eq") return equal(*fact, cond.value);
  if (cond.op == "ne") return !equal(*fact, cond.value);
  if (cond.op == "lt") return compare(*fact, cond.value, cond.path) < 0;
  if (cond.op == "le") return compare(*fact, cond.value, cond.path) <= 0;
  if (cond.op == "gt") return compare(*fact, cond.value, cond.path) > 0;
  if (cond.op == "ge") return compare(*fact, cond.value, cond.path) >= 0;
  if (cond.op == "in" || cond.op == "notIn") {
    if (!cond.value.is_array()) throw Fault{cond.path + ": " + cond.op + " needs a list"};
    bool found = false;
    for (const auto& v : cond.value.as_array()) found = found || equal(*fact, v);
    return cond.op == "in" ? found : !found;
  }
  if (cond.op == "daysAfterGe" || cond.op == "daysAfterLt") {
    const auto* from = fact_at(facts, cond.from);
    if (!from || from->is_null()) throw Fault{cond.from + ": missing"};
    auto to_day = day_of(*fact), from_day = day_of(*from);
    if (!to_day || !from_day) throw Fault{cond.path + ": not a date"};
    auto limit = number_of(cond.value);
    if (!limit) throw Fault{cond.path + ": " + cond.op + " needs a number of days"};
    auto days = static_cast<double>((*to_day - *from_day).count());
    return cond.op == "daysAfterGe" ? days >= *limit : days < *limit;
  }
  throw Fault{cond.path + ": unknown operator " + cond.op};
}

}  // namespace

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Grant:
      return "grant";
    case Outcome::Refuse:
      return "refuse";
    case Outcome::Route:
      break;
  }
  return "route";
}

std::optional<Outcome> outcome_of(std::string_view name) {
  if (name == "grant") return Outcome::Grant;
  if (name == "refuse") return Outcome::Refuse;
  if (name == "route") return Outcome::Route;
  return std::nullopt;
}

std::string_view route_reason_name(RouteReason r) {
  switch (r) {
    case RouteReason::None:
      return "";
    case RouteReason::NoRule:
      return "no-rule";
    case RouteReason::Rule:
      return "rule";
    case RouteReason::RefusalNotAllowed:
      return "refusal-not-allowed";
    case RouteReason::FourEyes:
      return "four-eyes";
    case RouteReason::Fault:
      break;
  }
  return "fault";
}

const json::value* fact_at(const json::object& facts, std::string_view path) {
  const json::object* at = &facts;
  while (true) {
    auto dot = path.find('.');
    const auto* v = at->if_contains(path.substr(0, dot));
    if (!v || dot == std::string_view::npos) return v;
    if (!v->is_object()) return nullptr;
    at = &v->as_object();
    path.remove_prefix(dot + 1);
  }
}

std::vector<std::string> RuleSet::data() const {
  std::set<std::string> paths;
  for (const auto& r : rules) {
    for (const auto& c : r.when) {
      paths.insert(c.path);
      if (!c.from.empty()) paths.insert(c.from);
    }
  }
  return {paths.begin(), paths.end()};
}

std::optional<RuleSet> rule_set_of(const Product& p) {
  const auto* a = p.source.if_contains("automation");
  if (!a || a->is_null()) return std::nullopt;
  RuleSet s;
  if (!a->is_object()) {
    s.problems.push_back("not an object");
    return s;
  }
  const auto& o = a->as_object();
  if (const auto* v = o.if_contains("version"); v && v->is_int64() && v->as_int64() >= 1) {
    s.version = static_cast<int>(v->as_int64());
  } else {
    s.problems.push_back("version: a positive whole number");
  }
  s.since = text_of(o, "since");
  if (!day_of(json::value(s.since))) s.problems.push_back("since: a date YYYY-MM-DD");
  s.decides = local_text_of(o, "decides");
  if (const auto* v = o.if_contains("allowRefusal"); v && v->is_bool()) {
    s.allow_refusal = v->as_bool();
  }
  const auto* rules = o.if_contains("rules");
  if (!rules || !rules->is_array() || rules->as_array().empty()) {
    s.problems.push_back("rules: at least one");
  } else {
    for (const auto& rv : rules->as_array()) {
      if (!rv.is_object()) {
        s.problems.push_back("rules: not an object");
        continue;
      }
      const auto& ro = rv.as_object();
      DecisionRule r;
      r.id = text_of(ro, "id");
      auto where = "rules." + (r.id.empty() ? std::string("?") : r.id);
      if (r.id.empty()) s.problems.push_back(where + ".id: missing");
      auto outcome = outcome_of(text_of(ro, "outcome"));
      if (!outcome) s.problems.push_back(where + ".outcome: grant, refuse or route");
      r.outcome = outcome.value_or(Outcome::Route);
      r.reason = local_text_of(ro, "reason");
      const auto* when = ro.if_contains("when");
      if (!when || !when->is_array() || when->as_array().empty()) {
        s.problems.push_back(where + ".when: at least one condition");
      } else {
        for (const auto& cv : when->as_array()) {
          if (!cv.is_object()) {
            s.problems.push_back(where + ".when: not an object");
            continue;
          }
          const auto& co = cv.as_object();
          Condition c{text_of(co, "path"), text_of(co, "op"), text_of(co, "from"), {}};
          if (const auto* v = co.if_contains("value")) c.value = *v;
          if (c.path.empty()) s.problems.push_back(where + ".when.path: missing");
          if (!kOperators.contains(c.op)) {
            s.problems.push_back(where + ".when.op: unknown operator '" + c.op + "'");
          }
          if (c.op.starts_with("daysAfter") && c.from.empty()) {
            s.problems.push_back(where + ".when.from: " + c.op + " needs the date it counts from");
          }
          r.when.push_back(std::move(c));
        }
      }
      s.rules.push_back(std::move(r));
    }
  }
  if (const auto* ex = o.if_contains("examples"); ex && ex->is_array()) {
    for (const auto& ev : ex->as_array()) {
      if (!ev.is_object()) continue;
      const auto& eo = ev.as_object();
      RuleExample e;
      e.name = text_of(eo, "name");
      json::object facts;
      for (auto key : {"answers", "known"}) {
        const auto* f = eo.if_contains(key);
        facts[key] = f && f->is_object() ? *f : json::object{};
      }
      e.facts = std::move(facts);
      auto outcome = outcome_of(text_of(eo, "outcome"));
      if (!outcome) s.problems.push_back("examples." + e.name + ".outcome: grant, refuse or route");
      e.outcome = outcome.value_or(Outcome::Route);
      if (const auto* f = eo.if_contains("fired"); f && f->is_array()) {
        for (const auto& id : f->as_array()) {
          if (id.is_string()) e.fired.emplace_back(id.as_string());
        }
      }
      s.examples.push_back(std::move(e));
    }
  }
  return s;
}

std::vector<std::string> check_rule_set(const Product& p) {
  auto s = rule_set_of(p);
  if (!s) return {};
  std::vector<std::string> out = s->problems;
  if (p.decided_by == "two") {
    out.push_back("a four-eyes product (decidedBy two) never decides automatically");
  }
  if (s->decides.nl.empty() || s->decides.en.empty()) {
    out.push_back("decides: a text in Dutch and English");
  }
  std::set<std::string> ids;
  for (const auto& r : s->rules) {
    if (!ids.insert(r.id).second) out.push_back("rules." + r.id + ": the id is used twice");
    if (r.reason.nl.empty() || r.reason.en.empty()) {
      out.push_back("rules." + r.id + ".reason: a text in Dutch and English");
    }
    if (r.outcome == Outcome::Refuse && !s->allow_refusal) {
      out.push_back("rules." + r.id + ": refuses, but allowRefusal is false");
    }
  }
  if (s->examples.empty()) out.push_back("examples: at least one");
  bool granted = false;
  for (const auto& e : s->examples) {
    auto got = evaluate(*s, e.facts, false);
    granted = granted || got.outcome == Outcome::Grant;
    if (got.outcome != e.outcome) {
      out.push_back("examples." + e.name + ": expected " + std::string(outcome_name(e.outcome)) +
                    ", got " + std::string(outcome_name(got.outcome)) +
                    (got.fault.empty() ? "" : " (" + got.fault + ")"));
      continue;
    }
    std::vector<std::string> fired;
    for (const auto& f : got.fired) fired.push_back(f.id);
    if (fired != e.fired) out.push_back("examples." + e.name + ": other rules fired");
  }
  return out;
}

Evaluation evaluate(const RuleSet& rules, const json::object& facts, bool four_eyes) {
  Evaluation out;
  if (four_eyes) {
    out.routed = RouteReason::FourEyes;
    return out;
  }
  if (!rules.problems.empty()) {
    out.routed = RouteReason::Fault;
    out.fault = "the rule set is faulty: " + rules.problems.front();
    return out;
  }
  try {
    for (const auto& r : rules.rules) {
      bool all = true;
      for (const auto& c : r.when) {
        if (!holds(c, facts)) {
          all = false;
          break;
        }
      }
      if (!all) continue;
      FiredRule f{r.id, r.outcome, r.reason, {}};
      for (const auto& c : r.when) {
        const auto* v = fact_at(facts, c.path);
        f.values.emplace_back(c.path, v ? *v : json::value(nullptr));
        if (!c.from.empty()) {
          const auto* from = fact_at(facts, c.from);
          f.values.emplace_back(c.from, from ? *from : json::value(nullptr));
        }
      }
      out.fired.push_back(std::move(f));
    }
  } catch (const Fault& fault) {
    out.fired.clear();
    out.routed = RouteReason::Fault;
    out.fault = fault.why;
    return out;
  }
  bool route = false, refuse = false, grant = false;
  for (const auto& f : out.fired) {
    route = route || f.outcome == Outcome::Route;
    refuse = refuse || f.outcome == Outcome::Refuse;
    grant = grant || f.outcome == Outcome::Grant;
  }
  if (route) {
    out.routed = RouteReason::Rule;
  } else if (refuse) {
    if (rules.allow_refusal) {
      out.outcome = Outcome::Refuse;
      out.routed = RouteReason::None;
    } else {
      out.routed = RouteReason::RefusalNotAllowed;
    }
  } else if (grant) {
    out.outcome = Outcome::Grant;
    out.routed = RouteReason::None;
  }
  return out;
}

}  // namespace loket::catalog
