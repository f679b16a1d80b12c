// SQLite in WAL mode: one writer connection (BEGIN IMMEDIATE, synchronous=FULL, so a returned
// write() is on disk) and one reader connection per thread, each seeing a snapshot for the
// length of a read(). Writes that wait for the writer are committed together (group commit):
// one transaction, each write in its own savepoint, one fsync for all.
#include "db/sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "db/group_commit.hpp"

namespace loket::db {
namespace {

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
struct DbDeleter {
  void operator()(sqlite3* d) const { sqlite3_close_v2(d); }
};

class SqliteConnection final : public Connection {
 public:
  enum class Role { Reader, Writer, Checkpointer };
  SqliteConnection(const std::string& path, const Options& options, bool writer,
                   Role role = Role::Reader) {
    if (writer) role = Role::Writer;
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (writer ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK) {
      throw Error(fmt::format("cannot open SQLite database {}: {}", path,
                              raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    sqlite3_extended_result_codes(db_.get(), 1);
    sqlite3_busy_timeout(db_.get(), options.busy_timeout_ms);
    if (role == Role::Writer) {
      execute_script("PRAGMA journal_mode=WAL");
      execute_script(options.synchronous_full ? "PRAGMA synchronous=FULL"
                                              : "PRAGMA synchronous=NORMAL");
      if (options.sqlite_writer_cache_kib > 0) {
        execute_script(fmt::format("PRAGMA cache_size=-{}", options.sqlite_writer_cache_kib));
      }
      // A commit group (group commit: a savepoint per write) keeps the pages its savepoints
      // change in a statement journal, which past 64 KiB SQLite writes to a temporary file,
      // opened and removed for each group. It needs no durability (a crash rolls back the
      // whole transaction), so memory will do: a group's journal is at most the pages its
      // writes change. Submits went from about 1,500 to 1,900 a second.
      execute_script("PRAGMA temp_store=MEMORY");
    } else if (role == Role::Checkpointer) {
      // The checkpoint syncs the database file as the writer would have.
      execute_script(options.synchronous_full ? "PRAGMA synchronous=FULL"
                                              : "PRAGMA synchronous=NORMAL");
    } else {
      execute_script("PRAGMA query_only=ON");
    }
    execute_script("PRAGMA foreign_keys=ON");
    // Reads through the map cost no system call per page; SQLite caps the size at its
    // compile-time maximum. A file that is not mapped (":memory:") ignores it.
    if (options.sqlite_mmap_bytes > 0) {
      execute_script(fmt::format("PRAGMA mmap_size={}", options.sqlite_mmap_bytes));
    }
  }

  sqlite3* handle() const { return db_.get(); }
  bool in_wal_mode() {
    auto rows = query("PRAGMA journal_mode", {});
    return !rows.empty() && rows[0].text(0) == "wal";
  }
  bool in_transaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

  Rows query(std::string_view sql, const Params& params) override {
    auto* stmt = prepare(sql, params);
    int columns = sqlite3_column_count(stmt);
    Rows rows(static_cast<std::size_t>(columns));
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(rc, stmt);
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          rows.push(std::nullopt);
        } else {
          auto* p = sqlite3_column_blob(stmt, c);  // text or blob bytes, as stored
          int n = sqlite3_column_bytes(stmt, c);
          rows.push(std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)));
        }
      }
    }
    sqlite3_reset(stmt);
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    auto* stmt = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(rc, stmt);
    sqlite3_reset(stmt);
    return sqlite3_changes64(db_.get());
  }

