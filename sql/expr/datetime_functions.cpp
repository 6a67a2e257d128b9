// Operator functions of date, time, timestamp, timestamptz and interval, by
// pg_proc name (date_pli, timestamp_mi, interval_mul, timestamptz_lt_date,
// ...): comparisons (also across types, through timestamp/timestamptz as
// PostgreSQL compares them) and arithmetic with PostgreSQL 15's semantics
// and errors. Time-zone-dependent steps use the session TimeZone.
#include <cmath>
#include <cstdint>
#include <span>

#include "common/sql_error.h"
#include "sql/expr/builtin_function.h"
#include "sql/expr/datetime_arith.h"
#include "sql/expr/datetime_casts.h"
#include "sql/types/datetime_context.h"
#include "sql/types/datetime_io.h"

namespace strata::sql {

using namespace datetime;  // NOLINT

// ---- arithmetic shared with the date/time SQL functions ----

Interval IntervalNegate(const Interval& iv) {
  if (iv.time == INT64_MIN || iv.day == INT32_MIN || iv.month == INT32_MIN) {
    ThrowIntervalOutOfRange();
  }
  return Interval{-iv.time, -iv.day, -iv.month};
}

namespace {

// Adds months then days to local fields; `zone` non-null for timestamptz
// (each step re-resolves the offset, as timestamptz_pl_interval does).
int64_t AddMonthsDays(int64_t ts, const Interval& span, const TimeZone* zone) {
  if (span.month != 0) {
    Tm tm;
    const bool ok = zone ? TimestampTzToTm(ts, *zone, &tm) : TimestampToTm(ts, &tm);
    if (!ok) ThrowTimestampOutOfRange();
    int64_t mon = int64_t{tm.mon} + span.month;
    int64_t year = tm.year;
    if (mon > kMonthsPerYear) {
      year += (mon - 1) / kMonthsPerYear;
      mon = (mon - 1) % kMonthsPerYear + 1;
    } else if (mon < 1) {
      year += mon / kMonthsPerYear - 1;
      mon = mon % kMonthsPerYear + kMonthsPerYear;
    }
    if (year < INT32_MIN || year > INT32_MAX) ThrowTimestampOutOfRange();
    tm.year = static_cast<int>(year);
    tm.mon = static_cast<int>(mon);
    if (tm.mday > DaysInMonth(tm.year, tm.mon)) tm.mday = DaysInMonth(tm.year, tm.mon);
    int64_t local;
    if (!TmToTimestamp(tm, &local)) ThrowTimestampOutOfRange();
    ts = zone ? LocalToTimestampTz(local, *zone) : local;
  }
  if (span.day != 0) {
    Tm tm;
    const bool ok = zone ? TimestampTzToTm(ts, *zone, &tm) : TimestampToTm(ts, &tm);
    if (!ok) ThrowTimestampOutOfRange();
    const int64_t julian = int64_t{Date2J(tm.year, tm.mon, tm.mday)} + span.day;
    if (julian < 0 || julian > INT32_MAX) ThrowTimestampOutOfRange();
    J2Date(static_cast<int>(julian), &tm.year, &tm.mon, &tm.mday);
    int64_t local;
    if (!TmToTimestamp(tm, &local)) ThrowTimestampOutOfRange();
    ts = zone ? LocalToTimestampTz(local, *zone) : local;
  }
  return ts;
}

}  // namespace

int64_t TimestampPlusInterval(int64_t ts, const Interval& span, bool with_tz) {
  if (!IsTimestampFinite(ts)) return ts;
  const TimeZone* zone = with_tz ? CurrentDatetimeContext().time_zone.get() : nullptr;
  ts = AddMonthsDays(ts, span, zone);
  int64_t result;
  if (AddOverflow(ts, span.time, &result) || !IsValidTimestamp(result)) {
    ThrowTimestampOutOfRange();
  }
  return result;
}

Interval IntervalJustifyHours(const Interval& span) {
  Interval r = span;
  const int64_t wholeday = r.time / kUsecsPerDay;
  r.time -= wholeday * kUsecsPerDay;
  const int64_t day = int64_t{r.day} + wholeday;
  if (day < INT32_MIN || day > INT32_MAX) ThrowIntervalOutOfRange();
  r.day = static_cast<int32_t>(day);
  if (r.day > 0 && r.time < 0) {
    r.time += kUsecsPerDay;
    r.day--;
  } else if (r.day < 0 && r.time > 0) {
    r.time -= kUsecsPerDay;
    r.day++;
  }
  return r;
}

Interval IntervalJustifyDays(const Interval& span) {
  Interval r = span;
  const int32_t wholemonth = r.day / kDaysPerMonth;
  r.day -= wholemonth * kDaysPerMonth;
  const int64_t month = int64_t{r.month} + wholemonth;
  if (month < INT32_MIN || month > INT32_MAX) ThrowIntervalOutOfRange();
  r.month = static_cast<int32_t>(month);
  if (r.month > 0 && r.day < 0) {
    r.day += kDaysPerMonth;
    r.month--;
  } else if (r.month < 0 && r.day > 0) {
    r.day -= kDaysPerMonth;
    r.month++;
  }
  return r;
}

Interval IntervalJustifyInterval(const Interval& span) {
  Interval r = span;
  int64_t wholeday = r.time / kUsecsPerDay;
  r.time -= wholeday * kUsecsPerDay;
  int64_t day = int64_t{r.day} + wholeday;
  const int64_t wholemonth = day / kDaysPerMonth;
  day -= wholemonth * kDaysPerMonth;
  const int64_t month = int64_t{r.month} + wholemonth;
  if (month < INT32_MIN || month > INT32_MAX) ThrowIntervalOutOfRange();
  r.month = static_cast<int32_t>(month);
  r.day = static_cast<int32_t>(day);
  if (r.month > 0 && (r.day < 0 || (r.day == 0 && r.time < 0))) {
    r.day += kDaysPerMonth;
    r.month--;
  } else if (r.month < 0 && (r.day > 0 || (r.day == 0 && r.time > 0))) {
    r.day -= kDaysPerMonth;
    r.month++;
  }
  if (r.day > 0 && r.time < 0) {
    r.time += kUsecsPerDay;
    r.day--;
  } else if (r.day < 0 && r.time > 0) {
    r.time -= kUsecsPerDay;
    r.day++;
  }
  return r;
}

namespace {

using Args = std::span<const Value>;

// ---- comparisons ----

// date/timestamp values as comparable timestamps (date2timestamp_no_overflow:
// dates beyond the timestamp range compare as +infinity).
int64_t DateAsTimestamp(int32_t d) {
  if (d == kDateNegInfinity) return kTimestampNegInfinity;
  if (d == kDatePosInfinity || d >= kTimestampEndJulian - kPostgresEpochJdate) {
    return kTimestampPosInfinity;
  }
  return int64_t{d} * kUsecsPerDay;
}

int64_t DateAsTimestampTz(int32_t d) {
  const int64_t ts = DateAsTimestamp(d);
  if (!IsTimestampFinite(ts)) return ts;
  try {
    return DateToTimestampTz(d);
  } catch (const SqlError&) {
    return d < 0 ? kTimestampNegInfinity : kTimestampPosInfinity;
  }
}

int64_t TimestampAsTimestampTz(int64_t ts) {
  if (!IsTimestampFinite(ts)) return ts;
  try {
    return TimestampToTimestampTz(ts);
  } catch (const SqlError&) {
    return ts < 0 ? kTimestampNegInfinity : kTimestampPosInfinity;
  }
}

// The value as an int64 comparable within the comparison's domain; `tz`
// says whether the domain is timestamptz.
int64_t Comparable(const Value& v, bool tz) {
  switch (v.type()) {
    case type_oid::kDate:
      return tz ? DateAsTimestampTz(v.date_value()) : DateAsTimestamp(v.date_value());
    case type_oid::kTimestamp:
      return tz ? TimestampAsTimestampTz(v.int_value()) : v.int_value();
    default:  // time, timestamptz
      return v.int_value();
  }
}

template <typename Pred>
Value CompareScalars(Args a, Pred pred) {
  const bool tz = a[0].type() == type_oid::kTimestampTz || a[1].type() == type_oid::kTimestampTz;
  const int64_t x = Comparable(a[0], tz);
  const int64_t y = Comparable(a[1], tz);
  return Value::Bool(pred(x < y ? -1 : (x > y ? 1 : 0)));
}

Value Eq(Args a) { return CompareScalars(a, [](int c) { return c == 0; }); }
Value Ne(Args a) { return CompareScalars(a, [](int c) { return c != 0; }); }
Value Lt(Args a) { return CompareScalars(a, [](int c) { return c < 0; }); }
Value Le(Args a) { return CompareScalars(a, [](int c) { return c <= 0; }); }
Value Gt(Args a) { return CompareScalars(a, [](int c) { return c > 0; }); }
Value Ge(Args a) { return CompareScalars(a, [](int c) { return c >= 0; }); }

int IntervalCmp(Args a) { return CompareIntervals(a[0].interval_value(), a[1].interval_value()); }
Value IntervalEq(Args a) { return Value::Bool(IntervalCmp(a) == 0); }
Value IntervalNe(Args a) { return Value::Bool(IntervalCmp(a) != 0); }
Value IntervalLt(Args a) { return Value::Bool(IntervalCmp(a) < 0); }
Value IntervalLe(Args a) { return Value::Bool(IntervalCmp(a) <= 0); }
Value IntervalGt(Args a) { return Value::Bool(IntervalCmp(a) > 0); }
Value IntervalGe(Args a) { return Value::Bool(IntervalCmp(a) >= 0); }

// ---- date arithmetic ----

Value DateAddDays(int32_t date, int64_t days) {
  if (!IsDateFinite(date)) return Value::Date(date);
  const int64_t result = int64_t{date} + days;
  if (result < INT32_MIN || result > INT32_MAX || !IsValidDate(static_cast<int32_t>(result))) {
    ThrowDateOutOfRange();
  }
  return Value::Date(static_cast<int32_t>(result));
}

Value DatePli(Args a) { return DateAddDays(a[0].date_value(), a[1].int_value()); }
Value IntegerPlDate(Args a) { return DateAddDays(a[1].date_value(), a[0].int_value()); }
Value DateMii(Args a) { return DateAddDays(a[0].date_value(), -a[1].int_value()); }

Value DateMi(Args a) {
  const int32_t x = a[0].date_value(), y = a[1].date_value();
  if (!IsDateFinite(x) || !IsDateFinite(y)) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange, "cannot subtract infinite dates");
  }
  return Value::Int4(int64_t{x} - y);
}

