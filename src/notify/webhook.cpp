// Webhook deliveries: the queue's SQL, the SSRF and backoff rules, and the worker that posts with
// libcurl. Deliveries are claimed in batches under a lease (one UPDATE … RETURNING; FOR UPDATE
// SKIP LOCKED on PostgreSQL, SQLite's one writer gives the same), posted outside any transaction
// with many requests in flight on kept-alive connections, and their outcomes written in batches,
// so a slow subscriber never holds a database lock and the database sees a few statements per
// hundred deliveries.
#include "notify/webhook.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <set>

#include "common/log.hpp"
#include "common/uuid.hpp"

namespace loket::notify {
namespace {

namespace log = common::log;

constexpr std::string_view kInsert =
    "INSERT INTO webhook_deliveries (id, message_id, subscription, callback_url, auth_sealed,"
    " secret_sealed, body, state, attempts, created_at, next_attempt_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $8)";
// Claims up to $3 due deliveries: their lease runs until $2 (next_attempt_at), and the attempt
// counts. The oldest due first; on PostgreSQL rows another worker is claiming are skipped.
constexpr std::string_view kClaimSqlite =
    "UPDATE webhook_deliveries SET next_attempt_at = $2, attempts = attempts + 1"
    " WHERE id IN (SELECT id FROM webhook_deliveries WHERE state = 'pending'"
    " AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $3)"
    " RETURNING id, subscription, callback_url, auth_sealed, secret_sealed, message_id, body,"
    " attempts, created_at";
constexpr std::string_view kClaimPg =
    "UPDATE webhook_deliveries SET next_attempt_at = $2, attempts = attempts + 1"
    " WHERE id IN (SELECT id FROM webhook_deliveries WHERE state = 'pending'"
    " AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)"
    " RETURNING id, subscription, callback_url, auth_sealed, secret_sealed, message_id, body,"
    " attempts, created_at";
// Each outcome only while our lease holds (the lease end is the token): a row another worker
// took over after our lease ran out is left to it. Delivered ones go by the batch: $3 is a JSON
// array of their ids.
constexpr std::string_view kDeliveredSqlite =
    "UPDATE webhook_deliveries SET state = 'delivered', delivered_at = $1, last_error = NULL"
    " WHERE id IN (SELECT value FROM json_each($3)) AND state = 'pending'"
    " AND next_attempt_at = $2";
constexpr std::string_view kDeliveredPg =
    "UPDATE webhook_deliveries SET state = 'delivered', delivered_at = $1, last_error = NULL"
    " WHERE id IN (SELECT jsonb_array_elements_text($3::jsonb)) AND state = 'pending'"
    " AND next_attempt_at = $2";
constexpr std::string_view kRetry =
    "UPDATE webhook_deliveries SET next_attempt_at = $2, last_error = $4"
    " WHERE id = $1 AND state = 'pending' AND next_attempt_at = $3";
constexpr std::string_view kPark =
    "UPDATE webhook_deliveries SET state = 'parked', last_error = $3"
    " WHERE id = $1 AND state = 'pending' AND next_attempt_at = $2";
constexpr std::string_view kUnpark =
    "UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = $1, attempts = 0,"
    " created_at = $1 WHERE state = 'parked'";
constexpr std::string_view kCounts =
    "SELECT state, COUNT(*) FROM webhook_deliveries WHERE state <> 'delivered' GROUP BY state";
constexpr std::string_view kPurge =
    "DELETE FROM webhook_deliveries WHERE state = 'delivered' AND delivered_at < $1";

constexpr std::int64_t kBaseDelayMs = 2'000;
constexpr std::int64_t kMaxDelayMs = 3'600'000;
constexpr std::int64_t kKeepDeliveredMs = 7LL * 24 * 3'600'000;
constexpr std::int64_t kPurgeEveryMs = 600'000;
// A lease lasts a connect and a whole request plus this (time to write the outcome).
constexpr std::int64_t kLeaseSlackMs = 30'000;
// A request still running this long after its connect and request timeouts is ended by the
// worker itself, well inside the lease.
constexpr std::int64_t kAbortSlackMs = 5'000;
// On stop, requests in flight get this long to finish; the rest are posted again later.
constexpr std::int64_t kStopGraceMs = 2'000;
constexpr std::string_view kStoppedError = "worker stopped";

std::atomic<std::int64_t> g_delivered{0};

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double random_unit() { return static_cast<double>(randombytes_random()) / 4294967296.0; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool public_v4(std::uint32_t a) {  // host byte order
  auto in = [a](std::uint32_t net, int bits) {
    std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
    return (a & mask) == net;
  };
  return !(in(0x00000000, 8) ||   // 0.0.0.0/8 (this network, 0.0.0.0)
           in(0x0A000000, 8) ||   // 10/8
           in(0x64400000, 10) ||  // 100.64/10 carrier-grade NAT
           in(0x7F000000, 8) ||   // loopback
           in(0xA9FE0000, 16) ||  // link-local (cloud metadata)
           in(0xAC100000, 12) ||  // 172.16/12
           in(0xC0A80000, 16) ||  // 192.168/16
           in(0xE0000000, 4) ||   // multicast
           in(0xF0000000, 4));    // reserved, broadcast
}

bool public_v6(const unsigned char* b) {
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(b, kMapped, 12) == 0) {
    return public_v4((std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16) |
                     (std::uint32_t{b[14]} << 8) | b[15]);
  }
  bool zero_prefix = std::all_of(b, b + 15, [](unsigned char c) { return c == 0; });
  if (zero_prefix && (b[15] == 0 || b[15] == 1)) return false;  // :: and ::1
  if ((b[0] & 0xfe) == 0xfc) return false;                      // fc00::/7 unique local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;      // fe80::/10 link-local
  if (b[0] == 0xff) return false;                               // multicast
  return true;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// What a request's socket callback needs: whether any address will do, and whether it refused.
struct Gate {
  bool allow_any = false;
  bool refused = false;
};

curl_socket_t open_socket(void* clientp, curlsocktype, curl_sockaddr* address) {
  auto* gate = static_cast<Gate*>(clientp);
  // Judged on the address the name resolved to, so a DNS name pointing inwards is refused too.
  if (!gate->allow_any && !public_address(&address->addr)) {
    gate->refused = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

struct Sink {
  std::size_t size = 0;
  std::size_t limit = 0;
};

std::size_t discard(char*, std::size_t size, std::size_t count, void* userdata) {
  auto* sink = static_cast<Sink*>(userdata);
  sink->size += size * count;
  if (sink->size > sink->limit) return 0;  // aborts the transfer: the answer is too large
  return size * count;
}

}  // namespace

std::string seal_secret(const privacy::KeyRing& keys, std::string_view subscription,
                        std::string_view field, std::string_view plaintext) {
  return privacy::encrypt(keys, plaintext,
                          "subscription." + std::string(field) + ":" + std::string(subscription));
}

std::optional<std::string> open_secret(const privacy::KeyRing& keys, std::string_view subscription,
                                       std::string_view field, std::string_view token) {
  return privacy::decrypt(keys, token,
                          "subscription." + std::string(field) + ":" + std::string(subscription));
}

std::string enqueue_delivery(db::Connection& c, const Delivery& d, std::int64_t now_ms) {
  auto id = common::new_uuid();
  c.execute(kInsert, {id, d.message_id, d.subscription, d.callback_url, d.auth_sealed,
                      d.secret_sealed, d.body, now_ms});
  return id;
}

std::string signature(std::string_view key, std::string_view body) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return "sha256=" + std::string(hex);
}

std::optional<std::string> check_callback_url(std::string_view url) {
  auto l = lower(url);
  std::size_t rest = 0;
  if (l.starts_with("http://")) {
    rest = 7;
  } else if (l.starts_with("https://")) {
    rest = 8;
  } else {
    return "Alleen http- en https-URL's kunnen een callback zijn.";
  }
  if (url.size() > 1000) return "Een callback-URL is hoogstens 1000 tekens lang.";
  auto end = l.find_first_of("/?#", rest);
  auto authority = l.substr(rest, end == std::string::npos ? std::string::npos : end - rest);
  if (authority.find('@') != std::string::npos) {
    return "Een callback-URL bevat geen gebruikersnaam of wachtwoord; gebruik auth.";
  }
  if (authority.empty() || authority.starts_with(':')) return "De callback-URL heeft geen host.";
  for (unsigned char c : url) {
    if (c <= ' ' || c == 0x7f) return "Een callback-URL bevat geen spaties of stuurtekens.";
  }
  return std::nullopt;
}

std::string host_port_of(std::string_view url) {
  auto l = lower(url);
  auto scheme = l.find("://");
  if (scheme == std::string::npos) return "";
  auto start = scheme + 3;
  auto end = l.find_first_of("/?#", start);
  auto authority = l.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  return authority;
}

bool public_address(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return public_v4(ntohl(v4->sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
    return public_v6(v6->sin6_addr.s6_addr);
  }
  return false;
}

bool public_address(std::string_view numeric_ip) {
  std::string ip(numeric_ip);
  sockaddr_in v4{};
  if (::inet_pton(AF_INET, ip.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    return public_address(reinterpret_cast<const sockaddr*>(&v4));
  }
  sockaddr_in6 v6{};
  if (::inet_pton(AF_INET6, ip.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    return public_address(reinterpret_cast<const sockaddr*>(&v6));
  }
  return false;
}

std::int64_t backoff_delay(std::int64_t attempts, double unit, double scale) {
  auto shift = std::clamp<std::int64_t>(attempts, 0, 30);
  auto ceiling = std::min(kMaxDelayMs, kBaseDelayMs << shift);
  auto delay = static_cast<std::int64_t>(unit * static_cast<double>(ceiling) * scale);
  return std::max<std::int64_t>(delay, 1);
}

WebhookCounts webhook_counts(db::Connection& c) {
  WebhookCounts out;
  auto rows = c.query(kCounts);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (row.text(0) == "pending") out.pending = row.integer(1);
    if (row.text(0) == "parked") out.parked = row.integer(1);
  }
  out.delivered = g_delivered.load();
  return out;
}

std::int64_t retry_parked(db::Connection& c, std::int64_t now_ms) {
  return c.execute(kUnpark, {now_ms});
}

struct WebhookWorker::Claimed {
  std::string id, subscription, callback_url, auth_sealed, secret_sealed, message_id, body;
  std::int64_t attempts = 0;  // including this one
  std::int64_t created_at = 0;
  std::int64_t lease_end = 0;  // the token its outcome is written under
};

struct WebhookWorker::Outcome {
  Claimed delivery;
  bool ok = false;
  std::string error;
};

// One thread's sending side: a curl multi handle with a fixed number of slots (requests in
// flight), each with its own easy handle reused from one delivery to the next, while the
// connections (keep-alive) are shared in the multi handle's cache.
class WebhookWorker::Sender {
 public:
  Sender(const privacy::KeyRing& keys, const WebhookOptions& options, std::size_t slots)
      : keys_(keys), options_(options), multi_(curl_multi_init()) {
    if (!multi_) throw std::runtime_error("curl_multi_init failed");
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS,
                      static_cast<long>(std::max(1, options.per_host)));
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS,
                      static_cast<long>(std::max<std::size_t>(slots, kMinConnectionCache)));
    for (std::size_t i = 0; i < slots; ++i) {
      auto slot = std::make_unique<Slot>();
      slot->handle.reset(curl_easy_init());
      if (!slot->handle) throw std::runtime_error("curl_easy_init failed");
      slots_.push_back(std::move(slot));
      idle_.push_back(slots - 1 - i);
    }
  }
  ~Sender() {
    for (auto& s : slots_) {
      if (s->busy) curl_multi_remove_handle(multi_, s->handle.get());
    }
    slots_.clear();  // the easy handles go before the multi handle
    curl_multi_cleanup(multi_);
  }
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  std::size_t free_slots() const { return idle_.size(); }
  std::size_t in_flight() const { return slots_.size() - idle_.size(); }

  // Starts posting `d`; one that cannot be posted at all (its URL refused, a secret that does
  // not decrypt) is finished at once.
  void start(Claimed d) {
    if (idle_.empty()) throw std::logic_error("webhook sender: no free slot");
    auto index = idle_.back();
    auto& s = *slots_[index];
    s.delivery = std::move(d);
    const auto& dl = s.delivery;
    auto refuse = [&](std::string why) {
      done.push_back({std::move(s.delivery), false, std::move(why)});
      s.delivery = {};
    };
    if (check_callback_url(dl.callback_url)) return refuse("callback URL refused");
    std::string auth, key;
    if (!dl.auth_sealed.empty()) {
      auto a = open_secret(keys_, dl.subscription, "auth", dl.auth_sealed);
      if (!a) return refuse("cannot decrypt the subscription's auth");
      auth = std::move(*a);
    }
    if (!dl.secret_sealed.empty()) {
      auto sec = open_secret(keys_, dl.subscription, "secret", dl.secret_sealed);
      if (!sec) return refuse("cannot decrypt the subscription's secret");
      key = std::move(*sec);
    } else {
      key = auth;
    }
    s.gate = Gate{};
    s.gate.allow_any = options_.allow_private;
    if (!s.gate.allow_any) {
      auto hp = host_port_of(dl.callback_url);
      auto host = hp.substr(
          0, hp.rfind(':') == std::string::npos || hp.ends_with(']') ? hp.size() : hp.rfind(':'));
      for (const auto& allowed : options_.allow_hosts) {
        if (lower(allowed) == hp || lower(allowed) == host) s.gate.allow_any = true;
      }
    }
    s.headers.reset();
    auto add = [&](const std::string& line) {
      s.headers.reset(curl_slist_append(s.headers.release(), line.c_str()));
    };
    add("Content-Type: application/json");
    add("Expect:");
    if (!auth.empty()) add("Authorization: " + auth);
    add(std::string(kMessageIdHeader) + ": " + dl.message_id);
    add(std::string(kSignatureHeader) + ": " + signature(key, dl.body));
    s.sink = Sink{0, static_cast<std::size_t>(options_.max_response)};
    CURL* h = s.handle.get();
    curl_easy_reset(h);
    curl_easy_setopt(h, CURLOPT_URL, dl.callback_url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, dl.body.data());  // not copied: the slot keeps it
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(dl.body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, s.headers.get());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &s.sink);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &s.gate);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Loket-Notificaties/1.0");
    curl_easy_setopt(h, CURLOPT_PRIVATE, reinterpret_cast<char*>(index));
    // A request waiting for a connection to its host (per_host) may not have its own timer
    // running yet; this bound keeps every request inside the lease whatever curl counts.
    s.abort_at = wall_ms() + options_.connect_timeout_ms + options_.timeout_ms + kAbortSlackMs;
    if (curl_multi_add_handle(multi_, h) != CURLM_OK) return refuse("curl_multi_add_handle failed");
    s.busy = true;
    idle_.pop_back();
  }

