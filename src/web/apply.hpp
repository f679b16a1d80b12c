// Applying, shared by the pages (/producten, /aanvragen) and the JSON API (/api/v1/products,
// /api/v1/me/drafts): the published products, a person's drafts (saved at every step, expiring
// after a configurable time with a reminder mail first), the contact details to prefill, and the
// JSON shapes of products and drafts.
#pragma once

#include <atomic>
#include <boost/json/object.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "catalog/product_store.hpp"
#include "identity/auth.hpp"
#include "notify/mail.hpp"

namespace loket::documents {
class DocumentService;
}

namespace loket::web {

// The reminder that a draft expires soon, in the language the draft was filled in.
notify::Mail reminder_mail(const std::string& email, const catalog::Draft& d,
                           const catalog::Product* product, const std::string& public_url);

struct ApplyOptions {
  std::int64_t draft_ttl_seconds = 30 * 86400;       // --draft-ttl
  std::int64_t reminder_seconds = 7 * 86400;         // the reminder goes this long before expiry
  std::string public_url = "http://localhost:8080";  // for the link in the reminder
};

class Applying {
 public:
  Applying(identity::Auth& auth, ApplyOptions options);

  catalog::ProductCatalogue& products() { return products_; }
  const catalog::DraftStore& drafts() const { return drafts_; }
  db::Database& db() { return auth_.database(); }
  const ApplyOptions& options() const { return options_; }
  // Where form uploads are stored; the keeper removes the uploads of drafts that are gone.
  void set_documents(documents::DocumentService* documents) { documents_ = documents; }

  // Whose drafts a session works on (see catalog::draft_owner).
  std::string owner(const identity::Subject& s) const;
  // The contact answers to prefill ({"email", "phone"}): remembered from the last application.
  boost::json::object contact(const std::string& owner);
  void remember_contact(db::Connection& c, const std::string& owner,
                        const boost::json::object& answers);
  std::int64_t now_ms() const;
  std::int64_t ttl_ms() const { return options_.draft_ttl_seconds * 1000; }

  // JSON for apps: a product (with its form when asked) and a draft.
  static boost::json::object product_json(const catalog::Product& p, bool with_form);
  static boost::json::object draft_json(const catalog::Draft& d);

  // One pass of the draft keeper: reminder mails for drafts expiring within the reminder time,
  // expired drafts deleted. Returns {reminded, purged}.
  std::pair<int, std::int64_t> maintain(std::int64_t now_ms);

 private:
  identity::Auth& auth_;
  ApplyOptions options_;
  catalog::ProductCatalogue products_;
  catalog::DraftStore drafts_;
  documents::DocumentService* documents_ = nullptr;
};

// Runs Applying::maintain now and then on a thread of its own (serve).
class DraftKeeper {
 public:
  explicit DraftKeeper(Applying& applying) : applying_(applying) {}
  ~DraftKeeper() { stop(); }
  void start();
  void stop();

 private:
  Applying& applying_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace loket::web