Value DatePlInterval(Args a) {
  return Value::Timestamp(
      TimestampPlusInterval(DateToTimestamp(a[0].date_value()), a[1].interval_value(), false));
}
Value IntervalPlDate(Args a) {
  return Value::Timestamp(
      TimestampPlusInterval(DateToTimestamp(a[1].date_value()), a[0].interval_value(), false));
}
Value DateMiInterval(Args a) {
  return Value::Timestamp(TimestampPlusInterval(DateToTimestamp(a[0].date_value()),
                                                IntervalNegate(a[1].interval_value()), false));
}

Value DateTimePl(int32_t date, int64_t time) {
  int64_t ts = DateToTimestamp(date);
  if (IsTimestampFinite(ts)) {
    if (AddOverflow(ts, time, &ts) || !IsValidTimestamp(ts)) ThrowTimestampOutOfRange();
  }
  return Value::Timestamp(ts);
}
Value DatetimePl(Args a) { return DateTimePl(a[0].date_value(), a[1].int_value()); }
Value TimedatePl(Args a) { return DateTimePl(a[1].date_value(), a[0].int_value()); }

// ---- time arithmetic ----

Value TimeAdd(int64_t time, int64_t delta) {
  int64_t r = (time + delta % kUsecsPerDay) % kUsecsPerDay;
  if (r < 0) r += kUsecsPerDay;
  return Value::Time(r);
}
Value TimePlInterval(Args a) { return TimeAdd(a[0].int_value(), a[1].interval_value().time); }
Value IntervalPlTime(Args a) { return TimeAdd(a[1].int_value(), a[0].interval_value().time); }
Value TimeMiInterval(Args a) { return TimeAdd(a[0].int_value(), -a[1].interval_value().time); }
Value TimeMiTime(Args a) {
  return Value::FromInterval(Interval{a[0].int_value() - a[1].int_value(), 0, 0});
}

