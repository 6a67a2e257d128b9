// The built-in PostgreSQL 15 types StrataDB knows, with PostgreSQL's own OIDs
// (pg_type.oid) and sizes, so drivers that hard-code OIDs (int4 = 23, ...) work.
// OIDs are a wire-compatibility fact: never change them.
#pragma once

#include <cstdint>
#include <string_view>

namespace strata::catalog {

using Oid = uint32_t;

enum class TypeOid : Oid {
  kBool = 16,
  kBytea = 17,
  kChar = 18,
  kName = 19,
  kInt8 = 20,
  kInt2 = 21,
  kInt4 = 23,
  kText = 25,
  kOid = 26,
  kJson = 114,
  kFloat4 = 700,
  kFloat8 = 701,
  kUnknown = 705,
  kBpchar = 1042,
  kVarchar = 1043,
  kDate = 1082,
  kTime = 1083,
  kTimestamp = 1114,
  kTimestamptz = 1184,
  kInterval = 1186,
  kNumeric = 1700,
  kUuid = 2950,
  kJsonb = 3802,
};

struct BuiltinType {
  TypeOid oid;
  std::string_view name;  // pg_type.typname
  int16_t length;         // pg_type.typlen: bytes, or -1 for variable length, -2 for C strings
};

// Returns nullptr for an OID that is not a built-in type we know.
const BuiltinType* FindBuiltinType(Oid oid);
// Looks a type up by typname ("int4"); nullptr if unknown.
const BuiltinType* FindBuiltinTypeByName(std::string_view name);

}  // namespace strata::catalog
