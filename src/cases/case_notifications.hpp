// Tells residents what happened to their cases: an EventDispatcher handler that turns informing
// case events into a line in each party's portal inbox and, when they asked for it, a mail, in
// the transaction that consumes the event.
#pragma once

#include <string>

#include "cases/case_store.hpp"
#include "cases/message_store.hpp"
#include "notify/events.hpp"

namespace loket::cases {

// Informing: a status (or the first one, or closing) whose status type has `informeren` set; a
// question asked (suspended: the resident must act); an extension (Awb 4:14 requires telling
// the applicant); a message staff wrote; a document staff added for the applicant to see. Residents' own messages and the rest are not.
class CaseNotifier {
 public:
  // `public_url` starts the link in a mail ("https://loket.example.nl").
  CaseNotifier(const privacy::KeyRing& keys, std::string public_url);

  void handle(db::Connection& c, const notify::Event& e) const;

 private:
  const privacy::KeyRing& keys_;
  CaseStore store_;
  MessageStore messages_;
  std::string public_url_;
};

}  // namespace loket::cases