  void execute_script(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_.get(), s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw_for(rc, msg);
    }
  }

 private:
  [[noreturn]] static void throw_for(int rc, const std::string& msg) {
    if ((rc & 0xff) == SQLITE_CONSTRAINT) throw ConstraintError(msg);
    throw Error("SQLite: " + msg);
  }

  [[noreturn]] void fail(int rc, sqlite3_stmt* stmt) {
    std::string msg = sqlite3_errmsg(db_.get());
    sqlite3_reset(stmt);
    throw_for(rc, msg);
  }

  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      sqlite3_stmt* raw = nullptr;
      int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
      if (rc != SQLITE_OK) throw_for(rc, sqlite3_errmsg(db_.get()));
      Prepared p{std::unique_ptr<sqlite3_stmt, StmtDeleter>(raw), {}};
      // Parameters are written $1, $2, … as in PostgreSQL; SQLite sees them as named "$N".
      // Their numbers are read once here: sqlite3_bind_parameter_name searches a list, so
      // asking on every call costs time quadratic in the parameters (a multi-row INSERT).
      int count = sqlite3_bind_parameter_count(raw);
      p.numbers.reserve(static_cast<std::size_t>(count));
      for (int i = 1; i <= count; ++i) {
        const char* name = sqlite3_bind_parameter_name(raw, i);
        std::size_t n = 0;
        if (!name || name[0] != '$' ||
            std::from_chars(name + 1, name + std::char_traits<char>::length(name), n).ec !=
                std::errc() ||
            n == 0) {
          throw Error(fmt::format("SQL parameter {} is not $1, $2, …", name ? name : "?"));
        }
        p.numbers.push_back(n);
      }
      it = statements_.emplace(std::string(sql), std::move(p)).first;
    }
    auto* stmt = it->second.stmt.get();
    sqlite3_clear_bindings(stmt);
    const auto& numbers = it->second.numbers;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      auto n = numbers[i];
      if (n > params.size()) throw Error(fmt::format("SQL parameter ${} has no value", n));
      const auto& v = params[n - 1];
      int index = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(v)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (auto* x = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, index, *x);
      } else if (auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) throw_for(rc, sqlite3_errmsg(db_.get()));
    }
    return stmt;
  }

  struct Prepared {
    std::unique_ptr<sqlite3_stmt, StmtDeleter> stmt;
    std::vector<std::size_t> numbers;  // bind index - 1 → N of its "$N"
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unique_ptr<sqlite3, DbDeleter> db_;
  std::unordered_map<std::string, Prepared, Hash, std::equal_to<>> statements_;
};