  // Drives the transfers, waiting at most `wait_ms` for one to make progress; finished ones go
  // to `done`.
  void pump(int wait_ms) {
    if (in_flight() == 0) return;
    int running = 0;
    curl_multi_perform(multi_, &running);
    auto before = done.size();
    collect();
    if (done.size() == before && in_flight() > 0) {
      curl_multi_poll(multi_, nullptr, 0, std::max(0, wait_ms), nullptr);
      curl_multi_perform(multi_, &running);
      collect();
    }
    auto now = wall_ms();
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i]->busy && now >= slots_[i]->abort_at) finish(i, "timed out");
    }
  }

  // Makes a pump() waiting in curl_multi_poll return (from another thread).
  void wakeup() { curl_multi_wakeup(multi_); }

  // Ends every request in flight (the worker stops): their outcome is a failure, so they are
  // posted again, perhaps a second time; receivers drop duplicates by the message id.
  void abort_all(std::string_view why) {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i]->busy) finish(i, std::string(why));
    }
  }

  std::vector<Outcome> done;

 private:
  static constexpr std::size_t kMinConnectionCache = 16;

  struct Slot {
    Claimed delivery;
    Gate gate;
    Sink sink;
    std::unique_ptr<curl_slist, ListDeleter> headers;
    std::unique_ptr<CURL, CurlDeleter> handle;
    std::int64_t abort_at = 0;
    bool busy = false;
  };

  void collect() {
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi_, &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      char* priv = nullptr;
      curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
      auto i = reinterpret_cast<std::size_t>(priv);
      auto rc = m->data.result;
      auto& s = *slots_[i];
      std::string error;
      if (s.gate.refused) {
        error = "callback address refused: loopback, private, link-local or multicast";
      } else if (rc == CURLE_WRITE_ERROR) {
        error = "answer larger than the limit";
      } else if (rc != CURLE_OK) {
        error = curl_easy_strerror(rc);
      } else {
        long status = 0;
        curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &status);
        if (status < 200 || status >= 300) error = "HTTP " + std::to_string(status);
      }
      finish(i, std::move(error));
    }
  }

  // An empty error: delivered.
  void finish(std::size_t i, std::string error) {
    auto& s = *slots_[i];
    curl_multi_remove_handle(multi_, s.handle.get());
    s.busy = false;
    bool ok = error.empty();
    done.push_back({std::move(s.delivery), ok, std::move(error)});
    s.delivery = {};
    s.headers.reset();
    idle_.push_back(i);
  }

  const privacy::KeyRing& keys_;
  const WebhookOptions& options_;
  CURLM* multi_;
  std::vector<std::unique_ptr<Slot>> slots_;  // stable addresses: curl holds &gate and &sink
  std::vector<std::size_t> idle_;
};

