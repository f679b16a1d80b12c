// The loket command: serve, migrate, seed, backup, version.
#include <fmt/format.h>
#include <sodium.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/config.hpp"
#include "app/documents.hpp"
#include "app/wiring.hpp"
#include "cases/case_store.hpp"
#include "app/demo_cases.hpp"
#include "catalog/demo_seed.hpp"
#include "catalog/product_store.hpp"
#include "common/log.hpp"
#include "db/database.hpp"
#include "db/migrate.hpp"
#include "http/server.hpp"
#include "identity/key_rotation.hpp"
#include "identity/staff.hpp"
#include "notify/webhook.hpp"
#include "notify/worker.hpp"
#include "standards/zgw/catalogue.hpp"
#include "standards/zgw/clients.hpp"
#include "standards/zgw/dataset.hpp"
#include "standards/zgw/token.hpp"
#include "standards/zgw/zgw.hpp"

namespace {

using loket::app::Settings;
namespace log = loket::common::log;

// The config file named by --config or LOKET_CONFIG, looked up before parsing so that its
// values can become defaults that the environment and the flags override.
std::string config_path(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--config" && i + 1 < argc) return argv[i + 1];
    if (a.starts_with("--config=")) return std::string(a.substr(9));
  }
  const char* env = std::getenv("LOKET_CONFIG");
  return env ? env : "";
}

// `loket seed`: the portal's products, published as ZGW zaaktypen (idempotent).
void seed_products(loket::db::Database& db, const Settings& s) {
  // The catalogue holds no sealed field: a key ring of the moment will do (and no key file is
  // created by a seed).
  auto keys = loket::privacy::KeyRing::generate();
  loket::http::Router router;
  auto api = loket::zgw::add_routes(router, db, keys, {.base_url = s.public_url});
  auto r = loket::zgw::publish_products(*api, loket::catalog::demo_products());
  log::notice("catalogue seeded", {{"zaaktypen", r.zaaktypen}, {"products", r.products}});
}

// `loket seed --dataset large`: progress on stderr, a summary with sample residents and cases
// (for the benchmarks) on stdout.
int seed_large(loket::db::Database& db, const Settings& s,
               const loket::zgw::DatasetOptions& options) {
  auto keys = loket::app::load_or_create_keys(s.key_file);
  loket::http::Router router;
  auto api = loket::zgw::add_routes(router, db, keys, {.base_url = s.public_url});
  auto started = std::chrono::steady_clock::now();
  auto result = loket::zgw::seed_dataset(*api, options, [&](std::int64_t done) {
    if (done % 50'000 == 0 || done == options.cases) {
      auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cerr << fmt::format(
          "seed: {} of {} cases ({:.0f}%), {:.0f} s\n", done, options.cases,
          100.0 * static_cast<double>(done) / static_cast<double>(options.cases), secs);
    }
  });
  if (result.already_there) {
    log::notice("the large dataset with this seed is already there; nothing done",
                {{"seed", options.seed}});
  }
  boost::json::array bsns, zaken, zaaktypen, organisations;
  boost::json::object demo_cases;
  for (const auto& z : result.zaaktypen_urls) zaaktypen.emplace_back(z);
  for (const auto& o : result.organisations) {
    boost::json::array types;
    for (const auto& t : o.zaaktypen_urls) types.emplace_back(t);
    organisations.push_back(boost::json::object{{"id", o.id},
                                                {"name", o.name},
                                                {"rsin", o.rsin},
                                                {"zaken", o.cases},
                                                {"zaaktypeUrls", std::move(types)}});
  }
  for (const auto& [who, n] : result.demo_cases) demo_cases[who] = n;
  for (const auto& b : result.sample_bsns) bsns.emplace_back(b);
  for (const auto& z : result.sample_zaken) zaken.emplace_back(z);
  std::cout
      << boost::json::serialize(boost::json::object{
             {"zaaktypen", result.zaaktypen},
             {"zaken", result.zaken},
             {"residents", result.residents},
             {"businesses", result.businesses},
             {"seconds",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()},
             {"sampleBsns", std::move(bsns)},
             {"zaaktypeUrls", std::move(zaaktypen)},
             {"bronorganisatie", result.rsin},
             {"sampleZaken", std::move(zaken)},
             {"organisations", std::move(organisations)},
             {"demoCases", std::move(demo_cases)}})
      << "\n";
  return 0;
}

// Applies `key = value` lines of a TOML config file as defaults of the matching options.
// Every command and subcommand below `app`, `app` included.
void all_commands(CLI::App* app, std::vector<CLI::App*>& out) {
  out.push_back(app);
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) all_commands(sub, out);
}

