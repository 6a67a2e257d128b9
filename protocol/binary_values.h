// Binary-format values: PostgreSQL 15's typsend/typreceive byte layouts for
// the built-in types clients exchange in binary (Bind parameters with format
// 1, DataRow columns with result format 1, COPY BINARY fields).
//
// Send* append one value's bytes to *out -- not the Int32 length that DataRow,
// Bind or COPY put in front. Recv* read one value from the front of *in and
// advance it, as PostgreSQL's recv functions read a StringInfo. Values are
// plain C++ types; the SQL layer converts to and from its own.
//
// Layouts (all integers big-endian; "rest" = every remaining byte):
//   bool        1 byte, 0 or 1 (any nonzero byte receives as true)
//   int2/4/8    2/4/8 bytes, two's complement
//   float4/8    IEEE 754 binary32/binary64 bits
//   text, varchar, bpchar, json     rest, UTF-8 (verified on receive)
//   bytea       rest, any bytes
//   jsonb       1 byte version (1), then the JSON text (rest, UTF-8)
//   numeric     Int16 ndigits, Int16 weight, Int16 sign, Int16 dscale,
//               ndigits x Int16 base-10000 digit; see binary_numeric.cpp
//   date        Int32 days since 2000-01-01
//   time        Int64 microseconds since midnight, 0 .. 24:00:00
//   timestamp, timestamptz  Int64 microseconds since 2000-01-01 00:00 (UTC
//               for timestamptz)
//   interval    Int64 microseconds, Int32 days, Int32 months
//   uuid        16 bytes
//
// Errors: Recv* (and the text parsers) throw SqlError with PostgreSQL's
// SQLSTATE and text. The statement fails; the connection is fine.
//   - too few bytes: 08P01 "insufficient data left in message"
//     (bool: "no data left in message"), as pq_getmsg* raise it;
//   - an invalid value: 22P03 (numeric sign/scale/digit), 22008 (date, time,
//     timestamp out of range), 22021 (invalid UTF-8), XX000 (jsonb version).
// On a throw, *in is left unchanged.
// Bytes left over after a Recv* are the caller's to check, because PostgreSQL
// words that error per context: call CheckBinaryValueConsumed.
// Send* trust their input (REQUIRES): they validate only text they parse.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace strata::protocol {

// Throws SqlError 22P03 unless `rest` is empty: "incorrect binary data format
// in bind parameter %d" for a Bind parameter (1-based parameter_number), or
// "incorrect binary data format" for a COPY BINARY field (parameter_number 0).
void CheckBinaryValueConsumed(std::string_view rest, int parameter_number);

void SendBool(std::string* out, bool value);
bool RecvBool(std::string_view* in);

void SendInt2(std::string* out, int16_t value);
int16_t RecvInt2(std::string_view* in);
void SendInt4(std::string* out, int32_t value);
int32_t RecvInt4(std::string_view* in);
void SendInt8(std::string* out, int64_t value);
int64_t RecvInt8(std::string_view* in);

// Bits as they are: NaN payloads and -0 are kept.
void SendFloat4(std::string* out, float value);
float RecvFloat4(std::string_view* in);
void SendFloat8(std::string* out, double value);
double RecvFloat8(std::string_view* in);

// text, varchar, bpchar and json. Receiving takes every remaining byte and
// verifies it is UTF-8 without NUL (VerifyUtf8), as pq_getmsgtext does; JSON
// syntax and typmod lengths are the SQL layer's to check.
void SendText(std::string* out, std::string_view text);
std::string RecvText(std::string_view* in);

// bytea: every remaining byte, unchecked.
void SendBytea(std::string* out, std::string_view bytes);
std::string RecvBytea(std::string_view* in);

// jsonb: version byte 1, then the JSON text. RecvJsonb returns the text;
// another version is XX000 "unsupported jsonb version number %d".
inline constexpr uint8_t kJsonbVersion = 1;
void SendJsonb(std::string* out, std::string_view json_text);
std::string RecvJsonb(std::string_view* in);