// What a sending thread and its store thread share.
struct WebhookWorker::Lane {
  std::mutex mutex;
  std::condition_variable store_wake;   // the store thread waits here
  std::condition_variable sender_wake;  // the sender waits here while nothing is in flight
  std::deque<Claimed> ready;            // claimed, not yet started
  std::vector<Outcome> finished;        // outcomes not yet written
  std::int64_t oldest_finished = 0;
  std::size_t in_flight = 0;  // the sender's requests, for the size of the next claim
  Sender* sender = nullptr;   // to wake it from curl_multi_poll
  bool sender_done = false;
};

WebhookWorker::WebhookWorker(db::Database& db, const privacy::KeyRing& keys, WebhookOptions options)
    : db_(db), keys_(keys), options_(std::move(options)) {}

WebhookWorker::~WebhookWorker() { stop(); }

void WebhookWorker::start() {
  stopping_ = false;
  for (int i = 0; i < std::max(1, options_.threads); ++i) {
    auto& lane = *lanes_.emplace_back(std::make_unique<Lane>());
    threads_.emplace_back([this, &lane] { send_loop(lane); });
    threads_.emplace_back([this, &lane] { store_loop(lane); });
  }
}

void WebhookWorker::stop() {
  stopping_ = true;
  for (auto& lane : lanes_) {
    std::lock_guard lock(lane->mutex);
    lane->store_wake.notify_all();
    lane->sender_wake.notify_all();
    if (lane->sender) lane->sender->wakeup();
  }
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  lanes_.clear();
}

