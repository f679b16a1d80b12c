// clamd INSTREAM over a socket: "zINSTREAM\0", then chunks of <4-byte big-endian length><bytes>,
// a zero length to end, and one NUL-terminated reply line.
#include "documents/clamd.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace loket::documents {
namespace {

constexpr std::size_t kChunk = std::size_t{64} * 1024;

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

std::string errno_text(std::string_view what) {
  return std::string(what) + ": " + std::strerror(errno);
}

// Sends all bytes; false when the peer closed (clamd stops reading past its size limit and
// then says why in its reply).
bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    auto n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE || errno == ECONNRESET) return false;
      throw ClamdUnavailable(errno_text("clamd: send"));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string read_reply(int fd) {
  std::string reply;
  char buf[512];
  while (reply.size() < 4096) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw ClamdUnavailable(errno_text("clamd: no answer"));
    }
    if (n == 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
    if (reply.find('\0') != std::string::npos) break;
  }
  if (auto nul = reply.find('\0'); nul != std::string::npos) reply.resize(nul);
  while (!reply.empty() && (reply.back() == '\n' || reply.back() == '\r')) reply.pop_back();
  return reply;
}

std::string chunk_header(std::size_t size) {
  std::uint32_t be = htonl(static_cast<std::uint32_t>(size));
  return std::string(reinterpret_cast<const char*>(&be), sizeof be);
}

}  // namespace

ScanVerdict parse_clamd_reply(std::string_view reply) {
  // "stream: OK", "stream: Eicar-Signature FOUND", "INSTREAM size limit exceeded. ERROR".
  if (reply.starts_with("stream: ")) reply.remove_prefix(8);
  if (reply == "OK") return {ScanVerdict::Outcome::Clean, ""};
  if (reply.ends_with(" FOUND")) {
    return {ScanVerdict::Outcome::Infected, std::string(reply.substr(0, reply.size() - 6))};
  }
  if (reply.empty()) return {ScanVerdict::Outcome::Error, "clamd gave no answer"};
  return {ScanVerdict::Outcome::Error, std::string(reply.substr(0, 200))};
}

bool ClamdClient::valid_address(std::string_view address) {
  try {
    ClamdClient client{std::string(address)};
    return true;
  } catch (const std::invalid_argument&) {
    return false;
  }
}

ClamdClient::ClamdClient(const std::string& address, std::chrono::milliseconds timeout)
    : timeout_(timeout) {
  std::string_view a = address;
  if (a.starts_with("unix:")) a.remove_prefix(5);
  if (a.starts_with("/")) {
    if (a.size() >= sizeof(sockaddr_un::sun_path)) {
      throw std::invalid_argument("clamd socket path too long");
    }
    unix_path_ = a;
    return;
  }
  if (a.starts_with("tcp:")) a.remove_prefix(4);
  auto colon = a.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == a.size()) {
    throw std::invalid_argument("clamd address: expected unix:/PATH, /PATH or tcp:HOST:PORT");
  }
  host_ = a.substr(0, colon);
  port_ = a.substr(colon + 1);
  if (host_.front() == '[' && host_.back() == ']') host_ = host_.substr(1, host_.size() - 2);
  if (port_.find_first_not_of("0123456789") != std::string::npos || port_.size() > 5) {
    throw std::invalid_argument("clamd address: the port is not a number");
  }
}

int ClamdClient::connect() const {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout_.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout_.count() % 1000) * 1000);
  auto configure = [&](int fd) {
    // On Linux SO_SNDTIMEO bounds connect() as well as each send.
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  };
  if (!unix_path_.empty()) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw ClamdUnavailable(errno_text("clamd: socket"));
    configure(fd);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, unix_path_.data(), unix_path_.size());
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      auto text = errno_text("clamd: cannot connect to " + unix_path_);
      ::close(fd);
      throw ClamdUnavailable(text);
    }
    return fd;
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(host_.c_str(), port_.c_str(), &hints, &found); rc != 0) {
    throw ClamdUnavailable("clamd: cannot resolve " + host_ + ": " + ::gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
  std::string last = "clamd: no address for " + host_;
  for (auto* ai = found; ai; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    configure(fd);
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) return fd;
    last = errno_text("clamd: cannot connect to " + host_ + ":" + port_);
    ::close(fd);
  }
  throw ClamdUnavailable(last);
}

bool ClamdClient::ping() const {
  try {
    Fd fd(connect());
    if (!send_all(fd.fd, std::string_view("zPING\0", 6))) return false;
    return read_reply(fd.fd) == "PONG";
  } catch (const ClamdUnavailable&) {
    return false;
  }
}

ScanVerdict ClamdClient::scan(const std::function<bool(std::string&)>& next_chunk) const {
  Fd socket(connect());
  bool open = send_all(socket.fd, std::string_view("zINSTREAM\0", 10));
  std::string chunk;
  while (open && next_chunk(chunk)) {
    if (chunk.empty()) continue;
    open = send_all(socket.fd, chunk_header(chunk.size())) && send_all(socket.fd, chunk);
  }
  if (open) send_all(socket.fd, chunk_header(0));
  auto reply = read_reply(socket.fd);
  if (reply.empty() && !open) throw ClamdUnavailable("clamd closed the connection");
  return parse_clamd_reply(reply);
}

ScanVerdict ClamdClient::scan_file(const std::filesystem::path& file) const {
  Fd in(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.fd < 0) throw std::runtime_error(errno_text("clamd: cannot open " + file.string()));
  return scan([&](std::string& chunk) {
    chunk.resize(kChunk);
    ssize_t n;
    do {
      n = ::read(in.fd, chunk.data(), chunk.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) throw std::runtime_error(errno_text("clamd: cannot read " + file.string()));
    chunk.resize(static_cast<std::size_t>(n));
    return n > 0;
  });
}

ScanVerdict ClamdClient::scan_bytes(std::string_view bytes) const {
  return scan([&](std::string& chunk) {
    if (bytes.empty()) return false;
    chunk.assign(bytes.substr(0, kChunk));
    bytes.remove_prefix(chunk.size());
    return true;
  });
}

}  // namespace loket::documents
