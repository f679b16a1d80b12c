// Boost.Beast server with C++20 coroutines: sockets, deadlines and connection limits; the
// request itself is read and checked by RequestParser.
#include "http/server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <list>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "common/log.hpp"
#include "http/error.hpp"
#include "http/request_parser.hpp"
#include "http/spool.hpp"

namespace loket::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kBodyRead = 64 * 1024;  // bytes asked for per read of a body

namespace {

using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;
using Clock = std::chrono::steady_clock;

// A connection as the shutdown logic sees it: idle ones are closed, busy ones finish.
struct Connection {
  beast::tcp_stream* stream;
  bool idle = true;
};

// An address to listen on and what answers there.
struct Listener {
  std::string host;
  std::uint16_t port = 0;
  Pipeline* pipeline = nullptr;
  std::uint16_t bound = 0;
};

// State owned by one io_context and touched only from its thread. The connections are declared
// before the context: a session still suspended when the context is destroyed (after the
// shutdown deadline) is destroyed with it, and its clean-up erases it from the list.
struct Loop {
  std::list<Connection> connections;
  asio::io_context context{1};
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;  // one per listener
  std::thread thread;
};

// Whom a connection counts against: the IPv4 address, or an IPv6 client's /64 (one subscriber
// gets a whole /64, so single IPv6 addresses cost an attacker nothing).
std::string client_key(const asio::ip::address& address) {
  if (address.is_v6()) {
    auto v6 = address.to_v6();
    if (v6.is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, v6).to_string();
    auto bytes = v6.to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return asio::ip::address_v6(bytes).to_string() + "/64";
  }
  return address.to_string();
}

// Open connections per client, shared by every loop.
class ClientSlots {
 public:
  explicit ClientSlots(std::size_t limit) : limit_(limit) {}

  bool acquire(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto& n = counts_[key];
    if (n >= limit_) return false;
    ++n;
    return true;
  }

  void release(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = counts_.find(key);
    if (it != counts_.end() && --it->second == 0) counts_.erase(it);
  }

 private:
  std::size_t limit_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> counts_;
};

// Bytes of request bodies in memory, over all connections.
class BodyBudget {
 public:
  explicit BodyBudget(std::size_t limit) : limit_(limit) {}

  bool reserve(std::size_t n) {
    auto used = used_.load();
    do {
      if (n > limit_ - used) return false;
    } while (!used_.compare_exchange_weak(used, used + n));
    return true;
  }

  void release(std::size_t n) { used_.fetch_sub(n); }

 private:
  std::size_t limit_;
  std::atomic<std::size_t> used_{0};
};

// The share of the body budget one request holds; given back when the request is done.
class BodyReservation {
 public:
  explicit BodyReservation(BodyBudget& budget) : budget_(budget) {}
  ~BodyReservation() { budget_.release(held_); }
  BodyReservation(const BodyReservation&) = delete;
  BodyReservation& operator=(const BodyReservation&) = delete;

  // Makes the reservation at least n bytes; false when the budget has no room for it.
  bool cover(std::size_t n) {
    if (n <= held_) return true;
    if (!budget_.reserve(n - held_)) return false;
    held_ = n;
    return true;
  }

  void release() {
    budget_.release(held_);
    held_ = 0;
  }

 private:
  BodyBudget& budget_;
  std::size_t held_ = 0;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::vector<Listener> listeners;
  // Before the loops, so that they outlive the sessions destroyed with the loops' contexts,
  // which give their slots and budget back.
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> open_connections{0};
  ClientSlots client_slots;
  BodyBudget body_budget;
  std::vector<std::unique_ptr<Loop>> loops;
  asio::thread_pool workers;
  std::unique_ptr<asio::signal_set> signals;

  std::mutex deadline_mutex;
  std::condition_variable deadline_cv;
  bool finished = false;

  Impl(ServerOptions o, Pipeline& p)
      : options(std::move(o)),
        client_slots(options.max_connections_per_address),
        body_budget(options.body_budget),
        workers(options.workers == 0 ? 1 : options.workers) {
    listeners.push_back(Listener{options.host, options.port, &p});
    unsigned n = options.io_threads ? options.io_threads : std::thread::hardware_concurrency();
    for (unsigned i = 0; i < std::max(1u, n); ++i) loops.push_back(std::make_unique<Loop>());
  }

  // A problem+json answer the server gives on its own (malformed, too large, too slow, busy).
  static bhttp::response<bhttp::string_body> server_problem(const Error& error) {
    auto p = problem_response(error, "");
    add_security_headers(p.headers, true);
    p.headers.set("traceparent", "00-" + new_trace_id() + "-" + new_span_id() + "-01");
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(error.status()), 11};
    for (const auto& [name, value] : p.headers.all()) res.insert(name, value);
    res.keep_alive(false);
    res.body() = std::move(p.body);
    res.prepare_payload();
    return res;
  }

