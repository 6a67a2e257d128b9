// StorageType: how the key and row codecs lay out a SQL type's values, the
// one place that maps a pg_type OID to a physical representation. This enum
// is in-memory only (never written): a row or key does not record its types;
// the catalog's column types say how to read it.
//
// Physical classes and the Value payload each reads and writes:
//   kBool                 bool     key: 1 byte; row: 1 byte (0 or 1)
//   kInt2 / kInt4 / kInt8 int64_t  2 / 4 / 8 bytes
//   kFloat4 / kFloat8     double   4 / 8 bytes (IEEE 754; float4 as float)
//   kNumeric              Numeric  variable
//   kBytes                string   variable (text, varchar, bpchar, bytea,
//                                  uuid, json, jsonb, the geometric types:
//                                  the Value's bytes)
//   kArray                ArrayValue  variable, rows only: the array's text
//                                  form (array_out), read back with array_in;
//                                  also composite values (RecordValue): their
//                                  record_out text, read back with record_in.
//                                  Keys hold composites (not arrays) as each
//                                  field's key encoding in turn (key_codec.h)
//   kRange                RangeValue / MultirangeValue  variable: rows hold
//                                  the value in range_value.h's row form
//                                  (flags, then each finite bound in its
//                                  subtype's settings-independent form);
//                                  keys the range_value.h key form, which
//                                  orders as range_cmp / multirange_cmp
//   kInterval             Interval row: 16 bytes (time int64, day int32,
//                                  month int32); key: the 128-bit comparison
//                                  value (30-day months, 24-hour days) as
//                                  16 sign-flipped big-endian bytes, so
//                                  '1 mon' and '30 days' are equal keys as
//                                  they are equal in PostgreSQL; the key
//                                  decode is lossy (days and time only).
// date is kInt4 (int32 days since 2000-01-01; -infinity/infinity are
// INT32_MIN/INT32_MAX, so they sort right); time, timestamp and timestamptz
// are kInt8 (int64 microseconds, infinities INT64_MIN/INT64_MAX).
//
// Extension points (the datum type has no payload for these yet; when it
// does, add a class here and a case in key_codec.cpp and row_codec.cpp):
//   timetz        int64 microseconds + int32 zone offset: PostgreSQL orders by
//                 the UTC instant, then by zone; key = both sign-flipped.
//   uuid          stored as kBytes today (its 16 bytes, escaped in keys,
//                 which keeps memcmp order); a fixed 16-byte class would save
//                 the escaping.
// bpchar keys are kBytes after stripping trailing spaces (bpcharcmp ignores
// them), so their key decode is lossy. json, jsonb and arrays cannot be key
// columns (0A000): jsonb's canonical text does not sort as jsonb_cmp does.
// Fixed-width classes need a width in FixedWidth(); variable ones none.
#pragma once

#include <cstdint>
#include <optional>

#include "sql/types/data_type.h"

namespace strata::sql {

enum class StorageType : uint8_t {
  kBool,
  kInt2,
  kInt4,
  kInt8,
  kFloat4,
  kFloat8,
  kNumeric,
  kBytes,
  kArray,
  kInterval,
  kRange,
};

// The storage class of a type, or nullopt if tables cannot store it yet.
std::optional<StorageType> StorageTypeOf(Oid type);

// StorageTypeOf(), throwing SqlError 0A000 "type ... cannot be stored yet"
// for types without one.
StorageType RequireStorageType(Oid type);

// Bytes a fixed-width class takes in a row, and in a key after the column's
// marker byte; 0 for variable-width classes.
constexpr uint32_t FixedWidth(StorageType type) {
  switch (type) {
    case StorageType::kBool:
      return 1;
    case StorageType::kInt2:
      return 2;
    case StorageType::kInt4:
    case StorageType::kFloat4:
      return 4;
    case StorageType::kInt8:
    case StorageType::kFloat8:
      return 8;
    case StorageType::kInterval:
      return 16;
    case StorageType::kNumeric:
    case StorageType::kBytes:
    case StorageType::kArray:
    case StorageType::kRange:
      return 0;
  }
  return 0;
}

}  // namespace strata::sql