// Applies `key = value` lines of a TOML config file as defaults of the options with that name,
// in whichever command has them (a [serve] section limits a key to that command).
void apply_config_file(CLI::App& app, const std::string& path) {
  if (path.empty()) return;
  if (!std::filesystem::exists(path)) {
    throw CLI::ValidationError("--config", "file not found: " + path);
  }
  std::vector<CLI::App*> commands;
  all_commands(&app, commands);
  for (const auto& item : CLI::ConfigTOML().from_file(path)) {
    if (item.name == "++" || item.name == "--") continue;  // section markers
    if (item.inputs.size() != 1) {
      throw CLI::ValidationError("--" + item.name, fmt::format("needs one value in {}", path));
    }
    bool known = false;
    for (CLI::App* command : commands) {
      if (!item.parents.empty() && command->get_name() != item.parents.front()) continue;
      if (auto* opt = command->get_option_no_throw("--" + item.name)) {
        opt->default_val(item.inputs.front());
        known = true;
      }
    }
    if (!known) {
      throw CLI::ValidationError("--config",
                                 fmt::format("unknown setting \"{}\" in {}", item.name, path));
    }
  }
}

void add_database_option(CLI::App* cmd, std::string& url) {
  cmd->add_option("--database", url, "sqlite:PATH or postgresql://USER@HOST:PORT/NAME")
      ->envname("LOKET_DATABASE")
      ->capture_default_str();
}

std::unique_ptr<loket::db::Database> open_database(const Settings& s) {
  loket::db::Options o;
  o.pool_size = s.db_pool;
  o.sqlite_mmap_bytes = static_cast<std::int64_t>(s.sqlite_mmap_mib) * 1024 * 1024;
  o.sqlite_group_commit = s.sqlite_group_commit;
  return loket::db::open(s.database, o);
}

int serve(const Settings& s) {
  log::set_level(s.log_level);
  auto listen = *loket::app::parse_listen(s.listen);
  auto db = open_database(s);
  int applied = loket::db::migrate(*db);
  log::info("database ready",
            {{"database", loket::db::redact_url(s.database)}, {"migrations_applied", applied}});
  std::string web_root = s.web_root;
  if (!web_root.empty() && !std::filesystem::is_directory(web_root)) {
    log::warn("web root not found; serving the API only", {{"web_root", web_root}});
    web_root.clear();
  }
  auto app =
      loket::app::build_application(*db, s, web_root, loket::app::load_or_create_keys(s.key_file));

  loket::http::ServerOptions o;
  o.host = listen.host;
  o.port = listen.port;
  o.io_threads = s.threads;
  o.workers = s.workers;
  o.header_limit = s.max_header;
  o.body_limit = s.max_body;
  o.max_connections = s.max_connections;
  o.max_connections_per_address = s.max_connections_per_address;
  o.body_budget = s.body_budget;
  o.spool_dir = loket::app::effective_blob_dir(s);
  o.spool_above = s.spool_above;
  o.head_timeout = std::chrono::milliseconds(s.head_timeout);
  o.request_timeout = std::chrono::milliseconds(s.request_timeout);
  o.min_body_rate = s.min_body_rate;
  o.idle_timeout = std::chrono::milliseconds(s.idle_timeout);
  o.write_timeout = std::chrono::milliseconds(s.write_timeout);
  o.shutdown_timeout = std::chrono::milliseconds(s.shutdown_timeout);
  loket::http::Server server(o, *app.pipeline);
  std::optional<std::size_t> metrics_listener;
  auto metrics_at = loket::app::parse_listen(s.metrics_listen);
  if (metrics_at) {
    metrics_listener = server.add_listener(metrics_at->host, metrics_at->port, *app.metrics);
  }
  server.listen();
  loket::notify::OutboxWorker outbox(*db, {.smtp = {.url = s.smtp_url, .from = s.mail_from}});
  outbox.start();
  app.events->start();
  std::optional<loket::notify::WebhookWorker> webhooks;
  if (!s.no_worker) {
    webhooks.emplace(*db, *app.keys, loket::app::webhook_options(s));
    webhooks->start();
  }
  // Drafts: reminder mails before they expire, expired ones deleted.
  loket::web::DraftKeeper drafts(*app.applying);
  drafts.start();
  // With --clamd, a thread has waiting uploads scanned.
  loket::app::DocumentsBackground documents(*db, s);
  if (metrics_listener) {
    log::notice("metrics listening",
                {{"address", metrics_at->host}, {"port", server.port(*metrics_listener)}});
  }
  log::notice("listening", {{"address", listen.host}, {"port", server.port()}});
  server.run();
  documents.stop();
  if (webhooks) webhooks->stop();
  app.events->stop();
  drafts.stop();
  outbox.stop();
  return 0;
}

// `loket worker`: the event dispatcher and the webhook deliveries without serving HTTP, until
// SIGINT or SIGTERM. Any number run beside the serve processes on one PostgreSQL database.
int worker(const Settings& s) {
  log::set_level(s.log_level);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  // Blocked before any thread starts, so every thread inherits the mask and sigwait gets them.
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  auto db = open_database(s);
  loket::db::migrate(*db);
  auto app = loket::app::build_application(*db, s, "", loket::app::load_or_create_keys(s.key_file));
  loket::notify::WebhookWorker webhooks(*db, *app.keys, loket::app::webhook_options(s));
  app.events->start();
  webhooks.start();
  log::notice("worker running: domain events and webhook deliveries",
              {{"database", loket::db::redact_url(s.database)}});
  int signal = 0;
  sigwait(&stop_signals, &signal);
  webhooks.stop();
  app.events->stop();
  return 0;
}