// ---- timestamp arithmetic ----

Value TimestampPl(Args a) {
  return Value::Timestamp(TimestampPlusInterval(a[0].int_value(), a[1].interval_value(), false));
}
Value IntervalPlTimestamp(Args a) {
  return Value::Timestamp(TimestampPlusInterval(a[1].int_value(), a[0].interval_value(), false));
}
Value TimestampMiInterval(Args a) {
  return Value::Timestamp(
      TimestampPlusInterval(a[0].int_value(), IntervalNegate(a[1].interval_value()), false));
}
Value TimestampTzPl(Args a) {
  return Value::TimestampTz(TimestampPlusInterval(a[0].int_value(), a[1].interval_value(), true));
}
Value IntervalPlTimestampTz(Args a) {
  return Value::TimestampTz(TimestampPlusInterval(a[1].int_value(), a[0].interval_value(), true));
}
Value TimestampTzMiInterval(Args a) {
  return Value::TimestampTz(
      TimestampPlusInterval(a[0].int_value(), IntervalNegate(a[1].interval_value()), true));
}

Value TimestampMi(Args a) {
  const int64_t x = a[0].int_value(), y = a[1].int_value();
  if (!IsTimestampFinite(x) || !IsTimestampFinite(y)) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange, "cannot subtract infinite timestamps");
  }
  int64_t diff;
  if (__builtin_sub_overflow(x, y, &diff)) ThrowIntervalOutOfRange();
  return Value::FromInterval(IntervalJustifyHours(Interval{diff, 0, 0}));
}

