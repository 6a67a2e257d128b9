// SQL-callable date/time functions with PostgreSQL 15's signatures,
// semantics and errors: now() and the other current-time functions,
// CURRENT_DATE/LOCALTIMESTAMP/..., date_part and EXTRACT, date_trunc, age,
// make_date/make_time/make_timestamp[tz]/make_interval, justify_*,
// isfinite, to_timestamp(float8) and timezone() (AT TIME ZONE).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "common/sql_error.h"
#include "sql/expr/datetime_arith.h"
#include "sql/expr/datetime_casts.h"
#include "sql/expr/sql_function.h"
#include "sql/types/datetime_context.h"
#include "sql/types/datetime_io.h"
#include "sql/types/numeric.h"

namespace strata::sql {

using namespace datetime;  // NOLINT

namespace {

using Args = std::span<const Value>;
using type_oid::kBool;
using type_oid::kDate;
using type_oid::kFloat8;
using type_oid::kInt4;
using type_oid::kInterval;
using type_oid::kNumeric;
using type_oid::kText;
using type_oid::kTime;
using type_oid::kTimeTz;
using type_oid::kTimestamp;
using type_oid::kTimestampTz;

const DatetimeContext& Ctx() { return CurrentDatetimeContext(); }

// ---- current time ----

Value Now(Args) { return Value::TimestampTz(Ctx().transaction_start); }
Value StatementTimestamp(Args) { return Value::TimestampTz(Ctx().statement_start); }
Value ClockTimestamp(Args) { return Value::TimestampTz(CurrentTimestamp()); }
Value CurrentDate(Args) {
  return Value::Date(TimestampToDate(TimestampTzToTimestamp(Ctx().transaction_start)));
}
Value LocalTimestamp(Args) {
  return Value::Timestamp(TimestampTzToTimestamp(Ctx().transaction_start));
}
Value LocalTime(Args) {
  int64_t t = TimestampTzToTimestamp(Ctx().transaction_start) % kUsecsPerDay;
  if (t < 0) t += kUsecsPerDay;
  return Value::Time(t);
}

// ---- units ----

enum class Unit { kUnknown, kMicrosec, kMillisec, kSecond, kMinute, kHour, kDay, kWeek, kMonth,
                  kQuarter, kYear, kDecade, kCentury, kMillennium, kJulian, kEpoch, kDow,
                  kIsoDow, kDoy, kIsoYear, kTz, kTzHour, kTzMinute };

Unit ParseUnit(const std::string& text) {
  std::string s;
  for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Trailing whitespace is ignored (downcase_truncate_identifier keeps it,
  // but PostgreSQL's token tables are matched on the first 10 characters).
  s = s.substr(0, 10);
  struct Word {
    std::string_view name;
    Unit unit;
  };
  static constexpr Word kWords[] = {
      {"microsecon", Unit::kMicrosec}, {"us", Unit::kMicrosec}, {"usec", Unit::kMicrosec},
      {"usecs", Unit::kMicrosec},      {"usecond", Unit::kMicrosec},
      {"useconds", Unit::kMicrosec},   {"millisecon", Unit::kMillisec},
      {"ms", Unit::kMillisec},         {"msec", Unit::kMillisec},
      {"msecs", Unit::kMillisec},      {"msecond", Unit::kMillisec},
      {"mseconds", Unit::kMillisec},   {"second", Unit::kSecond},
      {"seconds", Unit::kSecond},      {"sec", Unit::kSecond},
      {"secs", Unit::kSecond},         {"s", Unit::kSecond},
      {"minute", Unit::kMinute},       {"minutes", Unit::kMinute},
      {"min", Unit::kMinute},          {"mins", Unit::kMinute},
      {"m", Unit::kMinute},            {"hour", Unit::kHour},
      {"hours", Unit::kHour},          {"h", Unit::kHour},
      {"hr", Unit::kHour},             {"hrs", Unit::kHour},
      {"day", Unit::kDay},             {"days", Unit::kDay},
      {"d", Unit::kDay},               {"week", Unit::kWeek},
      {"weeks", Unit::kWeek},          {"w", Unit::kWeek},
      {"month", Unit::kMonth},         {"months", Unit::kMonth},
      {"mon", Unit::kMonth},           {"mons", Unit::kMonth},
      {"quarter", Unit::kQuarter},     {"qtr", Unit::kQuarter},
      {"year", Unit::kYear},           {"years", Unit::kYear},
      {"y", Unit::kYear},              {"yr", Unit::kYear},
      {"yrs", Unit::kYear},            {"decade", Unit::kDecade},
      {"decades", Unit::kDecade},      {"dec", Unit::kDecade},
      {"decs", Unit::kDecade},         {"century", Unit::kCentury},
      {"centuries", Unit::kCentury},   {"c", Unit::kCentury},
      {"cent", Unit::kCentury},        {"millennium", Unit::kMillennium},
      {"millennia", Unit::kMillennium}, {"mil", Unit::kMillennium},
      {"mils", Unit::kMillennium},     {"julian", Unit::kJulian},
      {"j", Unit::kJulian},            {"jd", Unit::kJulian},
      {"epoch", Unit::kEpoch},         {"dow", Unit::kDow},
      {"isodow", Unit::kIsoDow},       {"doy", Unit::kDoy},
      {"isoyear", Unit::kIsoYear},     {"timezone", Unit::kTz},
      {"timezone_h", Unit::kTzHour},   {"timezone_m", Unit::kTzMinute},
  };
  for (const Word& w : kWords) {
    if (w.name == s) return w.unit;
  }
  return Unit::kUnknown;
}

std::string LowerUnit(const std::string& text) {
  std::string s;
  for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

[[noreturn]] void UnitNotRecognized(const std::string& text, const char* type) {
  throw SqlError(SqlState::kInvalidParameterValue,
                 "unit \"" + LowerUnit(text) + "\" not recognized for type " + type);
}
// date_trunc looks units up in PostgreSQL's deltatktbl only: the units that
// live in datetktbl (epoch, julian, dow, ...) are "not recognized" there.
[[noreturn]] void TruncUnitNotSupported(Unit unit, const std::string& text, const char* type);

[[noreturn]] void UnitNotSupported(const std::string& text, const char* type) {
  throw SqlError(SqlState::kFeatureNotSupported,
                 "unit \"" + LowerUnit(text) + "\" not supported for type " + type);
}

void TruncUnitNotSupported(Unit unit, const std::string& text, const char* type) {
  switch (unit) {
    case Unit::kJulian:
    case Unit::kEpoch:
    case Unit::kDow:
    case Unit::kIsoDow:
    case Unit::kDoy:
    case Unit::kIsoYear:
      UnitNotRecognized(text, type);
    default:
      UnitNotSupported(text, type);
  }
}



// ---- date_part / extract ----

// A date_part result as an exact decimal: value = units / 10^scale.
struct Part {
  bool is_null = false;
  bool infinite = false;
  bool negative = false;
  __int128 units = 0;
  int scale = 0;
  // date_part's float8 result where PostgreSQL computes it differently from
  // units / 10^scale (seconds as sec + fsec / 1e6, ...).
  bool has_float = false;
  double float_value = 0;
};

Part IntPart(int64_t v) { return Part{false, false, false, v, 0}; }
Part ScaledPart(__int128 v, int scale) { return Part{false, false, false, v, scale}; }
Part WithFloat(Part p, double f) {
  p.has_float = true;
  p.float_value = f;
  return p;
}
// second (scale 6) and millisecond (scale 3) fields.
Part SecondsPart(int sec, int64_t fsec, bool millis) {
  const __int128 usecs = static_cast<__int128>(sec) * 1000000 + fsec;
  if (millis) return WithFloat(ScaledPart(usecs, 3), sec * 1000.0 + fsec / 1000.0);
  return WithFloat(ScaledPart(usecs, 6), sec + fsec / 1000000.0);
}

Value PartToFloat8(const Part& p) {
  if (p.is_null) return Value::Null(kFloat8);
  if (p.infinite) return Value::Float8(p.negative ? -HUGE_VAL : HUGE_VAL);
  if (p.has_float) return Value::Float8(p.float_value);
  double pow = 1;
  for (int i = 0; i < p.scale; ++i) pow *= 10;
  return Value::Float8(static_cast<double>(p.units) / pow);
}

Value PartToNumeric(const Part& p) {
  if (p.is_null) return Value::Null(kNumeric);
  if (p.infinite) return Value::FromNumeric(Numeric::Infinity(p.negative));
  __int128 v = p.units;
  const bool neg = v < 0;
  if (neg) v = -v;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  while (static_cast<int>(digits.size()) <= p.scale) digits.insert(digits.begin(), '0');
  if (p.scale > 0) digits.insert(digits.end() - p.scale, '.');
  if (neg) digits.insert(digits.begin(), '-');
  return Value::FromNumeric(Numeric::Parse(digits));
}


// timestamp_part_common / timestamptz_part_common.
Part TimestampPart(const std::string& units, int64_t ts, bool with_tz, const char* type) {
  const Unit unit = ParseUnit(units);
  if (unit == Unit::kUnknown) UnitNotRecognized(units, type);
  if (!IsTimestampFinite(ts)) {
    switch (unit) {
      case Unit::kYear:
      case Unit::kDecade:
      case Unit::kCentury:
      case Unit::kMillennium:
      case Unit::kJulian:
      case Unit::kIsoYear:
      case Unit::kEpoch:
        return Part{false, true, ts < 0, 0, 0};
      default:  // oscillating units (time zone ones too): NULL
        return Part{true};
    }
  }
  Tm tm;
  const bool ok = with_tz ? TimestampTzToTm(ts, *Ctx().time_zone, &tm) : TimestampToTm(ts, &tm);
  if (!ok) ThrowTimestampOutOfRange();
  switch (unit) {
    case Unit::kMicrosec:
      return IntPart(int64_t{tm.sec} * 1000000 + tm.fsec);
    case Unit::kMillisec:
      return SecondsPart(tm.sec, tm.fsec, true);
    case Unit::kSecond:
      return SecondsPart(tm.sec, tm.fsec, false);
    case Unit::kMinute:
      return IntPart(tm.min);
    case Unit::kHour:
      return IntPart(tm.hour);
    case Unit::kDay:
      return IntPart(tm.mday);
    case Unit::kMonth:
      return IntPart(tm.mon);
    case Unit::kQuarter:
      return IntPart((tm.mon - 1) / 3 + 1);
    case Unit::kWeek:
      return IntPart(IsoWeek(tm.year, tm.mon, tm.mday));
    case Unit::kYear:  // there is no year 0: 1 BC is -1
      return IntPart(tm.year > 0 ? tm.year : tm.year - 1);
    case Unit::kDecade:
      return IntPart(tm.year >= 0 ? tm.year / 10 : -((8 - (tm.year - 1)) / 10));
    case Unit::kCentury:
      return IntPart(tm.year > 0 ? (tm.year + 99) / 100 : -((99 - (tm.year - 1)) / 100));
    case Unit::kMillennium:
      return IntPart(tm.year > 0 ? (tm.year + 999) / 1000 : -((999 - (tm.year - 1)) / 1000));
    case Unit::kJulian: {
      // Julian day plus the fraction of the day (an exact decimal when the
      // time of day divides evenly; numeric output uses PostgreSQL's scale).
      // Julian day + time / day, the division at numeric's select_div_scale
      // precision and rounded, as extract() computes it.
      const int64_t usecs = TimeToUsecs(tm.hour, tm.min, tm.sec, tm.fsec);
      int weight = 0;
      int64_t first = 0;
      for (int64_t v = usecs; v != 0; v /= 10000) {
        first = v;
        if (v >= 10000) ++weight;
      }
      if (usecs != 0) first %= 10000;
      int qweight = weight - 2;  // kUsecsPerDay = 864|0000|0000: weight 2, first 864
      if (first <= 864) --qweight;
      const int scale = std::max(16 - qweight * 4, 0);
      const __int128 den = kUsecsPerDay;
      __int128 frac = 0;
      __int128 rem = usecs;
      for (int i = 0; i < scale; ++i) {
        rem *= 10;
        frac = frac * 10 + rem / den;
        rem %= den;
      }
      if (rem * 2 >= den) ++frac;  // round half up
      __int128 pow = 1;
      for (int i = 0; i < scale; ++i) pow *= 10;
      const __int128 whole = Date2J(tm.year, tm.mon, tm.mday);
      const double f = Date2J(tm.year, tm.mon, tm.mday) +
                       (tm.hour * 3600 + tm.min * 60 + tm.sec + tm.fsec / 1000000.0) /
                           kSecsPerDay;
      return WithFloat(ScaledPart(whole * pow + frac, scale), f);
    }
    case Unit::kIsoYear: {
      int y = IsoYear(tm.year, tm.mon, tm.mday);
      if (y <= 0) y -= 1;
      return IntPart(y);
    }
    case Unit::kDow:
      return IntPart(J2Day(Date2J(tm.year, tm.mon, tm.mday)));
    case Unit::kIsoDow: {
      const int d = J2Day(Date2J(tm.year, tm.mon, tm.mday));
      return IntPart(d == 0 ? 7 : d);
    }
    case Unit::kDoy:
      return IntPart(Date2J(tm.year, tm.mon, tm.mday) - Date2J(tm.year, 1, 1) + 1);
    case Unit::kEpoch: {
      const __int128 epoch_usecs = static_cast<__int128>(ts) + kEpochDiffSecs * kUsecsPerSec;
      return ScaledPart(epoch_usecs, 6);
    }
    case Unit::kTz:
      if (!with_tz) UnitNotSupported(units, type);
      return IntPart(tm.gmtoff);
    case Unit::kTzHour:
      if (!with_tz) UnitNotSupported(units, type);
      return IntPart(tm.gmtoff / 3600);
    case Unit::kTzMinute:
      if (!with_tz) UnitNotSupported(units, type);
      return IntPart((tm.gmtoff / 60) % 60);
    default:
      UnitNotSupported(units, type);
  }
}

Part DatePart(const std::string& units, int32_t date) {
  const char* type = "date";
  const Unit unit = ParseUnit(units);
  if (unit == Unit::kUnknown) UnitNotRecognized(units, type);
  switch (unit) {
    case Unit::kMicrosec:
    case Unit::kMillisec:
    case Unit::kSecond:
    case Unit::kMinute:
    case Unit::kHour:
    case Unit::kTz:
    case Unit::kTzHour:
    case Unit::kTzMinute:
      UnitNotSupported(units, type);
    default:
      break;
  }
  if (!IsDateFinite(date)) {
    switch (unit) {
      case Unit::kYear:
      case Unit::kDecade:
      case Unit::kCentury:
      case Unit::kMillennium:
      case Unit::kJulian:
      case Unit::kIsoYear:
      case Unit::kEpoch:
        return Part{false, true, date < 0, 0, 0};
      default:
        return Part{true};
    }
  }
  if (unit == Unit::kEpoch) {
    return IntPart((int64_t{date} + kPostgresEpochJdate - kUnixEpochJdate) * kSecsPerDay);
  }
  if (unit == Unit::kJulian) return IntPart(int64_t{date} + kPostgresEpochJdate);
  return TimestampPart(units, int64_t{date} * kUsecsPerDay, false, type);
}

Part TimePart(const std::string& units, int64_t time) {
  const char* type = "time without time zone";
  const Unit unit = ParseUnit(units);
  if (unit == Unit::kUnknown) UnitNotRecognized(units, type);
  int hour, min, sec;
  int64_t fsec;
  UsecsToTime(time, &hour, &min, &sec, &fsec);
  switch (unit) {
    case Unit::kMicrosec:
      return IntPart(int64_t{sec} * 1000000 + fsec);
    case Unit::kMillisec:
      return SecondsPart(sec, fsec, true);
    case Unit::kSecond:
      return SecondsPart(sec, fsec, false);
    case Unit::kMinute:
      return IntPart(min);
    case Unit::kHour:
      return IntPart(hour);
    case Unit::kEpoch:
      return ScaledPart(time, 6);
    default:
      UnitNotSupported(units, type);
  }
}

Part IntervalPart(const std::string& units, const Interval& iv) {
  const char* type = "interval";
  const Unit unit = ParseUnit(units);
  if (unit == Unit::kUnknown) UnitNotRecognized(units, type);
  const IntervalParts p = SplitInterval(iv);
  switch (unit) {
    case Unit::kMicrosec:
      return IntPart(int64_t{p.sec} * 1000000 + p.usec);
    case Unit::kMillisec:
      return SecondsPart(p.sec, p.usec, true);
    case Unit::kSecond:
      return SecondsPart(p.sec, p.usec, false);
    case Unit::kMinute:
      return IntPart(p.min);
    case Unit::kHour:
      return IntPart(p.hour);
    case Unit::kDay:
      return IntPart(p.mday);
    case Unit::kMonth:
      return IntPart(p.mon);
    case Unit::kQuarter:
      return IntPart(p.mon / 3 + 1);
    case Unit::kYear:
      return IntPart(p.year);
    case Unit::kDecade:
      return IntPart(p.year / 10);
    case Unit::kCentury:
      return IntPart(p.year / 100);
    case Unit::kMillennium:
      return IntPart(p.year / 1000);
    case Unit::kEpoch: {
      // 365.25-day years, 30-day months, 24-hour days (interval_part).
      const __int128 secs = (static_cast<__int128>(4 * 36525 / 100) * (iv.month / kMonthsPerYear) +
                             static_cast<__int128>(4 * kDaysPerMonth) * (iv.month % kMonthsPerYear) +
                             static_cast<__int128>(4) * iv.day) *
                            (kSecsPerDay / 4);
      const double f = iv.time / 1000000.0 +
                       (365.25 * kSecsPerDay) * (iv.month / kMonthsPerYear) +
                       static_cast<double>(kDaysPerMonth * kSecsPerDay) *
                           (iv.month % kMonthsPerYear) +
                       static_cast<double>(kSecsPerDay) * iv.day;
      return WithFloat(ScaledPart(secs * 1000000 + iv.time, 6), f);
    }
    default:
      UnitNotSupported(units, type);
  }
}

Value DatePartTimestamp(Args a) {
  return PartToFloat8(
      TimestampPart(a[0].string_value(), a[1].int_value(), false, "timestamp without time zone"));
}
Value DatePartTimestampTz(Args a) {
  return PartToFloat8(
      TimestampPart(a[0].string_value(), a[1].int_value(), true, "timestamp with time zone"));
}
Value DatePartDate(Args a) { return PartToFloat8(DatePart(a[0].string_value(), a[1].date_value())); }
Value DatePartTime(Args a) { return PartToFloat8(TimePart(a[0].string_value(), a[1].int_value())); }
Value DatePartInterval(Args a) {
  return PartToFloat8(IntervalPart(a[0].string_value(), a[1].interval_value()));
}
Value ExtractTimestamp(Args a) {
  return PartToNumeric(
      TimestampPart(a[0].string_value(), a[1].int_value(), false, "timestamp without time zone"));
}
Value ExtractTimestampTz(Args a) {
  return PartToNumeric(
      TimestampPart(a[0].string_value(), a[1].int_value(), true, "timestamp with time zone"));
}
Value ExtractDate(Args a) { return PartToNumeric(DatePart(a[0].string_value(), a[1].date_value())); }
Value ExtractTime(Args a) { return PartToNumeric(TimePart(a[0].string_value(), a[1].int_value())); }
Value ExtractInterval(Args a) {
  return PartToNumeric(IntervalPart(a[0].string_value(), a[1].interval_value()));
}

// ---- date_trunc ----

// Truncates local fields; returns true if the time zone must be redone
// (units of a day or more).
bool TruncateTm(Unit unit, Tm* tm, const std::string& units, const char* type) {
  switch (unit) {
    case Unit::kWeek: {
      const int woy = IsoWeek(tm->year, tm->mon, tm->mday);
      if (woy >= 52 && tm->mon == 1) --tm->year;
      if (woy <= 1 && tm->mon == 12) ++tm->year;
      const int day4 = Date2J(tm->year, 1, 4);
      const int day0 = J2Day(day4 - 1);
      J2Date((woy - 1) * 7 + (day4 - day0), &tm->year, &tm->mon, &tm->mday);
      tm->hour = tm->min = tm->sec = 0;
      tm->fsec = 0;
      return true;
    }
    case Unit::kMillennium:
    case Unit::kCentury:
    case Unit::kDecade:
    case Unit::kYear:
    case Unit::kQuarter:
    case Unit::kMonth:
    case Unit::kDay:
      if (unit == Unit::kMillennium) {
        tm->year = tm->year > 0 ? ((tm->year + 999) / 1000) * 1000 - 999
                                : -((999 - (tm->year - 1)) / 1000) * 1000 + 1;
      } else if (unit == Unit::kCentury) {
        tm->year = tm->year > 0 ? ((tm->year + 99) / 100) * 100 - 99
                                : -((99 - (tm->year - 1)) / 100) * 100 + 1;
      } else if (unit == Unit::kDecade) {
        tm->year = tm->year > 0 ? (tm->year / 10) * 10 : -((8 - (tm->year - 1)) / 10) * 10;
      }
      if (unit == Unit::kMillennium || unit == Unit::kCentury || unit == Unit::kDecade ||
          unit == Unit::kYear) {
        tm->mon = 1;
      }
      if (unit == Unit::kQuarter) tm->mon = 3 * ((tm->mon - 1) / 3) + 1;
      if (unit != Unit::kDay) tm->mday = 1;
      tm->hour = tm->min = tm->sec = 0;
      tm->fsec = 0;
      return true;
    case Unit::kHour:
      tm->min = 0;
      [[fallthrough]];
    case Unit::kMinute:
      tm->sec = 0;
      [[fallthrough]];
    case Unit::kSecond:
      tm->fsec = 0;
      return false;
    case Unit::kMillisec:
      tm->fsec = (tm->fsec / 1000) * 1000;
      return false;
    case Unit::kMicrosec:
      return false;
    default:
      TruncUnitNotSupported(unit, units, type);
  }
}

int64_t TruncTimestamp(const std::string& units, int64_t ts, const TimeZone* zone) {
  const char* type = zone ? "timestamp with time zone" : "timestamp without time zone";
  const Unit unit = ParseUnit(units);
  if (unit == Unit::kUnknown) UnitNotRecognized(units, type);
  if (!IsTimestampFinite(ts)) return ts;
  Tm tm;
  const bool ok = zone ? TimestampTzToTm(ts, *zone, &tm) : TimestampToTm(ts, &tm);
  if (!ok) ThrowTimestampOutOfRange();
  const bool redo_tz = TruncateTm(unit, &tm, units, type);
  int64_t local;
  if (!TmToTimestamp(tm, &local)) ThrowTimestampOutOfRange();
  if (zone == nullptr) return local;
  if (redo_tz) return LocalToTimestampTz(local, *zone);
  return local - int64_t{tm.gmtoff} * kUsecsPerSec;
}

Value DateTruncTimestamp(Args a) {
  return Value::Timestamp(TruncTimestamp(a[0].string_value(), a[1].int_value(), nullptr));
}
Value DateTruncTimestampTz(Args a) {
  return Value::TimestampTz(
      TruncTimestamp(a[0].string_value(), a[1].int_value(), Ctx().time_zone.get()));
}

std::shared_ptr<const TimeZone> ZoneByName(const std::string& name);

Value DateTruncTimestampTzZone(Args a) {
  auto zone = ZoneByName(a[2].string_value());
  return Value::TimestampTz(TruncTimestamp(a[0].string_value(), a[1].int_value(), zone.get()));
}

// date_bin(stride, source, origin): the start of the stride-long bin, counted
// from origin, that holds source (floor division, so bins before the origin
// start at or before their members). Strides of months or years are 0A000, as
// a month has no fixed length; infinite sources are returned as they are.
int64_t BinTimestamp(const Interval& stride, int64_t source, int64_t origin) {
  if (!datetime::IsTimestampFinite(source)) return source;
  if (!datetime::IsTimestampFinite(origin)) {
    throw SqlError(SqlState::kDatetimeFieldOverflow, "origin out of range");
  }
  if (stride.month != 0) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "timestamps cannot be binned into intervals containing months or years");
  }
  int64_t stride_usecs = 0;
  if (__builtin_mul_overflow(int64_t{stride.day}, datetime::kUsecsPerDay, &stride_usecs) ||
      __builtin_add_overflow(stride_usecs, stride.time, &stride_usecs)) {
    throw SqlError(SqlState::kDatetimeFieldOverflow, "interval out of range");
  }
  if (stride_usecs <= 0) {
    throw SqlError(SqlState::kDatetimeFieldOverflow, "stride must be greater than zero");
  }
  int64_t diff = 0;
  if (__builtin_sub_overflow(source, origin, &diff)) {
    throw SqlError(SqlState::kDatetimeFieldOverflow, "interval out of range");
  }
  int64_t bin = diff / stride_usecs;
  if (diff % stride_usecs < 0) --bin;
  int64_t result = 0;
  if (__builtin_mul_overflow(bin, stride_usecs, &result) ||
      __builtin_add_overflow(result, origin, &result)) {
    throw SqlError(SqlState::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return result;
}

Value DateBinTimestamp(Args a) {
  return Value::Timestamp(BinTimestamp(a[0].interval_value(), a[1].int_value(), a[2].int_value()));
}
Value DateBinTimestampTz(Args a) {
  return Value::TimestampTz(
      BinTimestamp(a[0].interval_value(), a[1].int_value(), a[2].int_value()));
}

Value DateTruncInterval(Args a) {
  const std::string& units = a[0].string_value();
  const Unit unit = ParseUnit(units);
  if (unit == Unit::kUnknown) UnitNotRecognized(units, "interval");
  IntervalParts p = SplitInterval(a[1].interval_value());
  switch (unit) {
    case Unit::kMillennium:
      p.year = (p.year / 1000) * 1000;
      [[fallthrough]];
    case Unit::kCentury:
      p.year = (p.year / 100) * 100;
      [[fallthrough]];
    case Unit::kDecade:
      p.year = (p.year / 10) * 10;
      [[fallthrough]];
    case Unit::kYear:
      p.mon = 0;
      [[fallthrough]];
    case Unit::kQuarter:
      p.mon = 3 * (p.mon / 3);
      [[fallthrough]];
    case Unit::kMonth:
      p.mday = 0;
      [[fallthrough]];
    case Unit::kDay:
      p.hour = 0;
      [[fallthrough]];
    case Unit::kHour:
      p.min = 0;
      [[fallthrough]];
    case Unit::kMinute:
      p.sec = 0;
      [[fallthrough]];
    case Unit::kSecond:
      p.usec = 0;
      break;
    case Unit::kMillisec:
      p.usec = (p.usec / 1000) * 1000;
      break;
    case Unit::kMicrosec:
      break;
    default:
      if (unit == Unit::kWeek) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "unit \"" + LowerUnit(units) + "\" not supported for type interval")
            .WithDetail("Months usually have fractional weeks.");
      }
      TruncUnitNotSupported(unit, units, "interval");
  }
  Interval r;
  r.month = p.year * kMonthsPerYear + p.mon;
  r.day = p.mday;
  r.time = ((p.hour * 60 + p.min) * 60 + p.sec) * kUsecsPerSec + p.usec;
  return Value::FromInterval(r);
}

// ---- age ----

Interval Age(int64_t dt1, int64_t dt2, bool with_tz) {
  // Infinities are not special-cased: PostgreSQL 15 splits them like any
  // other value (age('infinity', ...) is a huge interval).
  Tm tm1, tm2;
  const TimeZone* zone = Ctx().time_zone.get();
  const bool ok1 = with_tz ? TimestampTzToTm(dt1, *zone, &tm1) : TimestampToTm(dt1, &tm1);
  const bool ok2 = with_tz ? TimestampTzToTm(dt2, *zone, &tm2) : TimestampToTm(dt2, &tm2);
  if (!ok1 || !ok2) ThrowTimestampOutOfRange();
  int64_t fsec = tm1.fsec - tm2.fsec;
  int64_t sec = tm1.sec - tm2.sec, min = tm1.min - tm2.min, hour = tm1.hour - tm2.hour;
  int64_t mday = tm1.mday - tm2.mday, mon = tm1.mon - tm2.mon, year = tm1.year - tm2.year;
  const bool flip = dt1 < dt2;
  if (flip) {
    fsec = -fsec;
    sec = -sec;
    min = -min;
    hour = -hour;
    mday = -mday;
    mon = -mon;
    year = -year;
  }
  while (fsec < 0) {
    fsec += kUsecsPerSec;
    sec--;
  }
  while (sec < 0) {
    sec += 60;
    min--;
  }
  while (min < 0) {
    min += 60;
    hour--;
  }
  while (hour < 0) {
    hour += 24;
    mday--;
  }
  while (mday < 0) {
    const Tm& t = flip ? tm1 : tm2;
    mday += DaysInMonth(t.year, t.mon);
    mon--;
  }
  while (mon < 0) {
    mon += 12;
    year--;
  }
  if (flip) {
    fsec = -fsec;
    sec = -sec;
    min = -min;
    hour = -hour;
    mday = -mday;
    mon = -mon;
    year = -year;
  }
  const int64_t months = year * kMonthsPerYear + mon;
  if (months < INT32_MIN || months > INT32_MAX || mday < INT32_MIN || mday > INT32_MAX) {
    ThrowIntervalOutOfRange();
  }
  return Interval{((hour * 60 + min) * 60 + sec) * kUsecsPerSec + fsec, static_cast<int32_t>(mday),
                  static_cast<int32_t>(months)};
}

Value AgeTimestamp2(Args a) {
  return Value::FromInterval(Age(a[0].int_value(), a[1].int_value(), false));
}
Value AgeTimestampTz2(Args a) {
  return Value::FromInterval(Age(a[0].int_value(), a[1].int_value(), true));
}
Value AgeTimestamp1(Args a) {
  const int32_t today = CurrentDate({}).date_value();
  return Value::FromInterval(Age(DateToTimestamp(today), a[0].int_value(), false));
}
Value AgeTimestampTz1(Args a) {
  const int32_t today = CurrentDate({}).date_value();
  return Value::FromInterval(Age(DateToTimestampTz(today), a[0].int_value(), true));
}

// ---- make_* ----

std::string FormatG(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%02g", v);
  return buf;
}

int32_t MakeDateValue(int64_t year, int64_t mon, int64_t mday) {
  Tm tm;
  bool bc = false;
  tm.year = static_cast<int>(year);
  tm.mon = static_cast<int>(mon);
  tm.mday = static_cast<int>(mday);
  if (tm.year < 0) {
    bc = true;
    tm.year = -tm.year;
  }
  char buf[64];
  bool bad = tm.year == 0 || tm.mon < 1 || tm.mon > 12 || tm.mday < 1 || tm.mday > 31;
  if (!bad) {
    if (bc) tm.year = -(tm.year - 1);
    bad = tm.mday > DaysInMonth(tm.year, tm.mon);
  }
  if (bad) {
    std::snprintf(buf, sizeof(buf), "%d-%02d-%02d", tm.year, tm.mon, tm.mday);
    throw SqlError(SqlState::kDatetimeFieldOverflow,
                   std::string("date field value out of range: ") + buf);
  }
  if (!IsValidJulian(tm.year, tm.mon, tm.mday)) {
    std::snprintf(buf, sizeof(buf), "%d-%02d-%02d", tm.year, tm.mon, tm.mday);
    throw SqlError(SqlState::kDatetimeValueOutOfRange, std::string("date out of range: ") + buf);
  }
  const int32_t date = Date2J(tm.year, tm.mon, tm.mday) - kPostgresEpochJdate;
  if (!IsValidDate(date)) {
    std::snprintf(buf, sizeof(buf), "%d-%02d-%02d", tm.year, tm.mon, tm.mday);
    throw SqlError(SqlState::kDatetimeValueOutOfRange, std::string("date out of range: ") + buf);
  }
  return date;
}

Value MakeDate(Args a) {
  return Value::Date(MakeDateValue(a[0].int_value(), a[1].int_value(), a[2].int_value()));
}

int64_t MakeTimeValue(int64_t hour, int64_t min, double sec) {
  if (hour < 0 || min < 0 || min > 59 || std::isnan(sec) || sec < 0 || sec > 60 || hour > 24 ||
      (hour == 24 && (min > 0 || sec > 0))) {
    throw SqlError(SqlState::kDatetimeFieldOverflow,
                   "time field value out of range: " + std::to_string(hour) + ":" +
                       (min < 10 && min >= 0 ? "0" : "") + std::to_string(min) + ":" +
                       FormatG(sec));
  }
  return (hour * 60 + min) * 60 * kUsecsPerSec + static_cast<int64_t>(std::rint(sec * 1e6));
}

Value MakeTime(Args a) {
  return Value::Time(MakeTimeValue(a[0].int_value(), a[1].int_value(), a[2].float_value()));
}

int64_t MakeTimestampLocal(Args a) {
  const int32_t date = MakeDateValue(a[0].int_value(), a[1].int_value(), a[2].int_value());
  const int64_t time = MakeTimeValue(a[3].int_value(), a[4].int_value(), a[5].float_value());
  int64_t result;
  if (MulOverflow(date, kUsecsPerDay, &result) || AddOverflow(result, time, &result) ||
      !IsValidTimestamp(result)) {
    char buf[128];
    std::snprintf(buf, sizeof(buf), "%lld-%02lld-%02lld %lld:%02lld:%s",
                  static_cast<long long>(a[0].int_value()),
                  static_cast<long long>(a[1].int_value()),
                  static_cast<long long>(a[2].int_value()),
                  static_cast<long long>(a[3].int_value()),
                  static_cast<long long>(a[4].int_value()), FormatG(a[5].float_value()).c_str());
    throw SqlError(SqlState::kDatetimeValueOutOfRange,
                   std::string("timestamp out of range: ") + buf);
  }
  return result;
}

Value MakeTimestamp(Args a) { return Value::Timestamp(MakeTimestampLocal(a)); }
Value MakeTimestampTz(Args a) {
  return Value::TimestampTz(LocalToTimestampTz(MakeTimestampLocal(a), *Ctx().time_zone));
}
Value MakeTimestampTzZone(Args a) {
  auto zone = ZoneByName(a[6].string_value());
  return Value::TimestampTz(LocalToTimestampTz(MakeTimestampLocal(a), *zone));
}

Value MakeInterval(Args a) {
  // make_interval(years, months, weeks, days, hours, mins, secs); missing
  // trailing arguments default to 0.
  int64_t v[6] = {0, 0, 0, 0, 0, 0};
  double secs = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (i < 6) {
      v[i] = a[i].int_value();
    } else {
      secs = a[i].float_value();
    }
  }
  if (std::isinf(secs) || std::isnan(secs)) ThrowIntervalOutOfRange();
  Interval r;
  const int64_t months = v[0] * kMonthsPerYear + v[1];
  const int64_t days = v[2] * 7 + v[3];
  if (months < INT32_MIN || months > INT32_MAX || days < INT32_MIN || days > INT32_MAX) {
    ThrowIntervalOutOfRange();
  }
  r.month = static_cast<int32_t>(months);
  r.day = static_cast<int32_t>(days);
  const double usecs = std::rint(secs * kUsecsPerSec);
  if (!(usecs >= -9223372036854775808.0 && usecs < 9223372036854775808.0)) {
    ThrowIntervalOutOfRange();
  }
  int64_t t = static_cast<int64_t>(usecs), part;
  if (MulOverflow(v[4], kUsecsPerHour, &part) || AddOverflow(t, part, &t) ||
      MulOverflow(v[5], kUsecsPerMinute, &part) || AddOverflow(t, part, &t)) {
    ThrowIntervalOutOfRange();
  }
  r.time = t;
  return Value::FromInterval(r);
}

// ---- justify, isfinite, to_timestamp ----

Value JustifyDays(Args a) { return Value::FromInterval(IntervalJustifyDays(a[0].interval_value())); }
Value JustifyHours(Args a) {
  return Value::FromInterval(IntervalJustifyHours(a[0].interval_value()));
}
Value JustifyInterval(Args a) {
  return Value::FromInterval(IntervalJustifyInterval(a[0].interval_value()));
}
Value IsFiniteDate(Args a) { return Value::Bool(IsDateFinite(a[0].date_value())); }
Value IsFiniteTimestamp(Args a) { return Value::Bool(IsTimestampFinite(a[0].int_value())); }
Value IsFiniteInterval(Args) { return Value::Bool(true); }

Value ToTimestamp(Args a) {
  double seconds = a[0].float_value();
  if (std::isnan(seconds)) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange, "timestamp cannot be NaN");
  }
  if (std::isinf(seconds)) {
    return Value::TimestampTz(seconds < 0 ? kTimestampNegInfinity : kTimestampPosInfinity);
  }
  auto out_of_range = [&] {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%g", a[0].float_value());
    throw SqlError(SqlState::kDatetimeValueOutOfRange,
                   std::string("timestamp out of range: \"") + buf + "\"");
  };
  if (seconds < static_cast<double>(kSecsPerDay) * (0 - kUnixEpochJdate) ||
      seconds >= static_cast<double>(kSecsPerDay) * (kTimestampEndJulian - kUnixEpochJdate)) {
    out_of_range();
  }
  seconds -= static_cast<double>(kEpochDiffSecs);
  seconds = std::rint(seconds * kUsecsPerSec);
  const int64_t result = static_cast<int64_t>(seconds);
  if (!IsValidTimestamp(result)) out_of_range();
  return Value::TimestampTz(result);
}

