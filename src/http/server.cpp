// Boost.Beast server with C++20 coroutines. The only translation unit that includes Beast/Asio.
#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <condition_variable>
#include <list>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "common/log.hpp"
#include "http/error.hpp"

namespace loket::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

namespace {

using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// A connection as the shutdown logic sees it: idle ones are closed, busy ones finish.
struct Connection {
  beast::tcp_stream* stream;
  bool idle = true;
};

// State owned by one io_context and touched only from its thread.
struct Loop {
  asio::io_context context{1};
  std::unique_ptr<tcp::acceptor> acceptor;
  std::list<Connection> connections;
  std::thread thread;
};

Method to_method(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::Get;
    case bhttp::verb::head:
      return Method::Head;
    case bhttp::verb::post:
      return Method::Post;
    case bhttp::verb::put:
      return Method::Put;
    case bhttp::verb::patch:
      return Method::Patch;
    case bhttp::verb::delete_:
      return Method::Delete;
    case bhttp::verb::options:
      return Method::Options;
    default:
      return Method::Other;
  }
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Pipeline& pipeline;
  std::vector<std::unique_ptr<Loop>> loops;
  asio::thread_pool workers;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> open_connections{0};
  std::uint16_t bound_port = 0;
  std::unique_ptr<asio::signal_set> signals;

  std::mutex deadline_mutex;
  std::condition_variable deadline_cv;
  bool finished = false;

  Impl(ServerOptions o, Pipeline& p)
      : options(std::move(o)), pipeline(p), workers(options.workers == 0 ? 1 : options.workers) {
    unsigned n = options.io_threads ? options.io_threads : std::thread::hardware_concurrency();
    for (unsigned i = 0; i < std::max(1u, n); ++i) loops.push_back(std::make_unique<Loop>());
  }