// ---- interval arithmetic ----

int32_t CheckedI32(int64_t v) {
  if (v < INT32_MIN || v > INT32_MAX) ThrowIntervalOutOfRange();
  return static_cast<int32_t>(v);
}

Value IntervalPl(Args a) {
  const Interval& x = a[0].interval_value();
  const Interval& y = a[1].interval_value();
  Interval r;
  r.month = CheckedI32(int64_t{x.month} + y.month);
  r.day = CheckedI32(int64_t{x.day} + y.day);
  if (AddOverflow(x.time, y.time, &r.time)) ThrowIntervalOutOfRange();
  return Value::FromInterval(r);
}

Value IntervalMi(Args a) {
  const Interval& x = a[0].interval_value();
  const Interval& y = a[1].interval_value();
  Interval r;
  r.month = CheckedI32(int64_t{x.month} - y.month);
  r.day = CheckedI32(int64_t{x.day} - y.day);
  if (__builtin_sub_overflow(x.time, y.time, &r.time)) ThrowIntervalOutOfRange();
  return Value::FromInterval(r);
}

Value IntervalUm(Args a) { return Value::FromInterval(IntervalNegate(a[0].interval_value())); }

double TsRound(double j) { return std::rint(j * 1000000.0) / 1000000.0; }

bool FitsInt32(double d) { return !std::isnan(d) && d >= INT32_MIN && d <= INT32_MAX; }

// interval_mul / interval_div: whole months and days scale; their fractions
// cascade down into days and seconds (never up).
Interval ScaleInterval(const Interval& span, double factor, bool divide) {
  auto apply = [&](double v) { return divide ? v / factor : v * factor; };
  Interval r;
  double d = apply(span.month);
  if (!FitsInt32(d)) ThrowIntervalOutOfRange();
  r.month = static_cast<int32_t>(d);
  d = apply(span.day);
  if (!FitsInt32(d)) ThrowIntervalOutOfRange();
  r.day = static_cast<int32_t>(d);
  double month_remainder_days = (apply(span.month) - r.month) * kDaysPerMonth;
  month_remainder_days = TsRound(month_remainder_days);
  double sec_remainder = (apply(span.day) - r.day + month_remainder_days -
                          static_cast<int>(month_remainder_days)) *
                         kSecsPerDay;
  sec_remainder = TsRound(sec_remainder);
  if (std::fabs(sec_remainder) >= kSecsPerDay) {
    r.day = CheckedI32(int64_t{r.day} + static_cast<int>(sec_remainder / kSecsPerDay));
    sec_remainder -= static_cast<int>(sec_remainder / kSecsPerDay) * kSecsPerDay;
  }
  r.day = CheckedI32(int64_t{r.day} + static_cast<int32_t>(month_remainder_days));
  const double t = std::rint(apply(static_cast<double>(span.time)) + sec_remainder * kUsecsPerSec);
  if (std::isnan(t) || !(t >= -9223372036854775808.0 && t < 9223372036854775808.0)) {
    ThrowIntervalOutOfRange();
  }
  r.time = static_cast<int64_t>(t);
  return r;
}

Value IntervalMul(Args a) {
  return Value::FromInterval(ScaleInterval(a[0].interval_value(), a[1].float_value(), false));
}
Value MulDInterval(Args a) {
  return Value::FromInterval(ScaleInterval(a[1].interval_value(), a[0].float_value(), false));
}
Value IntervalDiv(Args a) {
  if (a[1].float_value() == 0.0) {
    throw SqlError(SqlState::kDivisionByZero, "division by zero");
  }
  return Value::FromInterval(ScaleInterval(a[0].interval_value(), a[1].float_value(), true));
}

