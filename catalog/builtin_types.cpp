// Table of built-in types (see builtin_types.h). Sizes are pg_type.typlen.
#include "catalog/builtin_types.h"

namespace strata::catalog {

namespace {
constexpr BuiltinType kBuiltinTypes[] = {
    {TypeOid::kBool, "bool", 1},
    {TypeOid::kBytea, "bytea", -1},
    {TypeOid::kChar, "char", 1},
    {TypeOid::kName, "name", 64},
    {TypeOid::kInt8, "int8", 8},
    {TypeOid::kInt2, "int2", 2},
    {TypeOid::kInt4, "int4", 4},
    {TypeOid::kText, "text", -1},
    {TypeOid::kOid, "oid", 4},
    {TypeOid::kJson, "json", -1},
    {TypeOid::kFloat4, "float4", 4},
    {TypeOid::kFloat8, "float8", 8},
    {TypeOid::kUnknown, "unknown", -2},
    {TypeOid::kBpchar, "bpchar", -1},
    {TypeOid::kVarchar, "varchar", -1},
    {TypeOid::kDate, "date", 4},
    {TypeOid::kTime, "time", 8},
    {TypeOid::kTimestamp, "timestamp", 8},
    {TypeOid::kTimestamptz, "timestamptz", 8},
    {TypeOid::kInterval, "interval", 16},
    {TypeOid::kNumeric, "numeric", -1},
    {TypeOid::kUuid, "uuid", 16},
    {TypeOid::kJsonb, "jsonb", -1},
};
}  // namespace

const BuiltinType* FindBuiltinType(Oid oid) {
  for (const auto& t : kBuiltinTypes) {
    if (static_cast<Oid>(t.oid) == oid) return &t;
  }
  return nullptr;
}

const BuiltinType* FindBuiltinTypeByName(std::string_view name) {
  for (const auto& t : kBuiltinTypes) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace strata::catalog
