// Calendar arithmetic shared by the date/time types; see datetime.h.
#include "sql/types/datetime.h"

#include <cstdlib>

namespace strata::sql::datetime {

// The Julian day algorithm of Fliegel and Van Flandern, as PostgreSQL's
// date2j/j2date use it (valid for all Julian days >= 0).
int Date2J(int year, int month, int day) {
  if (month > 2) {
    month += 1;
    year += 4800;
  } else {
    month += 13;
    year += 4799;
  }
  const int century = year / 100;
  int julian = year * 365 - 32167;
  julian += year / 4 - century + century / 4;
  julian += 7834 * month / 256 + day;
  return julian;
}

void J2Date(int jd, int* year, int* month, int* day) {
  unsigned int julian = static_cast<unsigned int>(jd);
  julian += 32044;
  unsigned int quad = julian / 146097;
  const unsigned int extra = (julian - quad * 146097) * 4 + 3;
  julian += 60 + quad * 3 + extra / 146097;
  quad = julian / 1461;
  julian -= quad * 1461;
  int y = static_cast<int>(julian * 4 / 1461);
  julian = ((y != 0) ? ((julian + 305) % 365) : ((julian + 306) % 366)) + 123;
  y += static_cast<int>(quad * 4);
  *year = y - 4800;
  quad = julian * 2141 / 65536;
  *day = static_cast<int>(julian - 7834 * quad / 256);
  *month = static_cast<int>((quad + 10) % 12 + 1);
}

int J2Day(int jd) {
  int day = (jd + 1) % 7;
  if (day < 0) day += 7;
  return day;
}

int IsoWeek(int year, int mon, int mday) {
  const int dayn = Date2J(year, mon, mday);
  int day4 = Date2J(year, 1, 4);
  int day0 = J2Day(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = Date2J(year - 1, 1, 4);
    day0 = J2Day(day4 - 1);
  }
  int result = (dayn - (day4 - day0)) / 7 + 1;
  if (result >= 52) {
    day4 = Date2J(year + 1, 1, 4);
    day0 = J2Day(day4 - 1);
    if (dayn >= day4 - day0) result = (dayn - (day4 - day0)) / 7 + 1;
  }
  return result;
}

int IsoYear(int year, int mon, int mday) {
  const int dayn = Date2J(year, mon, mday);
  int day4 = Date2J(year, 1, 4);
  int day0 = J2Day(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = Date2J(year - 1, 1, 4);
    day0 = J2Day(day4 - 1);
    year--;
  }
  const int result = (dayn - (day4 - day0)) / 7 + 1;
  if (result >= 52) {
    day4 = Date2J(year + 1, 1, 4);
    day0 = J2Day(day4 - 1);
    if (dayn >= day4 - day0) year++;
  }
  return year;
}

bool IsLeap(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[2][12] = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
                                       {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};
  return kDays[IsLeap(year) ? 1 : 0][month - 1];
}

bool IsValidJulian(int year, int month, int day) {
  return (year > -4713 || (year == -4713 && (month > 11 || (month == 11 && day >= 24)))) &&
         year < 5874898;
}

bool TimestampToTm(int64_t ts, Tm* tm) {
  int64_t date = ts / kUsecsPerDay;
  int64_t time = ts - date * kUsecsPerDay;
  if (time < 0) {
    time += kUsecsPerDay;
    date -= 1;
  }
  date += kPostgresEpochJdate;
  if (date < 0 || date > std::numeric_limits<int32_t>::max()) return false;
  J2Date(static_cast<int>(date), &tm->year, &tm->mon, &tm->mday);
  UsecsToTime(time, &tm->hour, &tm->min, &tm->sec, &tm->fsec);
  tm->wday = J2Day(static_cast<int>(date));
  tm->yday = static_cast<int>(date) - Date2J(tm->year, 1, 1) + 1;
  return true;
}

bool TmToTimestamp(const Tm& tm, int64_t* ts) {
  if (!IsValidJulian(tm.year, tm.mon, tm.mday)) return false;
  const int64_t date = Date2J(tm.year, tm.mon, tm.mday) - kPostgresEpochJdate;
  const int64_t time = TimeToUsecs(tm.hour, tm.min, tm.sec, tm.fsec);
  int64_t result;
  if (MulOverflow(date, kUsecsPerDay, &result) || AddOverflow(result, time, &result)) {
    return false;
  }
  // Check for major overflow, and that the date is not off the end.
  if ((result < 0 && date > 0) || (result > 0 && date < -1)) return false;
  if (!IsValidTimestamp(result)) return false;
  *ts = result;
  return true;
}

void UsecsToTime(int64_t time, int* hour, int* min, int* sec, int64_t* fsec) {
  *hour = static_cast<int>(time / kUsecsPerHour);
  time -= int64_t{*hour} * kUsecsPerHour;
  *min = static_cast<int>(time / kUsecsPerMinute);
  time -= int64_t{*min} * kUsecsPerMinute;
  *sec = static_cast<int>(time / kUsecsPerSec);
  *fsec = time - int64_t{*sec} * kUsecsPerSec;
}

IntervalParts SplitInterval(const Interval& iv) {
  IntervalParts p;
  p.year = iv.month / kMonthsPerYear;
  p.mon = iv.month % kMonthsPerYear;
  p.mday = iv.day;
  int64_t time = iv.time;
  p.hour = time / kUsecsPerHour;
  time -= p.hour * kUsecsPerHour;
  p.min = static_cast<int32_t>(time / kUsecsPerMinute);
  time -= int64_t{p.min} * kUsecsPerMinute;
  p.sec = static_cast<int32_t>(time / kUsecsPerSec);
  p.usec = static_cast<int32_t>(time - int64_t{p.sec} * kUsecsPerSec);
  return p;
}

__int128 IntervalCmpValue(const Interval& iv) {
  __int128 days = static_cast<__int128>(iv.month) * kDaysPerMonth + iv.day;
  return days * kUsecsPerDay + iv.time;
}

int CompareIntervals(const Interval& a, const Interval& b) {
  const __int128 x = IntervalCmpValue(a);
  const __int128 y = IntervalCmpValue(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool AddOverflow(int64_t a, int64_t b, int64_t* out) { return __builtin_add_overflow(a, b, out); }
bool MulOverflow(int64_t a, int64_t b, int64_t* out) { return __builtin_mul_overflow(a, b, out); }

void ThrowDateOutOfRange() {
  throw SqlError(SqlState::kDatetimeValueOutOfRange, "date out of range");
}
void ThrowTimestampOutOfRange() {
  throw SqlError(SqlState::kDatetimeValueOutOfRange, "timestamp out of range");
}
void ThrowIntervalOutOfRange() {
  throw SqlError(SqlState::kDatetimeValueOutOfRange, "interval out of range");
}

}  // namespace strata::sql::datetime
