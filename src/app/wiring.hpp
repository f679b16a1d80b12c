// Builds the application from every module: keys, login, routes, the HTTP pipeline.
#pragma once

#include <memory>

#include "app/config.hpp"
#include "cases/case_service.hpp"
#include "cases/decision_service.hpp"
#include "db/database.hpp"
#include "documents/blob_store.hpp"
#include "documents/document_service.hpp"
#include "http/pipeline.hpp"
#include "identity/auth.hpp"
#include "notify/events.hpp"
#include "notify/webhook.hpp"
#include "privacy/field_crypto.hpp"
#include "standards/zgw/api.hpp"
#include "web/apply.hpp"
#include "web/pages.hpp"

namespace loket::app {

struct Application {
  std::unique_ptr<privacy::KeyRing> keys;
  std::unique_ptr<identity::Auth> auth;
  // The documents domain (before zgw: the Documenten API holds a pointer to it).
  std::unique_ptr<documents::BlobStore> blobs;
  std::unique_ptr<documents::DocumentService> documents;
  std::unique_ptr<zgw::Api> zgw;
  std::unique_ptr<cases::CaseService> cases;
  std::unique_ptr<cases::DecisionService> decisions;
  std::unique_ptr<web::Pages> pages;
  // Domain events out of the outbox, to every consumer registered in build_application (ZGW
  // notifications, the resident's inbox and mail); `serve` starts its thread.
  std::unique_ptr<notify::EventDispatcher> events;
  std::unique_ptr<web::Applying> applying;  // products and drafts (serve runs its DraftKeeper)
  std::unique_ptr<http::Pipeline> pipeline;
  // What --metrics-listen serves: /metrics (of `pipeline`) and /healthz, nothing else.
  std::unique_ptr<http::Pipeline> metrics;
};

// `web_root` empty serves no static files; `keys` must outlive nothing: Application owns them.
Application build_application(db::Database& db, const Settings& settings, std::string web_root,
                              privacy::KeyRing keys);

// "a, b:1" → {"a", "b:1"} (the host lists of the settings).
std::vector<std::string> host_list(std::string_view hosts);
zgw::ApiSettings zgw_settings(const Settings& s);
// The delivery worker's options from --notify-* settings.
notify::WebhookOptions webhook_options(const Settings& s);

// Reads the key file, or creates it (mode 0600) with a fresh key ring when it does not exist.
// Throws std::runtime_error naming the file and the line on a malformed file.
privacy::KeyRing load_or_create_keys(const std::string& path);

// Replaces the key file atomically (mode 0600).
void write_keys(const std::string& path, const privacy::KeyRing& ring);

}  // namespace loket::app
