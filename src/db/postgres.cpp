// PostgreSQL through libpq: a mutex-and-condvar pool of connections; statements are prepared once
// per connection and run with text parameters; every transaction is BEGIN … COMMIT on one lease.
// Statements travel in libpq's pipeline mode, so that what needs no answer of its own (BEGIN, a
// preparation, a write sent later, COMMIT) shares the round trip of the next that does.
#include "db/postgres.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "db/group_commit.hpp"

extern char** environ;

namespace loket::db {
namespace {

struct ConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnDeleter>;
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

constexpr std::string_view kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr std::string_view kBeginWrite = "BEGIN";
constexpr std::string_view kCommit = "COMMIT";
constexpr std::string_view kRollback = "ROLLBACK";
constexpr std::string_view kForgetStatements = "DEALLOCATE ALL";
constexpr std::string_view kSavepoint = "SAVEPOINT w";  // run_in_savepoints' name
constexpr std::string_view kRelease = "RELEASE w";
constexpr std::string_view kPing = "SELECT 1";

// Fails a connection attempt to an unreachable host in seconds rather than the OS TCP timeout;
// a connect_timeout in the URL still wins.
constexpr const char* kConnectTimeoutSeconds = "10";

// libpq messages span lines (hints after a newline and a tab); errors should be one line.
std::string one_line(const char* text) {
  std::string out;
  bool space = false;
  for (const char* p = text ? text : ""; *p; ++p) {
    if (*p == '\n' || *p == '\t' || *p == '\r' || *p == ' ') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += *p;
    }
  }
  return out;
}

// Data exceptions (class 22) quote the offending input, e.g. invalid input syntax for type
// bigint: "…"; that input may be personal data, so the quoted parts are masked.
std::string mask_quoted(std::string_view text) {
  std::string out;
  bool inside = false;
  for (char ch : text) {
    if (ch == '"') {
      out += inside ? "***\"" : "\"";
      inside = !inside;
    } else if (!inside) {
      out += ch;
    }
  }
  if (inside) out += "***";
  return out;
}

// Only the primary message is used: the DETAIL line repeats key values and rows ("Key
// (email)=(…) already exists"), which may hold personal data.
[[noreturn]] void throw_failure(const PGresult* result, PGconn* conn) {
  const char* state_field = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string state = state_field ? state_field : "";
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message;
  if (primary) {
    message = one_line(primary);
  } else {
    // Client-side failures (lost connection, out of memory) carry no fields; their text is
    // libpq's own and holds no data.
    const char* text = result ? PQresultErrorMessage(result) : "";
    message = one_line(text && *text ? text : PQerrorMessage(conn));
  }
  if (message.empty()) message = "unknown failure";
  if (state.starts_with("22")) message = mask_quoted(message);
  if (state.starts_with("23"))
    throw ConstraintError(fmt::format("{} (SQLSTATE {})", message, state));
  if (state == "40P01" || state == "40001")
    throw TransientError(fmt::format("PostgreSQL: {} (SQLSTATE {})", message, state));
  if (state.empty()) throw Error("PostgreSQL: " + message);
  throw Error(fmt::format("PostgreSQL: {} (SQLSTATE {})", message, state));
}

bool succeeded(const PGresult* result) {
  if (!result) return false;
  switch (PQresultStatus(result)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return true;
    default:
      return false;
  }
}

std::string_view sqlstate(const PGresult* result) {
  const char* s = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  return s ? s : "";
}

// Notices such as "relation … already exists, skipping" would otherwise go to stderr.
void ignore_notice(void*, const char*) {}

Rows to_rows(const PGresult* result) {
  int columns = PQnfields(result);
  int count = PQntuples(result);
  Rows rows(static_cast<std::size_t>(columns));
  for (int r = 0; r < count; ++r) {
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result, r, c)) {
        rows.push(std::nullopt);
      } else {
        rows.push(std::string(PQgetvalue(result, r, c),
                              static_cast<std::size_t>(PQgetlength(result, r, c))));
      }
    }
  }
  return rows;
}

