// The HTTP/1.1 server: one io_context per core, each with its own SO_REUSEPORT acceptor;
// handlers run on a worker pool so a slow database call never stalls the network threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http/pipeline.hpp"

namespace loket::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  unsigned io_threads = 0;    // 0: one per core
  unsigned workers = 16;      // threads that run handlers (they may block on the database)
  std::size_t header_limit = std::size_t{16} * 1024;
  std::size_t body_limit = std::size_t{1024} * 1024;
  std::size_t max_connections = 10000;
  // Open connections from one client address (an IPv6 client: its /64), so that one address
  // cannot take every connection. Behind a reverse proxy every connection is the proxy's.
  std::size_t max_connections_per_address = 1000;
  // Request bodies held in memory at once, over all connections: a body that does not fit in
  // what is left gets 503 instead of growing memory without bound.
  std::size_t body_budget = std::size_t{256} * 1024 * 1024;
  // A body larger than spool_above is written to a nameless file in spool_dir as it arrives and
  // handed to its handler mapped (see http/spool.hpp), outside the budget. "": every body in
  // memory.
  std::string spool_dir;
  std::size_t spool_above = std::size_t{2} * 1024 * 1024;
  std::chrono::milliseconds head_timeout{10000};     // a new connection's first request head
  std::chrono::milliseconds request_timeout{10000};  // whole request, first byte to last
  // ... except that a body that keeps coming may take longer: every min_body_rate bytes of it
  // received add a second (a phone's photo over a slow uplink; a trickle still times out). The
  // same holds for an answer against write_timeout (a large download).
  std::size_t min_body_rate = std::size_t{16} * 1024;
  std::chrono::milliseconds idle_timeout{60000};     // keep-alive connection with no request
  std::chrono::milliseconds write_timeout{30000};
  std::chrono::milliseconds shutdown_timeout{10000};  // graceful shutdown deadline
};

class Server {
 public:
  Server(ServerOptions options, Pipeline& pipeline);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // A further address that serves `pipeline` (the operators' metrics listener, say), with the
  // same limits; returns its index for port(). Call before listen().
  std::size_t add_listener(std::string host, std::uint16_t port, Pipeline& pipeline);

  // Binds the listening sockets; throws std::runtime_error naming the address on failure.
  void listen();
  // The bound port of a listener: 0 is the one of ServerOptions.
  std::uint16_t port(std::size_t listener = 0) const;

  // Serves until SIGTERM or SIGINT (or stop()), then shuts down gracefully: stops accepting,
  // closes idle keep-alive connections, lets in-flight requests finish (answering them with
  // Connection: close) and returns, at the latest after shutdown_timeout.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace loket::http
