// The case service's use cases; see case_service.hpp. Rules come from case_rules, SQL from the
// store; this file decides the order and keeps each use case in one transaction.
#include "cases/case_service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <mutex>

#include "cases/audit_trail.hpp"
#include "cases/case_store_zgw.hpp"
#include "cases/submit_target.hpp"
#include "common/confidentiality.hpp"
#include "common/json.hpp"
#include "common/uuid.hpp"
#include "db/group_commit.hpp"
#include "notify/outbox.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

using common::Failure;

constexpr std::string_view kCaseUrl = "/zgw/zaken/api/v1/zaken/";

std::optional<std::string> non_empty(const json::object& o, std::string_view key) {
  auto t = common::text(o, key);
  return t.empty() ? std::nullopt : std::optional<std::string>(std::move(t));
}

// Carries a failure out of a write transaction so that it rolls back.
struct Refused {
  Failure failure;
};

Failure from(const Refusal& r) { return common::invalid(r.field, r.code, r.reason); }

void canonical(const json::value& v, std::string& out) {
  if (v.is_object()) {
    std::vector<const json::key_value_pair*> kv;
    for (const auto& p : v.as_object()) kv.push_back(&p);
    std::sort(kv.begin(), kv.end(), [](auto* a, auto* b) { return a->key() < b->key(); });
    out += '{';
    for (std::size_t i = 0; i < kv.size(); ++i) {
      if (i) out += ',';
      out += json::serialize(kv[i]->key());
      out += ':';
      canonical(kv[i]->value(), out);
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    bool first = true;
    for (const auto& e : v.as_array()) {
      if (!first) out += ',';
      first = false;
      canonical(e, out);
    }
    out += ']';
  } else {
    out += json::serialize(v);
  }
}

std::string hex_sha256(std::string_view s) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// The deadline from the case's facts now (nullopt keeps the stored one: no term known).
void recompute_deadline(Case& k, const CaseType& t, std::chrono::sys_days today) {
  auto start = parse_day(k.start_date);
  if (!start || !t.term) return;
  DeadlineFacts f{*start, t.term,
                  k.extension ? std::optional<Period>(k.extension->period) : std::nullopt,
                  k.suspended_days, std::nullopt};
  if (k.suspended_since) {
    f.suspended_since = parse_day(*k.suspended_since);
  }
  if (auto d = compute_deadline(f, today)) k.deadline = format_day(*d);
}

}  // namespace

std::string canonical_json(std::string_view text) {
  if (text.empty()) return {};
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return std::string(text);
  std::string out;
  canonical(v, out);
  return out;
}

std::string canonical_json_of(const json::value& v) {
  std::string out;
  canonical(v, out);
  return out;
}

std::string request_hash(const Application& a) {
  // Length-prefixed parts: no two different requests share a text.
  std::string text;
  for (const auto* part : {&a.case_type_id, &a.description}) {
    text += std::to_string(part->size()) + ":" + *part + ";";
  }
  auto answers = canonical_json(a.answers);
  text += std::to_string(answers.size()) + ":" + answers;
  return hex_sha256(text);
}

CaseService::CaseService(db::Database& db, const privacy::KeyRing& keys, Clock clock)
    : db_(db),
      store_(keys),
      messages_(keys),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::system_clock::now(); })) {}

std::chrono::sys_days CaseService::today() const {
  return std::chrono::floor<std::chrono::days>(clock_());
}

std::string CaseService::now_rfc3339() const { return format_instant(clock_()); }

std::int64_t CaseService::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_().time_since_epoch()).count();
}

void CaseService::emit(db::Connection& c, std::string_view kind, const std::string& case_id,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> extra) {
  json::object payload{{"case", case_id}};
  for (const auto& [key, value] : extra) payload[key] = value;
  notify::enqueue_event(c, kind, json::serialize(payload), now_ms());
}

