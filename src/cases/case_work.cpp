// Case work's use cases and their SQL (decision_reviews, case_links: migration 0021); see
// case_work.hpp. Each write is one transaction with its domain event.
#include "cases/case_work.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>

#include "cases/case_relations.hpp"
#include "cases/case_rules.hpp"
#include "cases/decision_rules.hpp"
#include "cases/message_store.hpp"
#include "common/utf8.hpp"
#include "common/uuid.hpp"
#include "notify/outbox.hpp"

namespace loket::cases {
namespace json = boost::json;

namespace {

constexpr std::string_view kCaseTypeData = "SELECT data FROM zgw_zaaktypen WHERE uuid = $1";
constexpr std::string_view kDraftsOf =
    "SELECT data, decided_by FROM decision_drafts WHERE verantwoordelijke_organisatie = $1"
    " ORDER BY created_at, uuid";
constexpr std::string_view kInsertReview =
    "INSERT INTO decision_reviews (id, decision_id, case_id, decision_type_id, decided_by,"
    " reviewed_by, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr std::string_view kReviewsOf =
    "SELECT id, decision_id, case_id, decision_type_id, decided_by, reviewed_by, reason,"
    " created_at FROM decision_reviews WHERE case_id = $1 ORDER BY created_at, id";
constexpr std::string_view kFindLink =
    "SELECT case_id FROM case_links WHERE kind = $1 AND about_case_id = $2"
    " AND about_decision_id = $3 AND party = $4";
constexpr std::string_view kInsertLink =
    "INSERT INTO case_links (case_id, kind, about_case_id, about_decision_id, party, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING";
constexpr std::string_view kObjectionLink =
    "SELECT about_case_id, revised_by FROM case_links WHERE case_id = $1 AND kind = 'objection'";
constexpr std::string_view kRevised =
    "UPDATE case_links SET revised_by = $2 WHERE case_id = $1 AND revised_by = ''";
constexpr std::string_view kLinksOf =
    "SELECT case_id, kind, about_case_id, about_decision_id, revised_by, created_at"
    " FROM case_links WHERE case_id = $1 OR about_case_id = $1 ORDER BY created_at, case_id";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The bezwaar and klacht forms' rule for an e-mail address (something@host.tld, no spaces).
std::optional<common::FieldError> email_problem(const std::string& email) {
  auto at = email.find('@');
  if (email.empty()) return common::FieldError{"email", "required", "An e-mail address."};
  if (email.size() > 254 || at == std::string::npos || at == 0 ||
      email.find('.', at) == std::string::npos || email.find('.', at) == at + 1 ||
      email.back() == '.' || email.find_first_of(" \t\r\n") != std::string::npos) {
    return common::FieldError{"email", "invalid", "An e-mail address."};
  }
  return std::nullopt;
}

// Carries a failure out of a write transaction so that it rolls back.
struct Refused {
  common::Failure failure;
};

}  // namespace

CaseWork::CaseWork(db::Database& db, const privacy::KeyRing& keys, CaseService& cases,
                   DecisionService& decisions)
    : db_(db), keys_(keys), cases_(cases), decisions_(decisions) {}

std::vector<DecisionType> CaseWork::decision_types_of(const std::string& case_type_id) {
  std::vector<DecisionType> out;
  db_.read([&](db::Connection& c) {
    auto rows = c.query(kCaseTypeData, {case_type_id});
    if (rows.empty()) return;
    boost::system::error_code ec;
    auto v = json::parse(rows[0].text(0), ec);
    if (ec || !v.is_object()) return;
    const auto* list = v.as_object().if_contains("besluittypen");
    if (!list || !list->is_array()) return;
    for (const auto& u : list->as_array()) {
      if (!u.is_string()) continue;
      std::string_view url = u.as_string();
      auto uuid = url.substr(url.rfind('/') + 1);
      if (auto t = decisions_.store().load_decision_type(c, uuid); t && t->published) {
        out.push_back(std::move(*t));
      }
    }
  });
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

std::vector<Decision> CaseWork::drafts_of(const std::vector<std::string>& rsins) {
  std::vector<Decision> out;
  db_.read([&](db::Connection& c) {
    for (const auto& rsin : rsins) {
      auto rows = c.query(kDraftsOf, {rsin});
      for (std::size_t i = 0; i < rows.size(); ++i) {
        boost::system::error_code ec;
        auto v = json::parse(rows[i].text(0), ec);
        if (ec || !v.is_object()) continue;
        auto d = decision_of(v.as_object());
        d.state = DecisionState::Draft;
        d.decided_by = rows[i].text(1);
        out.push_back(std::move(d));
      }
    }
  });
  return out;
}

Result<DecisionReview> CaseWork::reject(const std::string& decision_id, const std::string& staff_id,
                                        bool approver, const std::string& reason,
                                        const Permit& permit) {
  auto length = common::utf8_length(reason);
  if (length == 0) return common::invalid("reason", "required", "Say why it goes back.");
  if (length > kMaxReviewReason) {
    return common::invalid("reason", "max-length", "At most 1000 characters.");
  }
  std::optional<DecisionReview> out;
  try {
    db_.write([&](db::Connection& c) {
      auto d = decisions_.store().load(c, decision_id, true);
      auto k =
          d && !d->case_id.empty() ? cases_.store().load_case(c, d->case_id, true) : std::nullopt;
      if (!d || !k || permit.may_read_level < common::level_of(k->confidentiality)) {
        throw Refused{common::not_found("There is no decision with this id that you may see.")};
      }
      if (!permit.may_handle) throw Refused{common::forbidden("You may not handle this case.")};
      if (auto refusal =
              check_approval(d->decided_by, staff_id, approver, d->state == DecisionState::Draft)) {
        switch (*refusal) {
          case ApprovalRefusal::NotDraft:
            throw Refused{common::conflict("This decision does not wait for approval.")};
          case ApprovalRefusal::NotApprover:
            throw Refused{common::forbidden("Rejecting a decision needs the approver role.")};
          case ApprovalRefusal::SamePerson:
            throw Refused{common::forbidden(
                "A decision is reviewed by someone other than the person who drafted it.")};
        }
      }
      DecisionReview r{common::new_uuid(), d->id,    d->case_id, d->decision_type_id,
                       d->decided_by,      staff_id, reason,     now_ms()};
      c.execute(kInsertReview, {r.id, r.decision_id, r.case_id, r.decision_type_id, r.decided_by,
                                r.reviewed_by, r.reason, r.created_ms});
      decisions_.store().delete_draft(c, d->id);
      notify::enqueue_event(
          c, kDecisionDeleted,
          json::serialize(json::object{{"decision", d->id}, {"case", d->case_id}}), r.created_ms);
      out = std::move(r);
    });
  } catch (const Refused& refused) {
    return refused.failure;
  }
  return std::move(*out);
}

std::vector<DecisionReview> CaseWork::reviews_of(const std::string& case_id) {
  std::vector<DecisionReview> out;
  db_.read([&](db::Connection& c) {
    auto rows = c.query(kReviewsOf, {case_id});
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out.push_back({rows[i].text(0), rows[i].text(1), rows[i].text(2), rows[i].text(3),
                     rows[i].text(4), rows[i].text(5), rows[i].text(6), rows[i].integer(7)});
    }
  });
  return out;
}

Result<Objection> CaseWork::object(const std::string& case_id, const std::string& decision_id,
                                   const Submitter& who, const ObjectionInput& in,
                                   const std::string& objection_type_id, const Permit& permit) {
  auto d = decisions_.get(decision_id);
  if (!d || d->case_id != case_id || !d->visible_to_resident()) {
    return common::not_found("There is no decision with this id that you may see.");
  }
  std::vector<common::FieldError> problems;
  auto grounds = common::utf8_length(in.grounds);
  if (grounds == 0) problems.push_back({"grounds", "required", "Why do you object?"});
  if (grounds > kMaxGrounds) problems.push_back({"grounds", "max-length", "At most 4000."});
  if (auto e = email_problem(in.email)) problems.push_back(std::move(*e));
  if (!problems.empty()) return common::invalid(std::move(problems), "The objection is invalid.");
  // Awb 6:7/6:8: six weeks from the day after the decision was made known. One filed before
  // the window opens still counts (6:10), one after its last day does not.
  auto window = objection_window_of(*d);
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  if (!window) return common::conflict("This decision has not been made known yet.");
  if (today > window->until) {
    return common::conflict("The term to object to this decision ended on " +
                            format_day(window->until) + ".");
  }
  json::object answers{{"decisionKind", "anders"},
                       {"decisionDate", d->date},
                       {"decisionReference", d->identification},
                       {"grounds", in.grounds},
                       {"hearing", in.hearing ? "ja" : "nee"},
                       {"email", in.email}};
  Application a{objection_type_id, "Bezwaar tegen besluit " + d->identification,
                canonical_json(json::serialize(answers))};
  return start_linked(LinkKind::Objection, case_id, decision_id, who, a, permit);
}

Result<Objection> CaseWork::complain(const std::string& case_id, const Submitter& who,
                                     const ComplaintInput& in, const std::string& complaint_type_id,
                                     const Permit& permit) {
  std::vector<common::FieldError> problems;
  auto what = common::utf8_length(in.what);
  if (what == 0) problems.push_back({"what", "required", "What happened?"});
  if (what > kMaxGrounds) problems.push_back({"what", "max-length", "At most 4000."});
  if (common::utf8_length(in.wish) > 2000)
    problems.push_back({"wish", "max-length", "At most 2000."});
  if (!in.when.empty() && !parse_day(in.when)) {
    problems.push_back({"when", "invalid", "A date: YYYY-MM-DD."});
  }
  if (auto e = email_problem(in.email)) problems.push_back(std::move(*e));
  if (!problems.empty()) return common::invalid(std::move(problems), "The complaint is invalid.");
  auto k = cases_.get(case_id);
  if (!k) return common::not_found("There is no case with this id that you may see.");
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  json::object answers{{"when", in.when.empty() ? format_day(today) : in.when},
                       {"what", in.what},
                       {"email", in.email}};
  if (!in.wish.empty()) answers["wish"] = in.wish;
  auto reference = k->reference.empty() ? k->identification : k->reference;
  Application a{complaint_type_id, "Klacht over zaak " + reference,
                canonical_json(json::serialize(answers))};
  return start_linked(LinkKind::Complaint, case_id, "", who, a, permit);
}

Result<Objection> CaseWork::start_linked(LinkKind kind, const std::string& case_id,
                                         const std::string& decision_id, const Submitter& who,
                                         const Application& a, const Permit& permit) {
  auto initiator = who.acting_for ? *who.acting_for : std::pair{who.kind, who.number};
  auto party = recipient_index(keys_, initiator.first, initiator.second);
  std::string kind_name = kind == LinkKind::Objection ? "objection" : "complaint";
  auto found = db_.read_value([&](db::Connection& c) {
    auto rows = c.query(kFindLink, {kind_name, case_id, decision_id, party});
    return rows.empty() ? std::optional<std::string>() : std::optional(rows[0].text(0));
  });
  if (found) return Objection{*found, false};
  // The key makes a retry after the case was made but before its link was written find it.
  auto key = kind_name + "-" + (decision_id.empty() ? case_id : decision_id);
  auto submitted = cases_.submit(a, who, key, permit);
  if (!submitted) return submitted.failure();
  auto linked_id = submitted->c.id;
  // The link, and the same link both ways on the zaken (relevanteAndereZaken), in one
  // transaction: a ZGW client sees what the objection or complaint is about, and the other way.
  auto note = kind == LinkKind::Objection ? "Bezwaar tegen een besluit op de zaak"
                                          : "Klacht over de behandeling van de zaak";
  db_.write([&](db::Connection& c) {
    c.execute(kInsertLink, {linked_id, kind_name, case_id, decision_id, party, now_ms()});
    relate_cases_in(c, cases_, linked_id, case_id, note, permit);
  });
  return Objection{linked_id, !submitted->replayed};
}

Result<Decision> CaseWork::revise(const std::string& objection_case_id, const DecisionInput& in,
                                  const std::string& staff_id, const Permit& permit) {
  auto link = db_.read_value([&](db::Connection& c) {
    auto rows = c.query(kObjectionLink, {objection_case_id});
    return rows.empty() ? std::optional<std::pair<std::string, std::string>>()
                        : std::optional(std::pair{rows[0].text(0), rows[0].text(1)});
  });
  if (!link) return common::not_found("This case is no objection to a decision.");
  if (!link->second.empty()) {
    return common::conflict("The contested decision has been revised already.");
  }
  auto d = decisions_.decide(link->first, in, staff_id, permit);
  if (!d) return d;
  db_.write([&](db::Connection& c) { c.execute(kRevised, {objection_case_id, d->id}); });
  return d;
}

std::vector<CaseLink> CaseWork::links_of(const std::string& case_id) {
  std::vector<CaseLink> out;
  db_.read([&](db::Connection& c) {
    auto rows = c.query(kLinksOf, {case_id});
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out.push_back({rows[i].text(0),
                     rows[i].text(1) == "complaint" ? LinkKind::Complaint : LinkKind::Objection,
                     rows[i].text(2), rows[i].text(3), rows[i].text(4), rows[i].integer(5)});
    }
  });
  return out;
}

}  // namespace loket::cases