// ---- AT TIME ZONE ----

// A zone for timezone(text, ...): an abbreviation (fixed offset) first, then
// a zone name; 22023 "time zone \"x\" not recognized".
std::shared_ptr<const TimeZone> ZoneByName(const std::string& name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (auto abbrev = FindZoneAbbrev(lower)) return TimeZone::FixedOffset(abbrev->gmtoff);
  auto zone = LoadTimeZone(name);
  if (zone == nullptr) {
    throw SqlError(SqlState::kInvalidParameterValue, "time zone \"" + name + "\" not recognized");
  }
  return zone;
}

int32_t IntervalZoneOffset(const Interval& iv) {
  if (iv.month != 0 || iv.day != 0) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "interval time zone \"" + FormatInterval(iv) +
                       "\" must not include months or days");
  }
  return static_cast<int32_t>(iv.time / kUsecsPerSec);
}

int64_t TimestampTzToZone(int64_t ts, const TimeZone& zone) {
  if (!IsTimestampFinite(ts)) return ts;
  int64_t local;
  if (AddOverflow(ts, int64_t{UtcOffsetAt(ts, zone)} * kUsecsPerSec, &local) ||
      !IsValidTimestamp(local)) {
    ThrowTimestampOutOfRange();
  }
  return local;
}

Value TimezoneTextTimestampTz(Args a) {
  return Value::Timestamp(TimestampTzToZone(a[1].int_value(), *ZoneByName(a[0].string_value())));
}
Value TimezoneTextTimestamp(Args a) {
  const int64_t ts = a[1].int_value();
  if (!IsTimestampFinite(ts)) return Value::TimestampTz(ts);
  return Value::TimestampTz(LocalToTimestampTz(ts, *ZoneByName(a[0].string_value())));
}
Value TimezoneIntervalTimestampTz(Args a) {
  auto zone = TimeZone::FixedOffset(IntervalZoneOffset(a[0].interval_value()));
  return Value::Timestamp(TimestampTzToZone(a[1].int_value(), *zone));
}
Value TimezoneIntervalTimestamp(Args a) {
  const int64_t ts = a[1].int_value();
  if (!IsTimestampFinite(ts)) return Value::TimestampTz(ts);
  auto zone = TimeZone::FixedOffset(IntervalZoneOffset(a[0].interval_value()));
  return Value::TimestampTz(LocalToTimestampTz(ts, *zone));
}

