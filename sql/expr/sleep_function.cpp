// pg_sleep(seconds): waits, in slices short enough that a query cancel or
// statement_timeout interrupts it promptly (PostgreSQL sleeps at most 1 s at
// a time between CHECK_FOR_INTERRUPTS; we check every 10 ms).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "sql/backend_status.h"
#include "common/interrupts.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

namespace {

Value PgSleep(std::span<const Value> a) {
  const double seconds = a[0].float_value();
  using Clock = std::chrono::steady_clock;
  // NaN, negative and zero durations return at once, as in PostgreSQL.
  if (std::isnan(seconds) || seconds <= 0) return Value::String(type_oid::kVoid, "");
  const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(std::min(seconds, 1e9)));
  ScopedWaitEvent wait("Timeout", "PgSleep");
  while (true) {
    CheckForInterrupts();
    const auto now = Clock::now();
    if (now >= end) break;
    std::this_thread::sleep_for(std::min<Clock::duration>(end - now, std::chrono::milliseconds(10)));
  }
  return Value::String(type_oid::kVoid, "");
}

constexpr Oid k0 = type_oid::kInvalid;

const SqlFunction kFunctions[] = {
    {"pg_sleep", {type_oid::kFloat8, k0, k0, k0, k0, k0, k0}, 1, type_oid::kVoid, {"pg_sleep", PgSleep}},
};

}  // namespace

std::span<const SqlFunction> SleepSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
