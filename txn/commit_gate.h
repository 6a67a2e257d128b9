// CommitGate: the reader-writer gate that committers with commit-time key
// checks pass through (TransactionManager::commit_gate_).
//
// Why: a committer's re-check of its keys (transaction.h: PutNew,
// PutExisting, locked rows) must not interleave with another committer's
// write of the same keys between the check and its own write. When every
// checked key is covered by a row lock the committer holds in a writing mode
// (FOR NO KEY UPDATE or FOR UPDATE), no other transaction can write those
// keys until it finishes, so such committers only need to keep out the
// committers that are NOT so covered: they pass in shared mode, many at once,
// and their WAL writes and fdatasyncs group (one sync for several commits).
// The others, and COPY's bulk ingest, pass alone (exclusive mode), as under
// the former single commit mutex.
//
// Writer preference: a waiting exclusive committer stops new shared entries,
// so a steady stream of shared committers cannot starve it (the default
// std::shared_mutex on glibc prefers readers).
//
// Thread safety: all methods may be called from any thread.
#pragma once

#include <condition_variable>
#include <mutex>

namespace strata::txn {

class CommitGate {
 public:
  void LockShared() {
    std::unique_lock<std::mutex> lock(mu_);
    changed_.wait(lock, [&] { return !exclusive_ && exclusive_waiting_ == 0; });
    ++shared_;
  }
  void UnlockShared() {
    std::lock_guard<std::mutex> lock(mu_);
    if (--shared_ == 0 && exclusive_waiting_ > 0) changed_.notify_all();
  }
  void lock() {
    std::unique_lock<std::mutex> lock(mu_);
    ++exclusive_waiting_;
    changed_.wait(lock, [&] { return !exclusive_ && shared_ == 0; });
    --exclusive_waiting_;
    exclusive_ = true;
  }
  void unlock() {
    std::lock_guard<std::mutex> lock(mu_);
    exclusive_ = false;
    changed_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  int shared_ = 0;              // committers inside in shared mode
  int exclusive_waiting_ = 0;   // exclusive committers waiting to enter
  bool exclusive_ = false;      // an exclusive committer is inside
};

// RAII shared entry (std::lock_guard<CommitGate> takes the exclusive one).
class SharedCommitGate {
 public:
  explicit SharedCommitGate(CommitGate& gate) : gate_(gate) { gate_.LockShared(); }
  ~SharedCommitGate() { gate_.UnlockShared(); }
  SharedCommitGate(const SharedCommitGate&) = delete;
  SharedCommitGate& operator=(const SharedCommitGate&) = delete;

 private:
  CommitGate& gate_;
};

}  // namespace strata::txn