// The --notify-* options of serve and worker.
void add_notify_options(CLI::App* cmd, Settings& s) {
  cmd->add_flag("--notify-allow-private", s.notify_allow_private,
                "Notificaties: allow callbacks to loopback, private and link-local addresses "
                "(development and tests only)")
      ->envname("LOKET_NOTIFY_ALLOW_PRIVATE");
  cmd->add_option("--notify-allow-hosts", s.notify_allow_hosts,
                  "Notificaties: hosts (host[:port], comma-separated) allowed as callbacks "
                  "whatever their address")
      ->envname("LOKET_NOTIFY_ALLOW_HOSTS");
  cmd->add_option("--notify-backoff-scale", s.notify_backoff_scale,
                  "TEST OPTION: multiplies the retry backoff and the day before parking (1e-3: "
                  "a day of retries in 86 seconds)")
      ->envname("LOKET_NOTIFY_BACKOFF_SCALE")
      ->check(CLI::Range(1e-6, 1.0))
      ->capture_default_str();
  cmd->add_option("--notify-timeout", s.notify_timeout, "Notificaties: ms for a whole delivery")
      ->envname("LOKET_NOTIFY_TIMEOUT")
      ->check(CLI::Range(100, 600000))
      ->capture_default_str();
  cmd->add_option("--notify-connect-timeout", s.notify_connect_timeout,
                  "Notificaties: ms to connect to a subscriber")
      ->envname("LOKET_NOTIFY_CONNECT_TIMEOUT")
      ->check(CLI::Range(100, 600000))
      ->capture_default_str();
  cmd->add_option("--notify-threads", s.notify_threads, "Notificaties: delivering threads")
      ->envname("LOKET_NOTIFY_THREADS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--notify-concurrency", s.notify_concurrency,
                  "Notificaties: deliveries in flight at once per process (shared out over the "
                  "threads; at most 8 connections per subscriber per thread)")
      ->envname("LOKET_NOTIFY_CONCURRENCY")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "loket: libsodium failed to initialise\n";
    return 1;
  }
  Settings s;
  std::string backup_output;

  CLI::App app{
      "Loket: one self-service counter for every government.\n"
      "Settings come from flags, then LOKET_* environment variables, then the file named "
      "by --config (TOML: key = value)."};
  app.require_subcommand(0, 1);
  app.fallthrough();
  app.add_option("--config", "Config file (TOML key = value lines)")->envname("LOKET_CONFIG");

  auto* serve_cmd =
      app.add_subcommand("serve", "Serve the web portal and the APIs (migrates first)");
  serve_cmd
      ->add_option("--listen", s.listen, "Address to listen on, HOST:PORT (port 0: any free port)")
      ->envname("LOKET_LISTEN")
      ->capture_default_str();
  add_database_option(serve_cmd, s.database);
  serve_cmd->add_option("--web-root", s.web_root, "Folder with the web front end's files")
      ->envname("LOKET_WEB_ROOT")
      ->capture_default_str();
  serve_cmd
      ->add_option("--templates", s.templates,
                   "Folder with the page templates (web/templates), re-read when a file changes; "
                   "empty: the templates built into the binary")
      ->envname("LOKET_TEMPLATES")
      ->capture_default_str();
  serve_cmd->add_option("--site-name", s.site_name, "The organisation's name in the pages' header")
      ->envname("LOKET_SITE_NAME")
      ->capture_default_str();
  serve_cmd
      ->add_option("--log-level", s.log_level, "debug, info, warn or error (warn: no access log)")
      ->envname("LOKET_LOG_LEVEL")
      ->capture_default_str();
  serve_cmd->add_option("--threads", s.threads, "Network threads (0: one per core)")
      ->envname("LOKET_THREADS")
      ->capture_default_str();
  serve_cmd
      ->add_option("--workers", s.workers,
                   "Threads that run request handlers (0: on the network threads)")
      ->envname("LOKET_WORKERS")
      ->capture_default_str();
  serve_cmd->add_option("--db-pool", s.db_pool, "PostgreSQL connections")
      ->envname("LOKET_DB_POOL")
      ->capture_default_str();
  serve_cmd
      ->add_option("--sqlite-mmap-mib", s.sqlite_mmap_mib,
                   "SQLite: MiB of the file read through a memory map (0: a read call per page)")
      ->envname("LOKET_SQLITE_MMAP_MIB")
      ->capture_default_str();
  serve_cmd
      ->add_option("--idempotency-retention", s.idempotency_retention,
                   "Seconds an Idempotency-Key of a submitted case is kept (then purged)")
      ->envname("LOKET_IDEMPOTENCY_RETENTION")
      ->capture_default_str();
  serve_cmd
      ->add_option("--sqlite-group-commit", s.sqlite_group_commit,
                   "SQLite: most waiting writes committed together with one fsync (1: each alone)")
      ->envname("LOKET_SQLITE_GROUP_COMMIT")
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-header", s.max_header, "Largest request header block, bytes (431 above)")
      ->envname("LOKET_MAX_HEADER")
      ->capture_default_str();
  serve_cmd->add_option("--max-body", s.max_body, "Largest request body, bytes (413 above)")
      ->envname("LOKET_MAX_BODY")
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-upload-body", s.max_upload_body,
                   "Largest body of a form that uploads files (the application's documents "
                   "step, the back office's documents), bytes (413 above)")
      ->envname("LOKET_MAX_UPLOAD_BODY")
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-connections", s.max_connections, "Open connections at most (503 above)")
      ->envname("LOKET_MAX_CONNECTIONS")
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-connections-per-address", s.max_connections_per_address,
                   "Open connections from one client address (IPv6: one /64) at most (503 above; "
                   "behind a reverse proxy all come from the proxy)")
      ->envname("LOKET_MAX_CONNECTIONS_PER_ADDRESS")
      ->capture_default_str();
  serve_cmd
      ->add_option("--body-budget", s.body_budget,
                   "Request bodies held in memory at once, all connections together, bytes "
                   "(503 above)")
      ->envname("LOKET_BODY_BUDGET")
      ->capture_default_str();
  serve_cmd
      ->add_option("--spool-above", s.spool_above,
                   "A request body larger than this is written to a nameless file in the blob "
                   "folder as it arrives instead of held in memory, bytes")
      ->envname("LOKET_SPOOL_ABOVE")
      ->capture_default_str();
  serve_cmd
      ->add_option("--head-timeout", s.head_timeout,
                   "Time for a new connection to send a whole request head, ms (closed after)")
      ->envname("LOKET_HEAD_TIMEOUT")
      ->capture_default_str();
  serve_cmd
      ->add_option("--request-timeout", s.request_timeout,
                   "Time to receive a whole request, ms (408)")
      ->envname("LOKET_REQUEST_TIMEOUT")
      ->capture_default_str();
  serve_cmd
      ->add_option("--min-body-rate", s.min_body_rate,
                   "A request body that keeps coming may take longer than --request-timeout, and "
                   "an answer the client keeps reading longer than --write-timeout: each this "
                   "many bytes add a second, bytes/s")
      ->envname("LOKET_MIN_BODY_RATE")
      ->capture_default_str();
  serve_cmd->add_option("--idle-timeout", s.idle_timeout, "Idle keep-alive connection lifetime, ms")
      ->envname("LOKET_IDLE_TIMEOUT")
      ->capture_default_str();
  serve_cmd->add_option("--write-timeout", s.write_timeout, "Time to send a response, ms")
      ->envname("LOKET_WRITE_TIMEOUT")
      ->capture_default_str();
  serve_cmd
      ->add_option("--shutdown-timeout", s.shutdown_timeout,
                   "On SIGTERM/SIGINT, time for in-flight requests to finish, ms")
      ->envname("LOKET_SHUTDOWN_TIMEOUT")
      ->capture_default_str();

  serve_cmd
      ->add_option("--public-url", s.public_url, "How browsers reach this server (no trailing /)")
      ->envname("LOKET_PUBLIC_URL")
      ->capture_default_str();
  serve_cmd
      ->add_option("--key-file", s.key_file,
                   "Field-encryption key file (ID:BASE64 lines; made when missing)")
      ->envname("LOKET_KEY_FILE")
      ->capture_default_str();
  serve_cmd->add_option("--draft-ttl", s.draft_ttl,
                        "Seconds an application draft is kept (default 30 days)");
  serve_cmd->add_option("--draft-reminder", s.draft_reminder,
                        "Seconds before a draft expires that its reminder mail goes (default 7 "
                        "days; at most half the --draft-ttl)");
  serve_cmd->add_option("--session-idle", s.session_idle, "Session idle timeout, seconds")
      ->envname("LOKET_SESSION_IDLE")
      ->capture_default_str();
  serve_cmd->add_option("--session-absolute", s.session_absolute, "Session lifetime, seconds")
      ->envname("LOKET_SESSION_ABSOLUTE")
      ->capture_default_str();
  serve_cmd->add_option("--digid-issuer", s.digid_issuer, "OpenID issuer of the DigiD broker")
      ->envname("LOKET_DIGID_ISSUER");
  serve_cmd->add_option("--digid-client-id", s.digid_client_id, "Client id at the DigiD broker")
      ->envname("LOKET_DIGID_CLIENT_ID")
      ->capture_default_str();
  serve_cmd
      ->add_option("--digid-client-secret", s.digid_client_secret,
                   "Client secret at the DigiD broker")
      ->envname("LOKET_DIGID_CLIENT_SECRET");
  serve_cmd
      ->add_option("--eherkenning-issuer", s.eherkenning_issuer,
                   "OpenID issuer of the eHerkenning broker")
      ->envname("LOKET_EHERKENNING_ISSUER");
  serve_cmd
      ->add_option("--eherkenning-client-id", s.eherkenning_client_id,
                   "Client id at the eHerkenning broker")
      ->envname("LOKET_EHERKENNING_CLIENT_ID")
      ->capture_default_str();
  serve_cmd
      ->add_option("--eherkenning-client-secret", s.eherkenning_client_secret,
                   "Client secret at the eHerkenning broker")
      ->envname("LOKET_EHERKENNING_CLIENT_SECRET");
  serve_cmd
      ->add_option("--staff-oidc-issuer", s.staff_oidc_issuer,
                   "OpenID issuer of the organisation's identity provider, for staff logins")
      ->envname("LOKET_STAFF_OIDC_ISSUER");
  serve_cmd
      ->add_option("--staff-oidc-client-id", s.staff_oidc_client_id,
                   "Client id at the staff identity provider")
      ->envname("LOKET_STAFF_OIDC_CLIENT_ID")
      ->capture_default_str();
  serve_cmd
      ->add_option("--staff-oidc-client-secret", s.staff_oidc_client_secret,
                   "Client secret at the staff identity provider")
      ->envname("LOKET_STAFF_OIDC_CLIENT_SECRET");
  serve_cmd
      ->add_option("--staff-oidc-email-claim", s.staff_oidc_email_claim,
                   "ID token claim with the staff member's e-mail address (their account)")
      ->envname("LOKET_STAFF_OIDC_EMAIL_CLAIM")
      ->capture_default_str();
  serve_cmd
      ->add_option("--smtp-url", s.smtp_url,
                   "Mail server, smtp://HOST:PORT or smtps://HOST:PORT (none: mail stays queued)")
      ->envname("LOKET_SMTP_URL");
  serve_cmd->add_option("--mail-from", s.mail_from, "Sender of outgoing mail")
      ->envname("LOKET_MAIL_FROM")
      ->capture_default_str();
  serve_cmd
      ->add_option("--metrics-listen", s.metrics_listen,
                   "HOST:PORT of a second listener for operators: /metrics and /healthz only")
      ->envname("LOKET_METRICS_LISTEN");
  serve_cmd
      ->add_option("--metrics-token", s.metrics_token,
                   "Bearer token that opens /metrics on --listen (without it: 404 there)")
      ->envname("LOKET_METRICS_TOKEN");
  serve_cmd
      ->add_option("--zgw-allowed-hosts", s.zgw_allowed_hosts,
                   "Hosts (host[:port], comma-separated) whose ZGW URLs may be fetched")
      ->envname("LOKET_ZGW_ALLOWED_HOSTS");
  serve_cmd
      ->add_option("--zgw-token-max-age", s.zgw_token_max_age,
                   "Seconds a ZGW client's JWT is accepted after its iat")
      ->envname("LOKET_ZGW_TOKEN_MAX_AGE")
      ->capture_default_str();
  serve_cmd
      ->add_option("--zgw-clock-skew", s.zgw_clock_skew,
                   "Seconds a ZGW client's clock may run ahead of or behind ours (iat, exp, "
                   "nbf), 0 to 3600")
      ->envname("LOKET_ZGW_CLOCK_SKEW")
      ->capture_default_str();
  serve_cmd
      ->add_option("--blob-dir", s.blob_dir,
                   "Folder of the documents' files (default: blobs/ beside the SQLite file, "
                   "else var/blobs)")
      ->envname("LOKET_BLOB_DIR");
  serve_cmd
      ->add_option("--clamd", s.clamd,
                   "clamd address for virus scanning: unix:/PATH, /PATH or tcp:HOST:PORT (none: "
                   "documents are stored as not scanned)")
      ->envname("LOKET_CLAMD");
  serve_cmd
      ->add_option("--max-document-size", s.max_document_size,
                   "Largest document file, bytes (413 above)")
      ->envname("LOKET_MAX_DOCUMENT_SIZE")
      ->capture_default_str();
  serve_cmd
      ->add_option("--max-case-documents-size", s.max_case_documents_size,
                   "All documents of one case together, bytes (413 above)")
      ->envname("LOKET_MAX_CASE_DOCUMENTS_SIZE")
      ->capture_default_str();
  serve_cmd
      ->add_option("--document-part-size", s.document_part_size,
                   "Documenten API bestandsdelen: bytes per part of a file uploaded in parts "
                   "(at most half of --max-body is used)")
      ->envname("LOKET_DOCUMENT_PART_SIZE")
      ->capture_default_str();
  serve_cmd
      ->add_flag("--demo", s.demo,
                 "Demo login: pick a test resident or business (not in production)")
      ->envname("LOKET_DEMO");
  serve_cmd->add_option("--mode", s.mode, "development or production (production refuses --demo)")
      ->envname("LOKET_MODE")
      ->capture_default_str();

  add_notify_options(serve_cmd, s);
  serve_cmd
      ->add_flag("--no-worker", s.no_worker,
                 "Do not deliver webhooks in this process (a `loket worker` does)")
      ->envname("LOKET_NO_WORKER");

  // Unsigned settings would silently wrap "-5" around; refuse negative input as typed.
  for (const char* name : {"--threads",
                           "--workers",
                           "--db-pool",
                           "--sqlite-mmap-mib",
                           "--sqlite-group-commit",
                           "--max-header",
                           "--max-body",
                           "--max-upload-body",
                           "--max-connections",
                           "--max-connections-per-address",
                           "--body-budget",
                           "--spool-above",
                           "--head-timeout",
                           "--request-timeout",
                           "--min-body-rate",
                           "--idle-timeout",
                           "--write-timeout",
                           "--shutdown-timeout",
                           "--session-idle",
                           "--session-absolute",
                           "--zgw-token-max-age",
                           "--zgw-clock-skew",
                           "--max-document-size",
                           "--max-case-documents-size",
                           "--document-part-size",
                           "--idempotency-retention",
                           "--draft-ttl",
                           "--draft-reminder"}) {
    serve_cmd->get_option(name)->check(CLI::Validator(
        [](std::string& v) -> std::string {
          if (v.find_first_not_of("0123456789") == std::string::npos && !v.empty()) return {};
          return "expected a whole number of 0 or more, got \"" + v + "\"";
        },
        "WHOLE NUMBER"));
  }

  auto* migrate_cmd =
      app.add_subcommand("migrate", "Apply database migrations (a no-op when current)");
  add_database_option(migrate_cmd, s.database);
  auto* seed_cmd = app.add_subcommand(
      "seed", "Load the demo catalogue (idempotent); --dataset large: the benchmark registry");
  add_database_option(seed_cmd, s.database);
  std::string dataset = "demo";
  bool demo_cases = false;
  loket::zgw::DatasetOptions dataset_options;
  seed_cmd->add_flag("--demo-cases", demo_cases,
                     "demo: cases at several statuses for the demo logins (needs --key-file as "
                     "serve uses it)");
  seed_cmd->add_option("--dataset", dataset, "demo, or large: generated ZGW cases for benchmarks")
      ->check(CLI::IsMember({"demo", "large"}))
      ->capture_default_str();
  seed_cmd
      ->add_option("--seed", dataset_options.seed, "large: the random seed (same seed, same data)")
      ->capture_default_str();
  seed_cmd->add_option("--cases", dataset_options.cases, "large: number of cases")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100'000'000}))
      ->capture_default_str();
  seed_cmd->add_option("--case-types", dataset_options.case_types, "large: number of case types")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();
  seed_cmd->add_option("--key-file", s.key_file, "Field-encryption key file (as for serve)")
      ->envname("LOKET_KEY_FILE")
      ->capture_default_str();
  auto* backup_cmd =
      app.add_subcommand("backup", "Write a consistent copy of the database to a file");
  add_database_option(backup_cmd, s.database);
  backup_cmd->add_option("--output", backup_output, "File to write")->required();
  auto* staff_cmd = app.add_subcommand("staff", "Manage staff accounts");
  auto* staff_add = staff_cmd->add_subcommand(
      "add", "Create a staff account; prints its password (when generated) and TOTP secret once");
  staff_cmd->require_subcommand(1);
  loket::identity::NewStaff new_staff;
  add_database_option(staff_add, s.database);
  staff_add->add_option("--key-file", s.key_file, "Field-encryption key file (as for serve)")
      ->envname("LOKET_KEY_FILE")
      ->capture_default_str();
  staff_add->add_option("--email", new_staff.email, "E-mail address (the login name)")->required();
  staff_add->add_option("--name", new_staff.display_name, "Name shown to colleagues")->required();
  staff_add->add_option("--organisation", new_staff.organisation_id, "Organisation id (UUID)")
      ->required();
  staff_add
      ->add_option("--role", new_staff.role,
                   "case-worker, approver, contractor, administrator or privacy-officer")
      ->required();
  staff_add
      ->add_option("--password", new_staff.password,
                   "Initial password (12+ characters; default: generated). Prefer the environment.")
      ->envname("LOKET_STAFF_PASSWORD");
  auto* keys_cmd =
      app.add_subcommand("keys", "Field-encryption keys: add a new one, re-encrypt with it");
  keys_cmd->require_subcommand(1);
  auto* keys_add = keys_cmd->add_subcommand(
      "add", "Add a new key that encrypts from now on; old keys stay to decrypt");
  auto* keys_rotate = keys_cmd->add_subcommand(
      "rotate", "Re-encrypt sessions, mandates and staff secrets with the newest key");
  for (auto* cmd : {keys_add, keys_rotate}) {
    cmd->add_option("--key-file", s.key_file, "Field-encryption key file")
        ->envname("LOKET_KEY_FILE")
        ->capture_default_str();
  }
  add_database_option(keys_rotate, s.database);
  auto* clients_cmd = app.add_subcommand("clients", "ZGW API clients (applications)");
  clients_cmd->require_subcommand(1);
  auto* clients_add = clients_cmd->add_subcommand(
      "add", "Create a ZGW client with its shared secret: all rights, or one component's scopes");
  loket::zgw::NewClient new_client;
  std::string client_component, client_scopes, client_max_level;
  std::vector<std::string> client_types;
  add_database_option(clients_add, s.database);
  clients_add->add_option("--key-file", s.key_file, "Field-encryption key file (as for serve)")
      ->envname("LOKET_KEY_FILE")
      ->capture_default_str();
  clients_add->add_option("--id", new_client.client_id, "client_id in the client's JWTs")
      ->required();
  clients_add
      ->add_option("--secret", new_client.secret,
                   "Shared secret (16+ characters) the client signs with. Prefer the environment.")
      ->envname("LOKET_CLIENT_SECRET")
      ->required();
  clients_add->add_option("--label", new_client.label, "Name of the application");
  clients_add->add_flag("--all-rights", new_client.all_rights, "Every right in every component");
  clients_add->add_option("--component", client_component, "zrc, ztc or ac (with --scopes)");
  clients_add->add_option("--scopes", client_scopes, "Comma-separated scopes, e.g. zaken.lezen");
  clients_add->add_option(
      "--zaaktype,--type", client_types,
      "Type URL the rights are limited to: zaaktype (zrc), informatieobjecttype "
      "(drc) or besluittype (brc); required for those components; repeatable");
  clients_add->add_option("--max-vertrouwelijkheid", client_max_level,
                          "Highest confidentiality the client may see (zrc, drc; required there), "
                          "e.g. openbaar");
  auto* clients_token = clients_cmd->add_subcommand(
      "token", "Print a JWT for a client, to try the ZGW APIs with curl");
  clients_token->add_option("--id", new_client.client_id, "client_id")->required();
  clients_token->add_option("--secret", new_client.secret, "Shared secret")
      ->envname("LOKET_CLIENT_SECRET")
      ->required();
  auto* clients_secret = clients_cmd->add_subcommand(
      "secret", "Set or replace the shared secret of an existing client_id");
  add_database_option(clients_secret, s.database);
  clients_secret->add_option("--key-file", s.key_file, "Field-encryption key file (as for serve)")
      ->envname("LOKET_KEY_FILE")
      ->capture_default_str();
  clients_secret->add_option("--id", new_client.client_id, "client_id of an application")
      ->required();
  clients_secret
      ->add_option("--secret", new_client.secret,
                   "New shared secret (16+ characters). Prefer the environment.")
      ->envname("LOKET_CLIENT_SECRET")
      ->required();
  auto* routes_cmd = app.add_subcommand(
      "routes",
      "List every HTTP route (method and path) as JSON lines; with --demo, also the demo ones");
  routes_cmd->add_flag("--demo", s.demo, "Include the demo login routes");
  auto blobs_cmd = loket::app::add_blobs_command(app, s);
  auto* worker_cmd = app.add_subcommand(
      "worker", "Deliver domain events and Notificaties webhooks without serving HTTP");
  add_database_option(worker_cmd, s.database);
  worker_cmd->add_option("--key-file", s.key_file, "Field-encryption key file (as for serve)")
      ->envname("LOKET_KEY_FILE")
      ->capture_default_str();
  worker_cmd->add_option("--public-url", s.public_url, "The public URL (as for serve)")
      ->envname("LOKET_PUBLIC_URL")
      ->capture_default_str();
  worker_cmd->add_option("--log-level", s.log_level, "debug, info, warn or error")
      ->envname("LOKET_LOG_LEVEL")
      ->capture_default_str();
  add_notify_options(worker_cmd, s);
  auto* notifications_cmd = app.add_subcommand("notifications", "Notificaties webhook deliveries");
  notifications_cmd->require_subcommand(1);
  auto* retry_parked_cmd = notifications_cmd->add_subcommand(
      "retry-parked", "Send parked deliveries (given up after a day) again, from now on");
  add_database_option(retry_parked_cmd, s.database);
  auto* version_cmd = app.add_subcommand("version", "Print the version");

  try {
    apply_config_file(app, config_path(argc, argv));
    app.parse(argc, argv);
    if (app.get_subcommands().empty()) {
      std::cout << app.help();
      return 0;
    }
    if (auto problem = loket::app::validate(s)) throw CLI::ValidationError(*problem);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "loket: " << e.what() << "\n";
    return 2;
  }

  try {
    if (keys_add->parsed()) {
      auto ring = loket::app::load_or_create_keys(s.key_file);
      auto id = ring.add_key();
      loket::app::write_keys(s.key_file, ring);
      log::notice("key added", {{"key_file", s.key_file}, {"current", id}});
      return 0;
    }
    if (keys_rotate->parsed()) {
      auto db = open_database(s);
      loket::db::migrate(*db);
      auto ring = loket::app::load_or_create_keys(s.key_file);
      std::int64_t case_roles = 0;
      auto done = db->write_value([&](loket::db::Connection& c) {
        case_roles = loket::cases::CaseStore(ring).reseal_parties(c);
        return loket::identity::reencrypt_identity_data(c, ring);
      });
      log::notice("re-encrypted", {{"current", ring.current_id()},
                                   {"sessions", done.sessions},
                                   {"mandates", done.mandates},
                                   {"staff", done.staff},
                                   {"case_roles", case_roles},
                                   {"zgw_clients", done.zgw_clients}});
      return 0;
    }
    if (clients_token->parsed()) {
      std::cout << loket::zgw::sign_token({.iss = new_client.client_id,
                                           .iat = static_cast<std::int64_t>(std::time(nullptr)),
                                           .client_id = new_client.client_id},
                                          new_client.secret)
                << "\n";
      return 0;
    }
    if (clients_secret->parsed()) {
      if (new_client.secret.size() < 16) {
        std::cerr << "loket: --secret: at least 16 characters\n";
        return 2;
      }
      auto db = open_database(s);
      loket::db::migrate(*db);
      auto keys = loket::app::load_or_create_keys(s.key_file);
      loket::zgw::set_secret(*db, keys, new_client.client_id, new_client.secret);
      std::cout << boost::json::serialize(boost::json::object{{"clientId", new_client.client_id}})
                << "\n";
      return 0;
    }
    if (clients_add->parsed()) {
      if (!client_component.empty()) {
        boost::json::array scopes;
        std::string_view rest = client_scopes;
        while (!rest.empty()) {
          auto comma = rest.find(',');
          if (auto scope = rest.substr(0, comma); !scope.empty()) scopes.emplace_back(scope);
          if (comma == std::string_view::npos) break;
          rest.remove_prefix(comma + 1);
        }
        auto make = [&](const std::string& type) {
          boost::json::object a{{"component", client_component}, {"scopes", scopes}};
          // The Autorisaties API's field for this component's type; "zaaktype" for a component
          // without types, which validate() then refuses.
          auto field = loket::zgw::type_field(client_component);
          if (!type.empty()) a[field.empty() ? "zaaktype" : field] = type;
          if (!client_max_level.empty()) a["maxVertrouwelijkheidaanduiding"] = client_max_level;
          return a;
        };
        if (client_types.empty()) client_types.emplace_back();
        for (const auto& t : client_types) new_client.autorisaties.push_back(make(t));
      }
      if (auto problem = loket::zgw::validate(new_client)) {
        std::cerr << "loket: " << *problem << "\n";
        return 2;
      }
      auto db = open_database(s);
      loket::db::migrate(*db);
      auto keys = loket::app::load_or_create_keys(s.key_file);
      auto uuid = loket::zgw::add_client(*db, keys, new_client);
      std::cout << boost::json::serialize(boost::json::object{{"applicatie", uuid},
                                                              {"clientId", new_client.client_id}})
                << "\n";
      return 0;
    }
    if (routes_cmd->parsed()) {
      // The route table does not touch the database; an in-memory one satisfies the wiring.
      auto db = loket::db::open("sqlite::memory:");
      s.digid_issuer = s.eherkenning_issuer = s.staff_oidc_issuer = "";
      auto application =
          loket::app::build_application(*db, s, "", loket::privacy::KeyRing::generate());
      for (const auto& r : application.pipeline->router().routes()) {
        std::cout << boost::json::serialize(boost::json::object{
                         {"method", loket::http::to_string(r.method)}, {"path", r.pattern}})
                  << "\n";
      }
      std::cout << boost::json::serialize(
                       boost::json::object{{"method", "GET"}, {"path", "/metrics"}})
                << "\n";
      return 0;
    }
    if (version_cmd->parsed()) {
      std::cout << "loket " << LOKET_VERSION << "\n";
      return 0;
    }
    if (auto rc = loket::app::run_blobs_command(blobs_cmd, s)) return *rc;
    if (serve_cmd->parsed()) return serve(s);
    if (worker_cmd->parsed()) return worker(s);
    auto db = open_database(s);
    if (migrate_cmd->parsed()) {
      int n = loket::db::migrate(*db);
      log::notice("migrated", {{"applied", n}});
      return 0;
    }
    if (seed_cmd->parsed()) {
      loket::db::migrate(*db);
      auto r = loket::catalog::seed_demo(*db);
      log::notice("seeded", {{"organisations", r.organisations}});
      if (dataset == "large") return seed_large(*db, s, dataset_options);
      seed_products(*db, s);
      if (demo_cases) {
        auto keys = loket::app::load_or_create_keys(s.key_file);
        log::notice("demo cases seeded", {{"cases", loket::app::seed_demo_cases(*db, keys)}});
      }
      return 0;
    }
    if (staff_add->parsed()) {
      loket::db::migrate(*db);
      auto keys = loket::app::load_or_create_keys(s.key_file);
      auto created = loket::identity::create_staff(*db, keys, new_staff);
      boost::json::object out{{"id", created.id},
                              {"email", loket::identity::lower_email(new_staff.email)},
                              {"totpSecret", created.totp_secret},
                              {"totpUri", created.totp_uri}};
      if (new_staff.password.empty()) out["password"] = created.password;
      std::cout << boost::json::serialize(out) << "\n";
      return 0;
    }
    if (retry_parked_cmd->parsed()) {
      loket::db::migrate(*db);
      auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
      auto n = db->write_value(
          [&](loket::db::Connection& c) { return loket::notify::retry_parked(c, now); });
      log::notice("parked deliveries queued again", {{"deliveries", n}});
      std::cout << boost::json::serialize(boost::json::object{{"retried", n}}) << "\n";
      return 0;
    }
    if (backup_cmd->parsed()) {
      db->backup_to(backup_output);
      log::notice("backup written", {{"output", backup_output}});
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "loket: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
