// Product and draft queries; the same SQL text runs on SQLite and PostgreSQL.
#include "catalog/product_store.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <limits>
#include <stdexcept>

#include "common/embedded.hpp"
#include "common/uuid.hpp"
#include "db/row_sql.hpp"

namespace loket::catalog {
namespace {

constexpr std::string_view kProductsFolder = "catalog/products/";
constexpr auto kReload = std::chrono::seconds(5);

constexpr std::string_view kFindProduct = "SELECT data FROM products WHERE id = $1";
constexpr std::string_view kInsertProduct =
    "INSERT INTO products (id, organisation_id, zaaktype_uuid, form_version, data, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kUpdateProduct =
    "UPDATE products SET organisation_id = $2, zaaktype_uuid = $3, form_version = $4, data = $5,"
    " updated_at = $6 WHERE id = $1";
constexpr std::string_view kListProducts = "SELECT data FROM products ORDER BY id";
constexpr std::string_view kAdministered =
    "SELECT 1 FROM product_versions WHERE product_id = $1 AND published_by <> 'seed' LIMIT 1";
constexpr std::string_view kVersions =
    "SELECT version, zaaktype_uuid, published_at, published_by, data FROM product_versions"
    " WHERE product_id = $1 ORDER BY version DESC";
constexpr std::string_view kProductZaaktype = "SELECT zaaktype_uuid FROM products WHERE id = $1";
constexpr std::string_view kVersionOf =
    "SELECT version FROM product_versions WHERE product_id = $1 AND zaaktype_uuid = $2";
constexpr std::string_view kClaimVersion =
    "INSERT INTO product_versions (product_id, version, zaaktype_uuid, data, published_at,"
    " published_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (product_id, version) DO NOTHING";
// A claim whose publish died: newer than the product in force (else the caller's `current`
// would be stale) and older than a publish takes.
constexpr std::string_view kDropStaleClaim =
    "DELETE FROM product_versions WHERE product_id = $1 AND version = $2 AND published_at < $3";
constexpr std::string_view kCompleteVersion =
    "UPDATE product_versions SET published_at = $3 WHERE product_id = $1 AND version = $2";
constexpr std::string_view kReleaseVersion =
    "DELETE FROM product_versions WHERE product_id = $1 AND version = $2";

constexpr std::string_view kDraftColumns =
    "SELECT id, product, form_version, answers, step, created_at, updated_at, expires_at, lang"
    " FROM application_drafts ";
constexpr std::string_view kUpsertDraft =
    "INSERT INTO application_drafts (id, owner, product, form_version, answers, step, created_at,"
    " updated_at, expires_at, reminded_at, lang) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, NULL,"
    " $9) ON CONFLICT (owner, product) DO UPDATE SET form_version = excluded.form_version,"
    " answers = excluded.answers, step = excluded.step, updated_at = excluded.updated_at,"
    " expires_at = excluded.expires_at, reminded_at = NULL, lang = excluded.lang";
constexpr std::string_view kDeleteDraft =
    "DELETE FROM application_drafts WHERE owner = $1 AND id = $2";
constexpr std::string_view kDeleteProductDraft =
    "DELETE FROM application_drafts WHERE owner = $1 AND product = $2";
constexpr std::string_view kPurge = "DELETE FROM application_drafts WHERE expires_at <= $1";
constexpr std::string_view kClaimReminders =
    "UPDATE application_drafts SET reminded_at = $2 WHERE expires_at < $1 AND expires_at > $2"
    " AND reminded_at IS NULL AND step <> 'verzonden' RETURNING id, product, form_version, "
    "answers, step, created_at,"
    " updated_at, expires_at, lang";

std::string sealed_ad(std::string_view id) {
  return "application_drafts.answers." + std::string(id);
}

}  // namespace

std::vector<Product> demo_products() {
  std::vector<Product> out;
  for (const auto& f : common::embedded_files()) {
    if (!f.path.starts_with(kProductsFolder) || !f.path.ends_with(".json")) continue;
    try {
      out.push_back(parse_product(f.content));
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string(f.path) + ": " + e.what());
    }
  }
  std::sort(out.begin(), out.end(), [](const Product& a, const Product& b) { return a.id < b.id; });
  return out;
}

bool upsert_product(db::Connection& c, const Product& p, const std::string& now) {
  auto data = boost::json::serialize(p.source);
  auto rows = c.query(kFindProduct, {p.id});
  db::Params params{
      p.id, p.organisation_id, p.zaaktype_uuid, static_cast<std::int64_t>(p.form.version), data,
      now};
  if (rows.empty()) {
    c.execute(kInsertProduct, params);
    return true;
  }
  if (rows[0].text(0) == data) return false;
  if (!c.query(kAdministered, {p.id}).empty()) return false;
  c.execute(kUpdateProduct, params);
  return true;
}

