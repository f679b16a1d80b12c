// Webhook deliveries: the queue's SQL, the SSRF and backoff rules, and the worker that posts with
// libcurl. A batch is claimed under a lease (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's one
// writer gives the same), posted outside any transaction, and its outcomes written in one
// transaction, so a slow subscriber never holds a database lock.
#include "notify/webhook.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
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
constexpr std::string_view kDue =
    "SELECT id, subscription, callback_url, auth_sealed, secret_sealed, message_id, body,"
    " attempts, created_at FROM webhook_deliveries"
    " WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2";
constexpr std::string_view kLockSuffix = " FOR UPDATE SKIP LOCKED";
constexpr std::string_view kLease =
    "UPDATE webhook_deliveries SET next_attempt_at = $2, attempts = attempts + 1 WHERE id = $1";
// Each outcome only while our lease holds (the lease end is the token): a row another worker
// took over after our lease ran out is left to it.
constexpr std::string_view kDelivered =
    "UPDATE webhook_deliveries SET state = 'delivered', delivered_at = $2, last_error = NULL"
    " WHERE id = $1 AND state = 'pending' AND next_attempt_at = $3";
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
};

WebhookWorker::WebhookWorker(db::Database& db, const privacy::KeyRing& keys, WebhookOptions options)
    : db_(db), keys_(keys), options_(std::move(options)) {}

WebhookWorker::~WebhookWorker() { stop(); }

void WebhookWorker::start() {
  for (int i = 0; i < std::max(1, options_.threads); ++i) {
    threads_.emplace_back([this] { loop(); });
  }
}

void WebhookWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void WebhookWorker::loop() {
  std::int64_t purged_at = 0;
  for (;;) {
    std::int64_t claimed = 0;
    try {
      claimed = run_once();
      if (auto now = wall_ms(); now - purged_at > 600'000) {
        purged_at = now;
        db_.write([&](db::Connection& c) { c.execute(kPurge, {now - kKeepDeliveredMs}); });
      }
    } catch (const std::exception& e) {
      log::error("webhook worker: database error; trying again", {{"error", e.what()}});
    }
    std::unique_lock lock(mutex_);
    auto wait = claimed >= options_.batch ? std::chrono::milliseconds(0) : options_.poll;
    if (wake_.wait_for(lock, wait, [this] { return stopping_; })) return;
  }
}

