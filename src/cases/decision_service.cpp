// The decision service's use cases; see decision_service.hpp. Rules come from decision_rules,
// SQL from the decision store; this file keeps each use case in one transaction.
#include "cases/decision_service.hpp"

#include <boost/json.hpp>
#include <cstdio>

#include "common/json.hpp"
#include "common/uuid.hpp"
#include "notify/outbox.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

using common::Failure;

// Carries a failure out of a write transaction so that it rolls back.
struct Refused {
  Failure failure;
};

std::optional<std::chrono::sys_days> day_of(const std::optional<std::string>& s) {
  if (!s || s->empty()) return std::nullopt;
  return parse_day(*s);
}

// Runs `f` in one write transaction; a failure it returns rolls the transaction back.
template <class T, class F>
Result<T> in_transaction(db::Database& db, F&& f) {
  std::optional<Result<T>> out;
  try {
    db.write([&](db::Connection& c) {
      auto r = f(c);
      if (!r) throw Refused{r.failure()};
      out.emplace(std::move(r));
    });
  } catch (const Refused& refused) {
    return refused.failure;
  } catch (const db::ConstraintError&) {
    return common::conflict("A decision with this identification exists already.");
  }
  return std::move(*out);
}

// A decision that takes effect now: made known today unless sent or published before, and the
// latest day to respond is the objection window's end unless given.
void take_effect(Decision& d, std::chrono::sys_days today) {
  if (!d.sent_on && !d.published_on) d.sent_on = format_day(today);
  if (!d.respond_by) {
    if (auto w = objection_window_of(d)) d.respond_by = format_day(w->until);
  }
}

}  // namespace

std::optional<ObjectionWindow> objection_window_of(const Decision& d) {
  auto known = made_known_on(day_of(d.sent_on), day_of(d.published_on));
  if (!known) return std::nullopt;
  return objection_window(*known);
}

DecisionService::DecisionService(db::Database& db, CaseService& cases, Clock clock)
    : db_(db),
      cases_(cases),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::system_clock::now(); })) {}

std::chrono::sys_days DecisionService::today() const {
  return std::chrono::floor<std::chrono::days>(clock_());
}

std::string DecisionService::now_rfc3339() const { return format_instant(clock_()); }

void DecisionService::emit(db::Connection& c, std::string_view kind, const Decision& d) {
  // Ids only. `state` tells a consumer of decision.created whether it took effect: a draft is
  // for no resident and no ZGW client; decision.approved follows when it does.
  json::object payload{{"decision", d.id}};
  payload["case"] = d.case_id.empty() ? json::value(nullptr) : json::value(d.case_id);
  if (kind == kDecisionCreated) {
    payload["state"] = d.state == DecisionState::Draft ? "draft" : "approved";
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock_().time_since_epoch());
  notify::enqueue_event(c, kind, json::serialize(payload), ms.count());
}