std::size_t WebhookWorker::slots_per_thread() const {
  auto threads = std::max(1, options_.threads);
  return static_cast<std::size_t>(
      std::max(1, (std::max(1, options_.concurrency) + threads - 1) / threads));
}

std::vector<WebhookWorker::Claimed> WebhookWorker::exchange(std::vector<Outcome>& outcomes,
                                                            std::size_t want) {
  auto now = wall_ms();
  // The lease covers a delivery's wait in the lane's ready queue (at most one request's life,
  // as only a round's worth waits there), its request (the Sender ends it after a connect, a
  // whole request and kAbortSlackMs), and writing the outcome.
  auto life = options_.connect_timeout_ms + options_.timeout_ms + kAbortSlackMs;
  auto lease_end = now + 2 * life + kLeaseSlackMs;
  auto park_after = static_cast<std::int64_t>(static_cast<double>(options_.park_after_ms) *
                                              options_.backoff_scale);
  // Delivered ones in one statement per lease (the lease end is the token: a row another worker
  // took over after our lease ran out is left to it); failures one by one, being few.
  std::map<std::int64_t, std::string> delivered_ids;  // lease end → JSON array of ids
  for (const auto& o : outcomes) {
    if (!o.ok) continue;
    auto& ids = delivered_ids[o.delivery.lease_end];
    ids += ids.empty() ? "[\"" : ",\"";
    ids += o.delivery.id;  // a uuid: nothing to escape
    ids += '"';
  }
  for (auto& [lease, ids] : delivered_ids) ids += ']';
  // The backoff is drawn before the transaction: the work below may run twice (group commit).
  std::vector<std::int64_t> retry_at(outcomes.size(), 0);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const auto& o = outcomes[i];
    if (o.ok) continue;
    retry_at[i] = o.error == kStoppedError ? now
                                           : now + backoff_delay(o.delivery.attempts, random_unit(),
                                                                 options_.backoff_scale);
  }
  const bool pg = db_.dialect() == db::Dialect::Postgres;

  std::vector<Claimed> claimed;
  std::int64_t delivered = 0;
  std::vector<std::size_t> parked;
  db_.write([&](db::Connection& c) {
    claimed.clear();
    delivered = 0;
    parked.clear();
    for (const auto& [lease, ids] : delivered_ids) {
      delivered += c.execute(pg ? kDeliveredPg : kDeliveredSqlite, {now, lease, ids});
    }
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const auto& o = outcomes[i];
      if (o.ok) continue;
      const auto& d = o.delivery;
      auto error = o.error.substr(0, 500);
      if (o.error != kStoppedError && now - d.created_at >= park_after) {
        if (c.execute(kPark, {d.id, d.lease_end, error}) > 0) parked.push_back(i);
      } else {
        c.execute(kRetry, {d.id, retry_at[i], d.lease_end, error});
      }
    }
    if (want == 0) return;
    auto rows =
        c.query(pg ? kClaimPg : kClaimSqlite, {now, lease_end, static_cast<std::int64_t>(want)});
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& row = rows[i];
      Claimed d;
      d.id = row.text(0);
      d.subscription = row.text(1);
      d.callback_url = row.text(2);
      d.auth_sealed = row.optional_text(3).value_or("");
      d.secret_sealed = row.optional_text(4).value_or("");
      d.message_id = row.text(5);
      d.body = row.text(6);
      d.attempts = row.integer(7);  // already counting this one
      d.created_at = row.integer(8);
      d.lease_end = lease_end;
      claimed.push_back(std::move(d));
    }
  });
  g_delivered += delivered;
  log::debug("webhook exchange", {{"outcomes", static_cast<std::int64_t>(outcomes.size())},
                                  {"claimed", static_cast<std::int64_t>(claimed.size())},
                                  {"ms", wall_ms() - now}});
  for (auto i : parked) {
    const auto& o = outcomes[i];
    // The host only: a callback URL's path or query may carry a token.
    log::warn(
        "webhook delivery parked after retrying; `loket notifications retry-parked` "
        "sends it again",
        {{"delivery", o.delivery.id},
         {"message", o.delivery.message_id},
         {"subscription", o.delivery.subscription},
         {"host", host_port_of(o.delivery.callback_url)},
         {"attempts", o.delivery.attempts},
         {"error", o.error}});
  }
  outcomes.clear();
  return claimed;
}