namespace {

// submit_target's entries: per database (its address; entries outlive none of them by more than
// kSubmitTargetSeconds) and case type id.
struct TargetCache {
  using Clock = std::chrono::steady_clock;
  struct Entry {
    std::shared_ptr<const SubmitTarget> target;
    Clock::time_point until;
  };
  std::mutex mutex;
  std::map<std::pair<const db::Database*, std::string>, Entry, std::less<>> entries;
};

TargetCache& target_cache() {
  static TargetCache cache;
  return cache;
}

constexpr std::size_t kMaxTargets = 1000;

}  // namespace

std::shared_ptr<const SubmitTarget> submit_target(db::Database& db, const CaseStore& store,
                                                  const std::string& case_type_id) {
  auto& cache = target_cache();
  auto now = TargetCache::Clock::now();
  auto key = std::pair<const db::Database*, std::string>{&db, case_type_id};
  {
    std::lock_guard lock(cache.mutex);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end() && it->second.until > now) return it->second.target;
  }
  std::shared_ptr<const SubmitTarget> out;
  db.read([&](db::Connection& c) {
    auto type = store.load_case_type(c, case_type_id);
    if (!type || !type->published || type->statuses.empty() || type->organisation_rsin.empty()) {
      return;
    }
    auto target = std::make_shared<SubmitTarget>();
    if (auto org = store.organisation_of_rsin(c, type->organisation_rsin)) {
      target->organisation_id = org->id;
      target->organisation_name = org->name;
      target->prefix = org->prefix.value_or(default_reference_prefix(org->name, org->kind));
    } else {
      target->prefix = "CASE";
    }
    target->type = std::move(*type);
    out = std::move(target);
  });
  // Only what is published is kept: a concept may still change.
  if (out) {
    std::lock_guard lock(cache.mutex);
    if (cache.entries.size() >= kMaxTargets) {
      std::erase_if(cache.entries, [&](const auto& e) { return e.second.until <= now; });
    }
    if (cache.entries.size() < kMaxTargets) {
      cache.entries[std::move(key)] = {out, now + std::chrono::seconds(kSubmitTargetSeconds)};
    }
  }
  return out;
}

