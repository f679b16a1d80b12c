// The case service: one write transaction per use case, each returning a Result. Every change
// writes a domain event ("case.created", "case.status_set", ...) into the outbox in the same
// transaction. Callers (web/, standards/, app/) state what their user may do through a Permit.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/case_archive.hpp"
#include "cases/case_store.hpp"
#include "cases/message_store.hpp"
#include "cases/model.hpp"
#include "cases/number_blocks.hpp"
#include "common/result.hpp"
#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::cases {

using common::Result;

// Who applies: a resident or business, for themselves or (as representative) for `applicant`.
struct Submitter {
  PartyKind kind = PartyKind::Resident;
  std::string number;  // BSN or KvK number of whoever is logged in
  // Acting under a mandate: the party they act for, who becomes the initiator.
  std::optional<std::pair<PartyKind, std::string>> acting_for;
};

struct Application {
  std::string case_type_id;  // uuid of a published zaaktype
  std::string description;   // ≤ 1000 characters
  std::string answers;       // JSON object text (canonical), "" for none
};

struct Submitted {
  Case c;
  bool replayed = false;  // the key was seen before with the same request
  Status first;           // a new case's first status; empty when replayed
};

// The canonical hash of a submission (hex SHA-256): the same case type, description and
// answers (whatever their key order) hash the same.
std::string request_hash(const Application& a);
// The answers' canonical JSON text: object keys sorted at every depth.
std::string canonical_json(std::string_view json_text);

// Event kinds written to the outbox.
inline constexpr std::string_view kCaseCreated = "case.created";
inline constexpr std::string_view kCaseStatusSet = "case.status_set";
inline constexpr std::string_view kCaseClosed = "case.closed";
inline constexpr std::string_view kCaseReopened = "case.reopened";
inline constexpr std::string_view kCaseSuspended = "case.suspended";
inline constexpr std::string_view kCaseResumed = "case.resumed";
inline constexpr std::string_view kCaseExtended = "case.extended";
inline constexpr std::string_view kCaseResultRecorded = "case.result_recorded";
inline constexpr std::string_view kCaseAssigned = "case.assigned";
inline constexpr std::string_view kCaseUpdated = "case.updated";
inline constexpr std::string_view kCaseDeleted = "case.deleted";
inline constexpr std::string_view kCasePartyAdded = "case.party_added";
inline constexpr std::string_view kCasePartyRemoved = "case.party_removed";
inline constexpr std::string_view kCaseMessagePosted = "case.message_posted";

class CaseService {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  CaseService(db::Database& db, const privacy::KeyRing& keys, Clock clock = {});

  const CaseStore& store() const { return store_; }
  // What the archive derivation of a closing reads outside the case tables (the ZGW adapter's
  // relations, other hosts); wired by the app. Unset: nothing found there.
  void set_archive_sources(ArchiveSources s) { archive_sources_ = std::move(s); }
  const ArchiveSources& archive_sources() const { return archive_sources_; }
  db::Database& database() { return db_; }

  // A case, its initiator, its first status, its reference and the event, in one transaction.
  // The same key and request return the same case (replayed); the same key with another
  // request is a Conflict. Invalid: an unknown or unpublished case type names "caseType".
  Result<Submitted> submit(const Application& a, const Submitter& who,
                           const std::string& idempotency_key, const Permit& permit);

  // How long an Idempotency-Key is remembered (default 24 hours). Older keys are purged by
  // submit itself, at most once per retention or ten minutes, whichever is shorter.
  void set_idempotency_retention(std::chrono::milliseconds retention) { retention_ = retention; }
  // Deletes the keys older than the retention now; returns how many.
  std::int64_t purge_idempotency_keys();

  // The case as stored now.
  Result<Case> get(const std::string& case_id);

  // Sets a status of the case's type. Order rules (case_rules): the end status closes the case
  // (it needs a result), a closed case reopens only with may_reopen and closes again only with
  // may_change_closed.
  Result<Case> set_status(const std::string& case_id, const std::string& status_type_id,
                          const std::string& note, const Permit& permit);
  // The end status of the case's type.
  Result<Case> close(const std::string& case_id, const std::string& note, const Permit& permit);
  // Back to the case type's first status (or `status_type_id` when given).
  Result<Case> reopen(const std::string& case_id, const std::string& status_type_id,
                      const std::string& note, const Permit& permit);
  // The clock stops (the applicant is asked for more) until resume.
  Result<Case> suspend(const std::string& case_id, const std::string& reason, const Permit& permit);
  Result<Case> resume(const std::string& case_id, const Permit& permit);
  // Once, when the case type allows it, with a reason.
  Result<Case> extend(const std::string& case_id, const Period& period, const std::string& reason,
                      const Permit& permit);
  Result<Case> record_result(const std::string& case_id, const std::string& result_type_id,
                             const std::string& note, const Permit& permit);
  // A staff account id, or "" to unassign.
  Result<Case> assign(const std::string& case_id, const std::string& staff_id,
                      const Permit& permit);

