// SQL for organisations.
#pragma once

#include <cstdint>
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

}  // namespace loket::catalog