class PgConnection final : public Connection {
 public:
  PgConnection(const std::string& url, std::chrono::milliseconds plan_lifetime)
      : plan_lifetime_(plan_lifetime) {
    // application_name and options come before dbname, whose expansion applies the URL's own
    // settings, so an operator can still name a process, or set options, in the URL.
    // Generic plans: every statement is prepared once per connection, and with PostgreSQL's
    // default (a custom plan per execution while it costs less than the generic one) the list
    // statements were planned again at every execution. Planning cost as much as running them:
    // at 1,000,000 cases the work queue page went from 940 to 1,500 pages/s with this alone,
    // and no bench scenario got slower. The statements are index lookups and range scans whose
    // best plan does not depend on the values bound.
    const char* keywords[] = {"connect_timeout", "application_name", "options", "dbname", nullptr};
    const char* values[] = {kConnectTimeoutSeconds, "loket",
                            "-c plan_cache_mode=force_generic_plan", url.c_str(), nullptr};
    conn_.reset(PQconnectdbParams(keywords, values, 1));
    if (!conn_) {
      throw Error("cannot connect to PostgreSQL at " + redact_url(url) + ": out of memory");
    }
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
      throw Error(fmt::format("cannot connect to PostgreSQL at {}: {}", redact_url(url),
                              one_line(PQerrorMessage(conn_.get()))));
    }
    PQsetNoticeProcessor(conn_.get(), ignore_notice, nullptr);
  }

  // Every statement goes out in libpq's pipeline mode and is read only when its outcome is
  // needed: a transaction's BEGIN travels with its first statement, the writes of
  // execute_later() with the next query or the COMMIT, and a statement not yet prepared on this
  // connection with its preparation. Each costs no round trip of its own.
  Rows query(std::string_view sql, const Params& params) override {
    send(sql, params);
    return to_rows(flush().get());
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    send(sql, params);
    auto result = flush();
    std::string_view tuples = PQcmdTuples(result.get());
    std::int64_t n = 0;
    std::from_chars(tuples.data(), tuples.data() + tuples.size(), n);  // "" for e.g. DDL: 0
    return n;
  }

  void execute_script(std::string_view sql) override { run(sql); }

  // The statement goes out now; its outcome is read with the next query, flush() or commit().
  void execute_later(std::string_view sql, const Params& params) override { send(sql, params); }

  // A statement without parameters whose outcome is read with the next statement's: BEGIN is
  // sent with the transaction's first statement, a SAVEPOINT with the write's.
  void send_later(std::string_view sql) { send_unprepared(sql); }

  void commit() {
    send_unprepared(kCommit);
    auto result = flush();
    // COMMIT of a transaction in which a statement failed (and the caller caught the error)
    // succeeds with the tag ROLLBACK: the work was not saved, and the caller must know.
    if (!result || std::strcmp(PQcmdStatus(result.get()), "ROLLBACK") == 0) {
      throw Error("PostgreSQL: transaction rolled back because a statement in it failed");
    }
  }

  // Reads the outcome of every statement sent, and leaves pipeline mode; returns the last
  // statement's result, or throws the first failure among them (the ones after it were not run).
  ResultPtr flush() {
    if (!pipelining_) return nullptr;
    auto n = std::exchange(pending_, 0);
    pipelining_ = false;
    auto prepared = std::exchange(preparing_, {});
    if (PQpipelineSync(conn_.get()) != 1) {
      broken_ = true;
      throw_failure(nullptr, conn_.get());
    }
    ResultPtr failure, last;
    bool broken = false;
    auto preparation = prepared.begin();
    for (std::size_t i = 0; i < n && !broken; ++i) {
      ResultPtr result(PQgetResult(conn_.get()));
      if (!result) {
        broken = true;
        break;
      }
      auto status = PQresultStatus(result.get());
      bool ok =
          status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
      if (preparation != prepared.end() && preparation->first == i) {
        // A preparation that failed, or was skipped after a failure, left no statement.
        if (!ok) statements_.erase(preparation->second);
        ++preparation;
      }
      if (ok) {
        last = std::move(result);
      } else if (status != PGRES_PIPELINE_ABORTED && !failure) {
        failure = std::move(result);
      }
      ResultPtr end(PQgetResult(conn_.get()));  // each statement's results end with a null
    }
    // Not read: whether they exist is not known, so they are prepared again.
    for (; preparation != prepared.end(); ++preparation) statements_.erase(preparation->second);
    ResultPtr sync(broken ? nullptr : PQgetResult(conn_.get()));
    if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC ||
        PQexitPipelineMode(conn_.get()) != 1) {
      // Out of step with the server: the connection is reset when it is returned.
      broken_ = true;
      throw_failure(failure.get(), conn_.get());
    }
    if (failure) {
      // 0A000: a schema change altered a prepared query's result type ("cached plan must not
      // change result type"); 26000: the statement vanished (DISCARD ALL, a pooler). The
      // transaction is aborted now, so statements are prepared afresh once it has ended.
      auto state = sqlstate(failure.get());
      if (state == "0A000" || state == "26000") stale_statements_ = true;
      throw_failure(failure.get(), conn_.get());
    }
    return last;
  }

  // Runs SQL without parameters through the simple protocol (several statements allowed).
  ResultPtr run(std::string_view sql) {
    flush();
    ResultPtr result(PQexec(conn_.get(), std::string(sql).c_str()));
    if (!succeeded(result.get())) throw_failure(result.get(), conn_.get());
    return result;
  }

  void rollback() noexcept {
    drain_pipeline();
    if (broken_) return;  // make_idle resets the connection
    ResultPtr(PQexec(conn_.get(), kRollback.data()));
  }

  // In a transaction, also one in which a statement failed (until ROLLBACK [TO SAVEPOINT]).
  bool in_transaction() {
    drain_pipeline();  // a write sent with execute_later() may have failed: INERROR then
    auto s = PQtransactionStatus(conn_.get());
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR;
  }

  // A connection lost earlier (server restart, failover) is reopened before it is lent again.
  void ensure_connected() {
    if (PQstatus(conn_.get()) == CONNECTION_OK) return;
    reset();
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
      throw Error("PostgreSQL connection lost: " + one_line(PQerrorMessage(conn_.get())));
    }
  }

  // Leaves the connection idle and usable for the next borrower; never throws, since it runs
  // while a lease is being returned, possibly during unwinding.
  void make_idle() noexcept {
    drain_pipeline();
    if (PQstatus(conn_.get()) == CONNECTION_OK &&
        PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) {
      rollback();
    }
    // Plans are made again from time to time: a generic plan is kept as long as its statement,
    // and one made while a table was still small (a fresh database: the idempotency keys, the
    // outbox) reads it whole, even to find one row by its key, however large it grows until
    // PostgreSQL next analyzes it. On a fresh 1,000,000-case database, submits fell from 1,100
    // to 560/s within a minute that way.
    auto now = std::chrono::steady_clock::now();
    if (now - prepared_since_ >= plan_lifetime_) stale_statements_ = true;
    if (stale_statements_ && PQstatus(conn_.get()) == CONNECTION_OK) {
      ResultPtr result(PQexec(conn_.get(), kForgetStatements.data()));
      if (succeeded(result.get())) {
        statements_.clear();
        stale_statements_ = false;
        prepared_since_ = now;
      }
    }
    if (broken_ || PQstatus(conn_.get()) != CONNECTION_OK ||
        PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) {
      reset();
    }
  }

 private:
  // Reads what execute_later() sent and nobody read yet (the borrower threw first, or a
  // transaction's state is asked): a failure among them leaves the transaction in error.
  void drain_pipeline() noexcept {
    if (!pipelining_) return;
    try {
      flush();
    } catch (...) {
    }
  }

  void reset() noexcept {
    pipelining_ = false;
    pending_ = 0;
    preparing_.clear();
    broken_ = false;
    PQreset(conn_.get());
    // A new server session has none of the old prepared statements.
    statements_.clear();
    stale_statements_ = false;
  }

  // Parameters as the text libpq sends; null stays a null pointer.
  class Bound {
   public:
    explicit Bound(const Params& params) : formatted_(params.size()), values_(params.size()) {
      for (std::size_t i = 0; i < params.size(); ++i) {
        const auto& v = params[i];
        if (auto* n = std::get_if<std::int64_t>(&v)) {
          formatted_[i] = std::to_string(*n);
          values_[i] = formatted_[i].c_str();
        } else if (auto* d = std::get_if<double>(&v)) {
          char buf[64];
          auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);  // shortest exact form
          formatted_[i].assign(buf, end);
          values_[i] = formatted_[i].c_str();
        } else if (auto* s = std::get_if<std::string>(&v)) {
          // Text parameters end at a NUL byte; refuse rather than store a silently cut value.
          if (s->find('\0') != std::string::npos) {
            throw Error(fmt::format("SQL parameter ${} contains a NUL byte", i + 1));
          }
          values_[i] = s->c_str();
        }
      }
    }
    int size() const { return static_cast<int>(values_.size()); }
    const char* const* values() const { return values_.data(); }

   private:
    std::vector<std::string> formatted_;
    std::vector<const char*> values_;
  };

  void enter_pipeline() {
    if (pipelining_) return;
    if (PQenterPipelineMode(conn_.get()) != 1) throw_failure(nullptr, conn_.get());
    pipelining_ = true;
  }

  // Sends a statement with its parameters, preparing it first (in the same pipeline) when this
  // connection has not yet. No parameter types: the server infers them from the SQL, as it
  // would for literals.
  void send(std::string_view sql, const Params& params) {
    Bound bound(params);  // before anything goes out: a refused parameter sends nothing
    enter_pipeline();
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      std::string name = fmt::format("s{}", next_statement_++);
      if (PQsendPrepare(conn_.get(), name.c_str(), std::string(sql).c_str(), 0, nullptr) != 1) {
        broken_ = true;
        throw_failure(nullptr, conn_.get());
      }
      preparing_.emplace_back(pending_++, std::string(sql));
      it = statements_.emplace(std::string(sql), std::move(name)).first;
    }
    if (PQsendQueryPrepared(conn_.get(), it->second.c_str(), bound.size(), bound.values(), nullptr,
                            nullptr, 0) != 1) {
      broken_ = true;
      throw_failure(nullptr, conn_.get());
    }
    ++pending_;
  }

  // Sends a statement without parameters that is not worth preparing (BEGIN, COMMIT).
  void send_unprepared(std::string_view sql) {
    enter_pipeline();
    if (PQsendQueryParams(conn_.get(), std::string(sql).c_str(), 0, nullptr, nullptr, nullptr,
                          nullptr, 0) != 1) {
      broken_ = true;
      throw_failure(nullptr, conn_.get());
    }
    ++pending_;
  }

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  ConnPtr conn_;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> statements_;  // SQL → name
  std::uint64_t next_statement_ = 1;
  bool stale_statements_ = false;
  std::chrono::milliseconds plan_lifetime_;
  std::chrono::steady_clock::time_point prepared_since_ = std::chrono::steady_clock::now();
  bool pipelining_ = false;  // in libpq's pipeline mode, with pending_ statements sent
  std::size_t pending_ = 0;
  // The preparations among them: their place in the pipeline and their SQL.
  std::vector<std::pair<std::size_t, std::string>> preparing_;
  bool broken_ = false;  // a pipeline's results were not what libpq promised: reset
};

