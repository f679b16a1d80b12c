// Group commit: the queue with its leader hand-over, and a group's savepoint transaction.
#include "db/group_commit.hpp"

#include <algorithm>

namespace loket::db {

GroupCommit::GroupCommit(std::size_t max_group, RunGroup run, std::size_t max_running)
    : max_group_(std::max<std::size_t>(1, max_group)),
      run_(std::move(run)),
      max_running_(std::max<std::size_t>(1, max_running)) {}

void GroupCommit::write(const std::function<void(Connection&)>& work) {
  Write me{&work, nullptr, false};
  std::unique_lock lock(mutex_);
  queue_.push_back(&me);
  if (running_ >= max_running_) waits_.fetch_add(1, std::memory_order_relaxed);
  while (!me.done) {
    committed_.wait(lock, [&] { return me.done || (running_ < max_running_ && !queue_.empty()); });
    if (me.done) break;
    // Room for a group: this caller runs the next one, for the oldest writes queued (its own
    // among them, or in a later group it or another caller runs).
    ++running_;
    auto n = std::min(queue_.size(), max_group_);
    std::vector<Write*> group(queue_.begin(), queue_.begin() + static_cast<long>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
    lock.unlock();
    groups_.fetch_add(1, std::memory_order_relaxed);
    grouped_.fetch_add(n, std::memory_order_relaxed);
    run_(group);
    lock.lock();
    for (auto* w : group) w->done = true;
    --running_;
    committed_.notify_all();
  }
  lock.unlock();
  if (me.error) std::rethrow_exception(me.error);
}

void write_grouped(Database& db, const std::function<void(Connection&)>& work) {
  if (auto* g = dynamic_cast<GroupedWrites*>(&db)) {
    retry_transient([&] { g->write_grouped(work); });
  } else {
    db.write(work);
  }
}

namespace {

void try_rollback(const GroupTransaction& tx) noexcept {
  try {
    if (tx.in_transaction()) tx.rollback();
  } catch (...) {  // nothing more to do: the next BEGIN reports a broken connection
  }
}

}  // namespace

void run_in_savepoints(const std::vector<GroupCommit::Write*>& group,
                       const GroupTransaction& tx) noexcept {
  std::vector<GroupCommit::Write*> todo = group;
  while (!todo.empty()) {
    try {
      tx.begin();
    } catch (...) {
      for (auto* w : todo) w->error = std::current_exception();
      return;
    }
    // One write alone needs no savepoint: a failure rolls the transaction back.
    bool savepoints = todo.size() > 1;
    std::size_t dropped = todo.size();  // the write after which the backend ended the transaction
    for (std::size_t i = 0; i < todo.size(); ++i) {
      auto* w = todo[i];
      try {
        if (savepoints) {
          tx.savepoint ? tx.savepoint() : tx.connection.execute_script("SAVEPOINT w");
        }
        (*w->work)(tx.connection);
        if (savepoints) tx.release ? tx.release() : tx.connection.execute_script("RELEASE w");
      } catch (...) {
        w->error = std::current_exception();
        bool open = false;
        try {
          open = tx.in_transaction();
          if (savepoints && open) tx.connection.execute_script("ROLLBACK TO w; RELEASE w");
        } catch (...) {
          try_rollback(tx);
          open = false;
        }
        if (savepoints && !open) {
          dropped = i;
          break;
        }
      }
    }
    if (dropped < todo.size()) {
      // The others' changes are gone too: they run again in a new transaction.
      std::vector<GroupCommit::Write*> again;
      for (auto* w : todo) {
        if (!w->error) again.push_back(w);
      }
      todo = std::move(again);
      continue;
    }
    bool any = std::any_of(todo.begin(), todo.end(), [](auto* w) { return !w->error; });
    if (!any) {
      try_rollback(tx);
      return;
    }
    try {
      tx.commit();
    } catch (...) {
      auto error = std::current_exception();
      try_rollback(tx);
      for (auto* w : todo) {
        if (!w->error) w->error = error;
      }
    }
    return;
  }
}

}  // namespace loket::db