Result<Submitted> CaseService::submit(const Application& a, const Submitter& who,
                                      const std::string& idempotency_key, const Permit& permit) {
  if (!permit.may_submit) return common::forbidden("You may not apply for a case.");
  if (a.description.size() > 4000) {  // bytes; the door checks characters (≤ 1000)
    return common::invalid("description", "max-length", "At most 1000 characters.");
  }
  if (idempotency_key.empty()) {
    return common::invalid("Idempotency-Key", "required", "Send an Idempotency-Key header.");
  }
  auto hash = request_hash(a);
  auto submitter = store_.submitter_index(who.kind, who.number);
  // The same key again: the first request's case, or a conflict.
  auto replay = [&](db::Connection& c, const IdempotencyRecord& seen) -> Result<Submitted> {
    if (seen.request_hash != hash) {
      return common::conflict("This Idempotency-Key was used for another request; use a new key.");
    }
    auto k = store_.load_case(c, seen.case_id);
    if (!k) return common::not_found("The case of this Idempotency-Key is gone.");
    return Submitted{std::move(*k), true, {}};
  };
  // The case type (published types do not change) and the organisation's prefix, as the door
  // found them (submit_target keeps them a few seconds). A key seen before is found in the
  // write transaction: a replay is rare, and the numbers it takes leave a gap (allowed).
  auto target = submit_target(db_, store_, a.case_type_id);
  if (!target) {
    // Not submittable now: the first request's case when the key was used, else why not.
    std::optional<Result<Submitted>> early;
    db_.read([&](db::Connection& c) {
      if (auto seen = store_.find_idempotency_key(c, submitter, idempotency_key)) {
        early = replay(c, *seen);
        return;
      }
      auto type = store_.load_case_type(c, a.case_type_id);
      if (!type || !type->published) {
        early = common::invalid(
            "caseType", type ? "not-published" : "does-not-exist",
            type ? "This case type is not published." : "There is no case type with this id.");
        return;
      }
      early = common::invalid("caseType", "incomplete",
                              "This case type has no statuses or no organisation.");
    });
    return std::move(*early);
  }
  const auto& type = target->type;
  const auto& rsin = type.organisation_rsin;
  auto now = today();
  auto year = static_cast<int>(std::chrono::year_month_day{now}.year());
  // The identificatie's year as the Zaken API's counter counts it (the system clock).
  auto id_year = static_cast<std::int64_t>(static_cast<int>(std::chrono::year_month_day{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}
                                                                .year()));
  // Numbers from this process's blocks: the counters' rows are locked only for a block's own
  // short transaction, never until a submit commits. Gaps are possible, repeats are not.
  auto number = fmt::format("ZAAK-{}-{:010d}", id_year,
                            numbers_->next(fmt::format("zaak|{}|{}", rsin, id_year), [&](auto n) {
                              return db_.write_value([&](db::Connection& c) {
                                return store_.reserve_identifications(c, rsin, id_year, n);
                              });
                            }));
  auto reference = fmt::format("{}-{}-{:06d}", target->prefix, year,
                               numbers_->next(fmt::format("ref|{}|{}", rsin, year), [&](auto n) {
                                 return db_.write_value([&](db::Connection& c) {
                                   return store_.reserve_references(c, rsin, std::int64_t{year}, n);
                                 });
                               }));
  // Two requests with one key racing on PostgreSQL: the second insert of the key fails, and its
  // retry finds the first one's case.
  for (int attempt = 0;; ++attempt) {
    try {
      std::optional<Result<Submitted>> out;
      // Many residents submit at once: their writes share a commit (group commit). The same
      // key twice in one group meets here too, as the first write's key is in the
      // transaction.
      db::write_grouped(db_, [&](db::Connection& c) {
        auto checks = store_.submit_checks(c, submitter, idempotency_key, rsin, number);
        if (checks.seen) {
          out = replay(c, *checks.seen);
          return;
        }
        Case k;
        k.id = common::new_uuid();
        // A ZGW client may have chosen this number for a zaak of its own: then the counter's.
        k.identification =
            checks.identification_taken ? store_.next_identification(c, rsin) : number;
        k.reference = reference;
        k.organisation_rsin = rsin;
        k.case_type_id = type.id;
        k.description = a.description;
        k.confidentiality = type.confidentiality;
        k.registered_on = k.start_date = format_day(now);
        k.answers = a.answers;
        recompute_deadline(k, type, now);

        Party initiator;
        initiator.id = common::new_uuid();
        initiator.case_id = k.id;
        initiator.kind = who.acting_for ? who.acting_for->first : who.kind;
        initiator.number = who.acting_for ? who.acting_for->second : who.number;
        initiator.role = "initiator";
        initiator.role_type = type.initiator_role_type;
        initiator.note = "Aanvrager";
        initiator.registered_at = format_day(now) + "T00:00:00Z";
        std::vector<std::pair<Party, std::string>> parties{{initiator, type.initiator_role_name}};
        if (who.acting_for) {
          Party rep = initiator;
          rep.id = common::new_uuid();
          rep.kind = who.kind;
          rep.number = who.number;
          rep.role = "belanghebbende";
          rep.role_type.clear();
          rep.note = "Gemachtigde";
          rep.representative = true;
          parties.emplace_back(std::move(rep), "Gemachtigde");
        }
        Status first{common::new_uuid(), k.id, type.first_status()->id, now_rfc3339(), ""};
        k.status_id = first.id;
        // Six inserts under new ids, in one round trip on PostgreSQL: their outcome (a key
        // another request stored meanwhile) is read at the commit.
        db::Deferring inserts(c);
        store_.insert_submitted(inserts, k, type, parties, first);
        // The zaak's creation in its audit trail, as the Zaken API records a zaak it creates
        // (its stored representation as the new value).
        auto zaak = submitted_zaak(k, type, parties);
        audit(inserts, permit, k.id, "create", "zaak", nullptr, &zaak);
        store_.insert_idempotency_key(inserts, submitter, idempotency_key, {hash, k.id}, now_ms());
        emit(inserts, kCaseCreated, k.id,
             {{"status", first.id}, {"statusType", first.type_id}, {"caseType", type.id}});
        out = Submitted{std::move(k), false, std::move(first)};
      });
      if (*out && !(*out)->replayed) purge_when_due();
      return std::move(*out);
    } catch (const db::ConstraintError&) {
      if (attempt >= 2) throw;
    }
  }
}

