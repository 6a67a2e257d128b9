// DataType: a PostgreSQL type as the binder and executor see it, the pair
// (pg_type OID, typmod). The typmod carries per-use parameters such as
// numeric(p,s) or varchar(n) and is -1 when there are none, as in PostgreSQL.
#pragma once

#include <cstdint>

#include "catalog/builtin_types.h"

namespace strata::sql {

using Oid = catalog::Oid;

// Type OIDs the SQL layer names in code. All are PostgreSQL's own pg_type
// OIDs (wire-visible: never change them).
namespace type_oid {
inline constexpr Oid kInvalid = 0;
inline constexpr Oid kBool = 16;
inline constexpr Oid kBytea = 17;
inline constexpr Oid kChar = 18;
inline constexpr Oid kName = 19;
inline constexpr Oid kInt8 = 20;
inline constexpr Oid kInt2 = 21;
inline constexpr Oid kInt4 = 23;
inline constexpr Oid kText = 25;
inline constexpr Oid kOid = 26;
inline constexpr Oid kJson = 114;
inline constexpr Oid kFloat4 = 700;
inline constexpr Oid kFloat8 = 701;
inline constexpr Oid kUnknown = 705;
inline constexpr Oid kBpchar = 1042;
inline constexpr Oid kVarchar = 1043;
inline constexpr Oid kDate = 1082;
inline constexpr Oid kTime = 1083;
inline constexpr Oid kTimestamp = 1114;
inline constexpr Oid kTimestampTz = 1184;
inline constexpr Oid kInterval = 1186;
inline constexpr Oid kTimeTz = 1266;
inline constexpr Oid kNumeric = 1700;
inline constexpr Oid kUuid = 2950;
inline constexpr Oid kJsonb = 3802;
inline constexpr Oid kJsonpath = 4072;
inline constexpr Oid kTextArray = 1009;
inline constexpr Oid kRecord = 2249;
inline constexpr Oid kAny = 2276;
inline constexpr Oid kAnyArray = 2277;
inline constexpr Oid kVoid = 2278;  // the result of functions called for their effect
inline constexpr Oid kAnyElement = 2283;
inline constexpr Oid kAnyNonArray = 2776;
inline constexpr Oid kAnyEnum = 3500;
inline constexpr Oid kAnyRange = 3831;
inline constexpr Oid kAnyMultirange = 4537;
inline constexpr Oid kAnyCompatible = 5077;
inline constexpr Oid kAnyCompatibleArray = 5078;
inline constexpr Oid kAnyCompatibleNonArray = 5079;
inline constexpr Oid kAnyCompatibleRange = 5080;
inline constexpr Oid kAnyCompatibleMultirange = 4538;
}  // namespace type_oid

struct DataType {
  Oid oid = type_oid::kInvalid;
  int32_t typmod = -1;

  friend bool operator==(const DataType&, const DataType&) = default;
};

}  // namespace strata::sql
