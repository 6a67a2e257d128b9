// StatementWorker: one piece of a statement's work run on a second thread,
// so a plan node can use the machine's other core (the grace hash join
// partitions its outer side this way while it reads its inner side).
//
// The worker sees the statement's session settings and datetime context
// (read-only: nothing changes them while a statement runs) but not its
// interrupt state: it polls a stop flag instead, and the owner checks for
// interrupts while it waits (Wait), stopping the worker before a cancel or
// timeout error leaves. An exception thrown by the work comes back out of
// Wait(). Destroying a worker that is still running asks it to stop and
// joins it, so an error on the owner's side never leaves a thread behind.
//
// What the work may touch: only objects the owner does not use until Wait()
// returns, and shared structures that are safe for concurrent readers (the
// storage engine, a transaction's snapshot and write set while nothing
// writes to it). Code that reaches the statement's other thread-local state
// (subqueries, functions with side effects, catalog lookups) must not run
// on a worker.
#pragma once

#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace strata::sql {

class StatementWorker {
 public:
  // Starts `work` on a new thread. It should return soon after `stop`
  // becomes true.
  explicit StatementWorker(std::function<void(const std::atomic<bool>& stop)> work);
  ~StatementWorker();
  StatementWorker(const StatementWorker&) = delete;
  StatementWorker& operator=(const StatementWorker&) = delete;

  // Waits until the work returned, checking for interrupts meanwhile;
  // rethrows what the work threw. Call at most once.
  void Wait();

 private:
  void StopAndJoin() noexcept;

  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace strata::sql
