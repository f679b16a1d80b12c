// Automatic decisions: the case.created handler, the review request and the register's counts;
// see automated_decisions.hpp. The rules are catalog/automation's (pure); this file gathers the
// facts, acts through the case service inside the consuming transaction, and keeps the SQL.
#include "cases/automated_decisions.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "cases/case_relations.hpp"
#include "cases/case_timeline.hpp"
#include "catalog/product_lookup.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "common/uuid.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

constexpr std::string_view kColumns =
    "SELECT id, case_id, organisation_id, product, rule_version, outcome, routed, fault,"
    " explanation, created_at, review_case_id, review_outcome FROM automated_decisions ";
constexpr std::string_view kInsert =
    "INSERT INTO automated_decisions (id, case_id, organisation_id, product, rule_version,"
    " outcome, routed, fault, explanation, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
    " $9, $10) ON CONFLICT (case_id) DO NOTHING";
constexpr std::string_view kSetReview =
    "UPDATE automated_decisions SET review_case_id = $2, review_requested_at = $3"
    " WHERE case_id = $1 AND review_case_id IS NULL";
constexpr std::string_view kSetReviewOutcome =
    "UPDATE automated_decisions SET review_outcome = $2 WHERE review_case_id = $1";
constexpr std::string_view kCounts =
    "SELECT product, outcome, COUNT(*), COUNT(review_case_id),"
    " SUM(CASE WHEN review_outcome = 'overturned' THEN 1 ELSE 0 END)"
    " FROM automated_decisions WHERE organisation_id = $1 GROUP BY product, outcome"
    " ORDER BY product, outcome";
// Earlier cases of the same product whose initiator is this case's initiator (by the blind
// index of their number), started on or after $2.
constexpr std::string_view kEarlierCases =
    "SELECT COUNT(DISTINCT z.uuid) FROM zgw_rollen me"
    " JOIN zgw_rollen o ON o.omschrijving_generiek = 'initiator' AND"
    "  ((me.bsn_index IS NOT NULL AND o.bsn_index = me.bsn_index) OR"
    "   (me.kvk_index IS NOT NULL AND o.kvk_index = me.kvk_index))"
    " JOIN zgw_zaken z ON z.uuid = o.zaak_uuid"
    " JOIN zgw_zaken mine ON mine.uuid = me.zaak_uuid"
    " WHERE me.zaak_uuid = $1 AND me.omschrijving_generiek = 'initiator' AND z.uuid <> $1"
    " AND z.zaaktype = mine.zaaktype AND z.startdatum >= $2";
constexpr std::string_view kDocuments =
    "SELECT COUNT(*) FROM zgw_zaakinformatieobjecten WHERE zaak_uuid = $1";

AutomatedDecision from_row(const db::Rows::Row& r) {
  AutomatedDecision d;
  d.id = r.text(0);
  d.case_id = r.text(1);
  d.organisation_id = r.text(2);
  d.product = r.text(3);
  d.rule_version = static_cast<int>(r.integer(4));
  d.outcome = catalog::outcome_of(r.text(5)).value_or(catalog::Outcome::Route);
  d.routed = r.text(6);
  d.fault = r.text(7);
  try {
    auto v = json::parse(r.text(8));
    if (v.is_array()) d.explanation = std::move(v.as_array());
  } catch (const std::exception&) {
  }
  d.created_at = r.integer(9);
  d.review_case_id = r.optional_text(10);
  d.review_outcome = r.optional_text(11);
  return d;
}

json::array explanation_of(const catalog::Evaluation& e) {
  json::array out;
  for (const auto& f : e.fired) {
    json::object values;
    for (const auto& [path, v] : f.values) values[path] = v;
    out.push_back(json::object{{"rule", f.id},
                               {"outcome", catalog::outcome_name(f.outcome)},
                               {"reason", {{"nl", f.reason.nl}, {"en", f.reason.en}}},
                               {"values", std::move(values)}});
  }
  return out;
}

// The system acts on a case nobody touched yet: no person's permit, the rules' own.
Permit system_permit() {
  Permit p;
  p.may_handle = true;
  p.may_read_level = 7;
  return p;
}

