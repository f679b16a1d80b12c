// Settings of `loket serve` and their validation (pure: no I/O besides reading the config file).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace loket::app {

struct Settings {
  std::string listen = "127.0.0.1:8080";
  std::string database = "sqlite:var/loket.db";
  std::string web_root = "web/public";
  std::string templates;            // page templates folder, re-read on change; empty: built in
  std::string site_name = "Loket";  // the organisation's name in the pages' header
  std::string log_level = "info";
  unsigned threads = 0;  // 0: one per core
  unsigned workers =
      8;  // 0: handlers run on the network threads (fastest, but a slow one stalls others)
  unsigned db_pool = 8;
  std::uint64_t sqlite_mmap_mib = 0;       // SQLite: MiB read through a memory map (0: pread)
  std::uint64_t sqlite_group_commit = 64;  // SQLite: writes committed together (1: one each)
  // Seconds an Idempotency-Key of POST /api/v1/cases is remembered (a retry within it returns
  // the first case); older keys are purged.
  std::uint64_t idempotency_retention = 86400;
  std::uint64_t max_header = 16ull * 1024;
  std::uint64_t max_body = 1024ull * 1024;
  // The largest body of a form that uploads files (the application's documents step, the back
  // office's "Document toevoegen" and its JSON door): a phone's photos fit.
  std::uint64_t max_upload_body = 32ull * 1024 * 1024;
  // A body larger than this is written to a nameless file in the blob store's folder as it
  // arrives, not held in memory; smaller ones are held in memory, within --body-budget.
  std::uint64_t spool_above = 2ull * 1024 * 1024;
  std::uint64_t max_connections = 10000;
  std::uint64_t max_connections_per_address = 1000;  // from one IPv4 address or IPv6 /64
  std::uint64_t body_budget = 256ull * 1024 * 1024;  // request bodies in memory at once, bytes
  std::uint64_t head_timeout = 10000;     // ms for a new connection to send a whole request head
  std::uint64_t request_timeout = 10000;  // milliseconds
  std::uint64_t min_body_rate = 16384;    // bytes/s that earn a body a second past it
  std::uint64_t idle_timeout = 60000;
  std::uint64_t write_timeout = 30000;
  std::uint64_t shutdown_timeout = 10000;

  std::string public_url =
      "http://localhost:8080";               // how browsers reach us (Origin check, redirects)
  std::string key_file = "var/loket.keys";   // field-encryption keys; made when missing
  std::uint64_t session_idle = 900;          // seconds
  std::uint64_t session_absolute = 43200;    // seconds
  std::uint64_t draft_ttl = 30 * 86400;      // seconds an application draft is kept
  std::uint64_t draft_reminder = 7 * 86400;  // seconds before expiry its reminder mail goes
  std::string digid_issuer, digid_client_id = "loket", digid_client_secret;
  std::string eherkenning_issuer, eherkenning_client_id = "loket", eherkenning_client_secret;
  std::string staff_oidc_issuer, staff_oidc_client_id = "loket", staff_oidc_client_secret;
  std::string staff_oidc_email_claim = "email";  // the claim that names the staff account
  std::string smtp_url;                          // smtp://host:port; empty: mails stay queued
  std::string mail_from = "loket@localhost";     // sender of outgoing mail
  std::string metrics_token;      // Bearer token for /metrics on --listen; empty: 404 there
  std::string metrics_listen;     // HOST:PORT serving /metrics and /healthz only; empty: none
  std::string zgw_allowed_hosts;  // comma-separated hosts whose ZGW URLs may be fetched
  std::uint64_t zgw_token_max_age = 3600;  // seconds a ZGW client's JWT stays valid after iat
  std::uint64_t zgw_clock_skew = 60;       // seconds a ZGW client's clock may differ from ours
  // Documents: the blob store's folder ("": blobs/ beside the SQLite file, else var/blobs),
  // clamd's address ("": no scanning; documents are stored as not scanned), size limits.
  std::string blob_dir;
  std::string clamd;
  std::uint64_t max_document_size = 100ull * 1024 * 1024;         // bytes per file (413 above)
  std::uint64_t max_case_documents_size = 1024ull * 1024 * 1024;  // bytes per case (413 above)
  // Documenten API bestandsdelen: the size of each part of a file uploaded in parts (the last is
  // smaller); at most half of --max-body is used, so a part and its form fields fit a request.
  std::uint64_t document_part_size = 512ull * 1024;
  // Notificaties webhooks (notify/webhook.hpp): callbacks to internal addresses need one of the
  // first two; the backoff scale is a test option (1e-3: a day of retries in under 2 minutes).
  bool notify_allow_private = false;
  std::string notify_allow_hosts;  // host[:port], comma-separated
  double notify_backoff_scale = 1.0;
  std::uint64_t notify_timeout = 10000;         // ms for a whole delivery
  std::uint64_t notify_connect_timeout = 5000;  // ms
  unsigned notify_threads = 2;                  // delivering threads per process
  unsigned notify_concurrency = 256;            // requests in flight per process
  bool no_worker = false;                       // serve without delivering webhooks
  bool demo = false;                 // demo login with test residents; refused in production
  std::string mode = "development";  // or "production"
};

struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};

// "HOST:PORT", "[::1]:PORT"; nullopt when malformed.
std::optional<HostPort> parse_listen(std::string_view s);

// The blob store's folder: --blob-dir, or blobs/ beside the SQLite file, or var/blobs.
std::string effective_blob_dir(const Settings& s);

// The first invalid setting as one line naming it (flag and environment variable), or nullopt.
std::optional<std::string> validate(const Settings& s);

}  // namespace loket::app