std::vector<ProductVersion> product_versions(db::Connection& c, std::string_view product_id) {
  auto rows = c.query(kVersions, {std::string(product_id)});
  std::vector<ProductVersion> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ProductVersion v{static_cast<int>(rows[i].integer(0)), rows[i].text(1), rows[i].text(2),
                     rows[i].text(3)};
    try {
      v.form_version = parse_product(rows[i].text(4)).form.version;
    } catch (const std::exception&) {
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<std::string> zaaktypes_of_products(db::Connection& c,
                                               const std::vector<std::string>& product_ids) {
  std::vector<std::string> out;
  if (product_ids.empty()) return out;
  db::Params params;
  auto products = db::in_list(product_ids, params);
  auto versions = db::in_list(product_ids, params);
  auto rows = c.query("SELECT zaaktype_uuid FROM products WHERE id IN " + products +
                          " UNION SELECT zaaktype_uuid FROM product_versions WHERE product_id IN " +
                          versions,
                      params);
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows[i].text(0));
  return out;
}

int claim_product_version(db::Connection& c, const Product& current, const Product& next,
                          const std::string& by, const std::string& now,
                          const std::string& stale_before) {
  auto in_force = c.query(kProductZaaktype, {current.id});
  if (in_force.empty() || in_force[0].text(0) != current.zaaktype_uuid) return 0;
  auto known = c.query(kVersionOf, {current.id, current.zaaktype_uuid});
  int version = known.empty() ? 1 : static_cast<int>(known[0].integer(0));
  if (known.empty()) {
    c.execute(kClaimVersion, {current.id, std::int64_t{1}, current.zaaktype_uuid,
                              boost::json::serialize(current.source), now, std::string("seed")});
  }
  c.execute(kDropStaleClaim, {current.id, std::int64_t{version + 1}, stale_before});
  // The primary key decides between two claims of the same number: the second inserts nothing
  // (on PostgreSQL it waits for the first's transaction, then sees its row).
  auto claimed = c.execute(kClaimVersion, {next.id, std::int64_t{version + 1}, next.zaaktype_uuid,
                                           boost::json::serialize(next.source), now, by});
  return claimed == 1 ? version + 1 : 0;
}

void complete_product_version(db::Connection& c, const Product& next, int version,
                              const std::string& now) {
  auto data = boost::json::serialize(next.source);
  c.execute(kCompleteVersion, {next.id, std::int64_t{version}, now});
  c.execute(kUpdateProduct, {next.id, next.organisation_id, next.zaaktype_uuid,
                             static_cast<std::int64_t>(next.form.version), data, now});
}

void release_product_version(db::Connection& c, std::string_view product_id, int version) {
  c.execute(kReleaseVersion, {std::string(product_id), std::int64_t{version}});
}

std::shared_ptr<const std::vector<Product>> ProductCatalogue::all() {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (!products_ || now - loaded_ > kReload) {
    auto rows = db_.read_once(kListProducts);
    auto list = std::make_shared<std::vector<Product>>();
    for (std::size_t i = 0; i < rows.size(); ++i) list->push_back(parse_product(rows[i].text(0)));
    products_ = std::move(list);
    loaded_ = now;
  }
  return products_;
}

void ProductCatalogue::forget() {
  std::lock_guard lock(mutex_);
  products_.reset();
}

std::shared_ptr<const Product> ProductCatalogue::find(std::string_view id) {
  auto list = all();
  for (const auto& p : *list) {
    if (p.id == id) return std::shared_ptr<const Product>(list, &p);
  }
  return nullptr;
}

std::string draft_owner(const privacy::KeyRing& keys, std::string_view kind,
                        std::string_view number, std::string_view acting_for_number) {
  std::string who(number);
  if (!acting_for_number.empty()) who += "|" + std::string(acting_for_number);
  return privacy::blind_index(keys, who, kind == "business" ? "draft.kvk" : "draft.bsn");
}

Draft DraftStore::from_row(const db::Rows::Row& r) const {
  Draft d;
  d.id = r.text(0);
  d.product = r.text(1);
  d.form_version = static_cast<int>(r.integer(2));
  d.answers = privacy::decrypt(keys_, r.text(3), sealed_ad(d.id)).value_or("{}");
  d.step = r.text(4);
  d.created_at = r.integer(5);
  d.updated_at = r.integer(6);
  d.expires_at = r.integer(7);
  d.lang = r.text(8);
  return d;
}

namespace {

// DraftStore::find's statement and its parameters, for a connection and for one on its own.
std::string find_draft_sql() {
  return std::string(kDraftColumns) +
         "WHERE owner = $1 AND product = $2 AND expires_at > $3 AND (step <> $4 OR $5 = 1)";
}

db::Params find_draft_params(const std::string& owner, std::string_view product,
                             std::int64_t now_ms, bool include_sent) {
  return {owner, std::string(product), now_ms, std::string(kSentStep),
          std::int64_t{include_sent ? 1 : 0}};
}

}  // namespace

std::optional<Draft> DraftStore::find(db::Database& db, const std::string& owner,
                                      std::string_view product, std::int64_t now_ms,
                                      bool include_sent) const {
  auto rows =
      db.read_once(find_draft_sql(), find_draft_params(owner, product, now_ms, include_sent));
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::optional<Draft> DraftStore::find(db::Connection& c, const std::string& owner,
                                      std::string_view product, std::int64_t now_ms,
                                      bool include_sent) const {
  auto rows = c.query(find_draft_sql(), find_draft_params(owner, product, now_ms, include_sent));
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::optional<Draft> DraftStore::get(db::Connection& c, const std::string& owner,
                                     std::string_view id, std::int64_t now_ms) const {
  auto rows =
      c.query(std::string(kDraftColumns) + "WHERE owner = $1 AND id = $2 AND expires_at > $3",
              {owner, std::string(id), now_ms});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::vector<Draft> DraftStore::list(db::Connection& c, const std::string& owner,
                                    std::int64_t now_ms) const {
  auto rows = c.query(std::string(kDraftColumns) +
                          "WHERE owner = $1 AND expires_at > $2 AND step <> $3"
                          " ORDER BY updated_at DESC, id",
                      {owner, now_ms, std::string(kSentStep)});
  std::vector<Draft> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(from_row(rows[i]));
  return out;
}

Draft DraftStore::save(db::Connection& c, const std::string& owner, Draft d, std::int64_t now_ms,
                       std::int64_t ttl_ms) const {
  // The id stays with the (owner, product) row, so the sealed answers stay bound to it.
  if (auto existing = find(c, owner, d.product, std::numeric_limits<std::int64_t>::min(), true)) {
    d.id = existing->id;
    d.created_at = existing->created_at;
  } else {
    d.id = common::new_uuid();
    d.created_at = now_ms;
  }
  // An expired row of the same product is replaced, not resumed.
  c.execute("DELETE FROM application_drafts WHERE owner = $1 AND product = $2 AND expires_at <= $3",
            {owner, d.product, now_ms});
  d.updated_at = now_ms;
  d.expires_at = now_ms + ttl_ms;
  c.execute(kUpsertDraft, {d.id, owner, d.product, static_cast<std::int64_t>(d.form_version),
                           privacy::encrypt(keys_, d.answers, sealed_ad(d.id)), d.step, now_ms,
                           d.expires_at, d.lang == "en" ? std::string("en") : std::string("nl")});
  return d;
}

bool DraftStore::remove(db::Connection& c, const std::string& owner, std::string_view id) const {
  return c.execute(kDeleteDraft, {owner, std::string(id)}) > 0;
}

bool DraftStore::remove_product(db::Connection& c, const std::string& owner,
                                std::string_view product) const {
  return c.execute(kDeleteProductDraft, {owner, std::string(product)}) > 0;
}

std::string DraftStore::contact(db::Connection& c, const std::string& owner) const {
  auto rows = c.query("SELECT data FROM applicant_contacts WHERE owner = $1", {owner});
  if (rows.empty()) return "{}";
  return privacy::decrypt(keys_, rows[0].text(0), "applicant_contacts." + owner).value_or("{}");
}

void DraftStore::remember_contact(db::Connection& c, const std::string& owner,
                                  const std::string& json, std::int64_t now_ms) const {
  c.execute(
      "INSERT INTO applicant_contacts (owner, data, updated_at) VALUES ($1, $2, $3)"
      " ON CONFLICT (owner) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
      {owner, privacy::encrypt(keys_, json, "applicant_contacts." + owner), now_ms});
}

std::int64_t DraftStore::purge_expired(db::Connection& c, std::int64_t now_ms) const {
  return c.execute(kPurge, {now_ms});
}

std::vector<Draft> DraftStore::claim_reminders(db::Connection& c, std::int64_t before_ms,
                                               std::int64_t now_ms) const {
  auto rows = c.query(kClaimReminders, {before_ms, now_ms});
  std::vector<Draft> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(from_row(rows[i]));
  return out;
}

}  // namespace loket::catalog
