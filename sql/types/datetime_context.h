// DatetimeContext: the session state that date/time input, output and
// functions read — DateStyle, IntervalStyle, TimeZone and the transaction and
// statement start times (what PostgreSQL keeps in globals).
//
// The session installs its context for the duration of each statement with a
// ScopedDatetimeContext (a thread-local pointer: a statement runs on one
// worker thread). Outside any scope, CurrentDatetimeContext() returns the
// defaults ('ISO, MDY', 'postgres', UTC, times 0), so unit tests and
// session-less callers work.
#pragma once

#include <cstdint>
#include <memory>

#include "sql/types/timezone.h"

namespace strata::sql {

enum class DateStyle { kIso, kSql, kPostgres, kGerman };
enum class DateOrder { kYmd, kDmy, kMdy };
enum class IntervalStyle { kPostgres, kPostgresVerbose, kSqlStandard, kIso8601 };

struct DatetimeContext {
  DateStyle date_style = DateStyle::kIso;
  DateOrder date_order = DateOrder::kMdy;
  IntervalStyle interval_style = IntervalStyle::kPostgres;
  std::shared_ptr<const TimeZone> time_zone = UtcTimeZone();
  // PostgreSQL timestamps (µs since 2000-01-01 UTC).
  int64_t transaction_start = 0;
  int64_t statement_start = 0;
  // Not a date/time setting, but read by an output function like them
  // (float8out / float4out).
  int extra_float_digits = 1;
};

const DatetimeContext& CurrentDatetimeContext();

class ScopedDatetimeContext {
 public:
  explicit ScopedDatetimeContext(const DatetimeContext* context);
  ~ScopedDatetimeContext();
  ScopedDatetimeContext(const ScopedDatetimeContext&) = delete;
  ScopedDatetimeContext& operator=(const ScopedDatetimeContext&) = delete;

 private:
  const DatetimeContext* previous_;
};

// The current wall-clock time as a PostgreSQL timestamp (GetCurrentTimestamp).
int64_t CurrentTimestamp();

}  // namespace strata::sql