// numeric <-> its text as numeric_out writes it: "-123.4500", "0.00", "NaN",
// "Infinity", "-Infinity". The digits after the point set dscale, so trailing
// zeros survive both ways.
// SendNumeric accepts [+-]digits[.digits] (either side of the point may be
// empty, not both), NaN and [+-]Infinity/inf (any case); leading zeros are
// ignored and -0 sends as 0. Other text: SqlError 22P02 "invalid input syntax
// for type numeric"; more than 131072 integer digits or 16383 fraction digits:
// 22003 "value overflows numeric format".
// RecvNumeric validates as numeric_recv (22P03 "invalid sign/scale/digit in
// external \"numeric\" value"), drops digits beyond dscale (truncating, as
// PostgreSQL does) and returns numeric_out's text.
void SendNumeric(std::string* out, std::string_view decimal_text);
std::string RecvNumeric(std::string_view* in);

// date: days since 2000-01-01. kDateNegInfinity/kDatePosInfinity are
// -infinity/infinity; finite dates lie in [kDateMin, kDateEnd), 4714-11-24 BC
// to 5874897-12-31. RecvDate throws 22008 "date out of range" outside that.
inline constexpr int32_t kDateNegInfinity = std::numeric_limits<int32_t>::min();
inline constexpr int32_t kDatePosInfinity = std::numeric_limits<int32_t>::max();
inline constexpr int32_t kDateMin = -2451545;   // 4714-11-24 BC (Julian day 0)
inline constexpr int32_t kDateEnd = 2145031949;  // one past 5874897-12-31
void SendDate(std::string* out, int32_t days);
int32_t RecvDate(std::string_view* in);

// time: microseconds since midnight, 0 .. kTimeMax (24:00:00 inclusive).
// RecvTime throws 22008 "time out of range" outside that.
inline constexpr int64_t kTimeMax = int64_t{86400} * 1000000;
void SendTime(std::string* out, int64_t microseconds);
int64_t RecvTime(std::string_view* in);

// timestamp and timestamptz: microseconds since 2000-01-01 00:00:00 (UTC for
// timestamptz; the client's TimeZone only affects text output).
// kTimestampNegInfinity/kTimestampPosInfinity are -infinity/infinity; finite
// values lie in [kTimestampMin, kTimestampEnd), 4714-11-24 00:00 BC to
// 294276-12-31 23:59:59.999999. RecvTimestamp throws 22008 "timestamp out of
// range" outside that (both types use that text). Rounding to a typmod's
// precision is the SQL layer's.
inline constexpr int64_t kTimestampNegInfinity = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kTimestampPosInfinity = std::numeric_limits<int64_t>::max();
inline constexpr int64_t kTimestampMin = -211813488000000000;
inline constexpr int64_t kTimestampEnd = 9223371331200000000;
void SendTimestamp(std::string* out, int64_t microseconds);
int64_t RecvTimestamp(std::string_view* in);

// interval: PostgreSQL 15 accepts any field values on receive.
struct Interval {
  int64_t microseconds = 0;
  int32_t days = 0;
  int32_t months = 0;
  bool operator==(const Interval&) const = default;
};
void SendInterval(std::string* out, const Interval& value);
Interval RecvInterval(std::string_view* in);

// uuid: 16 bytes. UuidFromText accepts what uuid_in does: 32 hex digits in
// either case, optionally a '-' after any group of four, optionally wrapped in
// {}; anything else is SqlError 22P02 "invalid input syntax for type uuid".
// UuidToText writes the canonical lowercase 8-4-4-4-12 form.
using Uuid = std::array<uint8_t, 16>;
Uuid UuidFromText(std::string_view text);
std::string UuidToText(const Uuid& uuid);
void SendUuid(std::string* out, const Uuid& uuid);
Uuid RecvUuid(std::string_view* in);

}  // namespace strata::protocol
