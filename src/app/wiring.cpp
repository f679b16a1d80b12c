// The route table: health, readiness, metrics, OpenAPI, and each module's API.
#include "app/wiring.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "catalog/organisation_routes.hpp"
#include "common/embedded.hpp"
#include "db/migrate.hpp"
#include "http/error.hpp"

namespace loket::app {

std::unique_ptr<http::Pipeline> build_pipeline(db::Database& db, const WiringOptions& options) {
  http::Router router;

  // Liveness: the process answers. Also the benchmarks' baseline route.
  router.add(http::Method::Get, "/healthz", [](http::Request&) {
    return http::Response::json(200, {{"status", "ok"}});
  });

  // Readiness: the database answers and has every migration.
  router.add(http::Method::Get, "/readyz", [&db](http::Request&) {
    if (!db.ping()) throw http::ServiceUnavailable("The database does not answer.");
    if (!db::migrations_current(db)) {
      throw http::ServiceUnavailable("The database schema is not up to date; run loket migrate.");
    }
    return http::Response::json(200, {{"status", "ready"}});
  });

  router.add(http::Method::Get, "/api/v1/openapi.json", [](http::Request&) {
    auto doc = common::embedded_file("src/app/openapi/v1.json");
    if (!doc) throw http::NotFound("The OpenAPI document is missing from this build.");
    auto r = http::Response::text(200, std::string(*doc), "application/json");
    r.headers.set("cache-control", "public, max-age=300");
    return r;
  });

  catalog::add_organisation_routes(router, db);

  auto pipeline = std::make_unique<http::Pipeline>(
      std::move(router), http::StaticFiles(options.web_root),
      http::PipelineOptions{.api_version = LOKET_VERSION, .access_log = options.access_log});
  pipeline->metrics().add_collector([&db] {
    auto s = db.stats();
    return fmt::format(
        "# HELP loket_db_pool_size Database connections open.\n# TYPE loket_db_pool_size gauge\n"
        "loket_db_pool_size {}\n"
        "# HELP loket_db_pool_in_use Database connections lent out.\n"
        "# TYPE loket_db_pool_in_use gauge\nloket_db_pool_in_use {}\n"
        "# HELP loket_db_pool_waits_total Times a request waited for a connection.\n"
        "# TYPE loket_db_pool_waits_total counter\nloket_db_pool_waits_total {}\n",
        s.size, s.in_use, s.waits);
  });
  return pipeline;
}

}  // namespace loket::app