  // A response as Beast writes it; for HEAD the length of the body it leaves out.
  static bhttp::response<bhttp::string_body> to_beast(Response response, unsigned version,
                                                      bool keep_alive, bool head) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
    for (const auto& [name, value] : response.headers.all()) out.insert(name, value);
    out.keep_alive(keep_alive);
    if (head) {
      out.content_length(response.body.size());
    } else {
      out.body() = std::move(response.body).into_string();
      out.prepare_payload();
    }
    return out;
  }

  // Writes an answer. A mapped file (a document's content) goes out from its mapping, which the
  // answer keeps until the write is done; anything else as a string.
  awaitable<boost::system::error_code> write(beast::tcp_stream& stream, Response response,
                                             unsigned version, bool keep_alive, bool head) const {
    if (head || !response.body.borrowed()) {
      auto out = to_beast(std::move(response), version, keep_alive, head);
      co_return co_await send(stream, out);
    }
    bhttp::response<bhttp::span_body<const char>> out{static_cast<bhttp::status>(response.status),
                                                      version};
    for (const auto& [name, value] : response.headers.all()) out.insert(name, value);
    out.keep_alive(keep_alive);
    auto bytes = response.body.view();
    out.body() = {bytes.data(), bytes.size()};
    out.prepare_payload();
    co_return co_await send(stream, out);
  }

  // Sends a message within --write-timeout, except that a large one the client keeps reading
  // may take longer: every min_body_rate bytes sent add a second (a document downloaded over a
  // slow phone connection), while a client that stops reading is still cut off.
  template <class BodyType>
  awaitable<boost::system::error_code> send(beast::tcp_stream& stream,
                                            bhttp::response<BodyType>& message) const {
    bhttp::response_serializer<BodyType> serializer(message);
    auto until = Clock::now() + options.write_timeout;
    std::uint64_t sent = 0;
    while (!serializer.is_done()) {
      stream.expires_at(until + earned_time(sent));
      auto [ec, n] = co_await bhttp::async_write_some(stream, serializer, kTuple);
      if (ec) co_return ec;
      sent += n;
    }
    co_return boost::system::error_code{};
  }

  awaitable<void> reject(beast::tcp_stream& stream, const Error& error) {
    auto res = server_problem(error);
    stream.expires_after(std::chrono::seconds(2));
    co_await bhttp::async_write(stream, res, kTuple);
  }

  awaitable<void> reject(beast::tcp_stream& stream, int status, std::string code,
                         const std::string& detail) {
    co_await reject(stream, Error(status, std::move(code), detail));
  }

  awaitable<void> session(tcp::socket socket, Loop& loop, Pipeline& pipeline, std::string client) {
    open_connections.fetch_add(1);
    auto accepted = Clock::now();
    std::string remote;
    boost::system::error_code ec;
    auto ep = socket.remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    auto self = loop.connections.insert(loop.connections.end(), Connection{&stream});
    // Gives the connection's slots back however the session ends, an exception included.
    struct Leave {
      Impl& impl;
      Loop& loop;
      std::list<Connection>::iterator self;
      const std::string& client;
      ~Leave() {
        loop.connections.erase(self);
        impl.client_slots.release(client);
        impl.open_connections.fetch_sub(1);
      }
    } leave{*this, loop, self, client};
    beast::flat_buffer buffer;
    struct DeadlineState {
      bool fired = false;
      bool alive = true;
    };
    auto deadline_state = std::make_shared<DeadlineState>();
    asio::steady_timer deadline(stream.get_executor());
    // The deadline cancels the read but keeps the socket open, so that the client still hears
    // 408; Beast's own timeout (which closes the socket) is only the backstop.
    auto arm = [&](Clock::time_point at) {
      stream.expires_at(at + std::chrono::seconds(5));
      deadline_state->fired = false;
      deadline.expires_at(at);
      deadline.async_wait([state = deadline_state, &stream](boost::system::error_code dec) {
        if (dec || !state->alive) return;
        state->fired = true;
        boost::system::error_code ignored;
        stream.socket().cancel(ignored);
      });
    };
    const ParserOptions limits{options.header_limit, options.body_limit, &pipeline.router(),
                               pipeline.router().largest_body_limit()};

    for (bool first = true;; first = false) {
      // Wait for the first byte of the next request; until then the connection is idle. A new
      // connection that says nothing gets only the head timeout, not the keep-alive one.
      if (buffer.size() == 0) {
        buffer.shrink_to_fit();  // an idle connection keeps no 64 KiB body buffer
        self->idle = true;
        if (stopping) break;
        if (first) {
          stream.expires_at(accepted + options.head_timeout);
        } else {
          stream.expires_after(options.idle_timeout);
        }
        auto [rec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
        if (rec) break;
        buffer.commit(n);
      }
      self->idle = false;

      auto began = Clock::now();
      auto request_deadline = began + options.request_timeout;
      arm(std::min(request_deadline, (first ? accepted : began) + options.head_timeout));
      RequestParser parser(limits);
      BodyReservation reservation(body_budget);
      std::optional<Spool> spool;  // a large upload's body, written as it arrives
      std::optional<Body> spooled;
      std::optional<Error> refusal;
      bool head_seen = false;
      bool complete = false;
      auto armed_until = request_deadline;
      for (;;) {
        auto data = buffer.data();
        auto n = parser.feed(std::string_view(static_cast<const char*>(data.data()), data.size()));
        buffer.consume(n);
        auto state = parser.state();
        if (state == RequestParser::State::Refused) {
          const auto& r = parser.refusal();
          refusal.emplace(r.status, r.code, r.detail, r.invalid_params);
          break;
        }
        if (state != RequestParser::State::Head && !head_seen) {
          head_seen = true;
          arm(request_deadline);
          armed_until = request_deadline;
          if (state == RequestParser::State::Body && spools(parser)) {
            spool = Spool::open(options.spool_dir);
            if (!spool) {
              common::log::error("cannot make a spool file", {{"dir", options.spool_dir}});
              refusal.emplace(busy_bodies());
              break;
            }
            parser.divert_body(
                [&file = *spool](std::string_view bytes) { return file.write(bytes); });
          } else if (!reservation.cover(parser.content_length().value_or(0))) {
            refusal.emplace(busy_bodies());
            break;
          }
          if (state == RequestParser::State::Body && parser.expects_continue()) {
            bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
            co_await bhttp::async_write(stream, cont, kTuple);
          }
        }
        // A chunked body has no length up front: it takes budget as it grows, in steps.
        if (parser.chunked() && head_seen && !spool) {
          constexpr std::size_t kStep = 64 * 1024;
          auto want = std::min(parser.body_limit(), (parser.body_size() / kStep + 1) * kStep);
          if (!reservation.cover(want)) {
            refusal.emplace(busy_bodies());
            break;
          }
        }
        if (state == RequestParser::State::Done) {
          if (spool) {
            spooled = std::move(*spool).body();
            if (!spooled) {
              common::log::error("cannot map a spool file", {{"bytes", parser.body_size()}});
              refusal.emplace(busy_bodies());
              break;
            }
          }
          complete = true;
          break;
        }
        if (n > 0 && buffer.size() > 0) continue;
        // Beast limits the head but not a chunk header's extensions: bound what waits here too.
        if (buffer.size() > options.header_limit + 65536) {
          refusal.emplace(400, "invalid-request", "A chunk header is too long.");
          break;
        }
        // The head in small reads (most requests are small); a body in 64 KiB ones, so that a
        // megabyte upload takes some twenty reads and parser calls instead of some three hundred.
        auto want = std::size_t{4096};
        if (head_seen && !parser.content_length()) {
          want = kBodyRead;  // chunked
        } else if (head_seen) {
          auto length = *parser.content_length();
          auto left = length > parser.body_size() ? length - parser.body_size() : 0;
          want = static_cast<std::size_t>(std::clamp<std::uint64_t>(left, 4096, kBodyRead));
        }
        auto [rec, rn] = co_await stream.async_read_some(buffer.prepare(want), kTuple);
        if (rec) {
          if (deadline_state->fired) {
            refusal.emplace(408, "request-timeout",
                            "The request did not arrive in time. Send it again at once.");
          }
          break;
        }
        buffer.commit(rn);
        // A body that keeps arriving earns time past the request timeout (re-armed in steps of
        // a second, not on every read).
        if (head_seen && options.min_body_rate > 0) {
          auto earned = request_deadline + earned_time(parser.body_size());
          if (earned - armed_until >= std::chrono::seconds(1)) {
            arm(earned);
            armed_until = earned;
          }
        }
      }
      deadline_state->fired = false;
      deadline.cancel();
      if (!complete) {
        // After a refusal the rest of the bytes cannot be trusted to start a request: close.
        if (refusal) {
          if (parser.head_read() && refusal->status() == 413) {
            // A body over its limit, of a request whose head was read: a browser that posted a
            // form gets the site's error page (rendered like any answer, off this thread).
            Request head_only = parser.head();
            head_only.remote_address = remote;
            auto answer = co_await asio::co_spawn(
                workers,
                [&]() -> awaitable<Response> { co_return pipeline.refusal(head_only, *refusal); },
                use_awaitable);
            auto out = to_beast(std::move(answer), parser.version(), false, false);
            stream.expires_after(std::chrono::seconds(2));
            co_await bhttp::async_write(stream, out, kTuple);
            // The client is likely still sending the body: read it away (within bounds), so
            // that closing does not reset the connection before the page is read.
            co_await linger(stream, 8 * 1024 * 1024, std::chrono::seconds(5));
          } else {
            co_await reject(stream, *refusal);
            co_await linger(stream);
          }
        }
        break;
      }

      bool keep_alive = parser.keep_alive();
      auto version = parser.version();
      Request request = parser.take();
      if (spooled) request.body = std::move(*spooled);
      spooled.reset();
      spool.reset();
      bool head = request.method == Method::Head;
      request.remote_address = remote;

      Response response;
      if (options.workers == 0) {
        response =
            pipeline.handle(request);  // inline: no hand-off, but a slow handler stalls this thread
      } else {
        response = co_await asio::co_spawn(
            workers, [&]() -> awaitable<Response> { co_return pipeline.handle(request); },
            use_awaitable);
      }
      // The body is read and handled: its memory and its share of the budget go back now, not
      // after the (possibly slow) write.
      request.body.clear();
      reservation.release();

      keep_alive = keep_alive && !stopping;
      auto wec = co_await write(stream, std::move(response), version, keep_alive, head);
      if (wec || !keep_alive) break;
    }

    deadline_state->alive = false;
    deadline.cancel();
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.close();
  }

  // The client may still be sending (the rest of a body, a pipelined request); closing with
  // unread bytes makes the kernel answer RST, which can destroy our answer before the client
  // has read it. So stop sending, and read and discard for a moment (as nginx's lingering_close).
  awaitable<void> linger(beast::tcp_stream& stream, std::size_t most = 64 * 1024,
                         std::chrono::seconds wait = std::chrono::seconds(1)) {
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(wait);
    std::array<char, 4096> sink;
    for (std::size_t total = 0; total < most;) {
      auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
      if (rec) break;
      total += n;
    }
  }

  // The time `bytes` of a body sent or received earn past the timeout: a second for every
  // min_body_rate bytes, at most a day (so that no setting overflows the clock).
  std::chrono::milliseconds earned_time(std::uint64_t bytes) const {
    auto rate = std::max<std::uint64_t>(options.min_body_rate, 1);
    constexpr std::uint64_t kDay = 86'400'000;
    return std::chrono::milliseconds(static_cast<std::int64_t>(
        std::min(bytes / rate * 1000 + bytes % rate * 1000 / rate, kDay)));
  }

  // Whether a body goes to a spool file instead of memory: one larger than spool_above, or of
  // unknown length to a route whose limit is larger than that (an upload sent chunked).
  bool spools(const RequestParser& parser) const {
    if (options.spool_dir.empty()) return false;
    if (auto length = parser.content_length()) return *length > options.spool_above;
    return parser.chunked() && parser.body_limit() > options.spool_above;
  }

  static Error busy_bodies() {
    ServiceUnavailable e(
        "The server is receiving too many request bodies at once. Send the request again in a "
        "moment.");
    e.headers().set("retry-after", "1");
    return e;
  }

  awaitable<void> accept_loop(Loop& loop, std::size_t index) {
    auto& acceptor = *loop.acceptors[index];
    Pipeline& pipeline = *listeners[index].pipeline;
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(kTuple);
      if (stopping || ec == asio::error::operation_aborted) co_return;
      if (ec) {
        // Out of file descriptors and the like: back off briefly instead of spinning.
        common::log::warn("accept failed", {{"error", ec.message()}});
        asio::steady_timer t(loop.context, std::chrono::milliseconds(50));
        co_await t.async_wait(kTuple);
        continue;
      }
      if (open_connections.load() >= options.max_connections) {
        asio::co_spawn(
            loop.context,
            busy(std::move(socket), "The server has too many connections. Try again in a moment."),
            asio::detached);
        continue;
      }
      auto peer = socket.remote_endpoint(ec);
      if (ec) continue;  // already gone
      auto client = client_key(peer.address());
      if (!client_slots.acquire(client)) {
        asio::co_spawn(loop.context,
                       busy(std::move(socket),
                            "Too many connections from your address. Close some, or try again "
                            "in a moment."),
                       asio::detached);
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(loop.context, session(std::move(socket), loop, pipeline, std::move(client)),
                     [](const std::exception_ptr& e) {
                       if (!e) return;
                       try {
                         std::rethrow_exception(e);
                       } catch (const std::exception& ex) {
                         common::log::error("connection failed", {{"error", ex.what()}});
                       }
                     });
    }
  }

  awaitable<void> busy(tcp::socket socket, std::string detail) {
    beast::tcp_stream stream(std::move(socket));
    ServiceUnavailable error(detail);
    error.headers().set("retry-after", "1");
    co_await reject(stream, error);
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    common::log::info("shutting down", {{"deadline_ms", options.shutdown_timeout.count()}});
    for (auto& loop : loops) {
      asio::post(loop->context, [l = loop.get()] {
        boost::system::error_code ec;
        for (auto& a : l->acceptors) a->close(ec);
        for (auto& c : l->connections) {
          if (c.idle) c.stream->socket().close(ec);
        }
      });
    }
    if (signals) asio::post(loops[0]->context, [this] { signals->cancel(); });
    { std::lock_guard lock(deadline_mutex); }
    deadline_cv.notify_all();
  }
};

