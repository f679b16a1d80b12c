// See case_notifications.hpp. The mail names the case's reference and links to its page; what
// happened is read in the portal after logging in, so a mail carries no personal detail.
#include "cases/case_notifications.hpp"

#include <fmt/format.h>

#include <set>

#include "cases/case_service.hpp"
#include "common/uuid.hpp"
#include "notify/outbox.hpp"

namespace loket::cases {

CaseNotifier::CaseNotifier(const privacy::KeyRing& keys, std::string public_url)
    : keys_(keys), store_(keys), messages_(keys), public_url_(std::move(public_url)) {
  while (public_url_.ends_with('/')) public_url_.pop_back();
}

void CaseNotifier::handle(db::Connection& c, const notify::Event& e) const {
  const auto* id = e.payload.if_contains("case");
  if (!id || !id->is_string()) return;
  std::string case_id(id->as_string());
  auto k = store_.load_case(c, case_id);
  if (!k) return;

  std::string detail;
  bool informs = false;
  if (e.kind == kCaseCreated || e.kind == kCaseStatusSet || e.kind == kCaseClosed ||
      e.kind == kCaseReopened) {
    // The current status's type alone (one row), not the whole case type with its catalogue.
    auto current = store_.current_status(c, *k);
    auto st = current ? store_.load_status_type(c, current->second) : std::nullopt;
    if (st && st->notifies) {
      informs = true;
      detail = st->resident_text.empty() ? st->name : st->resident_text;
    }
  } else if (e.kind == kCaseSuspended) {
    informs = true;
    detail = k->suspension_reason;
  } else if (e.kind == kCaseExtended) {
    informs = true;
    detail = k->extension ? k->extension->reason : std::string();
  } else if (e.kind == kCaseMessagePosted) {
    const auto* m = e.payload.if_contains("message");
    auto message = m && m->is_string() ? messages_.message(c, m->as_string()) : std::nullopt;
    informs = message && message->author_kind == AuthorKind::Staff;
  } else if (e.kind == "case.document_added") {
    // Only a document staff marked visible to the applicant raises this event (documents/
    // case_documents); its title is in the portal, not in the mail.
    informs = true;
    if (const auto* t = e.payload.if_contains("title"); t && t->is_string()) {
      detail = std::string(t->as_string());
    }
  }
  if (!informs) return;

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