std::int64_t CaseService::purge_idempotency_keys() {
  auto before = now_ms() - retention_.count();
  return db_.write_value(
      [&](db::Connection& c) { return store_.purge_idempotency_keys(c, before); });
}

void CaseService::purge_when_due() {
  auto now = now_ms();
  auto every = std::min<std::int64_t>(retention_.count(), 600'000);
  auto last = purged_at_->load();
  // One submit of the process purges; the others go on.
  if (now - last < every || !purged_at_->compare_exchange_strong(last, now)) return;
  try {
    purge_idempotency_keys();
  } catch (const db::Error&) {
    // The case is stored; old keys wait for the next purge.
  }
}

Result<Case> CaseService::get(const std::string& case_id) {
  auto k = db_.read_value([&](db::Connection& c) { return store_.load_case(c, case_id); });
  if (!k) return common::not_found("There is no case with this id.");
  return std::move(*k);
}

void CaseService::audit(db::Connection& c, const Permit& permit, const std::string& case_id,
                        std::string_view action, std::string_view resource,
                        const json::object* before, const json::object* after,
                        const std::string& note) {
  AuditEntry e;
  e.bron = "ZRC";
  e.actor = permit.actor;
  e.action = action;
  e.result = action == "create" ? 201 : 200;
  e.owner = std::string(kCaseUrl) + case_id;
  e.resource = resource;
  const auto* shown = after ? after : before;
  e.resource_url = shown ? common::text(*shown, "url") : e.owner;
  e.note = note;
  e.old_value = before ? json::value(*before) : json::value(nullptr);
  e.new_value = after ? json::value(*after) : json::value(nullptr);
  write_audit(c, e);
}

Result<Case> CaseService::change_in(db::Connection& c, const std::string& case_id,
                                    const Permit& permit, const Change& f, bool audit_case) {
  auto k = store_.load_case(c, case_id, true);
  // A case the caller may not read does not exist for them.
  if (!k || permit.may_read_level < common::level_of(k->confidentiality)) {
    return common::not_found("There is no case with this id that you may see.");
  }
  if (!permit.may_handle) return common::forbidden("You may not change this case.");
  auto type = store_.load_case_type(c, k->case_type_id);
  if (!type || type->statuses.empty()) {
    return common::invalid("caseType", "unknown",
                           "The case's type is not in this registry; change it through ZGW.");
  }
  auto r = f(c, *k, *type);
  if (!r) return r.failure();
  auto written = store_.update_case(c, *k);
  if (audit_case)
    audit(c, permit, k->id, "partial_update", "zaak", &written.before, &written.after);
  return std::move(*k);
}

Result<Case> CaseService::change(const std::string& case_id, const Permit& permit, const Change& f,
                                 bool audit_case) {
  std::optional<Result<Case>> out;
  try {
    db_.write([&](db::Connection& c) {
      auto r = change_in(c, case_id, permit, f, audit_case);
      if (!r) throw Refused{r.failure()};
      out.emplace(std::move(r));
    });
  } catch (const Refused& refused) {
    return refused.failure;
  }
  return std::move(*out);
}

Result<Case> CaseService::set_status_in(db::Connection& c, const std::string& case_id,
                                        const std::string& status_type_id, const std::string& note,
                                        const Permit& permit) {
  return change_in(
      c, case_id, permit,
      [&](db::Connection& c2, Case& k, const CaseType& t) -> Result<void> {
        const auto* st = t.status(status_type_id);
        if (!st) {
          return common::invalid("statusType", "does-not-exist",
                                 "This status type is not one of the case's type.");
        }
        auto set_at = now_rfc3339();
        auto transition = status_transition(k.closed(), t.is_end(*st));
        if (transition == Transition::Reopen && !permit.may_reopen) {
          return common::forbidden("This case is closed; reopening it needs that right.");
        }
        if (transition == Transition::Reclose && !permit.may_change_closed) {
          return common::forbidden("This case is already closed.");
        }
        if (transition == Transition::Close || transition == Transition::Reclose) {
          if (!store_.has_result(c2, k.id) && k.result_id.empty()) {
            return common::invalid("nonFieldErrors", "resultaat-does-not-exist",
                                   "A case closes with a result; record one first.");
          }
          if (k.suspended_since) {  // closing ends a suspension
            if (auto since = parse_day(*k.suspended_since)) {
              k.suspended_days += days_between(*since, today());
            }
            k.suspended_since.reset();
            k.suspended_before = true;
          }
          k.end_date = format_day(today());
          // zrc-015: the archive parameters, derived as the Zaken API derives them.
          if (auto zaak = store_.representation(c2, k.id)) {
            // zrc-007: every document of the case says whether usage rights apply.
            if (archive_sources_.documents_without_usage_rights) {
              auto url = zaak->if_contains("url");
              if (url && url->is_string() &&
                  archive_sources_.documents_without_usage_rights(c2, url->as_string()) > 0) {
                return common::invalid("nonFieldErrors", "indicatiegebruiksrecht-unset",
                                       "Say for every document of the case whether usage rights "
                                       "apply (indicatieGebruiksrecht) before closing it.");
              }
            }
            (*zaak)["einddatum"] = *k.end_date;
            if (auto derived = derive_case_archive(c2, archive_sources_, *zaak); !derived) {
              return derived.failure();
            }
            k.archive = Case::ArchiveFields{non_empty(*zaak, "archiefnominatie"),
                                            non_empty(*zaak, "archiefactiedatum")};
          }
        } else if (transition == Transition::Reopen) {
          k.end_date.reset();
        }
        Status s{common::new_uuid(), k.id, st->id, set_at, note};
        auto status_data = store_.add_status(c2, s);
        audit(c2, permit, k.id, "create", "status", nullptr, &status_data);
        k.status_id = s.id;
        auto kind = transition == Transition::Close    ? kCaseClosed
                    : transition == Transition::Reopen ? kCaseReopened
                                                       : kCaseStatusSet;
        emit(c2, kind, k.id, {{"status", s.id}, {"statusType", s.type_id}});
        return {};
      },
      false);
}

Result<CaseService::StatusDecision> CaseService::status_added_in(db::Connection& c,
                                                                 const StatusFacts& f,
                                                                 const Permit& permit) {
  bool end = false;
  if (auto type = store_.load_case_type(c, f.case_type_id)) {
    const auto* st = type->status(f.status_type_id);
    end = st && type->is_end(*st);
  }
  StatusDecision d{status_transition(f.closed, end), std::nullopt};
  if (d.transition == Transition::Reopen && !permit.may_reopen) {
    return common::forbidden("This case is closed; reopening it needs that right.");
  }
  if (d.transition == Transition::Reclose && !permit.may_change_closed) {
    return common::forbidden("This case is already closed.");
  }
  if (d.transition == Transition::Close || d.transition == Transition::Reclose) {
    if (!store_.has_result(c, f.case_id)) {
      return common::invalid("nonFieldErrors", "resultaat-does-not-exist",
                             "A case closes with a result; record one first.");
    }
    d.end_date = f.set_at.substr(0, 10);
  }
  auto kind = d.transition == Transition::Close    ? kCaseClosed
              : d.transition == Transition::Reopen ? kCaseReopened
                                                   : kCaseStatusSet;
  emit(c, kind, f.case_id, {{"status", f.status_id}, {"statusType", f.status_type_id}});
  return d;
}

void CaseService::registered_in(db::Connection& c, const std::string& case_id) {
  emit(c, kCaseCreated, case_id);
}

Result<Case> CaseService::set_status(const std::string& case_id, const std::string& status_type_id,
                                     const std::string& note, const Permit& permit) {
  std::optional<Result<Case>> out;
  try {
    db_.write([&](db::Connection& c) {
      auto r = set_status_in(c, case_id, status_type_id, note, permit);
      if (!r) throw Refused{r.failure()};
      out.emplace(std::move(r));
    });
  } catch (const Refused& refused) {
    return refused.failure;
  }
  return std::move(*out);
}

Result<Case> CaseService::close(const std::string& case_id, const std::string& note,
                                const Permit& permit) {
  std::string end;
  {
    auto k = get(case_id);
    if (!k) return k.failure();
    auto type = db_.read_value(
        [&](db::Connection& c) { return store_.load_case_type(c, k->case_type_id); });
    if (!type || type->statuses.empty()) {
      return common::invalid("caseType", "unknown", "The case's type is not in this registry.");
    }
    end = type->statuses.back().id;
  }
  return set_status(case_id, end, note, permit);
}

Result<Case> CaseService::reopen(const std::string& case_id, const std::string& status_type_id,
                                 const std::string& note, const Permit& permit) {
  auto k = get(case_id);
  if (!k) return k.failure();
  if (!k->closed()) return common::invalid("nonFieldErrors", "not-closed", "This case is open.");
  auto target = status_type_id;
  if (target.empty()) {
    auto type = db_.read_value(
        [&](db::Connection& c) { return store_.load_case_type(c, k->case_type_id); });
    if (!type || type->statuses.empty()) {
      return common::invalid("caseType", "unknown", "The case's type is not in this registry.");
    }
    target = type->statuses.front().id;
  }
  return set_status(case_id, target, note, permit);
}

Result<Case> CaseService::suspend(const std::string& case_id, const std::string& reason,
                                  const Permit& permit) {
  return change(
      case_id, permit, [&](db::Connection& c, Case& k, const CaseType& t) -> Result<void> {
        if (auto r =
                check_suspend(t.suspendable, k.closed(), k.suspended_since.has_value(), reason)) {
          return from(*r);
        }
        k.suspended_since = format_day(today());
        k.suspension_reason = reason;
        recompute_deadline(k, t, today());
        emit(c, kCaseSuspended, k.id);
        return {};
      });
}

Result<Case> CaseService::resume(const std::string& case_id, const Permit& permit) {
  return change(case_id, permit,
                [&](db::Connection& c, Case& k, const CaseType& t) { return resume_in(c, k, t); });
}

Result<void> CaseService::resume_in(db::Connection& c, Case& k, const CaseType& t) {
  if (auto r = check_resume(k.suspended_since.has_value())) return from(*r);
  if (auto since = parse_day(*k.suspended_since)) {
    k.suspended_days += days_between(*since, today());
  }
  k.suspended_since.reset();
  k.suspension_reason.clear();
  k.suspended_before = true;
  recompute_deadline(k, t, today());
  emit(c, kCaseResumed, k.id);
  return {};
}

Result<Case> CaseService::extend(const std::string& case_id, const Period& period,
                                 const std::string& reason, const Permit& permit) {
  return change(case_id, permit,
                [&](db::Connection& c, Case& k, const CaseType& t) -> Result<void> {
                  if (auto r = check_extend(t.may_extend, t.extension_period, k.closed(),
                                            k.extension.has_value(), period, reason)) {
                    return from(*r);
                  }
                  k.extension = Extension{period, reason};
                  recompute_deadline(k, t, today());
                  emit(c, kCaseExtended, k.id);
                  return {};
                });
}

Result<Case> CaseService::record_result(const std::string& case_id,
                                        const std::string& result_type_id, const std::string& note,
                                        const Permit& permit) {
  return change(
      case_id, permit,
      [&](db::Connection& c, Case& k, const CaseType& t) -> Result<void> {
        if (k.closed() && !permit.may_change_closed) {
          return common::forbidden("This case is closed.");
        }
        if (!store_.result_type_name(c, result_type_id, t.id)) {
          return common::invalid("resultType", "does-not-exist",
                                 "This result type is not one of the case's type.");
        }
        if (store_.has_result(c, k.id)) return common::conflict("This case already has a result.");
        CaseResult r{common::new_uuid(), k.id, result_type_id, note};
        auto result_data = store_.insert_result(c, r);
        audit(c, permit, k.id, "create", "resultaat", nullptr, &result_data);
        k.result_id = r.id;
        emit(c, kCaseResultRecorded, k.id, {{"result", r.id}});
        return {};
      },
      false);
}

Result<Case> CaseService::assign(const std::string& case_id, const std::string& staff_id,
                                 const Permit& permit) {
  return change(case_id, permit, [&](db::Connection& c, Case& k, const CaseType&) -> Result<void> {
    if (k.closed() && !permit.may_change_closed) {
      return common::forbidden("This case is closed.");
    }
    k.assignee = staff_id;
    emit(c, kCaseAssigned, k.id, {{"assignee", staff_id}});
    return {};
  });
}

namespace {

// What changes a closed case: only with the right to change it anyway (zrc-007).
Result<void> may_change_part(bool closed, const Permit& permit) {
  if (!permit.may_handle) return common::forbidden("You may not change this case.");
  if (!may_change(closed, permit.may_change_closed)) {
    return common::forbidden("This case is closed; changing it needs that right.");
  }
  return {};
}

}  // namespace

Result<void> CaseService::part_changed_in(db::Connection& c, const PartFacts& f,
                                          std::string_view kind, const std::string& key,
                                          const std::string& id, const Permit& permit) {
  if (auto r = may_change_part(f.closed, permit); !r) return r;
  emit(c, kind, f.case_id, {{key, id}});
  return {};
}

Result<void> CaseService::result_recorded_in(db::Connection& c, const PartFacts& f,
                                             const std::string& result_id, bool changed,
                                             const Permit& permit) {
  return part_changed_in(c, f, changed ? kCaseUpdated : kCaseResultRecorded, "result", result_id,
                         permit);
}

Result<void> CaseService::result_removed_in(db::Connection& c, const PartFacts& f,
                                            const std::string& result_id, const Permit& permit) {
  return part_changed_in(c, f, kCaseUpdated, "result", result_id, permit);
}

Result<void> CaseService::party_added_in(db::Connection& c, const PartFacts& f,
                                         const std::string& role_id, const Permit& permit) {
  return part_changed_in(c, f, kCasePartyAdded, "role", role_id, permit);
}

Result<void> CaseService::party_removed_in(db::Connection& c, const PartFacts& f,
                                           const std::string& role_id, const Permit& permit) {
  return part_changed_in(c, f, kCasePartyRemoved, "role", role_id, permit);
}

Result<void> CaseService::case_updated_in(db::Connection& c, const PartFacts& f,
                                          const Permit& permit) {
  return part_changed_in(c, f, kCaseUpdated, {}, {}, permit);
}

Result<void> CaseService::case_deleted_in(db::Connection& c, const std::string& case_id,
                                          const std::vector<std::string>& parts,
                                          const Permit& permit) {
  if (!permit.may_handle) return common::forbidden("You may not delete this case.");
  // zrc-017: the case goes with what hangs off it, its deelzaken included; the case's own row
  // is the caller's last write.
  // The event names what a notification's kenmerken need, since the row is gone by then.
  auto deleted = [&](const std::string& id) {
    json::object payload{{"case", id}};
    if (auto facts = zgw_rows::case_facts(c, id)) {
      payload["bronorganisatie"] = facts->organisation_rsin;
      payload["zaaktype"] = facts->case_type;
      payload["vertrouwelijkheidaanduiding"] = common::confidentiality_name(facts->level);
    }
    return json::serialize(payload);
  };
  for (const auto& part : parts) {
    auto payload = deleted(part);
    zgw_rows::remove_case_with_children(c, part, true);
    notify::enqueue_event(c, kCaseDeleted, payload, now_ms());
  }
  auto payload = deleted(case_id);
  zgw_rows::remove_case_with_children(c, case_id, false);
  notify::enqueue_event(c, kCaseDeleted, payload, now_ms());
  return {};
}

}  // namespace loket::cases