Result<Decision> DecisionService::decide(const std::string& case_id, const DecisionInput& in,
                                         const std::string& staff_id, const Permit& permit) {
  return in_transaction<Decision>(db_, [&](db::Connection& c) -> Result<Decision> {
    auto k = cases_.store().load_case(c, case_id, true);
    if (!k || permit.may_read_level < common::level_of(k->confidentiality)) {
      return common::not_found("There is no case with this id that you may see.");
    }
    if (!permit.may_handle) return common::forbidden("You may not decide on this case.");
    if (k->closed() && !permit.may_change_closed) {
      return common::forbidden("This case is closed.");
    }
    auto type = store_.load_decision_type(c, in.decision_type_id);
    if (!type) {
      return common::invalid("decisionType", "does-not-exist",
                             "There is no decision type with this id.");
    }
    if (!type->published) {
      return common::invalid("decisionType", "not-published",
                             "This decision type is not published.");
    }
    if (!store_.case_type_lists(c, k->case_type_id, type->url)) {
      return common::invalid("decisionType", "wrong-case-type",
                             "This decision type is not one of the case's type.");
    }
    Decision d;
    d.id = common::new_uuid();
    d.decision_type_id = type->id;
    d.decision_type_url = type->url;
    d.case_id = k->id;
    d.case_url = "/zgw/zaken/api/v1/zaken/" + k->id;
    d.organisation_rsin = k->organisation_rsin;
    d.date = in.date.value_or(format_day(today()));
    d.effective_from = in.effective_from.value_or(d.date);
    d.explanation = in.explanation;
    d.governing_body = in.governing_body;
    d.expires_on = in.expires_on;
    d.expiry_reason = in.expiry_reason;
    d.published_on = in.published_on;
    d.sent_on = in.sent_on;
    d.respond_by = in.respond_by;
    auto from = parse_day(d.effective_from);
    auto decided = parse_day(d.date);
    if (!decided) return common::invalid("date", "invalid", "A date: YYYY-MM-DD.");
    if (*decided > today()) {
      return common::invalid("date", "future-not-allowed", "A decision is not dated ahead.");
    }
    if (!from) return common::invalid("effectiveFrom", "invalid", "A date: YYYY-MM-DD.");
    if (check_dates(*from, day_of(d.expires_on))) {
      return common::invalid("expiresOn", "before-effective",
                             "A decision does not expire before it takes effect.");
    }
    d.decided_by = staff_id;
    auto year = static_cast<int>(std::chrono::year_month_day{today()}.year());
    d.identification = store_.next_identification(c, d.organisation_rsin, year);
    if (store_.four_eyes(c, k->case_type_id)) {
      d.state = DecisionState::Draft;
      store_.insert_draft(c, d, now_rfc3339());
      emit(c, kDecisionCreated, d);
      return d;
    }
    d.state = DecisionState::Approved;
    d.approved_at = now_rfc3339();
    take_effect(d, today());
    store_.insert(c, d);
    store_.link_case(c, d.case_id, d.id);
    emit(c, kDecisionCreated, d);
    emit(c, kDecisionApproved, d);
    return d;
  });
}

bool DecisionService::can_decide_automatically_in(db::Connection& c,
                                                  const std::string& case_type_id) const {
  return !store_.published_decision_types(c, case_type_id).empty();
}

Result<Decision> DecisionService::decide_automatically_in(db::Connection& c, const Case& k,
                                                          const std::string& explanation) {
  auto types = store_.published_decision_types(c, k.case_type_id);
  if (types.empty()) {
    return common::invalid("decisionType", "does-not-exist",
                           "The case's type has no published decision type.");
  }
  const auto& type = types.front();
  Decision d;
  d.id = common::new_uuid();
  d.decision_type_id = type.id;
  d.decision_type_url = type.url;
  d.case_id = k.id;
  d.case_url = "/zgw/zaken/api/v1/zaken/" + k.id;
  d.organisation_rsin = k.organisation_rsin;
  d.date = format_day(today());
  d.effective_from = d.date;
  d.explanation = explanation;
  auto year = static_cast<int>(std::chrono::year_month_day{today()}.year());
  d.identification = store_.next_identification(c, d.organisation_rsin, year);
  d.state = DecisionState::Approved;
  d.approved_at = now_rfc3339();
  take_effect(d, today());
  store_.insert(c, d);
  store_.link_case(c, d.case_id, d.id);
  emit(c, kDecisionCreated, d);
  emit(c, kDecisionApproved, d);
  return d;
}

Result<Decision> DecisionService::approve(const std::string& decision_id,
                                          const std::string& staff_id, bool approver,
                                          const Permit& permit) {
  return in_transaction<Decision>(db_, [&](db::Connection& c) -> Result<Decision> {
    auto d = store_.load(c, decision_id, true);
    auto k =
        d && !d->case_id.empty() ? cases_.store().load_case(c, d->case_id, true) : std::nullopt;
    if (!d || !k || permit.may_read_level < common::level_of(k->confidentiality)) {
      return common::not_found("There is no decision with this id that you may see.");
    }
    if (!permit.may_handle) return common::forbidden("You may not handle this case.");
    if (auto refusal =
            check_approval(d->decided_by, staff_id, approver, d->state == DecisionState::Draft)) {
      switch (*refusal) {
        case ApprovalRefusal::NotDraft:
          return common::conflict("This decision does not wait for approval.");
        case ApprovalRefusal::NotApprover:
          return common::forbidden("Approving a decision needs the approver role.");
        case ApprovalRefusal::SamePerson:
          return common::forbidden(
              "A decision is approved by someone other than the person who drafted it.");
      }
    }
    d->state = DecisionState::Approved;
    d->approved_by = staff_id;
    d->approved_at = now_rfc3339();
    take_effect(*d, today());
    store_.delete_draft(c, d->id);
    store_.insert(c, *d);
    store_.link_case(c, d->case_id, d->id);
    emit(c, kDecisionApproved, *d);
    return std::move(*d);
  });
}