// Groups of write_grouped(): at most this many writes each, and half the pool's connections
// running groups at once. A write that finds a connection free runs alone (a group of one is a
// plain transaction, and PostgreSQL shares the WAL flush of concurrent commits itself); writes
// are grouped only when that many groups are busy. Grouping everything on one or two
// connections measured slower (writes ran one after another, a round trip per statement).
constexpr std::size_t kGroupMax = 64;

class PostgresDatabase final : public Database, public GroupedWrites {
 public:
  PostgresDatabase(const std::string& url, const Options& options)
      : url_(url),
        group_(
            kGroupMax, [this](const auto& group) { run_group(group); },
            std::max<std::size_t>(options.pool_size / 2, 1)) {
    std::size_t size = std::max<std::size_t>(options.pool_size, 1);
    all_.reserve(size);
    for (std::size_t i = 0; i < size; ++i) {
      all_.push_back(std::make_unique<PgConnection>(url, options.plan_lifetime));
      idle_.push_back(all_.back().get());
    }
  }

  Dialect dialect() const override { return Dialect::Postgres; }

  void read(const std::function<void(Connection&)>& work) override {
    transaction(kBeginRead, work);
  }

  // PostgreSQL's default synchronous_commit=on flushes the WAL before COMMIT returns.
  void write(const std::function<void(Connection&)>& work) override {
    retry_transient([&] { transaction(kBeginWrite, work); });
  }

