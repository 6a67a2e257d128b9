// Date/time arithmetic shared by the operator functions
// (datetime_functions.cpp) and the SQL-callable date/time functions
// (datetime_sql_functions.cpp). PostgreSQL 15 semantics and errors.
#pragma once

#include <cstdint>

#include "sql/types/datetime.h"

namespace strata::sql {

// timestamp_pl_interval / timestamptz_pl_interval (months, then days in
// local time — the session zone for `with_tz` — then microseconds).
int64_t TimestampPlusInterval(int64_t ts, const Interval& span, bool with_tz);
// interval_um: 22008 "interval out of range" on overflow.
Interval IntervalNegate(const Interval& iv);
Interval IntervalJustifyHours(const Interval& span);
Interval IntervalJustifyDays(const Interval& span);
Interval IntervalJustifyInterval(const Interval& span);

}  // namespace strata::sql
