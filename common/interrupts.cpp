// Statement interrupts (see interrupts.h).
#include "common/interrupts.h"

#include "common/sql_error.h"

namespace strata {

namespace interrupts_detail {
thread_local InterruptState* current_state = nullptr;
}

void InterruptState::Check(bool read_clock) {
  if (cancel_requested_.load(std::memory_order_acquire)) {
    cancel_requested_.store(false, std::memory_order_relaxed);
    throw SqlError(SqlState::kQueryCanceled, "canceling statement due to user request");
  }
  if (has_deadline_ && (read_clock || --until_clock_read_ == 0)) {
    until_clock_read_ = kClockInterval;
    if (std::chrono::steady_clock::now() >= deadline_) {
      has_deadline_ = false;  // one error per statement
      throw SqlError(SqlState::kQueryCanceled, "canceling statement due to statement timeout");
    }
  }
}

StatementInterruptScope::StatementInterruptScope(InterruptState* state, int64_t timeout_ms)
    : state_(state), outermost_(interrupts_detail::current_state == nullptr) {
  if (!outermost_) return;
  // A cancel left over from an earlier statement (it raced with that
  // statement's end) must not hit this one.
  state_->cancel_requested_.store(false, std::memory_order_relaxed);
  state_->has_deadline_ = timeout_ms > 0;
  if (state_->has_deadline_) {
    state_->deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    state_->until_clock_read_ = 1;  // the first check reads the clock
  }
  state_->statement_active_.store(true, std::memory_order_release);
  interrupts_detail::current_state = state_;
}

StatementInterruptScope::~StatementInterruptScope() {
  if (!outermost_) return;
  state_->statement_active_.store(false, std::memory_order_release);
  state_->cancel_requested_.store(false, std::memory_order_relaxed);
  state_->has_deadline_ = false;
  interrupts_detail::current_state = nullptr;
}

}  // namespace strata