  // Group commit (group_commit.hpp): the writes waiting when a group starts share its
  // transaction on one connection, each in a savepoint, and one COMMIT.
  void write_grouped(const std::function<void(Connection&)>& work) override { group_.write(work); }

  Rows read_once(std::string_view sql, const Params& params) override {
    Lease lease(*this);
    lease->ensure_connected();
    return lease->query(sql, params);
  }

  PoolStats stats() const override {
    std::lock_guard lock(mutex_);
    return PoolStats{all_.size(), all_.size() - idle_.size(), waits_ + group_.waits()};
  }

  // pg_dump takes a consistent snapshot while the server keeps serving; custom format, for
  // pg_restore.
  void backup_to(const std::string& path) override {
    std::vector<std::string> args{"pg_dump", "--format=custom", "--no-password", "--file=" + path,
                                  "--dbname=" + url_};
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), environ) != 0) {
      throw Error("backup needs pg_dump (Debian package postgresql-client-15) on the PATH");
    }
    int status = 0;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      throw Error("pg_dump failed for " + redact_url(url_));
    }
  }

  bool ping() override {
    try {
      Lease lease(*this);
      lease->ensure_connected();
      lease->query(kPing, {});
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }

 private:
  // Returns its connection to the pool however the borrower leaves, tidied by make_idle().
  class Lease {
   public:
    explicit Lease(PostgresDatabase& db) : db_(db), conn_(db.acquire()) {}
    ~Lease() { db_.release(conn_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    PgConnection* operator->() const { return conn_; }
    PgConnection& operator*() const { return *conn_; }

   private:
    PostgresDatabase& db_;
    PgConnection* conn_;
  };

  void transaction(std::string_view begin, const std::function<void(Connection&)>& work) {
    Lease lease(*this);
    lease->ensure_connected();
    lease->send_later(begin);
    try {
      work(*lease);
    } catch (...) {
      lease->rollback();
      throw;
    }
    lease->commit();
  }

  // Runs a group of write_grouped() on a connection of the pool; never throws.
  void run_group(const std::vector<GroupCommit::Write*>& group) noexcept {
    try {
      Lease lease(*this);
      lease->ensure_connected();
      auto& c = *lease;
      run_in_savepoints(group, GroupTransaction{
                                   c,
                                   [&] { c.send_later(kBeginWrite); },
                                   [&] { c.commit(); },
                                   [&] { c.rollback(); },
                                   [&] { return c.in_transaction(); },
                                   [&] { c.send_later(kSavepoint); },
                                   [&] {
                                     // Reads the write's outcome with it: a failure is its own.
                                     c.send_later(kRelease);
                                     c.flush();
                                   },
                               });
    } catch (...) {  // no connection: none of the writes ran
      for (auto* w : group) {
        if (!w->error) w->error = std::current_exception();
      }
    }
  }

  PgConnection* acquire() {
    std::unique_lock lock(mutex_);
    if (idle_.empty()) {
      ++waits_;
      available_.wait(lock, [this] { return !idle_.empty(); });
    }
    PgConnection* c = idle_.back();
    idle_.pop_back();
    return c;
  }

  void release(PgConnection* c) noexcept {
    c->make_idle();  // outside the lock: it may reconnect, which takes a while
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(c);
    }
    available_.notify_one();
  }

  std::string url_;
  std::vector<std::unique_ptr<PgConnection>> all_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<PgConnection*> idle_;  // last in, first out: recently used connections stay warm
  std::uint64_t waits_ = 0;
  GroupCommit group_;  // last: its groups use the pool above
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, const Options& options) {
  return std::make_unique<PostgresDatabase>(url, options);
}

}  // namespace loket::db
