// See case_notifications.hpp. The mail names the case's reference and links to its page; what
// happened is read in the portal after logging in, so a mail carries no personal detail.
#include "cases/case_notifications.hpp"

#include <fmt/format.h>

#include <set>

#include "cases/case_service.hpp"
#include "common/json.hpp"
#include "common/uuid.hpp"
#include "notify/outbox.hpp"

namespace loket::cases {

CaseNotifier::CaseNotifier(const privacy::KeyRing& keys, std::string public_url)
    : keys_(keys), store_(keys), messages_(keys), public_url_(std::move(public_url)) {
  while (public_url_.ends_with('/')) public_url_.pop_back();
}

void CaseNotifier::handle(db::Connection& c, const notify::Event& e) const {
  auto text = [&](std::string_view key) { return common::text(e.payload, key); };
  auto case_id = text("case");
  if (case_id.empty()) return;
  std::string detail;
  bool informs = false;
  std::optional<Case> k;
  if (e.kind == kCaseCreated || e.kind == kCaseStatusSet || e.kind == kCaseClosed ||
      e.kind == kCaseReopened) {
    // The status type alone (one row), not the whole case type with its catalogue: the event's
    // own, which it names; for an event that names none, the case's current status's.
    std::optional<StatusType> st;
    if (auto type = text("statusType"); !type.empty()) {
      st = store_.load_status_type(c, type);
    } else if ((k = store_.load_case(c, case_id))) {
      auto current = store_.current_status(c, *k);
      if (current) st = store_.load_status_type(c, current->second);
    }
    if (st && st->notifies) {
      informs = true;
      detail = st->resident_text.empty() ? st->name : st->resident_text;
    }
  } else if (e.kind == kCaseMessagePosted) {
    auto id = text("message");
    auto message = id.empty() ? std::nullopt : messages_.message(c, id);
    informs = message && message->author_kind == AuthorKind::Staff;
  } else if (e.kind == kCaseSuspended || e.kind == kCaseExtended ||
             e.kind == "case.document_added") {
    informs = true;
  }
  if (!informs) return;
  if (!k) k = store_.load_case(c, case_id);
  if (!k) return;
  if (e.kind == kCaseSuspended) {
    detail = k->suspension_reason;
  } else if (e.kind == kCaseExtended) {
    // Awb 4:14 requires telling the applicant.
    detail = k->extension ? k->extension->reason : std::string();
  } else if (e.kind == "case.document_added") {
    // Only a document staff marked visible to the applicant raises this event (documents/
    // case_documents); its title is in the portal, not in the mail.
    detail = text("title");
  }

  std::set<std::string> told;
  for (const auto& p : store_.parties(c, case_id)) {
    if (p.kind != PartyKind::Resident && p.kind != PartyKind::Business) continue;
    if (p.number.empty()) continue;
    auto recipient = recipient_index(keys_, p.kind, p.number);
    if (!told.insert(recipient).second) continue;
    InboxItem item{common::new_uuid(), recipient,   case_id, e.id, e.kind, detail,
                   e.created_ms,       std::nullopt};
    if (!messages_.insert_inbox_item(c, item)) continue;  // a retried event: told already
    auto prefs = messages_.preferences(c, recipient);
    if (!prefs.email_enabled || prefs.email.empty()) continue;
    auto reference = k->reference.empty() ? k->identification : k->reference;
    notify::Mail mail{
        prefs.email,
        fmt::format("Nieuws over uw zaak {} / News about your case {}", reference, reference),
        fmt::format("Er is nieuws over uw zaak {}.\nU leest het op {}/mijn-zaken/{}\n\n"
                    "There is news about your case {}.\nRead it at {}/mijn-zaken/{}?lang=en\n\n"
                    "U krijgt deze mail omdat u meldingen per e-mail aanzette; uitzetten kan op "
                    "{}/berichten\n",
                    reference, public_url_, case_id, reference, public_url_, case_id, public_url_)};
    try {
      notify::enqueue_mail(c, mail, e.created_ms);
    } catch (const std::invalid_argument&) {
      // An address that is no address (saved before the check existed): the inbox line stays.
    }
  }
}

}  // namespace loket::cases
