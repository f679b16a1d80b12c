// The demo data is validated by the same rules as any other data before it is written.
#include "catalog/demo_seed.hpp"

#include <boost/json.hpp>
#include <ctime>
#include <stdexcept>

#include "catalog/organisation_store.hpp"
#include "common/embedded.hpp"

namespace loket::catalog {

SeedResult seed_demo(db::Database& db) {
  auto file = common::embedded_file("catalog/demo/organisations.json");
  if (!file) throw std::runtime_error("demo data catalog/demo/organisations.json is missing");
  auto doc = boost::json::parse(*file);
  std::vector<Organisation> orgs;
  for (const auto& v : doc.at("organisations").as_array()) {
    const auto& o = v.as_object();
    Organisation org{boost::json::value_to<std::string>(o.at("id")),
                     boost::json::value_to<std::string>(o.at("name")),
                     boost::json::value_to<std::string>(o.at("kind")),
                     boost::json::value_to<std::string>(o.at("oin"))};
    if (auto problem = validate(org)) {
      throw std::runtime_error("demo organisation " + org.name + ": " + *problem);
    }
    orgs.push_back(std::move(org));
  }
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char now[32];
  std::strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);

  SeedResult result;
  db.write([&](db::Connection& c) {
    for (const auto& o : orgs) {
      upsert_organisation(c, o, now);
      ++result.organisations;
    }
  });
  return result;
}

}  // namespace loket::catalog
