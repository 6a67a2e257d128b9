// The thread-local current DatetimeContext; see datetime_context.h.
#include "sql/types/datetime_context.h"

#include <chrono>

#include "sql/types/datetime.h"

namespace strata::sql {

namespace {
thread_local const DatetimeContext* current_context = nullptr;
}  // namespace

const DatetimeContext& CurrentDatetimeContext() {
  if (current_context != nullptr) return *current_context;
  static const DatetimeContext defaults;
  return defaults;
}

ScopedDatetimeContext::ScopedDatetimeContext(const DatetimeContext* context)
    : previous_(current_context) {
  current_context = context;
}

ScopedDatetimeContext::~ScopedDatetimeContext() { current_context = previous_; }

int64_t CurrentTimestamp() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t unix_usecs = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  return unix_usecs - datetime::kEpochDiffSecs * datetime::kUsecsPerSec;
}

}  // namespace strata::sql