std::int64_t WebhookWorker::run_once() {
  auto now = wall_ms();
  // The lease covers the batch, posted at once: a connect and a whole request at most.
  auto lease_end = now + 30'000 + options_.timeout_ms + options_.connect_timeout_ms;
  std::vector<Claimed> batch;
  db_.write([&](db::Connection& c) {
    batch.clear();
    std::string sql(kDue);
    if (db_.dialect() == db::Dialect::Postgres) sql += kLockSuffix;
    auto rows = c.query(sql, {now, options_.batch});
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
      d.attempts = row.integer(7) + 1;
      d.created_at = row.integer(8);
      c.execute(kLease, {d.id, lease_end});
      batch.push_back(std::move(d));
    }
  });
  if (batch.empty()) return 0;

  // The whole batch is posted at once (curl multi: keep-alive connections shared, at most
  // kPerHost at a time to one subscriber), so one slow subscriber costs a batch one timeout.
  struct MultiDeleter {
    void operator()(CURLM* m) const { curl_multi_cleanup(m); }
  };
  thread_local std::unique_ptr<CURLM, MultiDeleter> multi = [] {
    std::unique_ptr<CURLM, MultiDeleter> m(curl_multi_init());
    curl_multi_setopt(m.get(), CURLMOPT_MAX_HOST_CONNECTIONS, 8L);
    curl_multi_setopt(m.get(), CURLMOPT_MAXCONNECTS, 128L);
    return m;
  }();
  thread_local std::vector<std::unique_ptr<CURL, CurlDeleter>> handles;
  while (handles.size() < batch.size()) handles.emplace_back(curl_easy_init());
  struct Outcome {
    bool ok = false;
    std::string error;
  };
  struct Request {
    Gate gate;
    Sink sink;
    std::unique_ptr<curl_slist, ListDeleter> headers;
  };
  std::vector<Outcome> outcomes(batch.size());
  std::vector<Request> requests(batch.size());
  std::size_t running_total = 0;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto& d = batch[i];
    auto& out = outcomes[i];
    auto& rq = requests[i];
    if (check_callback_url(d.callback_url)) {
      out.error = "callback URL refused";
      continue;
    }
    std::string auth, key;
    if (!d.auth_sealed.empty()) {
      auto a = open_secret(keys_, d.subscription, "auth", d.auth_sealed);
      if (!a) {
        out.error = "cannot decrypt the subscription's auth";
        continue;
      }
      auth = std::move(*a);
    }
    if (!d.secret_sealed.empty()) {
      auto sec = open_secret(keys_, d.subscription, "secret", d.secret_sealed);
      if (!sec) {
        out.error = "cannot decrypt the subscription's secret";
        continue;
      }
      key = std::move(*sec);
    } else {
      key = auth;
    }
    rq.gate.allow_any = options_.allow_private;
    if (!rq.gate.allow_any) {
      auto hp = host_port_of(d.callback_url);
      auto host = hp.substr(
          0, hp.rfind(':') == std::string::npos || hp.ends_with(']') ? hp.size() : hp.rfind(':'));
      for (const auto& allowed : options_.allow_hosts) {
        if (lower(allowed) == hp || lower(allowed) == host) rq.gate.allow_any = true;
      }
    }
    CURL* h = handles[i].get();
    curl_easy_reset(h);
    auto add = [&](const std::string& line) {
      rq.headers.reset(curl_slist_append(rq.headers.release(), line.c_str()));
    };
    add("Content-Type: application/json");
    add("Expect:");
    if (!auth.empty()) add("Authorization: " + auth);
    add(std::string(kMessageIdHeader) + ": " + d.message_id);
    add(std::string(kSignatureHeader) + ": " + signature(key, d.body));
    rq.sink = Sink{0, static_cast<std::size_t>(options_.max_response)};
    curl_easy_setopt(h, CURLOPT_URL, d.callback_url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, d.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(d.body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, rq.headers.get());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &rq.sink);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &rq.gate);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Loket-Notificaties/1.0");
    curl_easy_setopt(h, CURLOPT_PRIVATE, reinterpret_cast<char*>(i));
    curl_multi_add_handle(multi.get(), h);
    ++running_total;
  }
  int running = 0;
  while (running_total > 0) {
    curl_multi_perform(multi.get(), &running);
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi.get(), &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      char* priv = nullptr;
      curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
      auto i = reinterpret_cast<std::size_t>(priv);
      auto rc = m->data.result;
      auto& out = outcomes[i];
      if (requests[i].gate.refused) {
        out.error = "callback address refused: loopback, private, link-local or multicast";
      } else if (rc == CURLE_WRITE_ERROR) {
        out.error = "answer larger than the limit";
      } else if (rc != CURLE_OK) {
        out.error = curl_easy_strerror(rc);
      } else {
        long status = 0;
        curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &status);
        out.ok = status >= 200 && status < 300;
        if (!out.ok) out.error = "HTTP " + std::to_string(status);
      }
      curl_multi_remove_handle(multi.get(), m->easy_handle);
      --running_total;
    }
    if (running_total > 0) curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
  }

  auto done = wall_ms();
  std::int64_t delivered = 0;
  std::vector<std::size_t> parked;
  db_.write([&](db::Connection& c) {
    delivered = 0;
    parked.clear();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const auto& d = batch[i];
      if (outcomes[i].ok) {
        delivered += c.execute(kDelivered, {d.id, done, lease_end});
      } else if (done - d.created_at >=
                 static_cast<std::int64_t>(static_cast<double>(options_.park_after_ms) *
                                           options_.backoff_scale)) {
        if (c.execute(kPark, {d.id, lease_end, outcomes[i].error.substr(0, 500)}) > 0) {
          parked.push_back(i);
        }
      } else {
        c.execute(kRetry,
                  {d.id, done + backoff_delay(d.attempts, random_unit(), options_.backoff_scale),
                   lease_end, outcomes[i].error.substr(0, 500)});
      }
    }
  });
  g_delivered += delivered;
  for (auto i : parked) {
    // The host only: a callback URL's path or query may carry a token.
    log::warn(
        "webhook delivery parked after retrying; `loket notifications retry-parked` "
        "sends it again",
        {{"delivery", batch[i].id},
         {"message", batch[i].message_id},
         {"subscription", batch[i].subscription},
         {"host", host_port_of(batch[i].callback_url)},
         {"attempts", batch[i].attempts},
         {"error", outcomes[i].error}});
  }
  return static_cast<std::int64_t>(batch.size());
}

}  // namespace loket::notify
