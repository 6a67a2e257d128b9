// pg_type lookups over the generated table in pg_type_data.inc.
#include "sql/builtin/type_table.h"

#include <algorithm>
#include <array>
#include <string>

#include "sql/types/range_value.h"
#include "sql/types/composite_type.h"
#include "sql/types/typmod.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

constexpr PgTypeInfo kPgTypes[] = {
#define STRATA_PG_TYPE(oid, typname, display, category, preferred, typlen, typelem, typarray) \
  {oid, typname, display, category, preferred, typlen, typelem, typarray},
#include "sql/builtin/pg_type_data.inc"
#undef STRATA_PG_TYPE
};

// The generated table is ordered by OID, so lookups can binary-search.
constexpr bool IsSortedByOid() {
  for (size_t i = 1; i < std::size(kPgTypes); ++i) {
    if (kPgTypes[i - 1].oid >= kPgTypes[i].oid) return false;
  }
  return true;
}
static_assert(IsSortedByOid(), "pg_type_data.inc must be ordered by oid");

}  // namespace

const PgTypeInfo* FindPgType(Oid oid) {
  auto it = std::lower_bound(std::begin(kPgTypes), std::end(kPgTypes), oid,
                             [](const PgTypeInfo& t, Oid o) { return t.oid < o; });
  if (it == std::end(kPgTypes) || it->oid != oid) return FindUserPgType(oid);
  return &*it;
}

const PgTypeInfo* FindPgTypeByName(std::string_view typname) {
  for (const auto& t : kPgTypes) {
    if (t.typname == typname) return &t;
  }
  return nullptr;
}

char TypeCategory(Oid oid) {
  const PgTypeInfo* t = FindPgType(oid);
  return t ? t->category : type_category::kInvalid;
}

bool IsPreferredType(char category, Oid oid) {
  const PgTypeInfo* t = FindPgType(oid);
  if (t == nullptr) return false;
  return (category == type_category::kInvalid || t->category == category) && t->preferred;
}

bool IsPolymorphicType(Oid oid) {
  switch (oid) {
    case type_oid::kAnyElement:
    case type_oid::kAnyArray:
    case type_oid::kAnyNonArray:
    case type_oid::kAnyEnum:
    case type_oid::kAnyRange:
    case type_oid::kAnyMultirange:
    case type_oid::kAnyCompatible:
    case type_oid::kAnyCompatibleArray:
    case type_oid::kAnyCompatibleNonArray:
    case type_oid::kAnyCompatibleRange:
    case type_oid::kAnyCompatibleMultirange:
      return true;
    default:
      return false;
  }
}

bool IsArrayType(Oid oid) {
  const PgTypeInfo* t = FindPgType(oid);
  return t != nullptr && t->typelem != 0 && t->typlen == -1;
}

bool IsSupportedType(Oid oid) {
  switch (oid) {
    case type_oid::kBool:
    case type_oid::kInt2:
    case type_oid::kInt4:
    case type_oid::kInt8:
    case type_oid::kNumeric:
    case type_oid::kFloat4:
    case type_oid::kFloat8:
    case type_oid::kText:
    case type_oid::kVarchar:
    case type_oid::kName:
    case type_oid::kChar:
    case type_oid::kUnknown:
    case type_oid::kBpchar:
    case type_oid::kBytea:
    case type_oid::kUuid:
    case 869:  // inet, cidr, macaddr, macaddr8: sql/types/network_types.h
    case 650:
    case 829:
    case 774:
    case 1560:  // bit, varbit: sql/types/bit_string.h
    case 1562:
    case type_oid::kJson:
    case type_oid::kJsonb:
    case type_oid::kJsonpath:
    case type_oid::kDate:
    case type_oid::kTime:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
    case type_oid::kInterval:
    case type_oid::kOid:
    case 24:    // regproc
    case 2205:  // regclass
    case 2206:  // regtype
    case 4089:  // regnamespace
    case 4096:  // regrole
    case 22:    // int2vector (pg_index.indkey): an int2 array with lower bound 0
    case 600:   // point, lseg, path, box, polygon, line, circle: sql/types/geo_types.h
    case 601:
    case 602:
    case 603:
    case 604:
    case 628:
    case 718:
      return true;
    case 1020:  // box[]: its elements are separated by ';' (typdelim), not yet done
      return false;
    case 2287:  // record[] (typcategory 'P'): arrays of anonymous records
      return true;
    default: {
      // The built-in range types and their multiranges.
      if (IsRangeType(oid) || IsMultirangeType(oid)) return true;
      if (IsEnumType(oid)) return true;
      if (IsDomainType(oid)) return IsSupportedType(DomainBaseType(oid).oid);
      if (IsUserBaseType(oid)) return IsSupportedType(RuntimeTypeOf(oid));
      if (IsCompositeType(oid)) return true;
      // One-dimensional arrays of the supported element types.
      const PgTypeInfo* t = FindPgType(oid);
      return t != nullptr && t->category == type_category::kArray && t->typlen == -1 &&
             t->typarray == 0 &&
             t->typelem != type_oid::kUnknown && t->typelem != 0 &&
             !IsArrayType(t->typelem) && IsSupportedType(t->typelem);
    }
  }
}

std::string FormatTypeName(Oid oid) {
  const PgTypeInfo* t = FindPgType(oid);
  if (t == nullptr) return "???";
  return std::string(t->display_name);
}

std::string FormatType(DataType type) {
  std::string name = FormatTypeName(type.oid);
  if (type.typmod < 0) return name;
  switch (type.oid) {
    case type_oid::kNumeric:
      if (IsValidNumericTypmod(type.typmod)) {
        return name + "(" + std::to_string(NumericTypmodPrecision(type.typmod)) + "," +
               std::to_string(NumericTypmodScale(type.typmod)) + ")";
      }
      return name;
    case type_oid::kVarchar:
    case type_oid::kBpchar:
      return name + "(" + std::to_string(type.typmod - kVarHdrSize) + ")";
    case 1560:  // bit(n), bit varying(n): the typmod is n
    case 1562:
      return name + "(" + std::to_string(type.typmod) + ")";
    case type_oid::kTime:
    case type_oid::kTimeTz:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz: {
      // "timestamp(3) with time zone": the precision follows the first word.
      const size_t space = name.find(' ');
      return name.substr(0, space) + "(" + std::to_string(type.typmod) + ")" +
             (space == std::string::npos ? "" : name.substr(space));
    }
    default:
      return name;
  }
}

}  // namespace strata::sql
