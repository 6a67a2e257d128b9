// Text input and output of date, time, timestamp, timestamptz and interval,
// as PostgreSQL 15's date_in/date_out, time_in/time_out, timestamp_in/out,
// timestamptz_in/out, interval_in/out: the same accepted forms (ISO 8601,
// MDY/DMY/YMD per DateStyle, month names, BC, 'epoch', 'infinity', 'now',
// 'today', 'allballs', zone names, offsets and abbreviations), the same
// output per DateStyle/IntervalStyle, the same errors (22007, 22008, 22009,
// 22015, 22023). Input and output read CurrentDatetimeContext().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/types/datetime.h"
#include "sql/types/timezone.h"

namespace strata::sql {

int32_t ParseDate(std::string_view text);
int64_t ParseTime(std::string_view text);
int64_t ParseTimestamp(std::string_view text);
int64_t ParseTimestampTz(std::string_view text);
Interval ParseInterval(std::string_view text);

std::string FormatDate(int32_t date);
std::string FormatTime(int64_t time);
std::string FormatTimestamp(int64_t ts);
std::string FormatTimestampTz(int64_t ts);
std::string FormatInterval(const Interval& iv);

// timestamptz -> local broken-down time in `zone` (timestamp2tm with a zone).
// Returns false if out of range.
bool TimestampTzToTm(int64_t ts, const TimeZone& zone, datetime::Tm* tm);
// Local time in `zone` -> timestamptz, resolving DST gaps/overlaps as
// PostgreSQL does. Throws 22008 "timestamp out of range" on overflow.
int64_t LocalToTimestampTz(int64_t local, const TimeZone& zone);
// The UTC offset (seconds east) of timestamptz `ts` in `zone`.
int32_t UtcOffsetAt(int64_t ts, const TimeZone& zone);

// Rounds a time/timestamp to `precision` fractional digits (0..6), as the
// typmod of time(p)/timestamp(p) does; infinities pass through.
int64_t RoundToPrecision(int64_t usecs, int precision);
// Rounds/limits an interval by an interval typmod (fields and precision).
Interval ApplyIntervalTypmod(const Interval& iv, int32_t typmod);

// Parses an interval with a field restriction from an interval typmod
// (INTERVAL '1' DAY): `range` is the INTERVAL_MASK bits of the typmod.
Interval ParseIntervalWithRange(std::string_view text, int range);

}  // namespace strata::sql
