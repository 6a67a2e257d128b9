// Casts between date, time, timestamp, timestamptz and interval (the
// pg_cast function casts: date_timestamp, timestamptz_date, interval_time,
// ...) and the typmod coercions of time(p), timestamp(p), timestamptz(p) and
// interval fields/precision. Conversions that involve a time zone use the
// session TimeZone (CurrentDatetimeContext()).
#pragma once

#include "sql/types/data_type.h"
#include "sql/types/value.h"

namespace strata::sql {

// True if (source, target) is a function cast between date/time types that
// DatetimeCast implements.
bool IsDatetimeCast(Oid source, Oid target);
// REQUIRES: IsDatetimeCast(value.type(), target) and !value.is_null().
Value DatetimeCast(const Value& value, Oid target);

bool IsDatetimeType(Oid type);
// time/timestamp precision rounding, interval field/precision limits.
Value ApplyDatetimeTypmod(const Value& value, int32_t typmod);

// Conversions shared with the date/time functions.
int64_t DateToTimestamp(int32_t date);    // 22008 "date out of range for timestamp"
int64_t DateToTimestampTz(int32_t date);  // midnight in the session zone
int32_t TimestampToDate(int64_t ts);
int64_t TimestampToTimestampTz(int64_t ts);
int64_t TimestampTzToTimestamp(int64_t ts);

}  // namespace strata::sql
