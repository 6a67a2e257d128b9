// DdlMutex: the lock that serializes catalog changes (Catalog::ddl_mutex()).
//
// Unlike std::mutex it may be unlocked by a thread other than the one that
// locked it: a transaction block that did DDL holds it from that statement
// to its COMMIT or ROLLBACK (PostgreSQL's AccessExclusiveLock until commit),
// and each statement of a session may run on a different worker thread.
// BasicLockable + try_lock, so std::lock_guard / std::unique_lock work.
#pragma once

#include <condition_variable>
#include <mutex>

namespace strata::catalog {

class DdlMutex {
 public:
  void lock() {
    std::unique_lock<std::mutex> guard(mu_);
    cv_.wait(guard, [&] { return !held_; });
    held_ = true;
  }
  bool try_lock() {
    std::lock_guard<std::mutex> guard(mu_);
    if (held_) return false;
    held_ = true;
    return true;
  }
  void unlock() {
    {
      std::lock_guard<std::mutex> guard(mu_);
      held_ = false;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool held_ = false;
};

}  // namespace strata::catalog
