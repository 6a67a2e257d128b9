// pg_backend_pid(), pg_cancel_backend(pid), pg_terminate_backend(pid [,
// timeout]), pg_trigger_depth(): PostgreSQL's results, warnings and errors. The other session
// is reached through the server's BackendSignals (backend_signals.h).
#include <chrono>
#include <string>
#include <thread>

#include "common/interrupts.h"
#include "common/sql_error.h"
#include "sql/backend_signals.h"
#include "sql/expr/sql_function.h"
#include "sql/function_notices.h"
#include "sql/trigger_depth.h"

namespace strata::sql {

namespace {
BackendSignals* installed_backend_signals = nullptr;
}

void InstallBackendSignals(BackendSignals* signals) { installed_backend_signals = signals; }
BackendSignals* InstalledBackendSignals() { return installed_backend_signals; }

namespace {

Value BackendPid(std::span<const Value>) { return Value::Int4(CurrentBackendPid()); }

Value TriggerDepth(std::span<const Value>) { return Value::Int4(CurrentTriggerDepth()); }

// PostgreSQL's pg_signal_backend(): a pid that is no session is a WARNING
// and false.
BackendSignals* SignalTarget(int64_t pid) {
  BackendSignals* signals = installed_backend_signals;
  if (signals == nullptr || !signals->BackendExists(static_cast<int32_t>(pid))) {
    EmitFunctionNotice(WarningNotice(
        SqlState::kWarning, "PID " + std::to_string(pid) + " is not a PostgreSQL backend process"));
    return nullptr;
  }
  return signals;
}

Value CancelBackend(std::span<const Value> a) {
  BackendSignals* signals = SignalTarget(a[0].int_value());
  if (signals == nullptr) return Value::Bool(false);
  return Value::Bool(signals->CancelBackend(static_cast<int32_t>(a[0].int_value())));
}

Value TerminateBackendWithin(int64_t pid, int64_t timeout_ms) {
  if (timeout_ms < 0) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "\"timeout\" must not be negative");
  }
  BackendSignals* signals = SignalTarget(pid);
  if (signals == nullptr) return Value::Bool(false);
  if (!signals->TerminateBackend(static_cast<int32_t>(pid))) return Value::Bool(false);
  if (timeout_ms == 0) return Value::Bool(true);
  // pg_wait_until_termination(): poll until the session is gone.
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (signals->BackendExists(static_cast<int32_t>(pid))) {
    CheckForInterrupts();
    if (std::chrono::steady_clock::now() >= end) {
      EmitFunctionNotice(WarningNotice(SqlState::kWarning,
                                       "backend with PID " + std::to_string(pid) +
                                           " did not terminate within " +
                                           std::to_string(timeout_ms) + " milliseconds"));
      return Value::Bool(false);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Value::Bool(true);
}

Value TerminateBackend(std::span<const Value> a) { return TerminateBackendWithin(a[0].int_value(), 0); }
Value TerminateBackendTimeout(std::span<const Value> a) {
  return TerminateBackendWithin(a[0].int_value(), a[1].int_value());
}

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kInt4 = type_oid::kInt4;

const SqlFunction kFunctions[] = {
    {"pg_backend_pid", {k0, k0, k0, k0, k0, k0, k0}, 0, kInt4, {"pg_backend_pid", BackendPid}},
    {"pg_trigger_depth", {k0, k0, k0, k0, k0, k0, k0}, 0, kInt4,
     {"pg_trigger_depth", TriggerDepth}},
    {"pg_cancel_backend", {kInt4, k0, k0, k0, k0, k0, k0}, 1, type_oid::kBool,
     {"pg_cancel_backend", CancelBackend}},
    // pg_terminate_backend(pid integer, timeout bigint DEFAULT 0).
    {"pg_terminate_backend", {kInt4, k0, k0, k0, k0, k0, k0}, 1, type_oid::kBool,
     {"pg_terminate_backend", TerminateBackend}},
    {"pg_terminate_backend", {kInt4, type_oid::kInt8, k0, k0, k0, k0, k0}, 2, type_oid::kBool,
     {"pg_terminate_backend", TerminateBackendTimeout}},
};

}  // namespace

std::span<const SqlFunction> BackendSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