// Each lane is two threads, so that sending never waits for the database: the sender keeps up
// to its share of --notify-concurrency requests in flight, started from deliveries the store
// thread claimed ahead (one statement, up to a second round's worth); the store thread writes
// the outcomes in batches, together with the next claim (one transaction for both). So the
// database sees a few transactions per hundred deliveries, and their commits overlap the posts.
void WebhookWorker::send_loop(Lane& lane) {
  std::optional<Sender> sender;
  try {
    sender.emplace(keys_, options_, slots_per_thread());
  } catch (const std::exception& e) {
    log::error("webhook worker: cannot start", {{"error", e.what()}});
  }
  {
    std::lock_guard lock(lane.mutex);
    lane.sender = sender ? &*sender : nullptr;
    lane.sender_done = !sender;
    lane.store_wake.notify_all();
  }
  if (!sender) return;
  std::int64_t stop_deadline = 0;
  std::vector<Claimed> starting;
  for (;;) {
    bool stop = stopping_;
    auto now = wall_ms();
    if (stop && stop_deadline == 0) stop_deadline = now + kStopGraceMs;
    if (stop && now >= stop_deadline) sender->abort_all(kStoppedError);
    bool finished = false;
    {
      std::lock_guard lock(lane.mutex);
      if (!sender->done.empty()) {
        if (lane.finished.empty()) lane.oldest_finished = now;
        for (auto& o : sender->done) lane.finished.push_back(std::move(o));
        sender->done.clear();
        lane.store_wake.notify_all();
      }
      if (stop) {
        // Not started: due again at once, for this or another worker.
        for (auto& d : lane.ready)
          lane.finished.push_back({std::move(d), false, std::string(kStoppedError)});
        lane.ready.clear();
      }
      while (!lane.ready.empty() && starting.size() < sender->free_slots()) {
        starting.push_back(std::move(lane.ready.front()));
        lane.ready.pop_front();
      }
      lane.in_flight = sender->in_flight() + starting.size();
      if (stop && lane.in_flight == 0) {
        lane.sender = nullptr;
        lane.sender_done = true;
        lane.store_wake.notify_all();
        finished = true;
      }
    }
    if (finished) return;
    for (auto& d : starting) sender->start(std::move(d));
    starting.clear();
    if (!sender->done.empty()) continue;  // refused before sending: hand them on
    if (sender->in_flight() == 0) {
      std::unique_lock lock(lane.mutex);
      lane.sender_wake.wait_for(lock, std::chrono::milliseconds(100),
                                [&] { return stopping_ || !lane.ready.empty(); });
      continue;
    }
    sender->pump(stop ? 20 : 100);
  }
}