  // A problem+json answer the server gives on its own (malformed, too large, too slow).
  static bhttp::response<bhttp::string_body> server_problem(int status, std::string code,
                                                            const std::string& detail) {
    auto p = problem_response(Error(status, std::move(code), detail), "");
    add_security_headers(p.headers, true);
    p.headers.set("traceparent", "00-" + new_trace_id() + "-" + new_span_id() + "-01");
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), 11};
    for (const auto& [name, value] : p.headers.all()) res.insert(name, value);
    res.keep_alive(false);
    res.body() = std::move(p.body);
    res.prepare_payload();
    return res;
  }

  awaitable<void> reject(beast::tcp_stream& stream, int status, std::string code,
                         std::string detail) {
    auto res = server_problem(status, std::move(code), detail);
    stream.expires_after(std::chrono::seconds(2));
    co_await bhttp::async_write(stream, res, kTuple);
  }

  // Translates a parsed Beast request; returns false when the target is not a valid URL path.
  static bool translate(bhttp::request<bhttp::string_body>& in, Request& out) {
    out.method = to_method(in.method());
    out.method_text = std::string(in.method_string());
    out.target = std::string(in.target());
    auto url = boost::urls::parse_origin_form(in.target());
    if (!url) return false;
    out.path = url->path();
    if (out.path.find('\0') != std::string::npos) return false;
    for (auto param : url->params()) out.query.emplace_back(param.key, param.value);
    for (const auto& field : in) out.headers.add(field.name_string(), field.value());
    out.body = std::move(in.body());
    return true;
  }

  awaitable<void> session(tcp::socket socket, Loop& loop) {
    open_connections.fetch_add(1);
    std::string remote;
    boost::system::error_code ec;
    auto ep = socket.remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    auto self = loop.connections.insert(loop.connections.end(), Connection{&stream});
    beast::flat_buffer buffer;
    struct DeadlineState {
      bool fired = false;
      bool alive = true;
    };
    auto deadline_state = std::make_shared<DeadlineState>();
    asio::steady_timer deadline(stream.get_executor());

    for (;;) {
      // Wait for the first byte of the next request; until then the connection is idle.
      if (buffer.size() == 0) {
        self->idle = true;
        if (stopping) break;
        stream.expires_after(options.idle_timeout);
        auto [rec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
        if (rec) break;
        buffer.commit(n);
      }
      self->idle = false;

      // The request deadline cancels the read but keeps the socket open, so that the client
      // still hears 408; Beast's own timeout (which closes the socket) is only the backstop.
      stream.expires_after(options.request_timeout + std::chrono::seconds(5));
      deadline_state->fired = false;
      deadline.expires_after(options.request_timeout);
      deadline.async_wait([state = deadline_state, &stream](boost::system::error_code dec) {
        if (dec || !state->alive) return;
        state->fired = true;
        boost::system::error_code ignored;
        stream.socket().cancel(ignored);
      });
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
      parser.body_limit(options.body_limit);
      auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      if (hec) {
        co_await reject_after(stream, deadline_state->fired ? beast::error::timeout : hec);
        break;
      }
      auto length = parser.content_length();
      if (length && *length > options.body_limit) {
        co_await reject(
            stream, 413, "payload-too-large",
            "The body may be at most " + std::to_string(options.body_limit) + " bytes.");
        break;
      }
      if (parser.get()[bhttp::field::expect] == "100-continue") {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
        co_await bhttp::async_write(stream, cont, kTuple);
      }
      if (!parser.is_done()) {
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        if (bec) {
          co_await reject_after(stream, deadline_state->fired ? beast::error::timeout : bec);
          break;
        }
      }
      deadline.cancel();

      auto& raw = parser.get();
      bool keep_alive = raw.keep_alive();
      bool head = raw.method() == bhttp::verb::head;
      auto version = raw.version();
      Request request;
      request.remote_address = remote;
      if (!translate(raw, request)) {
        co_await reject(stream, 400, "invalid-request",
                        "The address (request target) is not valid.");
        break;
      }

      Response response;
      if (options.workers == 0) {
        response =
            pipeline.handle(request);  // inline: no hand-off, but a slow handler stalls this thread
      } else {
        response = co_await asio::co_spawn(
            workers, [&]() -> awaitable<Response> { co_return pipeline.handle(request); },
            use_awaitable);
      }

      bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
      for (const auto& [name, value] : response.headers.all()) out.insert(name, value);
      keep_alive = keep_alive && !stopping;
      out.keep_alive(keep_alive);
      if (head) {
        out.content_length(response.body.size());
      } else {
        out.body() = std::move(response.body);
        out.prepare_payload();
      }
      stream.expires_after(options.write_timeout);
      auto [wec, wn] = co_await bhttp::async_write(stream, out, kTuple);
      if (wec || !keep_alive) break;
    }

    deadline_state->alive = false;
    deadline.cancel();
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.close();
    loop.connections.erase(self);
    open_connections.fetch_sub(1);
  }

  // Answers a request that could not be read, when the error deserves an answer.
  awaitable<void> reject_after(beast::tcp_stream& stream, boost::system::error_code ec) {
    if (ec == bhttp::error::header_limit) {
      co_await reject(
          stream, 431, "headers-too-large",
          "The request headers may be at most " + std::to_string(options.header_limit) + " bytes.");
    } else if (ec == bhttp::error::body_limit) {
      co_await reject(stream, 413, "payload-too-large",
                      "The body may be at most " + std::to_string(options.body_limit) + " bytes.");
    } else if (ec == beast::error::timeout) {
      co_await reject(stream, 408, "request-timeout",
                      "The request did not arrive in time. Send it again at once.");
    } else if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
               ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
      co_return;
    } else {
      co_await reject(stream, 400, "invalid-request",
                      "The request is not valid HTTP/1.1 (" + ec.message() + ").");
    }
  }

  awaitable<void> accept_loop(Loop& loop) {
    for (;;) {
      auto [ec, socket] = co_await loop.acceptor->async_accept(kTuple);
      if (stopping || ec == asio::error::operation_aborted) co_return;
      if (ec) {
        // Out of file descriptors and the like: back off briefly instead of spinning.
        common::log::warn("accept failed", {{"error", ec.message()}});
        asio::steady_timer t(loop.context, std::chrono::milliseconds(50));
        co_await t.async_wait(kTuple);
        continue;
      }
      if (open_connections.load() >= options.max_connections) {
        asio::co_spawn(loop.context, busy(std::move(socket)), asio::detached);
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(loop.context, session(std::move(socket), loop),
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

  awaitable<void> busy(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    co_await reject(stream, 503, "service-unavailable",
                    "The server has too many connections. Try again in a moment.");
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    common::log::info("shutting down", {{"deadline_ms", options.shutdown_timeout.count()}});
    for (auto& loop : loops) {
      asio::post(loop->context, [l = loop.get()] {
        boost::system::error_code ec;
        l->acceptor->close(ec);
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

void Server::listen() {
  auto& o = impl_->options;
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->loops[0]->context);
  auto results = resolver.resolve(o.host, std::to_string(o.port), ec);
  if (ec || results.empty()) {
    throw std::runtime_error("cannot resolve listen address " + o.host + ": " + ec.message());
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
      throw std::runtime_error("cannot listen on " + o.host + ":" +
                               std::to_string(endpoint.port()) + ": " + ec.message());
    }
    // With port 0 the first acceptor picks a port; the others join it.
    endpoint.port(acceptor->local_endpoint().port());
    loop->acceptor = std::move(acceptor);
  }
  impl_->bound_port = endpoint.port();
}

std::uint16_t Server::port() const { return impl_->bound_port; }

void Server::stop() { impl_->begin_shutdown(); }

void Server::run() {
  auto& impl = *impl_;
  impl.signals = std::make_unique<asio::signal_set>(impl.loops[0]->context, SIGINT, SIGTERM);
  impl.signals->async_wait([&impl](boost::system::error_code ec, int) {
    if (!ec) impl.begin_shutdown();
  });
  for (auto& loop : impl.loops) {
    asio::co_spawn(loop->context, impl.accept_loop(*loop), asio::detached);
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
