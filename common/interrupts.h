// Statement interrupts: query cancel (a CancelRequest from another
// connection) and statement_timeout, checked at the executor's loop points
// as PostgreSQL's CHECK_FOR_INTERRUPTS().
//
// One InterruptState belongs to one session. The session's query thread
// installs it for the duration of a statement (StatementInterruptScope);
// another thread may call RequestCancel() at any time. A cancel that arrives
// while no statement runs is ignored, as PostgreSQL ignores one that arrives
// while it reads the next command.
//
// CheckForInterrupts() throws SqlError 57014. Call it only where a thrown
// SqlError ends the statement cleanly (plan nodes' Next(), row loops), never
// from destructors or after a commit reached the WAL.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace strata {

class InterruptState {
 public:
  // The session's process id as clients know it (BackendKeyData; the
  // target of a CancelRequest), for messages that name sessions.
  void set_backend_pid(int32_t pid) { backend_pid_ = pid; }
  int32_t backend_pid() const { return backend_pid_; }

  // Thread-safe: asks the running statement, if any, to stop.
  void RequestCancel() {
    if (statement_active_.load(std::memory_order_acquire)) {
      cancel_requested_.store(true, std::memory_order_release);
    }
  }

 private:
  friend class StatementInterruptScope;
  friend void CheckForInterrupts();
  friend void CheckForInterruptsNow();
  friend bool InterruptPending();

  // Throws 57014 if a cancel is pending or the deadline passed (the clock
  // is read every kClockInterval calls, or now if `read_clock`).
  void Check(bool read_clock = false);
  bool Pending() const {
    return cancel_requested_.load(std::memory_order_acquire) ||
           (has_deadline_ && std::chrono::steady_clock::now() >= deadline_);
  }

  int32_t backend_pid_ = 0;
  std::atomic<bool> statement_active_{false};
  std::atomic<bool> cancel_requested_{false};
  bool has_deadline_ = false;
  std::chrono::steady_clock::time_point deadline_;
  // The clock is read every kClockInterval checks: a check must stay cheap
  // enough for per-row use.
  static constexpr uint32_t kClockInterval = 256;
  uint32_t until_clock_read_ = kClockInterval;
};

// Installs `state` as this thread's for one statement with a timeout in
// milliseconds (0 = none). Nested scopes (a statement run from inside
// another, as EXECUTE does) keep the outer statement's deadline.
class StatementInterruptScope {
 public:
  StatementInterruptScope(InterruptState* state, int64_t timeout_ms);
  ~StatementInterruptScope();
  StatementInterruptScope(const StatementInterruptScope&) = delete;
  StatementInterruptScope& operator=(const StatementInterruptScope&) = delete;

 private:
  InterruptState* state_;
  bool outermost_;
};

namespace interrupts_detail {
extern thread_local InterruptState* current_state;
}

// PostgreSQL's CHECK_FOR_INTERRUPTS(): throws SqlError 57014 "canceling
// statement due to user request" / "... due to statement timeout".
inline void CheckForInterrupts() {
  if (InterruptState* state = interrupts_detail::current_state) state->Check();
}
// The same, reading the clock on this call (after a wait).
inline void CheckForInterruptsNow() {
  if (InterruptState* state = interrupts_detail::current_state) state->Check(true);
}

}  // namespace strata

namespace strata {

// Whether CheckForInterrupts() would throw now, without throwing: for waits
// in code that reports errors as values (the lock table). Reads the clock.
inline bool InterruptPending() {
  const InterruptState* state = interrupts_detail::current_state;
  return state != nullptr && state->Pending();
}

}  // namespace strata

namespace strata {

// The backend pid of the session whose statement runs on this thread (0
// outside a statement).
inline int32_t CurrentBackendPid() {
  const InterruptState* state = interrupts_detail::current_state;
  return state != nullptr ? state->backend_pid() : 0;
}

}  // namespace strata
