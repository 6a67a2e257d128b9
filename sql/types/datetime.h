// Date/time values as PostgreSQL 15 keeps them, and the calendar arithmetic
// every date/time function shares (PostgreSQL's utils/datetime.h,
// datatype/timestamp.h):
//
//   date         int32 days since 2000-01-01; INT32_MIN/INT32_MAX are
//                -infinity/infinity; finite dates are Julian days
//                [0, 2147483494) shifted by 2451545 (4714-11-24 BC ..
//                5874897-12-31).
//   time         int64 microseconds since midnight, 0 .. 24:00:00 inclusive.
//   timestamp,   int64 microseconds since 2000-01-01 00:00:00 (UTC for
//   timestamptz  timestamptz); INT64_MIN/INT64_MAX are -infinity/infinity;
//                finite values in [kTimestampMin, kTimestampEnd).
//   interval     months, days and microseconds, kept apart (a day is not
//                always 24 hours, a month not always 30 days); comparison
//                uses 30-day months and 24-hour days, as PostgreSQL does.
//
// Years are astronomical inside (1 BC is year 0); input and output convert.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "common/sql_error.h"

namespace strata::sql {

struct Interval {
  int64_t time = 0;  // microseconds
  int32_t day = 0;
  int32_t month = 0;
  friend bool operator==(const Interval&, const Interval&) = default;
};

namespace datetime {

inline constexpr int64_t kUsecsPerSec = 1000000;
inline constexpr int64_t kUsecsPerMinute = 60 * kUsecsPerSec;
inline constexpr int64_t kUsecsPerHour = 60 * kUsecsPerMinute;
inline constexpr int64_t kUsecsPerDay = 24 * kUsecsPerHour;
inline constexpr int32_t kSecsPerDay = 86400;
inline constexpr int32_t kDaysPerMonth = 30;
inline constexpr int32_t kMonthsPerYear = 12;

inline constexpr int32_t kPostgresEpochJdate = 2451545;  // date2j(2000, 1, 1)
inline constexpr int32_t kUnixEpochJdate = 2440588;      // date2j(1970, 1, 1)
// Seconds from the Unix epoch to the PostgreSQL epoch.
inline constexpr int64_t kEpochDiffSecs =
    int64_t{kPostgresEpochJdate - kUnixEpochJdate} * kSecsPerDay;

inline constexpr int32_t kDateNegInfinity = std::numeric_limits<int32_t>::min();
inline constexpr int32_t kDatePosInfinity = std::numeric_limits<int32_t>::max();
inline constexpr int32_t kDateEndJulian = 2147483494;       // date2j(5874898, 1, 1)
inline constexpr int32_t kTimestampEndJulian = 109203528;   // date2j(294277, 1, 1)
inline constexpr int64_t kTimestampNegInfinity = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kTimestampPosInfinity = std::numeric_limits<int64_t>::max();
inline constexpr int64_t kTimestampMin = -211813488000000000;   // 4714-11-24 00:00 BC
inline constexpr int64_t kTimestampEnd = 9223371331200000000;  // 294277-01-01 00:00

// Julian day number of a proleptic Gregorian date, and back (date2j, j2date).
int Date2J(int year, int month, int day);
void J2Date(int jd, int* year, int* month, int* day);
// Day of week, 0 = Sunday.
int J2Day(int jd);
// ISO 8601 week number (1..53) and week-numbering year of a date (date2isoweek,
// date2isoyear), shared by extract(week/isoyear) and to_char's IW/IYYY.
int IsoWeek(int year, int mon, int mday);
int IsoYear(int year, int mon, int mday);
bool IsLeap(int year);
int DaysInMonth(int year, int month);
// IS_VALID_JULIAN: on or after 4714-11-24 BC and before 5874898-01-01.
bool IsValidJulian(int year, int month, int day);

inline bool IsDateFinite(int32_t d) { return d != kDateNegInfinity && d != kDatePosInfinity; }
inline bool IsTimestampFinite(int64_t t) {
  return t != kTimestampNegInfinity && t != kTimestampPosInfinity;
}
inline bool IsValidDate(int32_t d) {  // IS_VALID_DATE
  return d >= -kPostgresEpochJdate && d < kDateEndJulian - kPostgresEpochJdate;
}
inline bool IsValidTimestamp(int64_t t) { return t >= kTimestampMin && t < kTimestampEnd; }

// Broken-down time (PostgreSQL's struct pg_tm + fsec). `year` is
// astronomical; `gmtoff` is seconds east of UTC.
struct Tm {
  int year = 0;
  int mon = 0;
  int mday = 0;
  int hour = 0;
  int min = 0;
  int sec = 0;
  int64_t fsec = 0;  // microseconds
  int wday = 0;
  int yday = 0;
  bool isdst = false;
  int gmtoff = 0;
  std::string zone_abbrev;  // empty if none
};

// Splits a finite timestamp (treated as local time) into fields. Returns
// false if it cannot be represented.
bool TimestampToTm(int64_t ts, Tm* tm);
// Fields (no zone) to a timestamp; false if out of range (tm2timestamp).
bool TmToTimestamp(const Tm& tm, int64_t* ts);
// Microseconds of a time of day (time2t).
inline int64_t TimeToUsecs(int hour, int min, int sec, int64_t fsec) {
  return ((int64_t{hour} * 60 + min) * 60 + sec) * kUsecsPerSec + fsec;
}
void UsecsToTime(int64_t time, int* hour, int* min, int* sec, int64_t* fsec);

// Interval to and from year/month/day/hour/min/sec/usec parts (interval2itm).
struct IntervalParts {
  int32_t year = 0;
  int32_t mon = 0;
  int32_t mday = 0;
  int64_t hour = 0;
  int32_t min = 0;
  int32_t sec = 0;
  int32_t usec = 0;
};
IntervalParts SplitInterval(const Interval& iv);

// interval_cmp_value: the 128-bit-safe comparable span (30-day months, 24-hour days).
__int128 IntervalCmpValue(const Interval& iv);
int CompareIntervals(const Interval& a, const Interval& b);

// Overflow-checked integer helpers.
bool AddOverflow(int64_t a, int64_t b, int64_t* out);
bool MulOverflow(int64_t a, int64_t b, int64_t* out);

// Errors with PostgreSQL's texts.
[[noreturn]] void ThrowDateOutOfRange();       // 22008 "date out of range"
[[noreturn]] void ThrowTimestampOutOfRange();  // 22008 "timestamp out of range"
[[noreturn]] void ThrowIntervalOutOfRange();   // 22008 "interval out of range"

}  // namespace datetime
}  // namespace strata::sql
