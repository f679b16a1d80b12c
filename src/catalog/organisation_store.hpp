// SQL for organisations.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "catalog/organisation.hpp"
#include "db/database.hpp"

namespace loket::catalog {

struct OrganisationList {
  std::vector<Organisation> items;
  std::int64_t total = 0;
};

// One statement (the total rides along as a window count), so one database round trip.
OrganisationList list_organisations(db::Database& db, std::int64_t offset, std::int64_t limit);
std::optional<Organisation> find_organisation(db::Database& db, const std::string& id);
std::optional<Organisation> find_organisation(db::Connection& c, const std::string& id);
// Inserts or updates by id; returns true when a row was inserted.
bool upsert_organisation(db::Connection& c, const Organisation& o, const std::string& now);

// Every organisation (by name), read again after `ttl` or when this process changed one since
// (upsert_organisation): organisations rarely change, and each row of a case list names its
// organisation, so a list need not ask the database for them each time. Another process's
// change (a seed) shows within `ttl`. Safe to share between threads.
class OrganisationCache {
 public:
  explicit OrganisationCache(db::Database& db,
                             std::chrono::milliseconds ttl = std::chrono::seconds(5))
      : db_(db), ttl_(ttl) {}
  std::shared_ptr<const std::vector<Organisation>> get();

 private:
  db::Database& db_;
  std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::shared_ptr<const std::vector<Organisation>> value_;
  std::chrono::steady_clock::time_point read_at_;
  std::uint64_t generation_ = 0;
};

}  // namespace loket::catalog