  // The same use cases inside a caller's transaction (the ZGW adapter's), so rules and events
  // are shared. They do not commit; a failure leaves the transaction to the caller.
  Result<Case> set_status_in(db::Connection& c, const std::string& case_id,
                             const std::string& status_type_id, const std::string& note,
                             const Permit& permit);
  // The ZGW adapter's way in for a status it is about to store: the status order rules with
  // `permit` (end status closes and needs a result, reopening and closing again need their
  // rights) and the domain event, in the adapter's transaction. Writes no rows of its own: the
  // adapter stores the status and the zaak in its representation.
  struct StatusFacts {
    std::string case_id, case_type_id, status_type_id, status_id, set_at;
    bool closed = false;
  };
  struct StatusDecision {
    Transition transition = Transition::Advance;
    std::optional<std::string> end_date;  // YYYY-MM-DD when the status closes the case
  };
  Result<StatusDecision> status_added_in(db::Connection& c, const StatusFacts& f,
                                         const Permit& permit);
  // A case another door registered (the ZGW adapter's zaak create): the domain event.
  void registered_in(db::Connection& c, const std::string& case_id);
  // Writes a domain event (ids only, never a personal number): the case's, and those `extra`
  // names ({"status", id}, …). A status's event names its type too ("statusType"), and a
  // submitted case's event its case type ("caseType"), so that consumers that only need those
  // read nothing more.
  void emit(db::Connection& c, std::string_view kind, const std::string& case_id,
            std::initializer_list<std::pair<std::string_view, std::string_view>> extra = {});

  // ---- the ZGW adapter's use cases on a case's parts, in its transaction. The adapter
  // converts its JSON, prepares the rows and stores them through the case store's zgw_rows;
  // these apply the rules (what may change a closed case) and write the domain event. Each
  // returns Forbidden when the case is closed and `permit.may_change_closed` is not given.
  struct PartFacts {
    std::string case_id;
    bool closed = false;  // the case has an end date
  };
  // A result recorded on the case, or changed (`changed`: case.updated instead).
  Result<void> result_recorded_in(db::Connection& c, const PartFacts& f,
                                  const std::string& result_id, bool changed, const Permit& permit);
  Result<void> result_removed_in(db::Connection& c, const PartFacts& f,
                                 const std::string& result_id, const Permit& permit);
  Result<void> party_added_in(db::Connection& c, const PartFacts& f, const std::string& role_id,
                              const Permit& permit);
  Result<void> party_removed_in(db::Connection& c, const PartFacts& f, const std::string& role_id,
                                const Permit& permit);
  // The case's own fields changed (PUT/PATCH).
  Result<void> case_updated_in(db::Connection& c, const PartFacts& f, const Permit& permit);
  // The case goes, with its parts and deelzaken (`parts`: their uuids), rows removed by the
  // store; one case.deleted event for each.
  Result<void> case_deleted_in(db::Connection& c, const std::string& case_id,
                               const std::vector<std::string>& parts, const Permit& permit);
  // ---- following a case (case_messages.cpp) ----
  struct Author {
    AuthorKind kind = AuthorKind::Resident;
    std::string id;  // resident: recipient_index of their number; staff: account id
  };
  const MessageStore& messages_store() const { return messages_; }
  // A message in the case's thread and the "case.message_posted" event. A resident needs to
  // read the case (a party), staff to handle it. Invalid "body": empty, a control character
  // other than a line break or tab, more than kMaxMessageChars characters.
  Result<Message> post_message(const std::string& case_id, const Author& author,
                               const std::string& body, const Permit& permit);
  // The resident's answer to the question the case was suspended for: the message and the
  // clock resuming ("case.resumed"), in one transaction. Conflict when nothing is asked.
  // `along` (a document sent with the answer) writes in that transaction; its failure leaves
  // nothing written and is returned.
  using Along = std::function<Result<void>(db::Connection&)>;
  Result<Message> answer_question(const std::string& case_id, const Author& author,
                                  const std::string& body, const Permit& permit,
                                  const Along& along = {});
  // The thread, oldest first; what the other side wrote is marked read by `reader`.
  Result<std::vector<Message>> read_messages(const std::string& case_id, AuthorKind reader,
                                             const Permit& permit);

 private:
  // Purges old Idempotency-Keys when the last purge is long enough ago.
  void purge_when_due();
  using Change = std::function<Result<void>(db::Connection&, Case&, const CaseType&)>;
  // Loads and locks the case and its type, runs `change`, stores the case: one transaction.
  // `audit_case`: the audit trail records the zaak's change (partial_update), as the Zaken API
  // would; a change that records its own part (a status, a result) passes false.
  Result<Case> change(const std::string& case_id, const Permit& permit, const Change& f,
                      bool audit_case = true);
  Result<Case> change_in(db::Connection& c, const std::string& case_id, const Permit& permit,
                         const Change& f, bool audit_case = true);
  // One audit trail record of the case (its ZGW representation's change), in `c`.
  void audit(db::Connection& c, const Permit& permit, const std::string& case_id,
             std::string_view action, std::string_view resource, const boost::json::object* before,
             const boost::json::object* after, const std::string& note = {});
  // A part of a case changed through the ZGW adapter: the closed-case rule and event `kind`
  // (with `key`: `id`).
  Result<void> part_changed_in(db::Connection& c, const PartFacts& f, std::string_view kind,
                               const std::string& key, const std::string& id, const Permit& permit);
  // The clock runs again (resume, and a resident answering the question asked).
  Result<void> resume_in(db::Connection& c, Case& k, const CaseType& t);
  std::chrono::sys_days today() const;
  std::string now_rfc3339() const;
  std::int64_t now_ms() const;

  db::Database& db_;
  CaseStore store_;
  ArchiveSources archive_sources_;
  MessageStore messages_;
  Clock clock_;
  // Identificaties and references, handed out from blocks outside submit's transaction.
  std::shared_ptr<NumberBlocks> numbers_ = std::make_shared<NumberBlocks>();
  std::chrono::milliseconds retention_ = std::chrono::hours(24);
  std::shared_ptr<std::atomic<std::int64_t>> purged_at_ =  // ms; 0: not yet
      std::make_shared<std::atomic<std::int64_t>>(0);
};

}  // namespace loket::cases
