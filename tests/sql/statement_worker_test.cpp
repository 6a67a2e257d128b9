// StatementWorker: results and errors come back through Wait(), a cancel
// while waiting stops the worker, destruction stops a running one, and the
// work sees the statement's datetime context.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "common/interrupts.h"
#include "common/sql_error.h"
#include "sql/executor/statement_worker.h"
#include "sql/types/datetime_context.h"

namespace strata::sql {
namespace {

// Runs until told to stop; counts the loops into *loops.
void SpinUntilStopped(const std::atomic<bool>& stop, std::atomic<int>* loops) {
  while (!stop.load()) {
    loops->fetch_add(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

TEST_CASE("StatementWorker hands back the work's result", "[executor][worker]") {
  long sum = 0;
  StatementWorker worker([&sum](const std::atomic<bool>&) {
    for (int i = 1; i <= 1000; ++i) sum += i;
  });
  worker.Wait();
  CHECK(sum == 500500);
}

TEST_CASE("StatementWorker rethrows the work's error from Wait", "[executor][worker]") {
  StatementWorker worker([](const std::atomic<bool>&) {
    throw SqlError(SqlState::kIoError, "could not write to temporary file");
  });
  try {
    worker.Wait();
    FAIL("Wait() returned");
  } catch (const SqlError& e) {
    CHECK(e.sqlstate() == SqlState::kIoError);
  }
}

TEST_CASE("StatementWorker is stopped and joined when destroyed", "[executor][worker]") {
  std::atomic<int> loops{0};
  bool returned = false;
  {
    StatementWorker worker([&](const std::atomic<bool>& stop) {
      SpinUntilStopped(stop, &loops);
      returned = true;
    });
    while (loops.load() == 0) std::this_thread::yield();
  }
  CHECK(returned);  // the destructor joined the thread after it returned
}

TEST_CASE("A cancel while waiting stops the worker and ends the wait with 57014",
          "[executor][worker]") {
  InterruptState state;
  StatementInterruptScope scope(&state, 0);
  std::atomic<int> loops{0};
  std::atomic<bool> stopped{false};
  StatementWorker worker([&](const std::atomic<bool>& stop) {
    SpinUntilStopped(stop, &loops);
    stopped = true;
  });
  std::thread canceller([&] {
    while (loops.load() < 5) std::this_thread::yield();
    state.RequestCancel();
  });
  try {
    worker.Wait();
    FAIL("Wait() returned");
  } catch (const SqlError& e) {
    CHECK(e.sqlstate() == SqlState::kQueryCanceled);
  }
  canceller.join();
  CHECK(stopped.load());  // joined before the error left Wait()
}

TEST_CASE("StatementWorker's work sees the statement's datetime context", "[executor][worker]") {
  DatetimeContext context;
  context.extra_float_digits = -3;
  ScopedDatetimeContext scope(&context);
  int seen = 0;
  StatementWorker worker(
      [&seen](const std::atomic<bool>&) { seen = CurrentDatetimeContext().extra_float_digits; });
  worker.Wait();
  CHECK(seen == -3);
}

}  // namespace
}  // namespace strata::sql
