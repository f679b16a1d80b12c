// Validation of settings, with messages that say which setting and what to write instead.
#include "app/config.hpp"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>

#include "common/log.hpp"
#include "documents/clamd.hpp"

namespace loket::app {

std::optional<HostPort> parse_listen(std::string_view s) {
  auto colon = s.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  auto host = s.substr(0, colon);
  auto port_text = s.substr(colon + 1);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return std::nullopt;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return std::nullopt;  // IPv6 needs brackets
  }
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || p != port_text.data() + port_text.size() ||
      port > 65535) {
    return std::nullopt;
  }
  return HostPort{std::string(host), static_cast<std::uint16_t>(port)};
}

std::string effective_blob_dir(const Settings& s) {
  if (!s.blob_dir.empty()) return s.blob_dir;
  std::string_view db = s.database;
  if (db.starts_with("sqlite:") && db != "sqlite::memory:") {
    // Beside the database file, so that one folder holds a deployment's data.
    auto parent = std::filesystem::path(db.substr(7)).parent_path();
    return (parent.empty() ? std::filesystem::path("blobs") : parent / "blobs").string();
  }
  return "var/blobs";
}

std::optional<std::string> validate(const Settings& s) {
  auto bad = [](std::string_view name, std::string_view env, std::string_view want,
                std::string_view got) {
    return fmt::format("invalid setting --{} ({}): expected {}, got \"{}\"", name, env, want, got);
  };
  if (!parse_listen(s.listen)) {
    return bad("listen", "LOKET_LISTEN", "HOST:PORT such as 127.0.0.1:8080", s.listen);
  }
  if (!s.database.starts_with("sqlite:") && !s.database.starts_with("postgresql://") &&
      !s.database.starts_with("postgres://")) {
    return bad("database", "LOKET_DATABASE", "sqlite:PATH or postgresql://USER@HOST:PORT/NAME",
               s.database);
  }
  if (s.database == "sqlite:") {
    return bad("database", "LOKET_DATABASE", "a file path after sqlite:", s.database);
  }
  if (s.log_level != "debug" && s.log_level != "info" && s.log_level != "warn" &&
      s.log_level != "error") {
    return bad("log-level", "LOKET_LOG_LEVEL", "debug, info, warn or error", s.log_level);
  }
  auto range = [&](std::string_view name, std::string_view env, std::uint64_t v, std::uint64_t lo,
                   std::uint64_t hi) -> std::optional<std::string> {
    if (v >= lo && v <= hi) return std::nullopt;
    return bad(name, env, fmt::format("a number from {} to {}", lo, hi), std::to_string(v));
  };
  for (auto r :
       {range("threads", "LOKET_THREADS", s.threads, 0, 256),
        range("workers", "LOKET_WORKERS", s.workers, 0, 1024),
        range("db-pool", "LOKET_DB_POOL", s.db_pool, 1, 1000),
        range("sqlite-mmap-mib", "LOKET_SQLITE_MMAP_MIB", s.sqlite_mmap_mib, 0, 1ull << 20),
        range("sqlite-group-commit", "LOKET_SQLITE_GROUP_COMMIT", s.sqlite_group_commit, 1, 10000),
        range("idempotency-retention", "LOKET_IDEMPOTENCY_RETENTION", s.idempotency_retention, 1,
              366ull * 86400),
        range("max-header", "LOKET_MAX_HEADER", s.max_header, 1024, 1024ull * 1024),
        range("max-body", "LOKET_MAX_BODY", s.max_body, 1024, 1024ull * 1024 * 1024),
        range("max-upload-body", "LOKET_MAX_UPLOAD_BODY", s.max_upload_body, 1024,
              1024ull * 1024 * 1024),
        range("max-connections", "LOKET_MAX_CONNECTIONS", s.max_connections, 1, 1'000'000),
        range("max-connections-per-address", "LOKET_MAX_CONNECTIONS_PER_ADDRESS",
              s.max_connections_per_address, 1, 1'000'000),
        range("body-budget", "LOKET_BODY_BUDGET", s.body_budget, 1024, 1ull << 40),
        range("spool-above", "LOKET_SPOOL_ABOVE", s.spool_above, 1024, 1ull << 40),
        range("head-timeout", "LOKET_HEAD_TIMEOUT", s.head_timeout, 100, 3'600'000),
        range("request-timeout", "LOKET_REQUEST_TIMEOUT", s.request_timeout, 100, 3'600'000),
        range("min-body-rate", "LOKET_MIN_BODY_RATE", s.min_body_rate, 1, 1ull << 40),
        range("idle-timeout", "LOKET_IDLE_TIMEOUT", s.idle_timeout, 100, 3'600'000),
        range("write-timeout", "LOKET_WRITE_TIMEOUT", s.write_timeout, 100, 3'600'000),
        range("shutdown-timeout", "LOKET_SHUTDOWN_TIMEOUT", s.shutdown_timeout, 0, 3'600'000)}) {
    if (r) return r;
  }
  // The largest body held in memory: larger ones go to a spool file.
  if (auto largest = std::min(std::max(s.max_body, s.max_upload_body), s.spool_above);
      s.body_budget < largest) {
    return bad("body-budget", "LOKET_BODY_BUDGET",
               fmt::format("at least the largest body held in memory (--max-body and "
                           "--max-upload-body, up to --spool-above: {} bytes), or no body of "
                           "that size fits",
                           largest),
               std::to_string(s.body_budget));
  }
  if (!s.metrics_listen.empty()) {
    auto m = parse_listen(s.metrics_listen);
    if (!m) {
      return bad("metrics-listen", "LOKET_METRICS_LISTEN", "HOST:PORT such as 127.0.0.1:9090",
                 s.metrics_listen);
    }
    // Both sockets use SO_REUSEPORT, so the same address would silently share one port.
    if (m->port != 0 && s.metrics_listen == s.listen) {
      return bad("metrics-listen", "LOKET_METRICS_LISTEN", "an address other than --listen",
                 s.metrics_listen);
    }
  }
  if (s.metrics_token.find_first_of(" \t\r\n") != std::string::npos) {
    return bad("metrics-token", "LOKET_METRICS_TOKEN", "a token without spaces", "(hidden)");
  }
  for (auto r :
       {range("session-idle", "LOKET_SESSION_IDLE", s.session_idle, 1, 86400),
        range("session-absolute", "LOKET_SESSION_ABSOLUTE", s.session_absolute, 1, 7ull * 86400),
        // An hour covers any clock that is merely wrong; more would let a token live that long.
        range("zgw-clock-skew", "LOKET_ZGW_CLOCK_SKEW", s.zgw_clock_skew, 0, 3600)}) {
    if (r) return r;
  }
  auto is_url = [](std::string_view u) {
    return u.starts_with("http://") || u.starts_with("https://");
  };
  if (!is_url(s.public_url) || s.public_url.back() == '/') {
    return bad("public-url", "LOKET_PUBLIC_URL", "an http(s) URL without a trailing slash",
               s.public_url);
  }
  if (!s.digid_issuer.empty() && !is_url(s.digid_issuer)) {
    return bad("digid-issuer", "LOKET_DIGID_ISSUER", "an http(s) URL", s.digid_issuer);
  }
  if (!s.digid_issuer.empty() && s.digid_client_secret.empty()) {
    return bad("digid-client-secret", "LOKET_DIGID_CLIENT_SECRET", "the client secret", "");
  }
  if (!s.eherkenning_issuer.empty() && !is_url(s.eherkenning_issuer)) {
    return bad("eherkenning-issuer", "LOKET_EHERKENNING_ISSUER", "an http(s) URL",
               s.eherkenning_issuer);
  }
  if (!s.eherkenning_issuer.empty() && s.eherkenning_client_secret.empty()) {
    return bad("eherkenning-client-secret", "LOKET_EHERKENNING_CLIENT_SECRET", "the client secret",
               "");
  }
  if (!s.staff_oidc_issuer.empty() && !is_url(s.staff_oidc_issuer)) {
    return bad("staff-oidc-issuer", "LOKET_STAFF_OIDC_ISSUER", "an http(s) URL",
               s.staff_oidc_issuer);
  }
  if (!s.staff_oidc_issuer.empty() && s.staff_oidc_client_secret.empty()) {
    return bad("staff-oidc-client-secret", "LOKET_STAFF_OIDC_CLIENT_SECRET", "the client secret",
               "");
  }
  if (s.staff_oidc_email_claim.empty()) {
    return bad("staff-oidc-email-claim", "LOKET_STAFF_OIDC_EMAIL_CLAIM", "a claim name", "");
  }
  if (!s.smtp_url.empty() && !s.smtp_url.starts_with("smtp://") &&
      !s.smtp_url.starts_with("smtps://")) {
    return bad("smtp-url", "LOKET_SMTP_URL", "smtp://HOST:PORT or smtps://HOST:PORT", s.smtp_url);
  }
  if (auto at = s.mail_from.find('@'); at == std::string::npos || at == 0 ||
                                       s.mail_from.find_first_of("\r\n") != std::string::npos) {
    return bad("mail-from", "LOKET_MAIL_FROM", "an e-mail address, optionally as Name <address>",
               s.mail_from);
  }
  if (!s.clamd.empty() && !documents::ClamdClient::valid_address(s.clamd)) {
    return bad("clamd", "LOKET_CLAMD", "unix:/PATH, /PATH or tcp:HOST:PORT", s.clamd);
  }
  for (auto r :
       {range("max-document-size", "LOKET_MAX_DOCUMENT_SIZE", s.max_document_size, 1, 1ull << 40),
        range("max-case-documents-size", "LOKET_MAX_CASE_DOCUMENTS_SIZE", s.max_case_documents_size,
              1, 1ull << 50),
        range("document-part-size", "LOKET_DOCUMENT_PART_SIZE", s.document_part_size, 1,
              1ull << 40)}) {
    if (r) return r;
  }
  if (s.max_case_documents_size < s.max_document_size) {
    return bad("max-case-documents-size", "LOKET_MAX_CASE_DOCUMENTS_SIZE",
               fmt::format("at least --max-document-size ({} bytes)", s.max_document_size),
               std::to_string(s.max_case_documents_size));
  }
  if (s.mode != "development" && s.mode != "production") {
    return bad("mode", "LOKET_MODE", "development or production", s.mode);
  }
  if (s.mode == "production" && s.demo) {
    return "invalid setting --demo (LOKET_DEMO): the demo login lets anyone act as a test resident "
           "and is refused in production mode; remove --demo";
  }
  if (s.mode == "production" && !s.public_url.starts_with("https://")) {
    return bad("public-url", "LOKET_PUBLIC_URL", "an https URL in production mode", s.public_url);
  }
  return std::nullopt;
}

}  // namespace loket::app