std::atomic<std::uint64_t> g_next_id{1};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const Options& options)
      : path_(std::move(path)),
        options_(options),
        id_(g_next_id++),
        writer_(std::make_unique<SqliteConnection>(path_, options_, true)),
        group_(options.sqlite_group_commit, [this](const auto& group) { run_group(group); }) {
    start_checkpointer();
  }

  ~SqliteDatabase() override {
    {
      std::lock_guard lock(checkpoint_mutex_);
      stopping_ = true;
    }
    checkpoint_wake_.notify_all();
    if (checkpointer_.joinable()) checkpointer_.join();
  }

  Dialect dialect() const override { return Dialect::Sqlite; }

  void read(const std::function<void(Connection&)>& work) override {
    auto& c = reader();
    in_use_.fetch_add(1, std::memory_order_relaxed);
    struct Release {
      std::atomic<std::size_t>& n;
      ~Release() { n.fetch_sub(1, std::memory_order_relaxed); }
    } release{in_use_};
    c.execute_script("BEGIN");
    try {
      work(c);
    } catch (...) {
      c.execute_script("ROLLBACK");
      throw;
    }
    c.execute_script("COMMIT");
  }

  // Group commit (group_commit.hpp): the first writer to find the writer idle commits for
  // everyone waiting behind it (up to sqlite_group_commit writes); the others sleep until their
  // write is committed or failed. Throughput then grows with the number of concurrent writers
  // instead of being capped by one fsync per write, and each write stays atomic and durable
  // when write() returns.
  void write(const std::function<void(Connection&)>& work) override { group_.write(work); }

  // A statement outside BEGIN … COMMIT is its own read transaction (from its first step to
  // its reset), so one snapshot without the two extra statements per request.
  Rows read_once(std::string_view sql, const Params& params) override {
    auto& c = reader();
    in_use_.fetch_add(1, std::memory_order_relaxed);
    struct Release {
      std::atomic<std::size_t>& n;
      ~Release() { n.fetch_sub(1, std::memory_order_relaxed); }
    } release{in_use_};
    return c.query(sql, params);
  }

  PoolStats stats() const override {
    std::lock_guard lock(readers_mutex_);
    return PoolStats{readers_.size() + 1, in_use_.load(), group_.waits()};
  }

  // SQLite's online backup copies page by page from a reader's snapshot; writers go on.
  void backup_to(const std::string& path) override {
    sqlite3* raw = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::unique_ptr<sqlite3, DbDeleter> dest(raw);
    if (rc != SQLITE_OK)
      throw Error("cannot create backup file " + path + ": " + sqlite3_errstr(rc));
    SqliteConnection source(path_, options_, false);
    auto* backup = sqlite3_backup_init(dest.get(), "main", source.handle(), "main");
    if (!backup) throw Error(std::string("backup failed: ") + sqlite3_errmsg(dest.get()));
    rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw Error(std::string("backup failed: ") + sqlite3_errstr(rc));
  }

  bool ping() override {
    try {
      read([](Connection& c) { c.query("SELECT 1"); });
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }

 private:
  // Each thread keeps the index of its reader connection per database.
  SqliteConnection& reader() {
    thread_local std::unordered_map<std::uint64_t, SqliteConnection*> mine;
    auto it = mine.find(id_);
    if (it != mine.end()) return *it->second;
    auto conn = std::make_unique<SqliteConnection>(path_, options_, false);
    auto* raw = conn.get();
    {
      std::lock_guard lock(readers_mutex_);
      readers_.push_back(std::move(conn));
    }
    mine.emplace(id_, raw);
    return *raw;
  }

  // Checkpoints (copying the WAL's pages back into the database file, and syncing it) run on a
  // thread of their own instead of inside the commit that fills the WAL past 1,000 pages, as
  // SQLite's automatic checkpoint does: there they held the writer, and every write queued
  // behind it, for the many random page writes and the fsync of a large file. The writer only
  // wakes the checkpointer; past kWalPagesHard pages (the checkpointer cannot keep up, or a
  // long read keeps the WAL from being reused) it checkpoints itself, so the WAL stays bounded.
  static constexpr int kWalPagesSoft = 1000;
  static constexpr int kWalPagesHard = 64000;
  static constexpr auto kCheckpointPause = std::chrono::milliseconds(100);

  void start_checkpointer() {
    if (!writer_->in_wal_mode()) return;  // e.g. a file system without shared memory
    auto c = std::make_unique<SqliteConnection>(path_, options_, false,
                                                SqliteConnection::Role::Checkpointer);
    writer_->execute_script("PRAGMA wal_autocheckpoint=0");
    sqlite3_wal_hook(
        writer_->handle(),
        [](void* self, sqlite3* db, const char*, int pages) -> int {
          auto* me = static_cast<SqliteDatabase*>(self);
          if (pages >= kWalPagesHard) {
            sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
          } else if (pages >= kWalPagesSoft) {
            me->checkpoint_wake_.notify_one();
          }
          return SQLITE_OK;
        },
        this);
    checkpointer_ = std::thread([this, c = std::move(c)] {
      std::unique_lock lock(checkpoint_mutex_);
      while (!stopping_) {
        checkpoint_wake_.wait_for(lock, std::chrono::milliseconds(200));
        if (stopping_) break;
        lock.unlock();
        // PASSIVE: copies what no reader still needs, never waits for the writer or readers.
        sqlite3_wal_checkpoint_v2(c->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                  nullptr);
        lock.lock();
        // A pause before the next. Every commit past the soft limit wakes this thread; without
        // it, a checkpoint ran after nearly every commit: the database file was synced as often
        // as the WAL, and a page that every commit changes (an index's last leaf) was copied
        // back each time instead of once per pause. SQLite submits: about 1,950 → 2,350/s.
        checkpoint_wake_.wait_for(lock, kCheckpointPause, [this] { return stopping_; });
      }
    });
  }

  // Runs a group on the writer connection; see run_in_savepoints.
  void run_group(const std::vector<GroupCommit::Write*>& group) noexcept {
    auto& w = *writer_;
    run_in_savepoints(group, GroupTransaction{
                                 w,
                                 [&] { w.execute_script("BEGIN IMMEDIATE"); },
                                 [&] { w.execute_script("COMMIT"); },
                                 [&] { w.execute_script("ROLLBACK"); },
                                 [&] { return w.in_transaction(); },
                             });
  }

  std::string path_;
  Options options_;
  std::uint64_t id_;  // never reused, unlike an address, so stale thread-local entries are harmless
  std::unique_ptr<SqliteConnection> writer_;
  GroupCommit group_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  bool stopping_ = false;
  std::thread checkpointer_;  // owns its connection
  mutable std::mutex readers_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  std::atomic<std::size_t> in_use_{0};
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, const Options& options) {
  return std::make_unique<SqliteDatabase>(path, options);
}

}  // namespace loket::db
