// Webhooks: deliveries of a notification to a subscriber's callback URL, queued in the caller's
// transaction and posted by the WebhookWorker (libcurl) with the subscriber's Authorization
// header, an HMAC-SHA256 signature and a stable message id; retried with exponential backoff and
// full jitter for at least a day, then parked. Callbacks to loopback, private, link-local or
// multicast addresses are refused (SSRF) unless allowed by configuration.
#pragma once

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::notify {

// The header names a receiver sees.
inline constexpr std::string_view kMessageIdHeader = "X-Loket-Notification-Id";
inline constexpr std::string_view kSignatureHeader = "X-Loket-Signature";  // sha256=<hex>

// A subscription's secrets (the Authorization value, the signing key) are stored encrypted,
// bound to the subscription and the field; what seals them here opens them in the worker.
std::string seal_secret(const privacy::KeyRing& keys, std::string_view subscription,
                        std::string_view field, std::string_view plaintext);
std::optional<std::string> open_secret(const privacy::KeyRing& keys, std::string_view subscription,
                                       std::string_view field, std::string_view token);

struct Delivery {
  std::string subscription;  // the abonnement's uuid
  std::string callback_url;
  std::string auth_sealed;    // seal_secret(…, "auth", …); empty: no Authorization header
  std::string secret_sealed;  // seal_secret(…, "secret", …); empty: signed with the auth value
  std::string message_id;     // stable: the domain event's id, the same for every subscriber
  std::string body;           // the JSON message
};

// Queues a delivery in the caller's transaction; returns its row id.
std::string enqueue_delivery(db::Connection& c, const Delivery& d, std::int64_t now_ms);

// "sha256=<hex of HMAC-SHA256(key, body)>".
std::string signature(std::string_view key, std::string_view body);

// Pure SSRF rules. A callback URL is http(s) with a host and without user info; nullopt when it
// is acceptable, else why not.
std::optional<std::string> check_callback_url(std::string_view url);
// The host[:port] of an http(s) URL (lower case host; port only when given); empty when none.
std::string host_port_of(std::string_view url);
// Whether an address may be called without being allowed: not loopback, private (10/8,
// 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local (169.254/16, fe80::/10), unspecified
// (0.0.0.0, ::), multicast or broadcast; IPv4-mapped IPv6 addresses are judged as IPv4.
bool public_address(const sockaddr* address);
bool public_address(std::string_view numeric_ip);  // for tests: "10.0.0.1", "::1"

// The backoff before the next attempt after `attempts` failures: uniform in [0, min(cap,
// base·2^attempts)] (exponential backoff with full jitter), times `scale`. `unit` is a random
// number in [0, 1). Milliseconds.
std::int64_t backoff_delay(std::int64_t attempts, double unit, double scale = 1.0);

struct WebhookOptions {
  // Lanes per process: each a sending thread (its own connections) and a database thread.
  int threads = 2;
  int concurrency = 256;                // requests in flight per process, shared out over the lanes
  int per_host = 8;                     // connections to one subscriber (host and port) per thread
  std::int64_t batch = 128;             // at most this many deliveries claimed or marked at once
  std::chrono::milliseconds poll{200};  // how often an idle worker looks for due deliveries
  std::chrono::milliseconds flush{20};  // outcomes are written at least this often
  std::int64_t connect_timeout_ms = 5'000;
  std::int64_t timeout_ms = 10'000;  // the whole request
  std::int64_t max_response = 64 * 1024;
  // Retries go on for at least this long (times backoff_scale) after the first attempt; then
  // the delivery is parked.
  std::int64_t park_after_ms = 25LL * 3'600'000;
  // A test option: 24 hours of backoff become 24 h × scale (1e-4: under 9 seconds).
  double backoff_scale = 1.0;
  bool allow_private = false;            // any address (development, tests)
  std::vector<std::string> allow_hosts;  // host[:port] allowed whatever their address
};

// Counters for /metrics.
struct WebhookCounts {
  std::int64_t pending = 0;
  std::int64_t parked = 0;
  std::int64_t delivered = 0;
};
WebhookCounts webhook_counts(db::Connection& c);

// Parked deliveries back to pending, due now; returns how many.
std::int64_t retry_parked(db::Connection& c, std::int64_t now_ms);

class WebhookWorker {
 public:
  WebhookWorker(db::Database& db, const privacy::KeyRing& keys, WebhookOptions options);
  ~WebhookWorker();  // stops and joins
  WebhookWorker(const WebhookWorker&) = delete;
  WebhookWorker& operator=(const WebhookWorker&) = delete;

  void start();
  void stop();
  // Claims one batch of due deliveries, posts them and writes their outcomes; returns how many
  // were claimed.
  std::int64_t run_once();

 private:
  struct Claimed;
  struct Outcome;
  class Sender;
  struct Lane;
  void send_loop(Lane& lane);
  void store_loop(Lane& lane);
  std::size_t slots_per_thread() const;
  // In one transaction: writes the outcomes (then clears them) and claims up to `want` due
  // deliveries.
  std::vector<Claimed> exchange(std::vector<Outcome>& outcomes, std::size_t want);

  db::Database& db_;
  const privacy::KeyRing& keys_;
  WebhookOptions options_;
  std::atomic<bool> stopping_{false};
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::vector<std::thread> threads_;
};

}  // namespace loket::notify
