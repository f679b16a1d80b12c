// The storage interface every module's store uses; backends are chosen by URL.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace loket::db {

enum class Dialect { Sqlite, Postgres };

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

// Unexpected storage failures (lost connection, corrupt file, SQL error).
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// A uniqueness or foreign-key constraint refused a write: usually the caller's conflict.
class ConstraintError : public Error {
 public:
  using Error::Error;
};
// The server ended the transaction to break a deadlock or a serialisation conflict with another
// one (PostgreSQL 40P01, 40001): nothing of it was written, and running it again is the remedy.
// write() and write_grouped() do that themselves a few times before they let this through.
class TransientError : public Error {
 public:
  using Error::Error;
};

// A fully read result; cells are text (as PostgreSQL sends them) or null.
class Rows {
 public:
  class Row {
   public:
    Row(const Rows* rows, std::size_t index) : rows_(rows), index_(index) {}
    bool is_null(std::size_t column) const { return !cell(column).has_value(); }
    const std::string& text(std::size_t column) const;  // throws Error on null
    std::optional<std::string> optional_text(std::size_t column) const { return cell(column); }
    std::int64_t integer(std::size_t column) const;  // PostgreSQL booleans read as 0/1
    double real(std::size_t column) const;

   private:
    const std::optional<std::string>& cell(std::size_t column) const;
    const Rows* rows_;
    std::size_t index_;
  };

  Rows() = default;
  explicit Rows(std::size_t columns) : columns_(columns) {}
  std::size_t size() const { return columns_ ? cells_.size() / columns_ : 0; }
  bool empty() const { return size() == 0; }
  std::size_t columns() const { return columns_; }
  Row operator[](std::size_t i) const { return Row(this, i); }
  void push(std::optional<std::string> cell) { cells_.push_back(std::move(cell)); }

 private:
  std::size_t columns_ = 0;
  std::vector<std::optional<std::string>> cells_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement with $1.. parameters; statements are prepared once and reused.
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  // Runs a write whose outcome the caller does not read, perhaps later: PostgreSQL sends it at
  // once and reads its outcome with the next statement or the commit, so that several such
  // writes cost one round trip. Its failure (a constraint) is thrown there, not here. For
  // writes that are not expected to fail, such as inserts under new ids; SQLite runs it now.
  virtual void execute_later(std::string_view sql, const Params& params = {}) {
    execute(sql, params);
  }
};

// A connection whose execute() is execute_later() (and returns 0): what a block of inserts
// writes through it travels in one round trip on PostgreSQL. Queries go through as they are.
class Deferring final : public Connection {
 public:
  explicit Deferring(Connection& c) : c_(c) {}
  Rows query(std::string_view sql, const Params& params = {}) override {
    return c_.query(sql, params);
  }
  std::int64_t execute(std::string_view sql, const Params& params = {}) override {
    c_.execute_later(sql, params);
    return 0;
  }
  void execute_script(std::string_view sql) override { c_.execute_script(sql); }
  void execute_later(std::string_view sql, const Params& params = {}) override {
    c_.execute_later(sql, params);
  }

 private:
  Connection& c_;
};

struct PoolStats {
  std::size_t size = 0;     // connections open
  std::size_t in_use = 0;   // connections lent out now
  std::uint64_t waits = 0;  // times a caller had to wait for a connection
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;

  // Runs `work` on a connection that sees one consistent snapshot.
  virtual void read(const std::function<void(Connection&)>& work) = 0;
  // Runs `work` in a write transaction: committed (and synced) when it returns, rolled back
  // when it throws. Only when write() returns has the change become durable. `work` may run
  // on another thread (SQLite's group commit), while the caller waits, and, when another
  // write of its group failed so badly that SQLite dropped the whole transaction, a second
  // time: it should only touch the connection and its own results. On PostgreSQL a write that
  // ends in a deadlock or serialisation failure (TransientError) runs again the same way.
  virtual void write(const std::function<void(Connection&)>& work) = 0;

  // Runs one read-only statement without an explicit transaction: a single statement always
  // sees one consistent snapshot, and on PostgreSQL this costs one round trip instead of three.
  virtual Rows read_once(std::string_view sql, const Params& params = {}) = 0;

  virtual PoolStats stats() const = 0;
  // A cheap round trip to check that the database answers.
  virtual bool ping() = 0;
  // Writes a consistent copy of the whole database to `path` while it stays in use.
  virtual void backup_to(const std::string& path);

  template <class F>
  auto read_value(F&& f) {
    decltype(f(std::declval<Connection&>())) out{};
    read([&](Connection& c) { out = f(c); });
    return out;
  }
  template <class F>
  auto write_value(F&& f) {
    decltype(f(std::declval<Connection&>())) out{};
    write([&](Connection& c) { out = f(c); });
    return out;
  }
};

struct Options {
  std::size_t pool_size = 8;     // PostgreSQL connections
  int busy_timeout_ms = 5000;    // SQLite: how long to wait for a lock
  bool synchronous_full = true;  // SQLite: fsync on every commit
  // SQLite: bytes of the file each connection reads through a memory map instead of a pread
  // system call per page (0: off, the default: on the bench it gained nothing, and the pages
  // each connection's map touched counted against the server's resident memory).
  std::int64_t sqlite_mmap_bytes = 0;
  // SQLite: the writer's page cache in KiB (readers keep SQLite's 2 MiB default; with the
  // memory map they rarely need it). Index pages of a large table stay cached between writes.
  std::int64_t sqlite_writer_cache_kib = 64 * 1024;
  // SQLite: at most this many waiting write transactions are committed together (group
  // commit: one fsync for all, each in its own savepoint); 1: one commit per write.
  std::size_t sqlite_group_commit = 64;
  // PostgreSQL: a connection forgets its prepared statements (their plans) this long after it
  // prepared them, between two borrowers, so that plans follow tables that grow.
  std::chrono::milliseconds plan_lifetime{5000};
};

// Runs `attempt`, and again after a short random pause while it throws TransientError, up to
// kTransientAttempts times in all; the last failure reaches the caller. `attempt` must be safe to
// run again: a transaction that only touches its connection and its own results is.
inline constexpr int kTransientAttempts = 5;
void retry_transient(const std::function<void()>& attempt);

// Opens "sqlite:PATH" or "postgresql://..." (also "postgres://..."). Throws std::invalid_argument
// on a URL of another form and Error when the database cannot be reached.
std::unique_ptr<Database> open(const std::string& url, const Options& options = {});

// The URL with any password replaced by "***", for logs and error messages.
std::string redact_url(std::string_view url);

}  // namespace loket::db