void WebhookWorker::store_loop(Lane& lane) {
  const auto slots = slots_per_thread();
  const auto target = 2 * slots;  // claimed at a time: in flight, and as many ready
  const auto claim_at = std::max<std::size_t>(1, slots / 2);
  const auto batch = static_cast<std::size_t>(std::max<std::int64_t>(1, options_.batch));
  const auto flush_ms = options_.flush.count();
  const auto poll_ms = options_.poll.count();
  std::int64_t next_claim = 0;  // after the queue ran dry: when to look again
  std::int64_t db_retry = 0;    // after a database error: when to try again
  std::int64_t purged_at = 0;
  std::vector<Outcome> outcomes;
  for (;;) {
    std::size_t want = 0;
    {
      std::unique_lock lock(lane.mutex);
      for (;;) {
        auto now = wall_ms();
        bool stop = stopping_;
        if (lane.sender_done && lane.finished.empty()) return;  // all written
        bool db_ok = now >= db_retry;
        auto held = lane.ready.size() + lane.in_flight;
        bool room = !stop && !lane.sender_done && held + claim_at <= target;
        bool claim = room && db_ok && now >= next_claim;
        bool flush = db_ok && !lane.finished.empty() &&
                     (claim || stop || lane.in_flight == 0 || lane.finished.size() >= batch ||
                      now - lane.oldest_finished >= flush_ms);
        if (claim || flush) {
          want = claim ? std::min(target - held, batch) : 0;
          outcomes.swap(lane.finished);
          break;
        }
        auto until = now + 1000;
        if (!lane.finished.empty()) {
          until = std::min(until, std::max(lane.oldest_finished + flush_ms, db_retry));
        }
        if (room) until = std::min(until, std::max(next_claim, db_retry));
        lane.store_wake.wait_for(lock,
                                 std::chrono::milliseconds(std::max<std::int64_t>(1, until - now)));
      }
    }
    auto now = wall_ms();
    try {
      auto claimed = exchange(outcomes, want);
      if (want > 0 && claimed.size() < want) next_claim = now + poll_ms;
      std::lock_guard lock(lane.mutex);
      if (lane.sender_done || stopping_) {
        // Claimed while the sender stopped: due again at once.
        if (!claimed.empty() && lane.finished.empty()) lane.oldest_finished = now;
        for (auto& d : claimed) {
          lane.finished.push_back({std::move(d), false, std::string(kStoppedError)});
        }
      } else if (!claimed.empty()) {
        for (auto& d : claimed) lane.ready.push_back(std::move(d));
        lane.sender_wake.notify_all();
        if (lane.sender) lane.sender->wakeup();
      }
    } catch (const std::exception& e) {
      // The outcomes go back and are written at the next try; a claimed row whose lease runs out
      // meanwhile is another worker's, and its outcome is then left alone.
      log::error("webhook worker: database error; trying again", {{"error", e.what()}});
      db_retry = now + poll_ms;
      std::lock_guard lock(lane.mutex);
      if (lane.finished.empty()) lane.oldest_finished = now;
      for (auto& o : outcomes) lane.finished.push_back(std::move(o));
      outcomes.clear();
      if (stopping_ && lane.sender_done) return;  // the rows are posted again after their lease
    }
    if (now - purged_at > kPurgeEveryMs) {
      purged_at = now;
      try {
        db_.write([&](db::Connection& c) { c.execute(kPurge, {now - kKeepDeliveredMs}); });
      } catch (const std::exception& e) {
        log::error("webhook worker: purging delivered rows failed", {{"error", e.what()}});
      }
    }
  }
}

std::int64_t WebhookWorker::run_once() {
  Sender sender(keys_, options_,
                static_cast<std::size_t>(std::max<std::int64_t>(1, options_.batch)));
  std::vector<Outcome> none;
  auto claimed = exchange(none, sender.free_slots());
  auto n = static_cast<std::int64_t>(claimed.size());
  for (auto& d : claimed) sender.start(std::move(d));
  while (sender.in_flight() > 0) sender.pump(100);
  if (!sender.done.empty()) exchange(sender.done, 0);
  return n;
}

}  // namespace loket::notify
