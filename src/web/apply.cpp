// Drafts and products for both doors; the keeper's pass writes reminder mails through the outbox
// in the same transaction that marks the draft reminded, so a reminder is sent once.
#include "web/apply.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "catalog/upload_store.hpp"
#include "common/log.hpp"
#include "documents/document_service.hpp"
#include "notify/outbox.hpp"

namespace loket::web {
namespace json = boost::json;

namespace {

json::object local(const catalog::LocalText& t) { return {{"nl", t.nl}, {"en", t.en}}; }

std::string date_of(std::int64_t ms) {
  auto day = std::chrono::floor<std::chrono::days>(
      std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
  std::chrono::year_month_day d(day);
  return fmt::format("{:02}-{:02}-{:04}", static_cast<unsigned>(d.day()),
                     static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
}

}  // namespace

notify::Mail reminder_mail(const std::string& email, const catalog::Draft& d,
                           const catalog::Product* product, const std::string& public_url) {
  auto link = fmt::format("{}/aanvragen/{}", public_url, d.product);
  if (d.lang == "en") {
    auto name = product ? product->name.en : d.product;
    return {email, "Your application has not been sent yet: " + name,
            fmt::format("Dear applicant,\n\nYou started your application \"{}\", but you have "
                        "not sent it yet.\nWe keep your answers until {}. After that they are "
                        "deleted.\n\nContinue your application:\n{}?lang=en\n\nKind "
                        "regards,\nLoket\n",
                        name, date_of(d.expires_at), link)};
  }
  auto name = product ? product->name.nl : d.product;
  return {email, "Uw aanvraag is nog niet verstuurd: " + name,
          fmt::format("Beste aanvrager,\n\nU bent begonnen met uw aanvraag \"{}\", maar u heeft "
                      "die nog niet verstuurd.\nUw antwoorden bewaren wij tot {}. Daarna worden "
                      "ze verwijderd.\n\nGa verder met uw aanvraag:\n{}\n\nMet "
                      "vriendelijke groet,\nLoket\n",
                      name, date_of(d.expires_at), link)};
}

Applying::Applying(identity::Auth& auth, ApplyOptions options)
    : auth_(auth), options_(std::move(options)), products_(auth.database()), drafts_(auth.keys()) {}

std::string Applying::owner(const identity::Subject& s) const {
  return catalog::draft_owner(
      auth_.keys(), s.kind, s.number,
      s.acting_for ? std::string_view(s.acting_for->subject_number) : std::string_view());
}

json::object Applying::contact(const std::string& owner) {
  auto text = db().read_value([&](db::Connection& c) { return drafts_.contact(c, owner); });
  try {
    auto v = json::parse(text);
    if (v.is_object()) return v.as_object();
  } catch (const std::exception&) {  // an unreadable memory is no memory
  }
  return {};
}

void Applying::remember_contact(db::Connection& c, const std::string& owner,
                                const json::object& answers) {
  json::object keep;
  for (const char* k : {"email", "phone"}) {
    if (const auto* v = answers.if_contains(k); v && v->is_string()) keep[k] = *v;
  }
  if (!keep.empty()) drafts_.remember_contact(c, owner, json::serialize(keep), now_ms());
}

std::int64_t Applying::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json::object Applying::product_json(const catalog::Product& p, bool with_form) {
  json::array statuses, documents;
  for (const auto& s : p.statuses) {
    statuses.push_back({{"name", local(s.name)}, {"text", local(s.text)}, {"notifies", s.notify}});
  }
  for (const auto& d : p.documents) {
    documents.push_back(
        {{"name", local(d.name)}, {"hint", local(d.hint)}, {"required", d.required}});
  }
  json::object out{
      {"id", p.id},
      {"url", "/api/v1/products/" + p.id},
      {"organisation", p.organisation_id},
      {"caseType", p.zaaktype_uuid},
      {"name", local(p.name)},
      {"summary", local(p.summary)},
      {"audience", p.audience},
      {"term", p.term},
      {"extension", p.extension ? json::value(*p.extension) : json::value(nullptr)},
      {"decidedBy", p.decided_by},
      {"fee",
       p.fee ? json::value(json::object{{"amount", p.fee->amount}, {"currency", p.fee->currency}})
             : json::value(nullptr)},
      {"statuses", std::move(statuses)},
      {"documents", std::move(documents)},
      {"actingFor", p.acting_for.empty() ? json::value(nullptr) : json::value(p.acting_for)},
      {"formVersion", p.form.version}};
  if (with_form) {
    const auto* form = p.source.if_contains("form");
    out["form"] = form ? *form : json::value(nullptr);
  }
  return out;
}

json::object Applying::draft_json(const catalog::Draft& d) {
  json::value answers = json::object{};
  try {
    answers = json::parse(d.answers);
  } catch (const std::exception&) {
  }
  return {{"id", d.id},
          {"product", d.product},
          {"url", "/api/v1/me/drafts/" + d.product},
          {"formVersion", d.form_version},
          {"step", d.step},
          {"answers", std::move(answers)},
          {"updatedAt", d.updated_at},
          {"expiresAt", d.expires_at}};
}

std::pair<int, std::int64_t> Applying::maintain(std::int64_t now) {
  int reminded = 0;
  std::int64_t purged = 0;
  auto before = now + options_.reminder_seconds * 1000;
  db().write([&](db::Connection& c) {
    purged = drafts_.purge_expired(c, now);
    // Uploads of drafts that are gone (expired, withdrawn) go with them; an hour's grace for an
    // upload that came before its draft was first saved.
    for (const auto& uuid : catalog::purge_orphan_uploads(c, now - 3600 * 1000)) {
      if (documents_) documents_->remove(c, uuid);  // never announced: nothing to notify
    }
    for (const auto& d : drafts_.claim_reminders(c, before, now)) {
      std::string email;
      try {
        auto a = json::parse(d.answers);
        if (const auto* e = a.as_object().if_contains("email"); e && e->is_string()) {
          email = std::string(e->as_string());
        }
      } catch (const std::exception&) {
      }
      if (email.empty()) continue;
      auto mail = reminder_mail(email, d, products_.find(d.product).get(), options_.public_url);
      if (notify::validate(mail)) continue;  // an address that is none: no mail
      notify::enqueue_mail(c, mail, now);
      ++reminded;
    }
  });
  return {reminded, purged};
}

void DraftKeeper::start() {
  // Often enough that a reminder of a short time to live (tests) is not missed.
  auto every = std::chrono::seconds(std::clamp<std::int64_t>(
      std::min(applying_.options().draft_ttl_seconds, applying_.options().reminder_seconds) / 4, 1,
      60));
  thread_ = std::thread([this, every] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        auto [reminded, purged] = applying_.maintain(applying_.now_ms());
        if (reminded || purged) {
          common::log::info("drafts kept", {{"reminded", reminded}, {"purged", purged}});
        }
      } catch (const std::exception& e) {
        common::log::warn("draft keeper pass failed", {{"error", e.what()}});
      }
      lock.lock();
      wake_.wait_for(lock, every, [this] { return stopping_; });
    }
  });
}

void DraftKeeper::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace loket::web
