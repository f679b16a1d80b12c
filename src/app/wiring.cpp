// The route table (health, readiness, OpenAPI, each module's API) and the key file.
#include "app/wiring.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cases/case_notifications.hpp"
#include "catalog/organisation_routes.hpp"
#include "common/embedded.hpp"
#include "common/log.hpp"
#include "db/migrate.hpp"
#include "http/error.hpp"
#include "identity/auth.hpp"
#include "identity/mandate_routes.hpp"
#include "identity/password_reset.hpp"
#include "notify/outbox.hpp"
#include "notify/webhook.hpp"
#include "standards/zgw/catalogue.hpp"
#include "standards/zgw/notificaties.hpp"
#include "standards/zgw/zgw.hpp"
#include "web/admin_routes.hpp"
#include "web/apply_pages.hpp"
#include "web/automation_routes.hpp"
#include "web/backoffice_pages.hpp"
#include "web/backoffice_work.hpp"
#include "web/case_routes.hpp"
#include "web/consultation_routes.hpp"
#include "web/decision_routes.hpp"
#include "web/follow_pages.hpp"
#include "web/message_routes.hpp"
#include "web/my_cases.hpp"
#include "web/objection_routes.hpp"
#include "web/pages.hpp"
#include "web/product_admin.hpp"
#include "web/product_routes.hpp"
#include "web/staff_case_routes.hpp"
#include "web/staff_documents.hpp"
#include "web/team_admin.hpp"
#include "web/work_order_routes.hpp"

namespace loket::app {

namespace {

std::vector<identity::ProviderConfig> providers(const Settings& s) {
  std::vector<identity::ProviderConfig> out;
  auto add = [&](std::string name, identity::Means means, const std::string& issuer,
                 const std::string& client_id, const std::string& secret) {
    if (issuer.empty()) return;
    identity::ProviderConfig p;
    p.name = std::move(name);
    p.means = means;
    p.issuer = issuer;
    p.client_id = client_id;
    p.client_secret = secret;
    p.redirect_uri = s.public_url + "/auth/" + p.name + "/callback";
    p.post_logout_redirect_uri = s.public_url + "/";
    out.push_back(std::move(p));
  };
  add("digid", identity::Means::DigiD, s.digid_issuer, s.digid_client_id, s.digid_client_secret);
  add("eherkenning", identity::Means::EHerkenning, s.eherkenning_issuer, s.eherkenning_client_id,
      s.eherkenning_client_secret);
  add("staff-oidc", identity::Means::Staff, s.staff_oidc_issuer, s.staff_oidc_client_id,
      s.staff_oidc_client_secret);
  if (!out.empty() && out.back().means == identity::Means::Staff) {
    out.back().scope = "openid email";
    out.back().email_claim = s.staff_oidc_email_claim;
  }
  return out;
}

// scheme://host[:port] of each provider's issuer, space-separated.
std::string provider_origins(const Settings& s) {
  std::string out;
  for (const auto& issuer : {s.digid_issuer, s.eherkenning_issuer, s.staff_oidc_issuer}) {
    if (issuer.empty()) continue;
    auto scheme = issuer.find("://");
    auto slash = issuer.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (!out.empty()) out += ' ';
    out += issuer.substr(0, slash);
  }
  return out;
}

// Whether the server listens on a loopback address only (make run): see AuthConfig.
bool loopback(const Settings& s) {
  auto at = parse_listen(s.listen);
  if (!at) return false;
  return at->host == "localhost" || at->host == "::1" || at->host.starts_with("127.");
}

// A route's handler, for a page that shows what the JSON API answers.
http::Handler handler_of(const http::Router& router, http::Method method, std::string_view path) {
  auto match = router.match(method, path);
  auto* found = std::get_if<http::Router::Found>(&match);
  if (!found) throw std::logic_error("no route " + std::string(path) + " for the pages");
  return found->route->handler;
}

}  // namespace

std::vector<std::string> host_list(std::string_view hosts) {
  std::vector<std::string> out;
  while (!hosts.empty()) {
    auto comma = hosts.find(',');
    auto host = hosts.substr(0, comma);
    while (host.starts_with(' ')) host.remove_prefix(1);
    while (host.ends_with(' ')) host.remove_suffix(1);
    if (!host.empty()) out.emplace_back(host);
    if (comma == std::string_view::npos) break;
    hosts.remove_prefix(comma + 1);
  }
  return out;
}

zgw::ApiSettings zgw_settings(const Settings& s) {
  zgw::ApiSettings out;
  out.base_url = s.public_url;
  out.token_max_age = static_cast<std::int64_t>(s.zgw_token_max_age);
  out.clock_skew = static_cast<std::int64_t>(s.zgw_clock_skew);
  out.allowed_hosts = host_list(s.zgw_allowed_hosts);
  return out;
}

notify::WebhookOptions webhook_options(const Settings& s) {
  notify::WebhookOptions o;
  o.threads = static_cast<int>(s.notify_threads);
  o.concurrency = static_cast<int>(s.notify_concurrency);
  o.timeout_ms = static_cast<std::int64_t>(s.notify_timeout);
  o.connect_timeout_ms = static_cast<std::int64_t>(s.notify_connect_timeout);
  o.backoff_scale = s.notify_backoff_scale;
  o.allow_private = s.notify_allow_private;
  o.allow_hosts = host_list(s.notify_allow_hosts);
  return o;
}

void write_keys(const std::string& path, const privacy::KeyRing& ring) {
  // A new file beside the old one, synced, then renamed over it: never a half-written key file.
  if (auto dir = std::filesystem::path(path).parent_path(); !dir.empty()) {
    std::filesystem::create_directories(dir);
  }
  auto tmp = path + ".new";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create key file " + tmp);
  auto text = ring.serialize();
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    throw std::runtime_error("cannot write key file " + path);
  }
}

