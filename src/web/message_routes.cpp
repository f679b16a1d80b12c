// Parse, decide the permit, call the case service, render. The staff door of the back office
// calls the same CaseService::post_message.
#include "web/message_routes.hpp"

#include <boost/json.hpp>

#include "common/uuid.hpp"
#include "http/error.hpp"
#include "http/json_body.hpp"
#include "http/text.hpp"
#include "identity/staff_store.hpp"
#include "web/case_permit.hpp"
#include "web/problem.hpp"

namespace loket::web {
namespace json = boost::json;

namespace {

cases::PartyKind party_kind(std::string_view subject_kind) {
  return subject_kind == "business" ? cases::PartyKind::Business : cases::PartyKind::Resident;
}

[[noreturn]] void no_such_case() {
  throw http::NotFound("There is no case with this id that you may see.");
}

}  // namespace

std::optional<cases::Permit> follow_permit(identity::Auth& auth, const cases::CaseService& service,
                                           const identity::Subject& subject,
                                           const std::string& case_id) {
  if (!common::is_uuid(case_id)) return std::nullopt;
  auto& db = auth.database();
  auto summary = service.store().summary(db, case_id);
  if (!summary) return std::nullopt;
  std::string org_id;
  bool party = false;
  db.read([&](db::Connection& c) {
    if (auto org = service.store().organisation_of_rsin(c, summary->organisation_rsin)) {
      org_id = org->id;
    }
  });
  if (subject.kind != "staff") {
    auto kind = party_kind(subject.acting_for ? subject.acting_for->subject_kind : subject.kind);
    const auto& number = subject.acting_for ? subject.acting_for->subject_number : subject.number;
    party = service.store().is_party(db, case_id, kind, number);
  }
  std::vector<identity::OrganisationRole> view;
  for (const auto& r : subject.staff_roles) view.push_back({r.organisation_id, r.role});
  identity::CaseFacts facts{org_id, summary->confidentiality, party};
  auto permit = case_permit(subject.actor(), view, facts);
  if (permit.may_read_level < summary->confidentiality) return std::nullopt;
  return permit;
}

cases::CaseService::Author author_of(const identity::Auth& auth, const identity::Subject& subject) {
  if (subject.kind == "staff") return {cases::AuthorKind::Staff, subject.number};
  // The person who writes, also when acting for someone: the organisation answers the thread,
  // the index says only that it was the resident's side.
  return {cases::AuthorKind::Resident,
          cases::recipient_index(auth.keys(), party_kind(subject.kind), subject.number)};
}

json::object message_json(const cases::Message& m) {
  return {{"id", m.id},
          {"author", m.author_kind == cases::AuthorKind::Staff ? "staff" : "resident"},
          {"body", m.body},
          {"created", m.created_ms},
          {"read", m.read_ms.has_value()}};
}

void add_message_routes(http::Router& router, identity::Auth& auth, cases::CaseService& service) {
  router.add(http::Method::Get, "/api/v1/cases/{id}/messages",
             [&auth, &service](http::Request& req) {
               auto subject = auth.require_subject(req, "to read the messages of a case");
               auto id = std::string(req.param("id"));
               auto permit = follow_permit(auth, service, subject, id);
               if (!permit) no_such_case();
               auto reader =
                   subject.kind == "staff" ? cases::AuthorKind::Staff : cases::AuthorKind::Resident;
               auto found = value_or_throw(service.read_messages(id, reader, *permit));
               json::array results;
               for (const auto& m : found) results.push_back(message_json(m));
               auto r = http::Response::json(
                   200, json::object{{"count", results.size()}, {"results", std::move(results)}});
               r.headers.set("cache-control", "no-store");
               return r;
             });
  router.add(
      http::Method::Post, "/api/v1/cases/{id}/messages", [&auth, &service](http::Request& req) {
        auto subject = auth.require_subject(req, "to write in a case");
        auth.require_csrf(req, subject);
        auto id = std::string(req.param("id"));
        auto body = http::json_object_body(req);
        std::vector<http::InvalidParam> problems;
        std::string text;
        for (const auto& kv : body) {
          if (kv.key() == "body") {
            if (!kv.value().is_string() || !http::is_clean_text(kv.value().as_string())) {
              problems.push_back({"body", "invalid", "Text."});
            } else {
              text = std::string(kv.value().as_string());
            }
          } else {
            problems.push_back(
                {std::string(kv.key()), "unknown", "This field is not part of a message."});
          }
        }
        if (!body.contains("body")) {
          problems.push_back({"body", "required", "The message text."});
        }
        if (!problems.empty()) {
          throw http::BadRequest("The message has invalid fields.", std::move(problems));
        }
        auto permit = follow_permit(auth, service, subject, id);
        if (!permit) no_such_case();
        auto m = value_or_throw(service.post_message(id, author_of(auth, subject), text, *permit));
        auto r = http::Response::json(201, message_json(m));
        r.headers.set("cache-control", "no-store");
        r.headers.set("location", "/api/v1/cases/" + id + "/messages");
        return r;
      });
}

}  // namespace loket::web