// The product's result type for an outcome: toegekend (or afgehandeld, for a notification)
// for a grant, geweigerd for a refusal; its uuid through the zaaktype's result types by name.
std::optional<std::string> result_type_for(db::Connection& c, const catalog::Product& p,
                                           const std::string& case_type_id,
                                           catalog::Outcome outcome) {
  std::vector<std::string> wanted = outcome == catalog::Outcome::Grant
                                        ? std::vector<std::string>{"toegekend", "afgehandeld"}
                                        : std::vector<std::string>{"geweigerd"};
  auto types = result_types(c, case_type_id);
  for (const auto& generic : wanted) {
    for (const auto& r : p.results) {
      if (r.generic != generic) continue;
      for (const auto& t : types) {
        if (t.name == r.name.nl) return t.id;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

json::object case_facts(const Case& k, std::int64_t earlier_cases, std::int64_t documents) {
  json::object answers;
  if (!k.answers.empty()) {
    try {
      auto v = json::parse(k.answers);
      if (v.is_object()) answers = std::move(v.as_object());
    } catch (const std::exception&) {
    }
  }
  return {
      {"answers", std::move(answers)},
      {"known",
       {{"submitted", k.start_date}, {"earlierCases", earlier_cases}, {"documents", documents}}}};
}

AutoDecider::AutoDecider(CaseService& cases, DecisionService& decisions,
                         CaseService::Clock clock)
    : cases_(cases),
      decisions_(decisions),
      clock_(clock ? std::move(clock)
                   : CaseService::Clock([] { return std::chrono::system_clock::now(); })) {}

std::int64_t AutoDecider::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_().time_since_epoch()).count();
}

void AutoDecider::handle(db::Connection& c, const notify::Event& e) {
  if (e.kind != kCaseCreated) return;
  const auto* id = e.payload.if_contains("case");
  if (!id || !id->is_string()) return;
  std::string case_id(id->as_string());
  const auto& store = cases_.store();
  // First the case's type alone, without a lock: most cases (every zaak a ZGW client makes, most
  // products) have no rule set and need not be read at all; and a lock held here, in the
  // dispatcher's batch, against a writer that deletes a zaak with its deelzaken in the other
  // order, is a deadlock (PostgreSQL ends one of the two).
  // The event names the case type of a case submitted through the case service; a zaak the
  // ZGW door registered is read.
  std::optional<std::string> case_type = common::text(e.payload, "caseType");
  if (case_type->empty()) case_type = store.case_type_of(c, case_id);
  if (!case_type || case_type->empty()) return;
  auto product = catalog::product_of_case_type(c, *case_type);
  if (!product) return;
  auto rules = catalog::rule_set_of(*product);
  if (!rules) return;
  if (!c.query(std::string(kColumns) + "WHERE case_id = $1", {case_id}).empty()) return;
  // A rule set may decide: from here the case is locked, and read again under the lock.
  auto k = store.load_case(c, case_id, true);
  if (!k) return;
  auto facts = case_facts(*k, 0, 0);
  // A request for review is for a person by definition.
  if (facts.at("answers").as_object().contains("reviewOf")) return;
  // Only a case nobody acted on yet: a person who took it decides.
  auto type = store.load_case_type(c, k->case_type_id);
  if (!type || type->statuses.size() < 2 || k->closed() || !k->assignee.empty() ||
      !k->result_id.empty() || k->suspended_since || k->status_id.empty()) {
    return;
  }
  auto current = store.current_status(c, *k);
  if (!current || current->second != type->statuses.front().id) return;

  auto start = parse_day(k->start_date);
  auto year_before = start ? format_day(*start - std::chrono::days(365)) : k->start_date;
  auto earlier = c.query(kEarlierCases, {case_id, year_before});
  auto documents = c.query(kDocuments, {case_id});
  auto& known = facts["known"].as_object();
  known["earlierCases"] = earlier.empty() ? 0 : earlier[0].integer(0);
  known["documents"] = documents.empty() ? 0 : documents[0].integer(0);

  auto result = catalog::evaluate(*rules, facts, product->decided_by == "two");
  std::optional<std::string> result_type;
  if (result.decided()) {
    result_type = result_type_for(c, *product, k->case_type_id, result.outcome);
    if (!result_type) {
      result.fault = "the product has no result type for " +
                     std::string(catalog::outcome_name(result.outcome));
      result.outcome = catalog::Outcome::Route;
      result.routed = catalog::RouteReason::Fault;
    } else if (!decisions_.can_decide_automatically_in(c, k->case_type_id)) {
      result.fault = "the product has no published besluittype";
      result.outcome = catalog::Outcome::Route;
      result.routed = catalog::RouteReason::Fault;
    }
  }
  if (result.routed == catalog::RouteReason::Fault) {
    // The fault names a rule or a path, never a value: no personal data in the log.
    common::log::warn("decision rules could not be evaluated; the case goes to a person",
                      {{"case", case_id},
                       {"product", product->id},
                       {"rule_version", rules->version},
                       {"fault", result.fault}});
  }
  c.execute(kInsert, {common::new_uuid(), case_id, product->organisation_id, product->id,
                      static_cast<std::int64_t>(rules->version),
                      std::string(catalog::outcome_name(result.outcome)),
                      std::string(catalog::route_reason_name(result.routed)), result.fault,
                      json::serialize(explanation_of(result)), now_ms()});
  if (!result.decided()) return;

  std::string note;
  for (const auto& f : result.fired) {
    if (!note.empty()) note += " ";
    note += f.reason.nl;
  }
  // The result as CaseService::record_result records it, here in the consuming transaction;
  // the checks above (open, no result, first status, the product's result type) hold, as the
  // case is locked.
  CaseResult r{common::new_uuid(), case_id, *result_type, note};
  store.insert_result(c, r);
  k->result_id = r.id;
  store.update_case(c, *k);
  cases_.emit(c, kCaseResultRecorded, case_id, {{"result", r.id}});
  // The decision itself (ZGW besluit), before the closing, whose archive derivation may read it.
  std::string why = "Automatisch besloten volgens de regels voor " + product->name.nl +
                    " (versie " + std::to_string(rules->version) + "). " + note;
  auto besluit = decisions_.decide_automatically_in(c, *k, why);
  if (!besluit) throw std::runtime_error("automatic decision: the besluit was refused");
  auto permit = system_permit();
  auto closed = cases_.set_status_in(c, case_id, type->statuses.back().id, note, permit);
  if (!closed) throw std::runtime_error("automatic decision: closing was refused");
}

std::optional<AutomatedDecision> AutoDecider::for_case(db::Database& db,
                                                       const std::string& case_id) const {
  auto rows = db.read_once(std::string(kColumns) + "WHERE case_id = $1", {case_id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::optional<AutomatedDecision> AutoDecider::for_review_case(
    db::Database& db, const std::string& review_case_id) const {
  auto rows = db.read_once(std::string(kColumns) + "WHERE review_case_id = $1", {review_case_id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

Result<std::string> AutoDecider::request_review(const std::string& case_id, const Submitter& who,
                                                const Permit& permit) {
  auto& db = cases_.database();
  auto d = for_case(db, case_id);
  if (!d || !d->decided()) {
    return common::not_found("This case was not decided automatically.");
  }
  if (d->review_case_id) return *d->review_case_id;
  auto k = cases_.get(case_id);
  if (!k) return k.failure();
  Application a;
  a.case_type_id = k->case_type_id;
  a.description = "Verzoek om menselijke beoordeling van " +
                  (k->reference.empty() ? k->identification : k->reference) + " (AVG art. 22)";
  json::object answers{{"reviewOf", case_id},
                       {"reference", k->reference},
                       {"outcome", catalog::outcome_name(d->outcome)},
                       {"ruleVersion", d->rule_version},
                       {"explanation", d->explanation}};
  a.answers = canonical_json(json::serialize(answers));
  // The key makes a double click or a retry after a lost answer open one review case.
  auto submitted = cases_.submit(a, who, "review-" + case_id, permit);
  if (!submitted) return submitted.failure();
  auto review = submitted->c.id;
  // The review case and the case it reviews list each other (relevanteAndereZaken) in the
  // transaction that records the request.
  db.write([&](db::Connection& c) {
    c.execute(kSetReview, {case_id, review, now_ms()});
    relate_cases_in(c, cases_, review, case_id,
                     "Verzoek om menselijke beoordeling van een automatisch besluit", permit);
  });
  auto again = for_case(db, case_id);
  return again && again->review_case_id ? *again->review_case_id : review;
}

Result<AutomatedDecision> AutoDecider::judge_review(const std::string& review_case_id,
                                                    const std::string& outcome,
                                                    const Permit& permit) {
  auto& db = cases_.database();
  auto d = for_review_case(db, review_case_id);
  if (!d) return common::not_found("This case is no review of an automatic decision.");
  auto k = cases_.get(review_case_id);
  if (!k || permit.may_read_level < common::level_of(k->confidentiality)) {
    return common::not_found("There is no case with this id that you may see.");
  }
  if (!permit.may_handle) return common::forbidden("You may not handle this case.");
  if (outcome != "upheld" && outcome != "overturned") {
    return common::invalid("outcome", "invalid", "upheld or overturned");
  }
  db.write([&](db::Connection& c) { c.execute(kSetReviewOutcome, {review_case_id, outcome}); });
  d->review_outcome = outcome;
  return *d;
}

std::vector<RegisterCounts> AutoDecider::counts(db::Database& db,
                                                const std::string& organisation_id) const {
  auto rows = db.read_once(kCounts, {organisation_id});
  std::vector<RegisterCounts> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto product = rows[i].text(0);
    if (out.empty() || out.back().product != product) out.push_back({product});
    auto& line = out.back();
    auto outcome = rows[i].text(1);
    auto n = rows[i].integer(2);
    if (outcome == "grant") line.granted += n;
    if (outcome == "refuse") line.refused += n;
    if (outcome == "route") line.routed += n;
    if (outcome != "route") line.decisions += n;
    line.reviewed += rows[i].integer(3);
    line.overturned += rows[i].integer(4);
  }
  return out;
}

}  // namespace loket::cases