privacy::KeyRing load_or_create_keys(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    auto ring = privacy::KeyRing::generate();
    write_keys(path, ring);
    common::log::warn("created a new key file; back it up, without it encrypted data is lost",
                      {{"key_file", path}});
    return ring;
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  auto ring = privacy::KeyRing::parse(text.str(), &error);
  if (!ring) throw std::runtime_error("key file " + path + ": " + error);
  return std::move(*ring);
}

Application build_application(db::Database& db, const Settings& settings, std::string web_root,
                              privacy::KeyRing keys) {
  Application app;
  app.events = std::make_unique<notify::EventDispatcher>(db);
  app.keys = std::make_unique<privacy::KeyRing>(std::move(keys));
  identity::AuthConfig auth_config{settings.public_url,
                                   {static_cast<std::int64_t>(settings.session_idle),
                                    static_cast<std::int64_t>(settings.session_absolute)},
                                   providers(settings),
                                   settings.demo};
  auth_config.loopback_listen = loopback(settings);
  app.auth = std::make_unique<identity::Auth>(db, *app.keys, std::move(auth_config));
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
  app.auth->add_routes(router);
  identity::add_mandate_routes(router, *app.auth);
  identity::add_password_reset_routes(router, *app.auth);
  zgw::set_callback_policy({settings.notify_allow_private, host_list(settings.notify_allow_hosts)});
  // Documenten bestandsdelen: a part plus its form fields must fit one request body.
  app.blobs = std::make_unique<documents::BlobStore>(documents::BlobStoreOptions{
      .dir = effective_blob_dir(settings),
      .max_size = settings.max_document_size,
      .part_size = std::max<std::uint64_t>(
          1, std::min(settings.document_part_size, settings.max_body / 2))});
  app.documents = std::make_unique<documents::DocumentService>(
      db, *app.blobs,
      documents::ServiceOptions{.max_case_bytes = settings.max_case_documents_size,
                                .scanning = !settings.clamd.empty()});
  auto zgw_options = zgw_settings(settings);
  zgw_options.documents = app.documents.get();
  app.zgw = zgw::add_routes(router, db, *app.keys, std::move(zgw_options));
  app.cases = std::make_unique<cases::CaseService>(db, *app.keys);
  app.cases->set_idempotency_retention(std::chrono::seconds(settings.idempotency_retention));
  // zgwdomain: a closing from the portal or back office derives the archive fields as Zaken does.
  app.cases->set_archive_sources(app.zgw->cases().archive_sources());
  auto list_cases = web::add_case_routes(router, *app.auth, *app.cases, *app.zgw);
  // Back office (issue 13): the staff actions' JSON routes; the desk is shared with /behandelen.
  auto staff_desk = web::add_staff_case_routes(router, *app.auth, *app.cases);
  // Decisions (issue 11): drafts, four-eyes approval, the resident's view.
  app.decisions = std::make_unique<cases::DecisionService>(db, *app.cases);
  web::add_decision_routes(router, *app.auth, *app.cases, *app.decisions);

  // The pages read the cases through the case store (the JSON door's list function), the
  // password reset forms through their routes.
  app.pages = std::make_unique<web::Pages>(
      *app.auth, std::make_unique<web::Templates>(settings.templates),
      web::PageSources{.list_cases = std::move(list_cases),
                       .list_my_cases = web::add_my_cases_routes(router, *app.auth),
                       .request_password_reset =
                           handler_of(router, http::Method::Post, "/auth/staff/password-reset"),
                       .confirm_password_reset = handler_of(router, http::Method::Post,
                                                            "/auth/staff/password-reset/confirm")},
      web::PageOptions{.site_name = settings.site_name,
                       .demo = settings.demo,
                       .digid = !settings.digid_issuer.empty()});
  app.pages->add_routes(router);
  // Case work (issue 13, bo-work): decisions drafted and reviewed on the case page, messages,
  // objections linked to their decision. Before the pages: /behandelen/zaken/{id}/{action}
  // would take these addresses.
  auto case_work = std::make_shared<cases::CaseWork>(db, *app.keys, *app.cases, *app.decisions);
  auto bo_work =
      web::add_backoffice_work(router, *app.pages, staff_desk, *app.decisions, case_work);
  web::add_objection_routes(router, *app.auth, *app.pages, *app.cases, *app.decisions, case_work);
  // Neighbourhood consultations. Where a resident lives comes from the person register (BRP);
  // no BRP connection exists yet, so only the demo persons (--demo) have an address.
  auto consultations = std::make_shared<cases::Consultations>(
      db, *app.keys,
      [demo = settings.demo](cases::PartyKind kind,
                             std::string_view number) -> std::optional<std::string> {
        if (!demo || kind != cases::PartyKind::Resident) return std::nullopt;
        if (number == "999993653") return "3511AB";
        if (number == "999990019") return "3584CS";
        if (number == "999991905") return "3527KP";
        return std::nullopt;
      });
  web::add_consultation_routes(router, *app.pages, staff_desk, consultations);
  // Documents a case worker adds to a case, visible to the applicant or not (issue 13).
  auto staff_docs =
      web::add_staff_document_routes(router, *app.pages, staff_desk, *app.documents,
                                     std::max(settings.max_body, settings.max_upload_body));
  web::add_backoffice_pages(
      router, *app.pages, staff_desk,
      {.staff_oidc = !settings.staff_oidc_issuer.empty(),
       .case_work = [bo_work, staff_docs](ctemplate::TemplateDictionary& c, const http::Request& r,
                                          const identity::Subject& s, const web::StaffCase& sc,
                                          web::Lang lang) {
         bo_work->fill_case(c, r, s, sc, lang);
         staff_docs->fill_case(c, r, s, sc, lang);
       }});
  // Applying (issue 12): the catalogue, the form's steps and the drafts, pages and JSON.
  app.applying = std::make_unique<web::Applying>(
      *app.auth,
      web::ApplyOptions{.draft_ttl_seconds = static_cast<std::int64_t>(settings.draft_ttl),
                        .reminder_seconds = static_cast<std::int64_t>(
                            std::min(settings.draft_reminder, settings.draft_ttl / 2)),
                        .public_url = settings.public_url});
  app.applying->set_documents(app.documents.get());
  web::add_product_routes(router, *app.auth, *app.applying);
  web::add_apply_pages(router, *app.auth, *app.pages, *app.applying,
                       {.submit_case = handler_of(router, http::Method::Post, "/api/v1/cases"),
                        .get_case = handler_of(router, http::Method::Get, "/api/v1/cases/{id}"),
                        .documents = app.documents.get(),
                        .upload_body = std::max(settings.max_body, settings.max_upload_body)});

  // Automatic decisions (issue 13): the rules run when a case is created (case.created, in the
  // consuming transaction); the register, the explanation and the review request.
  web::FollowPages::CaseExtra auto_case_extra;
  {
    auto decider = std::make_shared<cases::AutoDecider>(*app.cases, *app.decisions);
    auto door = std::make_shared<web::AutomationDoor>(*app.auth, *app.pages, *app.cases, *decider,
                                                      app.applying->products());
    door->add_routes(router);
    app.events->on("case.created", [decider, door](db::Connection& c, const notify::Event& e) {
      decider->handle(c, e);
    });
    // Contractors: companies, work orders, the contractor's pages.
    auto orders = std::make_shared<cases::WorkOrders>(*app.cases);
    auto work = std::make_shared<web::WorkOrderDoor>(*app.auth, *app.pages, *app.cases, *orders);
    work->add_routes(router);
    // Administrators: the organisation's staff and their roles.
    auto admin = std::make_shared<web::AdminDoor>(*app.auth, *app.pages);
    admin->add_routes(router);
    // ... and its products: a change is published as a new zaaktype version.
    auto product_admin = std::make_shared<web::ProductAdminDoor>(
        *app.auth, *app.pages, app.applying->products(),
        [api = app.zgw.get()](const catalog::Product& current, catalog::Product next,
                              const std::string& by) {
          return zgw::publish_product_version(*api, current, std::move(next), by);
        });
    product_admin->add_routes(router);
    // ... and its teams, which the work queue filters on.
    auto teams =
        std::make_shared<web::TeamAdminDoor>(*app.auth, *app.pages, app.applying->products());
    teams->add_routes(router);
    // The lambda keeps the doors alive: their routes hold `this`.
    auto_case_extra = [door, work, orders, admin, product_admin, teams](
                          ctemplate::TemplateDictionary& page, const std::string& id,
                          const std::string& csrf, web::Lang lang) {
      door->fill_case_page(page, id, csrf, lang);
      work->fill_case_page(page, id, lang);
    };
  }

  // Following a case (issue 12): the case page, messages, the inbox and its notifications.
  {
    web::add_message_routes(router, *app.auth, *app.cases);
    auto follow = std::make_shared<web::FollowPages>(*app.pages, *app.auth, *app.cases);
    follow->set_decisions(app.decisions.get());
    follow->set_documents(app.documents.get());
    follow->set_upload_body(std::max(settings.max_body, settings.max_upload_body));
    follow->add_routes(router);
    follow->set_case_extra(auto_case_extra);
    app.pages->set_unread_count([follow](const identity::Subject& s) { return follow->unread(s); });
    auto notifier_ptr = std::make_shared<cases::CaseNotifier>(*app.keys, settings.public_url);
    app.events->on("case.", [notifier_ptr](db::Connection& c, const notify::Event& e) {
      notifier_ptr->handle(c, e);
    });
  }

  app.pipeline = std::make_unique<http::Pipeline>(
      std::move(router), http::StaticFiles(std::move(web_root)),
      http::PipelineOptions{
          .api_version = LOKET_VERSION,
          .access_log = common::log::enabled(common::log::Level::Info),
          .form_action_extra = provider_origins(settings),
          .metrics_token = settings.metrics_token,
          .error_page = [pages = app.pages.get()](const http::Request& r, const http::Error& e) {
            return pages->error_page(r, e);
          }});
  {
    http::Router ops;
    ops.add(http::Method::Get, "/healthz", [](http::Request&) {
      return http::Response::json(200, {{"status", "ok"}});
    });
    ops.add(http::Method::Get, "/metrics", [main = app.pipeline.get()](http::Request&) {
      return http::Response::text(200, main->metrics().render(),
                                  std::string(http::kMetricsContentType));
    });
    // Scrapes are neither logged (one every few seconds is noise) nor counted as requests of
    // the main listener.
    app.metrics = std::make_unique<http::Pipeline>(
        std::move(ops), http::StaticFiles(""),
        http::PipelineOptions{
            .api_version = LOKET_VERSION, .access_log = false, .metrics_path = ""});
  }
  app.pipeline->metrics().add_collector([&db] {
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
  app.pipeline->metrics().add_collector([&db] {
    auto pending = db.read_value([](db::Connection& c) { return notify::pending_count(c); });
    return fmt::format(
        "# HELP loket_outbox_pending Outbox rows (mails) not yet delivered.\n"
        "# TYPE loket_outbox_pending gauge\nloket_outbox_pending {}\n",
        pending);
  });
  app.pipeline->metrics().add_collector([&db] {
    auto pending = db.read_value([](db::Connection& c) { return notify::pending_events(c); });
    return fmt::format(
        "# HELP loket_events_pending Domain events not yet handed to their consumers.\n"
        "# TYPE loket_events_pending gauge\nloket_events_pending {}\n",
        pending);
  });
  // Notificaties: every domain event becomes the standard's messages, one delivery per matching
  // abonnement, written in the transaction that consumes the event.
  app.events->on("", [api = app.zgw.get()](db::Connection& c, const notify::Event& e) {
    zgw::publish_event(*api, c, e);
  });
  app.pipeline->metrics().add_collector([&db] {
    auto n = db.read_value([](db::Connection& c) { return notify::webhook_counts(c); });
    return fmt::format(
        "# HELP loket_notifications_pending Webhook deliveries waiting for (another) attempt.\n"
        "# TYPE loket_notifications_pending gauge\nloket_notifications_pending {}\n"
        "# HELP loket_notifications_parked Webhook deliveries given up after a day of retries "
        "(loket notifications retry-parked).\n"
        "# TYPE loket_notifications_parked gauge\nloket_notifications_parked {}\n"
        "# HELP loket_notifications_delivered_total Webhook deliveries answered 2xx by this "
        "process.\n"
        "# TYPE loket_notifications_delivered_total counter\n"
        "loket_notifications_delivered_total {}\n",
        n.pending, n.parked, n.delivered);
  });
  return app;
}

}  // namespace loket::app