Server::Server(ServerOptions options, Pipeline& pipeline)
    : impl_(std::make_unique<Impl>(std::move(options), pipeline)) {}

Server::~Server() = default;

std::size_t Server::add_listener(std::string host, std::uint16_t port, Pipeline& pipeline) {
  impl_->listeners.push_back(Listener{std::move(host), port, &pipeline});
  return impl_->listeners.size() - 1;
}

void Server::listen() {
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->loops[0]->context);
  for (auto& l : impl_->listeners) {
    auto results = resolver.resolve(l.host, std::to_string(l.port), ec);
    if (ec || results.empty()) {
      throw std::runtime_error("cannot resolve listen address " + l.host + ": " + ec.message());
    }
    auto endpoint = results.begin()->endpoint();
    for (auto& loop : impl_->loops) {
      auto acceptor = std::make_unique<tcp::acceptor>(loop->context);
      acceptor->open(endpoint.protocol(), ec);
      if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
      if (!ec) acceptor->set_option(ReusePort(true), ec);
      if (!ec) acceptor->bind(endpoint, ec);
      if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
      if (ec) {
        throw std::runtime_error("cannot listen on " + l.host + ":" +
                                 std::to_string(endpoint.port()) + ": " + ec.message());
      }
      // With port 0 the first acceptor picks a port; the others join it.
      endpoint.port(acceptor->local_endpoint().port());
      loop->acceptors.push_back(std::move(acceptor));
    }
    l.bound = endpoint.port();
  }
}

