// Binary send/recv for date, time, timestamp/timestamptz and interval.
//
// Layouts (big-endian): date Int32 days since 2000-01-01; time Int64
// microseconds since midnight; timestamp(tz) Int64 microseconds since
// 2000-01-01 00:00:00 (UTC); interval Int64 microseconds, Int32 days,
// Int32 months. The receive-side range checks are PostgreSQL 15's
// date_recv / time_recv / timestamp_recv (IS_VALID_DATE, 0..USECS_PER_DAY,
// IS_VALID_TIMESTAMP); infinities are the type's extreme values.
#include "common/coding.h"
#include "common/sql_error.h"
#include "protocol/binary_input.h"
#include "protocol/binary_values.h"

namespace strata::protocol {

using internal::TakeUInt32;
using internal::TakeUInt64;

void SendDate(std::string* out, int32_t days) { PutBigEndian32(out, static_cast<uint32_t>(days)); }

int32_t RecvDate(std::string_view* in) {
  std::string_view rest = *in;
  const int32_t days = static_cast<int32_t>(TakeUInt32(&rest));
  if (days != kDateNegInfinity && days != kDatePosInfinity &&
      (days < kDateMin || days >= kDateEnd)) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange, "date out of range");
  }
  *in = rest;
  return days;
}

void SendTime(std::string* out, int64_t microseconds) {
  PutBigEndian64(out, static_cast<uint64_t>(microseconds));
}

int64_t RecvTime(std::string_view* in) {
  std::string_view rest = *in;
  const int64_t microseconds = static_cast<int64_t>(TakeUInt64(&rest));
  if (microseconds < 0 || microseconds > kTimeMax) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange, "time out of range");
  }
  *in = rest;
  return microseconds;
}

void SendTimestamp(std::string* out, int64_t microseconds) {
  PutBigEndian64(out, static_cast<uint64_t>(microseconds));
}

int64_t RecvTimestamp(std::string_view* in) {
  std::string_view rest = *in;
  const int64_t microseconds = static_cast<int64_t>(TakeUInt64(&rest));
  if (microseconds != kTimestampNegInfinity && microseconds != kTimestampPosInfinity &&
      (microseconds < kTimestampMin || microseconds >= kTimestampEnd)) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange, "timestamp out of range");
  }
  *in = rest;
  return microseconds;
}

void SendInterval(std::string* out, const Interval& value) {
  PutBigEndian64(out, static_cast<uint64_t>(value.microseconds));
  PutBigEndian32(out, static_cast<uint32_t>(value.days));
  PutBigEndian32(out, static_cast<uint32_t>(value.months));
}

Interval RecvInterval(std::string_view* in) {
  std::string_view rest = *in;
  Interval value;
  value.microseconds = static_cast<int64_t>(TakeUInt64(&rest));
  value.days = static_cast<int32_t>(TakeUInt32(&rest));
  value.months = static_cast<int32_t>(TakeUInt32(&rest));
  *in = rest;
  return value;
}

}  // namespace strata::protocol
