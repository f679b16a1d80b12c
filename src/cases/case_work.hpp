// Case work beside the case and decision services (issue 13): the drafts that wait for a second
// pair of eyes and their rejection (who, why), and the objection or complaint case linked to
// the decision or case it is about, started for the same party inside its term, once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_service.hpp"
#include "cases/decision_service.hpp"
#include "common/result.hpp"
#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::cases {

// A draft an approver sent back: it no longer exists as a draft; this is what remains.
struct DecisionReview {
  std::string id, decision_id, case_id, decision_type_id, decided_by, reviewed_by, reason;
  std::int64_t created_ms = 0;
};

enum class LinkKind { Objection, Complaint };

// An objection case about a decision, or a complaint case about a case.
struct CaseLink {
  std::string case_id;  // the objection or complaint case
  LinkKind kind = LinkKind::Objection;
  std::string about_case_id;
  std::string about_decision_id;  // "" for a complaint
  std::string revised_by;         // the decision that replaced the contested one, or ""
  std::int64_t created_ms = 0;
};

// What a resident states when objecting (the bezwaar product's answers).
struct ObjectionInput {
  std::string grounds;   // ≤ 4000 characters
  std::string email;     // where to reach them
  bool hearing = false;  // they want to explain it in person
};

// What a resident states when complaining about how a case was handled (the klacht product).
struct ComplaintInput {
  std::string what;   // what happened, ≤ 4000 characters
  std::string wish;   // what they would like to see happen, ≤ 2000, may be empty
  std::string email;  // where to reach them
  std::string when;   // the day it happened (YYYY-MM-DD); today when empty
};

// The started (or, on a retry, found) objection or complaint case.
struct Objection {
  std::string case_id;
  bool created = false;
};

inline constexpr std::size_t kMaxReviewReason = 1000;
inline constexpr std::size_t kMaxGrounds = 4000;

class CaseWork {
 public:
  CaseWork(db::Database& db, const privacy::KeyRing& keys, CaseService& cases,
           DecisionService& decisions);

  // The published decision types (besluittypen) a case of `case_type_id` may get, by name.
  std::vector<DecisionType> decision_types_of(const std::string& case_type_id);

  // The drafts of cases of these organisations (RSINs), oldest first.
  std::vector<Decision> drafts_of(const std::vector<std::string>& rsins);

  // The second pair of eyes sends a draft back: the draft goes, the review stays (who decided,
  // who rejected, why), and "decision.deleted" is written. The same rules as approving: a
  // different person with the approver role, a draft. Invalid "reason": empty or too long.
  Result<DecisionReview> reject(const std::string& decision_id, const std::string& staff_id,
                                bool approver, const std::string& reason, const Permit& permit);
  std::vector<DecisionReview> reviews_of(const std::string& case_id);

  // An objection to `decision_id` (a decision that took effect on `case_id`) by `who`, a party
  // of that case (the door checked it): a case of the objection product `objection_type_id`
  // with the same party as initiator, linked to the decision. Refused after the objection
  // window's last day (Conflict) and for a draft (NotFound). Idempotent: the same party's
  // second objection to the same decision finds the first.
  Result<Objection> object(const std::string& case_id, const std::string& decision_id,
                           const Submitter& who, const ObjectionInput& in,
                           const std::string& objection_type_id, const Permit& permit);

  // A complaint about the handling of `case_id` by `who`, a party of it (the door checked it):
  // a case of the complaint product `complaint_type_id` linked to the case. Idempotent per
  // case and party: a second complaint about the same case finds the first.
  Result<Objection> complain(const std::string& case_id, const Submitter& who,
                             const ComplaintInput& in, const std::string& complaint_type_id,
                             const Permit& permit);

  // Deciding an objection revises the contested decision: a new decision on the decision's case
  // (a draft on a four-eyes product), recorded on the link as the one that replaces it.
  // `objection_case_id` is an objection case; `permit` the staff member's on the decision's
  // case. NotFound: no objection case; Conflict: revised already.
  Result<Decision> revise(const std::string& objection_case_id, const DecisionInput& in,
                          const std::string& staff_id, const Permit& permit);

  // The links of a case both ways: what it is about, and what is about it.
  std::vector<CaseLink> links_of(const std::string& case_id);

 private:
  // The linked case of `kind`, started once per (about case, about decision, party).
  Result<Objection> start_linked(LinkKind kind, const std::string& case_id,
                                 const std::string& decision_id, const Submitter& who,
                                 const Application& a, const Permit& permit);

  db::Database& db_;
  const privacy::KeyRing& keys_;
  CaseService& cases_;
  DecisionService& decisions_;
};

}  // namespace loket::cases