constexpr BuiltinFunction kFunctions[] = {
    // comparisons within and across date, timestamp, timestamptz; time
    {"date_eq", Eq}, {"date_ne", Ne}, {"date_lt", Lt}, {"date_le", Le}, {"date_gt", Gt},
    {"date_ge", Ge}, {"time_eq", Eq}, {"time_ne", Ne}, {"time_lt", Lt}, {"time_le", Le},
    {"time_gt", Gt}, {"time_ge", Ge}, {"timestamp_eq", Eq}, {"timestamp_ne", Ne},
    {"timestamp_lt", Lt}, {"timestamp_le", Le}, {"timestamp_gt", Gt}, {"timestamp_ge", Ge},
    {"timestamptz_eq", Eq}, {"timestamptz_ne", Ne}, {"timestamptz_lt", Lt},
    {"timestamptz_le", Le}, {"timestamptz_gt", Gt}, {"timestamptz_ge", Ge},
    {"date_eq_timestamp", Eq}, {"date_ne_timestamp", Ne}, {"date_lt_timestamp", Lt},
    {"date_le_timestamp", Le}, {"date_gt_timestamp", Gt}, {"date_ge_timestamp", Ge},
    {"date_eq_timestamptz", Eq}, {"date_ne_timestamptz", Ne}, {"date_lt_timestamptz", Lt},
    {"date_le_timestamptz", Le}, {"date_gt_timestamptz", Gt}, {"date_ge_timestamptz", Ge},
    {"timestamp_eq_date", Eq}, {"timestamp_ne_date", Ne}, {"timestamp_lt_date", Lt},
    {"timestamp_le_date", Le}, {"timestamp_gt_date", Gt}, {"timestamp_ge_date", Ge},
    {"timestamptz_eq_date", Eq}, {"timestamptz_ne_date", Ne}, {"timestamptz_lt_date", Lt},
    {"timestamptz_le_date", Le}, {"timestamptz_gt_date", Gt}, {"timestamptz_ge_date", Ge},
    {"timestamp_eq_timestamptz", Eq}, {"timestamp_ne_timestamptz", Ne},
    {"timestamp_lt_timestamptz", Lt}, {"timestamp_le_timestamptz", Le},
    {"timestamp_gt_timestamptz", Gt}, {"timestamp_ge_timestamptz", Ge},
    {"timestamptz_eq_timestamp", Eq}, {"timestamptz_ne_timestamp", Ne},
    {"timestamptz_lt_timestamp", Lt}, {"timestamptz_le_timestamp", Le},
    {"timestamptz_gt_timestamp", Gt}, {"timestamptz_ge_timestamp", Ge},
    {"interval_eq", IntervalEq}, {"interval_ne", IntervalNe}, {"interval_lt", IntervalLt},
    {"interval_le", IntervalLe}, {"interval_gt", IntervalGt}, {"interval_ge", IntervalGe},
    // arithmetic
    {"date_pli", DatePli}, {"integer_pl_date", IntegerPlDate}, {"date_mii", DateMii},
    {"date_mi", DateMi}, {"date_pl_interval", DatePlInterval},
    {"interval_pl_date", IntervalPlDate}, {"date_mi_interval", DateMiInterval},
    {"datetime_pl", DatetimePl}, {"timedate_pl", TimedatePl},
    {"time_pl_interval", TimePlInterval}, {"interval_pl_time", IntervalPlTime},
    {"time_mi_interval", TimeMiInterval}, {"time_mi_time", TimeMiTime},
    {"timestamp_pl_interval", TimestampPl}, {"interval_pl_timestamp", IntervalPlTimestamp},
    {"timestamp_mi_interval", TimestampMiInterval}, {"timestamp_mi", TimestampMi},
    {"timestamptz_pl_interval", TimestampTzPl},
    {"interval_pl_timestamptz", IntervalPlTimestampTz},
    {"timestamptz_mi_interval", TimestampTzMiInterval}, {"timestamptz_mi", TimestampMi},
    {"interval_pl", IntervalPl}, {"interval_mi", IntervalMi}, {"interval_um", IntervalUm},
    {"interval_mul", IntervalMul}, {"mul_d_interval", MulDInterval},
    {"interval_div", IntervalDiv},
};

}  // namespace

std::span<const BuiltinFunction> DatetimeFunctions() { return kFunctions; }

}  // namespace strata::sql
