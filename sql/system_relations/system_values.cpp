// pg_type facts of the built-in types (see system_values.h), derived from
// typlen and category as PostgreSQL 15's pg_type has them.
#include "sql/system_relations/system_values.h"

namespace strata::sql::sysrel {

int16_t TypeLen(Oid type) {
  const PgTypeInfo* t = FindPgType(type);
  return t != nullptr ? t->typlen : -1;
}

bool TypeByVal(Oid type) {
  const int16_t len = TypeLen(type);
  // Fixed-length types of up to 8 bytes are passed by value (64-bit builds),
  // except macaddr8, whose 8 bytes are a struct.
  return (len == 1 || len == 2 || len == 4 || len == 8) && type != 774;
}

char TypeAlign(Oid type) {
  const PgTypeInfo* t = FindPgType(type);
  if (t == nullptr) return 'i';
  switch (t->typlen) {
    case -2: case 1: case 64: return 'c';
    case 2: case 6: return type == 27 ? 's' : 'i';  // tid: short-aligned
    case 4: return 'i';
    case 8: return type == 774 ? 'i' : 'd';  // macaddr8
    case 12: return type == 1033 ? 'i' : 'd';  // aclitem: int-aligned
    case 16: return type == type_oid::kUuid ? 'c' : 'd';
    case -1:
      if (t->category == type_category::kArray && t->typelem != 0) {
        return TypeAlign(t->typelem) == 'd' ? 'd' : 'i';
      }
      switch (type) {
        case 602: case 604: case 2249: case 2277: case 2970: case 5038: case 3831:
        case 4537: case 5077: case 5078: case 5080: case 4538: case 3908: case 3910:
        case 3926: case 4533: case 4534: case 4536:
          return 'd';  // path, polygon, record, anyarray, snapshots, ranges over 8-byte types
        default:
          return 'i';
      }
    default: return 'i';
  }
}

char TypeStorage(Oid type) {
  if (TypeLen(type) != -1) return 'p';
  switch (type) {
    case 1700: case 650: case 869: return 'm';  // numeric, cidr, inet
    case 22: case 30: case 3615: case 3642: return 'p';
    default: return 'x';
  }
}

Oid TypeCollation(Oid type) {
  switch (type) {
    case type_oid::kText: case type_oid::kVarchar: case type_oid::kBpchar:
    case 1009: case 1014: case 1015: case kNodeTree:
    case 3361: case 3402: case 4600: case 4601: case 5017:
      return 100;  // default
    case type_oid::kName: case 1003:
      return 950;  // C
    default:
      return 0;
  }
}

}  // namespace strata::sql::sysrel