std::uint16_t Server::port(std::size_t listener) const {
  return listener < impl_->listeners.size() ? impl_->listeners[listener].bound : 0;
}

void Server::stop() { impl_->begin_shutdown(); }

void Server::run() {
  auto& impl = *impl_;
  impl.signals = std::make_unique<asio::signal_set>(impl.loops[0]->context, SIGINT, SIGTERM);
  impl.signals->async_wait([&impl](boost::system::error_code ec, int) {
    if (!ec) impl.begin_shutdown();
  });
  for (auto& loop : impl.loops) {
    for (std::size_t i = 0; i < loop->acceptors.size(); ++i) {
      asio::co_spawn(loop->context, impl.accept_loop(*loop, i), asio::detached);
    }
  }

  // The shutdown deadline: once stopping, give in-flight work at most shutdown_timeout.
  std::thread deadline([&impl] {
    std::unique_lock lock(impl.deadline_mutex);
    impl.deadline_cv.wait(lock, [&] { return impl.finished || impl.stopping.load(); });
    if (impl.finished) return;
    if (!impl.deadline_cv.wait_for(lock, impl.options.shutdown_timeout,
                                   [&] { return impl.finished; })) {
      common::log::warn("shutdown deadline reached; closing remaining connections");
      for (auto& loop : impl.loops) loop->context.stop();
    }
  });
  for (std::size_t i = 1; i < impl.loops.size(); ++i) {
    impl.loops[i]->thread = std::thread([l = impl.loops[i].get()] { l->context.run(); });
  }
  impl.loops[0]->context.run();
  for (std::size_t i = 1; i < impl.loops.size(); ++i) impl.loops[i]->thread.join();
  {
    std::lock_guard lock(impl.deadline_mutex);
    impl.finished = true;
  }
  impl.deadline_cv.notify_all();
  deadline.join();
  impl.workers.join();
  common::log::info("stopped");
}

}  // namespace loket::http
