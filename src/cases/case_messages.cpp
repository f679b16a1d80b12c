// The case service's use cases for following a case: the message thread and answering the
// question a case was suspended for. Same rules as case_service.cpp: one transaction each, the
// domain event in it.
#include <algorithm>

#include "cases/case_service.hpp"
#include "common/uuid.hpp"

namespace loket::cases {

namespace {

// Why a message body is refused, or nullopt. Line breaks and tabs are text; other control
// characters (NUL first of all) are not. Counted in characters, not bytes.
std::optional<common::Failure> check_body(const std::string& body) {
  std::size_t chars = 0;
  bool blank = true;
  for (unsigned char ch : body) {
    if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') {
      return common::invalid("body", "invalid", "Text without control characters.");
    }
    if (ch == 0x7F) return common::invalid("body", "invalid", "Text without control characters.");
    if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') blank = false;
    chars += (ch & 0xC0) != 0x80;
  }
  if (blank) return common::invalid("body", "required", "Write a message.");
  if (chars > kMaxMessageChars) {
    return common::invalid("body", "max-length", "At most 10000 characters.");
  }
  return std::nullopt;
}

bool may_post(const Permit& permit, AuthorKind author, const Case& k) {
  return author == AuthorKind::Staff ? permit.may_handle
                                     : permit.may_read_level >= common::level_of(k.confidentiality);
}

struct Refused {
  common::Failure failure;
};

}  // namespace

Result<Message> CaseService::post_message(const std::string& case_id, const Author& author,
                                          const std::string& body, const Permit& permit) {
  if (auto bad = check_body(body)) return *bad;
  Message m{common::new_uuid(), case_id, author.kind, author.id, body, now_ms(), std::nullopt};
  try {
    db_.write([&](db::Connection& c) {
      auto k = store_.load_case(c, case_id, true);
      if (!k || permit.may_read_level < common::level_of(k->confidentiality)) {
        throw Refused{common::not_found("There is no case with this id that you may see.")};
      }
      if (!may_post(permit, author.kind, *k)) {
        throw Refused{common::forbidden("You may not write in this case.")};
      }
      messages_.insert_message(c, m);
      emit(c, kCaseMessagePosted, case_id, {{"message", m.id}});
    });
  } catch (const Refused& r) {
    return r.failure;
  }
  return m;
}

Result<Message> CaseService::answer_question(const std::string& case_id, const Author& author,
                                             const std::string& body, const Permit& permit,
                                             const Along& along) {
  if (auto bad = check_body(body)) return *bad;
  Message m{common::new_uuid(), case_id, author.kind, author.id, body, now_ms(), std::nullopt};
  // The resident may not handle the case, but answering what was asked resumes its clock: the
  // rule of the domain, not a right of the person. The read check stays theirs.
  Permit resuming = permit;
  resuming.may_handle = true;
  try {
    db_.write([&](db::Connection& c) {
      auto r = change_in(c, case_id, resuming,
                         [&](db::Connection& c2, Case& k, const CaseType& t) -> Result<void> {
                           if (!k.suspended_since) {
                             return common::conflict("Nothing is asked of you in this case now.");
                           }
                           messages_.insert_message(c2, m);
                           emit(c2, kCaseMessagePosted, k.id, {{"message", m.id}});
                           if (along) {
                             if (auto sent = along(c2); !sent) return sent;
                           }
                           return resume_in(c2, k, t);
                         });
      if (!r) throw Refused{r.failure()};
    });
  } catch (const Refused& r) {
    return r.failure;
  }
  return m;
}

Result<std::vector<Message>> CaseService::read_messages(const std::string& case_id,
                                                        AuthorKind reader, const Permit& permit) {
  std::optional<common::Failure> refused;
  std::vector<Message> out;
  db_.write([&](db::Connection& c) {
    auto k = store_.load_case(c, case_id);
    if (!k || permit.may_read_level < common::level_of(k->confidentiality)) {
      refused = common::not_found("There is no case with this id that you may see.");
      return;
    }
    out = messages_.messages(c, case_id);
    messages_.mark_read(c, case_id, reader, now_ms());
  });
  if (refused) return *refused;
  return out;
}

}  // namespace loket::cases
