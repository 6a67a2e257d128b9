// Date/time cast functions and typmod coercions; see datetime_casts.h.
#include "sql/expr/datetime_casts.h"

#include "common/sql_error.h"
#include "sql/types/datetime_context.h"
#include "sql/types/datetime_io.h"

namespace strata::sql {

using namespace datetime;  // NOLINT

namespace {

using type_oid::kDate;
using type_oid::kInterval;
using type_oid::kTime;
using type_oid::kTimestamp;
using type_oid::kTimestampTz;

const TimeZone& SessionZone() { return *CurrentDatetimeContext().time_zone; }

// The date part of a local timestamp (floor division).
int32_t LocalDate(int64_t local) {
  int64_t days = local / kUsecsPerDay;
  if (local % kUsecsPerDay < 0) --days;
  return static_cast<int32_t>(days);
}

int64_t LocalTimeOfDay(int64_t local) {
  int64_t t = local % kUsecsPerDay;
  if (t < 0) t += kUsecsPerDay;
  return t;
}

}  // namespace

bool IsDatetimeType(Oid type) {
  return type == kDate || type == kTime || type == kTimestamp || type == kTimestampTz ||
         type == kInterval;
}

bool IsDatetimeCast(Oid source, Oid target) {
  switch (source) {
    case kDate:
      return target == kTimestamp || target == kTimestampTz;
    case kTime:
      return target == kInterval || target == kTime;
    case kTimestamp:
    case kTimestampTz:
      return target == kDate || target == kTime || target == kTimestamp || target == kTimestampTz;
    case kInterval:
      return target == kTime || target == kInterval;
    default:
      return false;
  }
}

int64_t DateToTimestamp(int32_t date) {
  if (date == kDateNegInfinity) return kTimestampNegInfinity;
  if (date == kDatePosInfinity) return kTimestampPosInfinity;
  if (date >= kTimestampEndJulian - kPostgresEpochJdate) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange, "date out of range for timestamp");
  }
  return int64_t{date} * kUsecsPerDay;
}

int64_t DateToTimestampTz(int32_t date) {
  if (!IsDateFinite(date)) return DateToTimestamp(date);
  const int64_t local = DateToTimestamp(date);
  int64_t result;
  const int32_t gmtoff = SessionZone().OffsetForLocal(local / kUsecsPerSec + kEpochDiffSecs).gmtoff;
  if (AddOverflow(local, -int64_t{gmtoff} * kUsecsPerSec, &result) || !IsValidTimestamp(result)) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange, "date out of range for timestamp");
  }
  return result;
}

int32_t TimestampToDate(int64_t ts) {
  if (ts == kTimestampNegInfinity) return kDateNegInfinity;
  if (ts == kTimestampPosInfinity) return kDatePosInfinity;
  return LocalDate(ts);
}

int64_t TimestampToTimestampTz(int64_t ts) {
  if (!IsTimestampFinite(ts)) return ts;
  return LocalToTimestampTz(ts, SessionZone());
}

int64_t TimestampTzToTimestamp(int64_t ts) {
  if (!IsTimestampFinite(ts)) return ts;
  int64_t local;
  if (AddOverflow(ts, int64_t{UtcOffsetAt(ts, SessionZone())} * kUsecsPerSec, &local) ||
      !IsValidTimestamp(local)) {
    ThrowTimestampOutOfRange();
  }
  return local;
}

Value DatetimeCast(const Value& value, Oid target) {
  const Oid source = value.type();
  switch (source) {
    case kDate:
      if (target == kTimestamp) return Value::Timestamp(DateToTimestamp(value.date_value()));
      return Value::TimestampTz(DateToTimestampTz(value.date_value()));
    case kTime:
      if (target == kTime) return value;
      return Value::FromInterval(Interval{value.int_value(), 0, 0});
    case kTimestamp:
    case kTimestampTz: {
      const int64_t ts = value.int_value();
      if (source == target) return value;
      if (target == kTimestampTz) return Value::TimestampTz(TimestampToTimestampTz(ts));
      if (target == kTimestamp) return Value::Timestamp(TimestampTzToTimestamp(ts));
      if (!IsTimestampFinite(ts)) {
        if (target == kDate) return Value::Date(TimestampToDate(ts));
        return Value::Null(target);  // timestamp_time returns NULL for infinities
      }
      const int64_t local = source == kTimestampTz ? TimestampTzToTimestamp(ts) : ts;
      if (target == kDate) return Value::Date(LocalDate(local));
      return Value::Time(LocalTimeOfDay(local));
    }
    case kInterval: {
      if (target == kInterval) return value;
      int64_t t = value.interval_value().time % kUsecsPerDay;
      if (t < 0) t += kUsecsPerDay;
      return Value::Time(t);
    }
    default:
      break;
  }
  throw SqlError(SqlState::kInternalError, "unexpected date/time cast");
}

Value ApplyDatetimeTypmod(const Value& value, int32_t typmod) {
  if (value.is_null() || typmod < 0) return value;
  switch (value.type()) {
    case kTime:
      return Value::Time(RoundToPrecision(value.int_value(), typmod));
    case kTimestamp:
    case kTimestampTz: {
      const int64_t rounded = RoundToPrecision(value.int_value(), typmod);
      if (IsTimestampFinite(rounded) && !IsValidTimestamp(rounded)) ThrowTimestampOutOfRange();
      return value.type() == kTimestamp ? Value::Timestamp(rounded) : Value::TimestampTz(rounded);
    }
    case kInterval:
      return Value::FromInterval(ApplyIntervalTypmod(value.interval_value(), typmod));
    default:
      return value;
  }
}

}  // namespace strata::sql