Result<void> DecisionService::discard(const std::string& decision_id, const Permit& permit) {
  auto r = in_transaction<bool>(db_, [&](db::Connection& c) -> Result<bool> {
    auto d = store_.load(c, decision_id, true);
    auto k =
        d && !d->case_id.empty() ? cases_.store().load_case(c, d->case_id, true) : std::nullopt;
    if (!d || !k || permit.may_read_level < common::level_of(k->confidentiality)) {
      return common::not_found("There is no decision with this id that you may see.");
    }
    if (!permit.may_handle) return common::forbidden("You may not handle this case.");
    if (d->state != DecisionState::Draft) {
      return common::conflict("A decision that took effect is withdrawn, not deleted.");
    }
    store_.delete_draft(c, d->id);
    emit(c, kDecisionDeleted, *d);
    return true;
  });
  if (!r) return r.failure();
  return {};
}

Result<Decision> DecisionService::get(const std::string& decision_id) {
  auto d = db_.read_value([&](db::Connection& c) { return store_.load(c, decision_id); });
  if (!d) return common::not_found("There is no decision with this id.");
  return std::move(*d);
}

std::vector<Decision> DecisionService::for_case(const std::string& case_id, bool with_drafts) {
  return db_.read_value(
      [&](db::Connection& c) { return store_.for_case(c, case_id, with_drafts); });
}

std::string DecisionService::next_identification_in(db::Connection& c, const std::string& rsin) {
  auto year = static_cast<int>(std::chrono::year_month_day{today()}.year());
  return store_.next_identification(c, rsin, year);
}

bool DecisionService::identification_free_in(db::Connection& c, const std::string& rsin,
                                             const std::string& identification) {
  return !store_.identification_taken(c, rsin, identification);
}

void DecisionService::registered_in(db::Connection& c, const json::object& besluit) {
  auto d = decision_of(besluit);
  if (!d.case_id.empty()) store_.link_case(c, d.case_id, d.id);
  emit(c, kDecisionCreated, d);
  emit(c, kDecisionApproved, d);
}

void DecisionService::changed_in(db::Connection& c, const json::object& besluit,
                                 const json::object& before) {
  auto d = decision_of(besluit);
  auto old = decision_of(before);
  if (old.case_url != d.case_url) {
    store_.unlink_case(c, d.id);
    if (!d.case_id.empty()) store_.link_case(c, d.case_id, d.id);
  }
  emit(c, kDecisionUpdated, d);
}

void DecisionService::deleted_in(db::Connection& c, const json::object& besluit) {
  auto d = decision_of(besluit);
  store_.unlink_case(c, d.id);
  emit(c, kDecisionDeleted, d);
}

void DecisionService::case_deleted_in(db::Connection& c, const std::string& case_id) {
  for (const auto& d : store_.for_case(c, case_id, true)) {
    if (d.state != DecisionState::Draft) continue;
    store_.delete_draft(c, d.id);
    emit(c, kDecisionDeleted, d);
  }
}

KenmerkBrondatum DecisionService::archive_date_in(db::Connection* c, std::string_view case_url,
                                                  std::string_view afleidingswijze) {
  auto field = afleidingswijze == "vervaldatum_besluit" ? "vervaldatum" : "ingangsdatum";
  auto read = [&](db::Connection& conn) { return store_.dates_of_case(conn, case_url, field); };
  auto texts = c ? read(*c) : db_.read_value(read);
  std::vector<std::optional<std::chrono::sys_days>> dates;
  dates.reserve(texts.size());
  for (const auto& s : texts) dates.push_back(day_of(s));
  return besluit_brondatum(dates);
}

}  // namespace loket::cases
