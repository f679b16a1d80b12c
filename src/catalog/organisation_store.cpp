// Organisation queries; the same SQL text runs on SQLite and PostgreSQL.
#include "catalog/organisation_store.hpp"

namespace loket::catalog {
namespace {

constexpr std::string_view kCount = "SELECT COUNT(*) FROM organisations";
constexpr std::string_view kList =
    "SELECT id, name, kind, oin, COUNT(*) OVER () FROM organisations ORDER BY name, id"
    " LIMIT $1 OFFSET $2";
constexpr std::string_view kFind = "SELECT id, name, kind, oin FROM organisations WHERE id = $1";
constexpr std::string_view kUpsert =
    "INSERT INTO organisations (id, name, kind, oin, created_at) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, oin = excluded.oin "
    "RETURNING (created_at = $5)";

// Bumped by every change of an organisation in this process; a cache read before it is stale.
std::atomic<std::uint64_t> g_generation{1};
constexpr std::int64_t kCacheLimit = 1000;

Organisation from_row(const db::Rows::Row& r) {
  return Organisation{r.text(0), r.text(1), r.text(2), r.text(3)};
}

}  // namespace

OrganisationList list_organisations(db::Database& db, std::int64_t offset, std::int64_t limit) {
  OrganisationList out;
  auto rows = db.read_once(kList, {limit, offset});
  for (std::size_t i = 0; i < rows.size(); ++i) out.items.push_back(from_row(rows[i]));
  // A page past the end has no row to carry the total.
  out.total = rows.empty() ? db.read_once(kCount)[0].integer(0) : rows[0].integer(4);
  return out;
}

std::optional<Organisation> find_organisation(db::Database& db, const std::string& id) {
  auto rows = db.read_once(kFind, {id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::optional<Organisation> find_organisation(db::Connection& c, const std::string& id) {
  auto rows = c.query(kFind, {id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

bool upsert_organisation(db::Connection& c, const Organisation& o, const std::string& now) {
  auto rows = c.query(kUpsert, {o.id, o.name, o.kind, o.oin, now});
  g_generation.fetch_add(1);
  return !rows.empty() && rows[0].integer(0) == 1;
}

std::shared_ptr<const std::vector<Organisation>> OrganisationCache::get() {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  // Taken before reading: a change during the read makes the next get read again.
  auto generation = g_generation.load();
  if (value_ && generation == generation_ && now - read_at_ < ttl_) return value_;
  value_ = std::make_shared<const std::vector<Organisation>>(
      list_organisations(db_, 0, kCacheLimit).items);
  generation_ = generation;
  read_at_ = now;
  return value_;
}

}  // namespace loket::catalog
