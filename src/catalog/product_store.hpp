// The published products (the catalogue files as `loket seed` stored them) and the residents'
// application drafts: the SQL, and a cache of the parsed products for the doors.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "catalog/product.hpp"
#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::catalog {

// The product files compiled into the binary (catalog/products/*.json), parsed, sorted by id.
// Throws std::runtime_error naming the first file that does not parse.
std::vector<Product> demo_products();

// Stores a product (insert, or update when its file changed); true when a row changed. A
// product an administrator published a version of is left as it is: the catalogue file is only
// where it began.
bool upsert_product(db::Connection& c, const Product& p, const std::string& now);

// One published version of a product (migration 0032).
struct ProductVersion {
  int version = 0;
  std::string zaaktype_uuid, published_at, published_by;  // by: staff account id, or "seed"
  int form_version = 1;
};
// The product's versions, newest first; empty when only the catalogue file's was ever published.
std::vector<ProductVersion> product_versions(db::Connection& c, std::string_view product_id);
// The zaaktypen of these products, of every version published (a team's work queue shows the
// cases of each).
std::vector<std::string> zaaktypes_of_products(db::Connection& c,
                                               const std::vector<std::string>& product_ids);
// Publishing a new version of a product happens in three steps, so that two administrators
// publishing the same product at once (in one process or in two) never both go ahead:
// - claim: reserves the number after `current`'s version for `next` (recording `current` as the
//   first, by "seed", when no version was recorded yet). Returns 0, and claims nothing, when the
//   product is no longer `current` or another publish of it holds the claim. A claim made
//   before `stale_before` (RFC 3339) by a publish that never finished is taken over.
// - complete: makes `next` the product in force under the claimed number.
// - release: gives a claim up when the publish failed.
int claim_product_version(db::Connection& c, const Product& current, const Product& next,
                          const std::string& by, const std::string& now,
                          const std::string& stale_before);
void complete_product_version(db::Connection& c, const Product& next, int version,
                              const std::string& now);
void release_product_version(db::Connection& c, std::string_view product_id, int version);

// The published products, parsed, re-read at most every few seconds (a seed run in another
// process shows up without a restart).
class ProductCatalogue {
 public:
  explicit ProductCatalogue(db::Database& db) : db_(db) {}
  std::shared_ptr<const std::vector<Product>> all();
  std::shared_ptr<const Product> find(std::string_view id);
  // The next call reads the products again (this process published a new version).
  void forget();

 private:
  db::Database& db_;
  std::mutex mutex_;
  std::shared_ptr<const std::vector<Product>> products_;
  std::chrono::steady_clock::time_point loaded_{};
};

// Whose drafts: the person logged in, and whom they act for (a parent's draft for their child
// is not the parent's own), as one blind index.
std::string draft_owner(const privacy::KeyRing& keys, std::string_view kind,
                        std::string_view number, std::string_view acting_for_number);

inline constexpr std::string_view kSentStep = "verzonden";

struct Draft {
  std::string id;
  std::string product;
  int form_version = 1;
  std::string answers;  // JSON object text, decrypted
  std::string step;     // the step to continue at ("" for the first, "controleren" at the end)
  std::int64_t created_at = 0, updated_at = 0, expires_at = 0;  // milliseconds
  std::string lang = "nl";  // the language the person filled it in: their reminder's language
};

class DraftStore {
 public:
  explicit DraftStore(const privacy::KeyRing& keys) : keys_(keys) {}
  // The owner's draft of a product, or nullopt (also when it expired). A draft that was sent
  // (step kSentStep) stays a while for a repeated send to replay; only `include_sent` finds it.
  // On a Database: one statement on its own, no transaction (pages ask on every step).
  std::optional<Draft> find(db::Database& db, const std::string& owner, std::string_view product,
                            std::int64_t now_ms, bool include_sent = false) const;
  std::optional<Draft> find(db::Connection& c, const std::string& owner, std::string_view product,
                            std::int64_t now_ms, bool include_sent = false) const;
  std::optional<Draft> get(db::Connection& c, const std::string& owner, std::string_view id,
                           std::int64_t now_ms) const;
  // The owner's drafts, most recent first.
  std::vector<Draft> list(db::Connection& c, const std::string& owner, std::int64_t now_ms) const;
  // Creates or replaces the owner's draft of `d.product`; the expiry moves to now + ttl and a
  // reminder may go again. Returns the stored draft (with its id).
  Draft save(db::Connection& c, const std::string& owner, Draft d, std::int64_t now_ms,
             std::int64_t ttl_ms) const;
  bool remove(db::Connection& c, const std::string& owner, std::string_view id) const;
  bool remove_product(db::Connection& c, const std::string& owner, std::string_view product) const;
  // Deletes expired drafts; returns how many.
  std::int64_t purge_expired(db::Connection& c, std::int64_t now_ms) const;
  // The contact details the owner gave last (JSON object text), or "{}".
  std::string contact(db::Connection& c, const std::string& owner) const;
  void remember_contact(db::Connection& c, const std::string& owner, const std::string& json,
                        std::int64_t now_ms) const;
  // Drafts expiring before `before_ms` that had no reminder yet; marks them reminded.
  std::vector<Draft> claim_reminders(db::Connection& c, std::int64_t before_ms,
                                     std::int64_t now_ms) const;

 private:
  Draft from_row(const db::Rows::Row& r) const;
  const privacy::KeyRing& keys_;
};

}  // namespace loket::catalog
