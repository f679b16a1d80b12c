// Builds the HTTP pipeline from every module's routes.
#pragma once

#include <memory>

#include "db/database.hpp"
#include "http/pipeline.hpp"

namespace loket::app {

struct WiringOptions {
  std::string web_root;
  bool access_log = true;
};

std::unique_ptr<http::Pipeline> build_pipeline(db::Database& db, const WiringOptions& options);

}  // namespace loket::app
