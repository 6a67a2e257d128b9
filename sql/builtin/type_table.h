// The pg_type rows the SQL layer knows (every non-composite type in
// pg_catalog of PostgreSQL 15, generated into pg_type_data.inc): category,
// preferred flag and display name drive operator resolution, implicit
// coercion and error messages exactly as PostgreSQL's do. Only some of these
// types have values the executor can compute with; see IsSupportedType().
//
// Thread safety: all functions read immutable static tables.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/types/data_type.h"

namespace strata::sql {

// pg_type.typcategory codes (PostgreSQL's TYPCATEGORY_*).
namespace type_category {
inline constexpr char kInvalid = '\0';
inline constexpr char kArray = 'A';
inline constexpr char kBoolean = 'B';
inline constexpr char kNumeric = 'N';
inline constexpr char kPseudo = 'P';
inline constexpr char kString = 'S';
inline constexpr char kUnknown = 'X';
}  // namespace type_category

struct PgTypeInfo {
  Oid oid;
  std::string_view typname;       // pg_type.typname ("int4")
  std::string_view display_name;  // format_type() without typmod ("integer")
  char category;                  // pg_type.typcategory
  bool preferred;                 // pg_type.typispreferred
  int16_t typlen;
  Oid typelem;
  Oid typarray;
};

// nullptr if the OID is not in the table.
const PgTypeInfo* FindPgType(Oid oid);
// Looks up an unqualified pg_catalog type by typname; nullptr if unknown.
const PgTypeInfo* FindPgTypeByName(std::string_view typname);

// TypeCategory(): PostgreSQL's TypeCategory(); kInvalid for unknown OIDs.
char TypeCategory(Oid oid);
// IsPreferredType(): true if `oid` is the preferred type of `category`
// (PostgreSQL's IsPreferredType; category kInvalid matches any category).
bool IsPreferredType(char category, Oid oid);
// The polymorphic pseudo-types (anyelement, anyarray, anycompatible, ...).
bool IsPolymorphicType(Oid oid);
// True for array types (typelem set and variable length), as type_is_array().
bool IsArrayType(Oid oid);

// True for the types whose values the executor implements (bool, int2, int4,
// int8, numeric, float4, float8, text, varchar, bpchar, bytea, uuid, json,
// jsonb, unknown) and one-dimensional arrays of them.
bool IsSupportedType(Oid oid);

// format_type_be(): "integer", "character varying"; typmod is ignored.
std::string FormatTypeName(Oid oid);
// format_type_with_typemod(): "numeric(5,2)", "character varying(3)".
std::string FormatType(DataType type);

}  // namespace strata::sql
