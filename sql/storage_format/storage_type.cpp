// StorageTypeOf(): the OID -> storage class table (see storage_type.h).
#include "sql/storage_format/storage_type.h"

#include <string>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/types/range_value.h"
#include "sql/types/composite_type.h"
#include "sql/types/user_types.h"

namespace strata::sql {

std::optional<StorageType> StorageTypeOf(Oid type) {
  switch (type) {
    case type_oid::kBool:
      return StorageType::kBool;
    case type_oid::kInt2:
      return StorageType::kInt2;
    case type_oid::kInt4:
    case type_oid::kDate:
      return StorageType::kInt4;
    case type_oid::kInt8:
    case type_oid::kOid:  // oid and reg*: unsigned 32-bit values in the int64 slot
    case 24:
    case 2205:
    case 2206:
    case 4089:
    case 4096:
    case type_oid::kTime:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
      return StorageType::kInt8;
    case type_oid::kInterval:
      return StorageType::kInterval;
    case type_oid::kFloat4:
      return StorageType::kFloat4;
    case type_oid::kFloat8:
      return StorageType::kFloat8;
    case type_oid::kNumeric:
      return StorageType::kNumeric;
    case type_oid::kText:
    case type_oid::kVarchar:
    case type_oid::kName:
    case type_oid::kChar:
    case type_oid::kBytea:
    case type_oid::kBpchar:
    case type_oid::kUuid:
    case 869:  // inet, cidr, macaddr, macaddr8: their payload bytes (network_types.h)
    case 650:
    case 829:
    case 774:
    case 1560:  // bit, varbit: one '0'/'1' byte per bit (bit_string.h)
    case 1562:
    case type_oid::kJson:
    case type_oid::kJsonb:
    case type_oid::kJsonpath:  // its canonical text (json/jsonpath.h)
    case 600:  // the geometric types: their payload's doubles (geo_types.h)
    case 601:
    case 602:
    case 603:
    case 604:
    case 628:
    case 718:
      return StorageType::kBytes;
    default:
      // The range and multirange types (types/range_value.h).
      if (IsRangeType(type) || IsMultirangeType(type)) return StorageType::kRange;
      if (IsArrayType(type) && IsSupportedType(type)) return StorageType::kArray;
      if (IsCompositeType(type)) return StorageType::kArray;  // the record's text form
      if (IsEnumType(type)) return StorageType::kBytes;  // the label
      if (IsDomainType(type)) return StorageTypeOf(DomainBaseType(type).oid);
      if (IsUserBaseType(type)) return StorageTypeOf(RuntimeTypeOf(type));
      return std::nullopt;
  }
}

StorageType RequireStorageType(Oid type) {
  std::optional<StorageType> storage = StorageTypeOf(type);
  if (!storage) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "type with OID " + std::to_string(type) + " cannot be stored yet");
  }
  return *storage;
}

}  // namespace strata::sql
