// Value: one SQL datum tagged with its type OID, the unit the evaluator
// computes with (PostgreSQL's Datum + isnull + type). Integer types share an
// int64_t payload and float types a double one; the OID says which.
//
// Payload by type: bool -> bool; int2/int4/int8 -> int64_t (within the type's
// range); float4/float8 -> double (a float4 holds a value exactly
// representable as float); numeric -> Numeric; text/varchar/bpchar/unknown
// -> std::string (UTF-8 bytes; bpchar keeps its padding); bytea -> the raw
// bytes; uuid -> its 16 raw bytes; json -> the input text as written; jsonb
// -> its canonical text (jsonb_out's, see sql/json/); arrays -> a shared,
// immutable ArrayValue (sql/types/array_value.h); date -> int64_t (days since
// 2000-01-01, within int32); time, timestamp, timestamptz -> int64_t
// (microseconds, see types/datetime.h); interval -> Interval; record -> a
// shared, immutable RecordValue (sql/types/record_value.h); the range types
// (int4range, ...) -> a shared, immutable RangeValue and the multirange types
// -> a shared, immutable MultirangeValue (both sql/types/range_value.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>

#include "sql/types/data_type.h"
#include "sql/types/datetime.h"
#include "sql/types/numeric.h"

namespace strata::sql {

struct ArrayValue;   // sql/types/array_value.h
struct RecordValue;  // sql/types/record_value.h
struct RangeValue;       // sql/types/range_value.h
struct MultirangeValue;  // sql/types/range_value.h

class Value {
 public:
  Value() = default;  // NULL of type unknown

  static Value Null(Oid type) { return Value(type, std::monostate{}); }
  static Value Bool(bool v) { return Value(type_oid::kBool, v); }
  static Value Int2(int64_t v) { return Value(type_oid::kInt2, v); }
  static Value Int4(int64_t v) { return Value(type_oid::kInt4, v); }
  static Value Int8(int64_t v) { return Value(type_oid::kInt8, v); }
  // An integer of integer type `type` (int2, int4 or int8).
  static Value Integer(Oid type, int64_t v) { return Value(type, v); }
  static Value Float4(float v) { return Value(type_oid::kFloat4, static_cast<double>(v)); }
  static Value Float8(double v) { return Value(type_oid::kFloat8, v); }
  static Value FromNumeric(Numeric v) { return Value(type_oid::kNumeric, std::move(v)); }
  // A string of a string type (text, varchar, unknown).
  static Value String(Oid type, std::string v) { return Value(type, std::move(v)); }
  static Value Text(std::string v) { return String(type_oid::kText, std::move(v)); }
  // An array of array type `type`; `v` is never null.
  static Value Array(Oid type, std::shared_ptr<const ArrayValue> v) {
    return Value(type, std::move(v));
  }
  // A composite value of composite type `type` (record); `v` is never null.
  static Value Record(Oid type, std::shared_ptr<const RecordValue> v) {
    return Value(type, std::move(v));
  }
  // A range of range type `type` (int4range, ...); `v` is never null.
  static Value Range(Oid type, std::shared_ptr<const RangeValue> v) {
    return Value(type, std::move(v));
  }
  // A multirange of multirange type `type`; `v` is never null.
  static Value Multirange(Oid type, std::shared_ptr<const MultirangeValue> v) {
    return Value(type, std::move(v));
  }
  static Value Date(int32_t days) { return Value(type_oid::kDate, int64_t{days}); }
  static Value Time(int64_t usecs) { return Value(type_oid::kTime, usecs); }
  static Value Timestamp(int64_t usecs) { return Value(type_oid::kTimestamp, usecs); }
  static Value TimestampTz(int64_t usecs) { return Value(type_oid::kTimestampTz, usecs); }
  static Value FromInterval(Interval v) { return Value(type_oid::kInterval, v); }

  Oid type() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }
  // Whether the payload is a RecordValue (a non-NULL composite value, of
  // type record or of a named composite type).
  bool is_record() const {
    return std::holds_alternative<std::shared_ptr<const RecordValue>>(data_);
  }

  // Accessors. REQUIRES: !is_null() and a type with that payload.
  bool bool_value() const { return std::get<bool>(data_); }
  int64_t int_value() const { return std::get<int64_t>(data_); }
  double float_value() const { return std::get<double>(data_); }
  const Numeric& numeric_value() const { return std::get<Numeric>(data_); }
  const std::string& string_value() const { return std::get<std::string>(data_); }
  const ArrayValue& array_value() const {
    return *std::get<std::shared_ptr<const ArrayValue>>(data_);
  }
  const RecordValue& record_value() const {
    return *std::get<std::shared_ptr<const RecordValue>>(data_);
  }
  const RangeValue& range_value() const {
    return *std::get<std::shared_ptr<const RangeValue>>(data_);
  }
  const MultirangeValue& multirange_value() const {
    return *std::get<std::shared_ptr<const MultirangeValue>>(data_);
  }
  int32_t date_value() const { return static_cast<int32_t>(std::get<int64_t>(data_)); }
  const Interval& interval_value() const { return std::get<Interval>(data_); }

  // The same datum relabeled as another type with the same payload
  // (binary-coercible casts such as varchar -> text).
  Value Relabel(Oid type) const {
    Value v = *this;
    v.type_ = type;
    return v;
  }

 private:
  using Payload = std::variant<std::monostate, bool, int64_t, double, Numeric, std::string,
                               std::shared_ptr<const ArrayValue>, Interval,
                               std::shared_ptr<const RecordValue>,
                               std::shared_ptr<const RangeValue>,
                               std::shared_ptr<const MultirangeValue>>;

  // Constructs the payload alternative in place (no variant-to-variant move).
  template <typename T>
  Value(Oid type, T&& data) : type_(type), data_(std::forward<T>(data)) {}

  Oid type_ = type_oid::kUnknown;
  Payload data_;
};

}  // namespace strata::sql