constexpr Oid k0 = type_oid::kInvalid;

#define ARGS(...) \
  std::array<Oid, 7> { __VA_ARGS__ }

const SqlFunction kFunctions[] = {
    {"now", ARGS(k0), 0, kTimestampTz, {"now", Now}},
    {"transaction_timestamp", ARGS(k0), 0, kTimestampTz, {"now", Now}},
    {"statement_timestamp", ARGS(k0), 0, kTimestampTz, {"statement_timestamp", StatementTimestamp}},
    {"clock_timestamp", ARGS(k0), 0, kTimestampTz, {"clock_timestamp", ClockTimestamp}},
    {"current_date", ARGS(k0), 0, kDate, {"current_date", CurrentDate}, true},
    {"current_timestamp", ARGS(k0), 0, kTimestampTz, {"now", Now}, true},
    {"localtimestamp", ARGS(k0), 0, kTimestamp, {"localtimestamp", LocalTimestamp}, true},
    {"localtime", ARGS(k0), 0, kTime, {"localtime", LocalTime}, true},
    {"date_part", ARGS(kText, kTimestampTz), 2, kFloat8, {"timestamptz_part", DatePartTimestampTz}},
    {"date_part", ARGS(kText, kInterval), 2, kFloat8, {"interval_part", DatePartInterval}},
    {"date_part", ARGS(kText, kTimeTz), 2, kFloat8, {"timetz_part", nullptr}},
    {"date_part", ARGS(kText, kDate), 2, kFloat8, {"date_part", DatePartDate}},
    {"date_part", ARGS(kText, kTime), 2, kFloat8, {"time_part", DatePartTime}},
    {"date_part", ARGS(kText, kTimestamp), 2, kFloat8, {"timestamp_part", DatePartTimestamp}},
    {"extract", ARGS(kText, kDate), 2, kNumeric, {"extract_date", ExtractDate}},
    {"extract", ARGS(kText, kTime), 2, kNumeric, {"extract_time", ExtractTime}},
    {"extract", ARGS(kText, kTimeTz), 2, kNumeric, {"extract_timetz", nullptr}},
    {"extract", ARGS(kText, kTimestamp), 2, kNumeric, {"extract_timestamp", ExtractTimestamp}},
    {"extract", ARGS(kText, kTimestampTz), 2, kNumeric,
     {"extract_timestamptz", ExtractTimestampTz}},
    {"extract", ARGS(kText, kInterval), 2, kNumeric, {"extract_interval", ExtractInterval}},
    {"date_trunc", ARGS(kText, kTimestampTz), 2, kTimestampTz,
     {"timestamptz_trunc", DateTruncTimestampTz}},
    {"date_trunc", ARGS(kText, kInterval), 2, kInterval, {"interval_trunc", DateTruncInterval}},
    {"date_bin", ARGS(kInterval, kTimestamp, kTimestamp), 3, kTimestamp,
     {"timestamp_bin", DateBinTimestamp}},
    {"date_bin", ARGS(kInterval, kTimestampTz, kTimestampTz), 3, kTimestampTz,
     {"timestamptz_bin", DateBinTimestampTz}},
    {"date_trunc", ARGS(kText, kTimestampTz, kText), 3, kTimestampTz,
     {"timestamptz_trunc_zone", DateTruncTimestampTzZone}},
    {"date_trunc", ARGS(kText, kTimestamp), 2, kTimestamp,
     {"timestamp_trunc", DateTruncTimestamp}},
    {"age", ARGS(kTimestampTz, kTimestampTz), 2, kInterval, {"timestamptz_age", AgeTimestampTz2}},
    {"age", ARGS(kTimestampTz), 1, kInterval, {"age", AgeTimestampTz1}},
    {"age", ARGS(kTimestamp, kTimestamp), 2, kInterval, {"timestamp_age", AgeTimestamp2}},
    {"age", ARGS(kTimestamp), 1, kInterval, {"age", AgeTimestamp1}},
    {"make_date", ARGS(kInt4, kInt4, kInt4), 3, kDate, {"make_date", MakeDate}},
    {"make_time", ARGS(kInt4, kInt4, kFloat8), 3, kTime, {"make_time", MakeTime}},
    {"make_timestamp", ARGS(kInt4, kInt4, kInt4, kInt4, kInt4, kFloat8), 6, kTimestamp,
     {"make_timestamp", MakeTimestamp}},
    {"make_timestamptz", ARGS(kInt4, kInt4, kInt4, kInt4, kInt4, kFloat8), 6, kTimestampTz,
     {"make_timestamptz", MakeTimestampTz}},
    {"make_timestamptz", ARGS(kInt4, kInt4, kInt4, kInt4, kInt4, kFloat8, kText), 7,
     kTimestampTz, {"make_timestamptz_at_timezone", MakeTimestampTzZone}},
    {"make_interval", ARGS(k0), 0, kInterval, {"make_interval", MakeInterval}},
    {"make_interval", ARGS(kInt4), 1, kInterval, {"make_interval", MakeInterval}},
    {"make_interval", ARGS(kInt4, kInt4), 2, kInterval, {"make_interval", MakeInterval}},
    {"make_interval", ARGS(kInt4, kInt4, kInt4), 3, kInterval, {"make_interval", MakeInterval}},
    {"make_interval", ARGS(kInt4, kInt4, kInt4, kInt4), 4, kInterval,
     {"make_interval", MakeInterval}},
    {"make_interval", ARGS(kInt4, kInt4, kInt4, kInt4, kInt4), 5, kInterval,
     {"make_interval", MakeInterval}},
    {"make_interval", ARGS(kInt4, kInt4, kInt4, kInt4, kInt4, kInt4), 6, kInterval,
     {"make_interval", MakeInterval}},
    {"make_interval", ARGS(kInt4, kInt4, kInt4, kInt4, kInt4, kInt4, kFloat8), 7, kInterval,
     {"make_interval", MakeInterval}},
    {"justify_days", ARGS(kInterval), 1, kInterval, {"interval_justify_days", JustifyDays}},
    {"justify_hours", ARGS(kInterval), 1, kInterval, {"interval_justify_hours", JustifyHours}},
    {"justify_interval", ARGS(kInterval), 1, kInterval,
     {"interval_justify_interval", JustifyInterval}},
    {"isfinite", ARGS(kDate), 1, kBool, {"date_finite", IsFiniteDate}},
    {"isfinite", ARGS(kTimestampTz), 1, kBool, {"timestamp_finite", IsFiniteTimestamp}},
    {"isfinite", ARGS(kInterval), 1, kBool, {"interval_finite", IsFiniteInterval}},
    {"isfinite", ARGS(kTimestamp), 1, kBool, {"timestamp_finite", IsFiniteTimestamp}},
    {"to_timestamp", ARGS(kFloat8), 1, kTimestampTz, {"float8_timestamptz", ToTimestamp}},
    {"timezone", ARGS(kText, kTimestampTz), 2, kTimestamp,
     {"timestamptz_zone", TimezoneTextTimestampTz}},
    {"timezone", ARGS(kInterval, kTimestampTz), 2, kTimestamp,
     {"timestamptz_izone", TimezoneIntervalTimestampTz}},
    {"timezone", ARGS(kText, kTimestamp), 2, kTimestampTz,
     {"timestamp_zone", TimezoneTextTimestamp}},
    {"timezone", ARGS(kInterval, kTimestamp), 2, kTimestampTz,
     {"timestamp_izone", TimezoneIntervalTimestamp}},
    {"timezone", ARGS(kText, kTimeTz), 2, kTimeTz, {"timetz_zone", nullptr}},
    {"timezone", ARGS(kInterval, kTimeTz), 2, kTimeTz, {"timetz_izone", nullptr}},
};

#undef ARGS

}  // namespace

std::span<const SqlFunction> DatetimeSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
