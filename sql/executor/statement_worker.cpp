// StatementWorker (see statement_worker.h).
#include "sql/executor/statement_worker.h"

#include <chrono>

#include "common/interrupts.h"
#include "sql/settings/session_settings.h"
#include "sql/types/datetime_context.h"

namespace strata::sql {

StatementWorker::StatementWorker(std::function<void(const std::atomic<bool>& stop)> work) {
  SessionSettings* settings = const_cast<SessionSettings*>(CurrentSessionSettingsOrNull());
  const DatetimeContext* datetime = &CurrentDatetimeContext();
  thread_ = std::thread([this, settings, datetime, work = std::move(work)] {
    ScopedSessionSettings settings_scope(settings);
    ScopedDatetimeContext datetime_scope(datetime);
    std::exception_ptr error;
    try {
      work(stop_);
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mu_);
    error_ = error;
    done_ = true;
    done_cv_.notify_all();
  });
}

StatementWorker::~StatementWorker() { StopAndJoin(); }

void StatementWorker::StopAndJoin() noexcept {
  stop_.store(true, std::memory_order_relaxed);
  if (thread_.joinable()) thread_.join();
}

void StatementWorker::Wait() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    while (!done_) {
      done_cv_.wait_for(lock, std::chrono::milliseconds(20));
      if (done_) break;
      lock.unlock();
      try {
        CheckForInterruptsNow();
      } catch (...) {
        StopAndJoin();
        throw;
      }
      lock.lock();
    }
  }
  if (thread_.joinable()) thread_.join();
  if (error_) std::rethrow_exception(error_);
}

}  // namespace strata::sql
