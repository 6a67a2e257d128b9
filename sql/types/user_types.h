// User-defined types (CREATE TYPE ... AS ENUM, CREATE DOMAIN) as code that holds only a
// type OID sees them: the binder's type names, pg_type lookups
// (FindPgType), value I/O, comparison and key encoding. They come from the
// running statement's catalog (statement_catalog.h), so a type created
// earlier in the same transaction block is visible and a dropped one is
// not. User type OIDs are never reused (catalog.h), so an OID always names
// the same type.
//
// Enum values are held as their label (a string payload, stored as its
// bytes in rows); they order by the label's pg_enum.enumsortorder.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "catalog/catalog_objects.h"
#include "sql/types/data_type.h"
#include "sql/types/value.h"

namespace strata::sql {

struct PgTypeInfo;  // sql/builtin/type_table.h

// The type `oid` (not its array type) in the statement's catalog; null if
// none (or outside a statement).
std::shared_ptr<const catalog::TypeDesc> FindUserType(Oid oid);
// The type whose array type is `array_oid`; null if none.
std::shared_ptr<const catalog::TypeDesc> FindUserTypeOfArray(Oid array_oid);

// True for the OID of an enum type.
bool IsEnumType(Oid oid);

// Domains (CREATE DOMAIN). A domain's values are its base type's: they carry
// the base type's OID at run time, while the binder types expressions with
// the domain (pg_typeof, RowDescription). Coercion to a domain checks its
// constraints (CheckDomainValue); everything else sees the base type.
bool IsDomainType(Oid oid);
// The base type of domain `oid` with its typmod (through domains over
// domains, the innermost non-domain type); {oid, -1} for other types.
DataType DomainBaseType(Oid oid);
// `oid`, or its base type if it is a domain.
inline Oid BaseTypeOf(Oid oid) {
  return oid >= catalog::kFirstNormalObjectId ? DomainBaseType(oid).oid : oid;
}
// Shell types (CREATE TYPE name;, typtype 'p' until defined) and base types
// (CREATE TYPE name (INPUT = ..., OUTPUT = ...), typtype 'b'). A base
// type's values are those of the built-in type whose I/O functions it was
// made with (TypeDesc::storage_type): like a domain's, they carry that
// type's OID at run time, so I/O, comparison and storage are its; the
// binder keeps the base type distinct (no implicit conversions but the
// casts CREATE CAST makes).
bool IsShellType(Oid oid);
bool IsUserBaseType(Oid oid);
// The type values of `oid` carry at run time: a domain's base type, a base
// type's storage type (through domains over them); `oid` otherwise.
Oid UserRuntimeType(Oid oid);
inline Oid RuntimeTypeOf(Oid oid) {
  return oid >= catalog::kFirstNormalObjectId ? UserRuntimeType(oid) : oid;
}
// The user-defined cast (CREATE CAST) from `source` to `target` in the
// statement's catalog, if any.
std::optional<catalog::CastDesc> FindUserCast(Oid source, Oid target);

// domain_check(): 23502 `domain d does not allow null values` for a NULL
// under NOT NULL, 23514 `value for domain d violates check constraint "c"`
// for a CHECK that is false (sql/commands/domain_checks.cpp).
void CheckDomainValue(Oid domain, const Value& value);

// pg_type's row for a user type or its array type (typcategory 'E' / 'A'),
// interned for the life of the process; nullptr if none.
const PgTypeInfo* FindUserPgType(Oid oid);

// The label `label` of enum `type`, or nullptr.
const catalog::EnumLabel* FindEnumLabel(const catalog::TypeDesc& type, std::string_view label);

// enum_in(): the label checked against enum `type`; 22P02 `invalid input
// value for enum rainbow: "x"` if it has no such label.
void CheckEnumLabel(Oid type, std::string_view label);

// check_safe_enum_use(): 55P04 if `label` was added to enum `type` by the
// running transaction block and the type itself is older (PostgreSQL makes
// such a value usable only after the commit).
void CheckSafeEnumUse(const catalog::TypeDesc& type, std::string_view label);

// enum_cmp(): compares two labels of enum `type` by sort order.
int CompareEnumLabels(Oid type, std::string_view a, std::string_view b);

// The sort order of a label (key encoding), and the label with a sort
// order (key decoding); errors if the enum has none.
float EnumSortOrder(Oid type, std::string_view label);
std::string EnumLabelAt(Oid type, float sort_order);

}  // namespace strata::sql
