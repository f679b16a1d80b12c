// Group commit: concurrent writes share one transaction and one commit (one fsync), each in its
// own savepoint, so throughput grows with the writers instead of being capped by fsyncs.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "db/database.hpp"

namespace loket::db {

// The queue of waiting writes and who commits them. There is no writer thread: the first
// caller to find no group running (fewer than `max_running`) runs the next one (up to `max_group`
// writes, oldest first) for everyone queued, and the others sleep until their write is committed or
// failed. The queue's mutex is held only to queue and to take a group, never while a group runs, so
// a caller never waits on it for longer than a few list operations.
class GroupCommit {
 public:
  // One write waiting: what to run, and how it ended (error unset: committed).
  struct Write {
    const std::function<void(Connection&)>* work = nullptr;
    std::exception_ptr error;
    bool done = false;
  };
  // Runs a group and sets the error of each write that did not commit; never throws.
  using RunGroup = std::function<void(const std::vector<Write*>& group)>;

  // `max_running`: groups that may run at once (1 on SQLite's single writer connection).
  GroupCommit(std::size_t max_group, RunGroup run, std::size_t max_running = 1);

  // Queues `work` and returns once its group has committed; rethrows the write's own error.
  void write(const std::function<void(Connection&)>& work);

  // Writes that found a group running and waited for a later one.
  std::uint64_t waits() const { return waits_.load(std::memory_order_relaxed); }
  // Groups run, and writes in them (writes / groups: the mean group size).
  std::uint64_t groups() const { return groups_.load(std::memory_order_relaxed); }
  std::uint64_t grouped_writes() const { return grouped_.load(std::memory_order_relaxed); }

 private:
  std::size_t max_group_;
  RunGroup run_;
  std::size_t max_running_;
  std::mutex mutex_;
  std::condition_variable committed_;
  std::deque<Write*> queue_;  // oldest first
  std::size_t running_ = 0;   // groups being run by callers
  std::atomic<std::uint64_t> waits_{0}, groups_{0}, grouped_{0};
};

// A database whose write_grouped() commits concurrent writes together. SQLite's write() always
// does; PostgreSQL's does only for write_grouped(), since it runs writes on many connections
// at once and a group would hold its rows' locks until the group commits.
class GroupedWrites {
 public:
  virtual ~GroupedWrites() = default;
  virtual void write_grouped(const std::function<void(Connection&)>& work) = 0;
};

// Database::write() for short, independent writes that many callers make at once (a submitted
// application): on PostgreSQL too they share a transaction (each in its own savepoint) and one
// WAL flush. `work` should not wait long for row locks other transactions hold: its group
// waits with it. Elsewhere it is db.write(work).
void write_grouped(Database& db, const std::function<void(Connection&)>& work);

// How run_in_savepoints drives the transaction on the group's connection.
struct GroupTransaction {
  Connection& connection;
  std::function<void()> begin;   // BEGIN (IMMEDIATE on SQLite); throws when it cannot
  std::function<void()> commit;  // throws when the changes were not saved
  std::function<void()> rollback;
  // False when the backend itself ended the transaction after a failure (SQLite does on a full
  // disk or an I/O error; PostgreSQL on a lost connection).
  std::function<bool()> in_transaction;
  // Optional: SAVEPOINT w before each write of a group and RELEASE w after it, which throws the
  // write's failure. Unset: execute_script on the connection. (PostgreSQL sends them with the
  // write's own statements, without a round trip of their own.)
  std::function<void()> savepoint;
  std::function<void()> release;
};

// Runs the group's writes in one transaction: each in a savepoint (a write alone needs none), a
// write that throws is rolled back to its savepoint and keeps its exception, the others commit
// together. When the backend ended the whole transaction, the writes that had not failed run
// again in a new one, without the failed write: a write must touch only the connection and its
// own results. Never throws.
void run_in_savepoints(const std::vector<GroupCommit::Write*>& group,
                       const GroupTransaction& tx) noexcept;

}  // namespace loket::db
