// Helpers for building system relations' rows: one Value per column type,
// and the pg_type facts (typbyval, typalign, typstorage, collation) the
// catalogs report for the built-in types.
#pragma once

#include <string>
#include <vector>

#include "sql/builtin/type_table.h"
#include "sql/system_relations/reg_types.h"
#include "sql/types/array_value.h"
#include "sql/types/value.h"

namespace strata::sql::sysrel {

constexpr Oid kOid = type_oid::kOid;
constexpr Oid kName = type_oid::kName;
constexpr Oid kText = type_oid::kText;
constexpr Oid kBool = type_oid::kBool;
constexpr Oid kChar = type_oid::kChar;
constexpr Oid kInt2 = type_oid::kInt2;
constexpr Oid kInt4 = type_oid::kInt4;
constexpr Oid kInt8 = type_oid::kInt8;
constexpr Oid kFloat4 = type_oid::kFloat4;
constexpr Oid kTimestampTz = type_oid::kTimestampTz;
constexpr Oid kRegproc = type_oid::kRegproc;
constexpr Oid kRegtype = type_oid::kRegtype;
constexpr Oid kXid = type_oid::kXid;
constexpr Oid kNodeTree = type_oid::kPgNodeTree;
constexpr Oid kTextArray = 1009;
constexpr Oid kInt2Array = 1005;
constexpr Oid kOidArray = 1028;
constexpr Oid kAclArray = 1034;
constexpr Oid kInt2Vector = 22;
constexpr Oid kOidVector = 30;
constexpr Oid kAnyArray = 2277;
constexpr Oid kBytea = type_oid::kBytea;

inline Value OidV(Oid v) { return Value::Integer(kOid, v); }
inline Value RegprocV(Oid v) { return Value::Integer(kRegproc, v); }
inline Value NameV(std::string s) { return Value::String(kName, std::move(s)); }
inline Value TextV(std::string s) { return Value::Text(std::move(s)); }
inline Value BoolV(bool b) { return Value::Bool(b); }
// "char" values hold their one byte, '\0' included, as its input function
// makes them (ParseChar): '' and attidentity = '' compare equal.
inline Value CharV(char c) { return Value::String(kChar, std::string(1, c)); }
inline Value Int2V(int64_t v) { return Value::Int2(v); }
inline Value Int4V(int64_t v) { return Value::Int4(v); }
inline Value Int8V(int64_t v) { return Value::Int8(v); }
inline Value Float4V(float v) { return Value::Float4(v); }
inline Value NullV(Oid type) { return Value::Null(type); }
inline Value Int2ArrayV(const std::vector<int16_t>& v) {
  std::vector<Value> elements;
  for (int16_t x : v) elements.push_back(Value::Int2(x));
  return MakeArray(kInt2Array, kInt2, std::move(elements));
}

inline Value TextArrayV(const std::vector<std::string>& v) {
  std::vector<Value> elements;
  for (const std::string& x : v) elements.push_back(Value::Text(x));
  return MakeArray(kTextArray, kText, std::move(elements));
}

// pg_type.typbyval / typalign / typstorage / typcollation of a built-in type.
bool TypeByVal(Oid type);
char TypeAlign(Oid type);
char TypeStorage(Oid type);
Oid TypeCollation(Oid type);
int16_t TypeLen(Oid type);

}  // namespace strata::sql::sysrel
