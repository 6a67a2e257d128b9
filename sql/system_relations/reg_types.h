// The OID types: oid and the reg* aliases (regproc, regclass, regtype,
// regnamespace, regrole). Values hold the OID as an int64_t payload in
// [0, 2^32). Input of a reg* type looks a name up in the statement's catalog
// with PostgreSQL's errors (42P01 `relation "x" does not exist`, 42704 for
// types and roles, 3F000 for schemas); a string of digits is taken as the
// OID itself. Output prints the name (schema-qualified when the object is
// not visible in the search path), "-" for OID 0, and the number for an
// OID that names nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/types/value.h"

namespace strata::sql {

namespace type_oid {
inline constexpr Oid kRegproc = 24;
inline constexpr Oid kXid = 28;
inline constexpr Oid kRegclass = 2205;
inline constexpr Oid kRegtype = 2206;
inline constexpr Oid kRegnamespace = 4089;
inline constexpr Oid kRegrole = 4096;
inline constexpr Oid kPgNodeTree = 194;
}  // namespace type_oid

// oid, regproc, regclass, regtype, regnamespace, regrole.
bool IsOidType(Oid type);
bool IsRegType(Oid type);

// oidin: decimal digits, optionally signed; -1 .. INT_MIN wrap to 2^32 - n
// as in PostgreSQL (strtoul). 22P02 / 22003 with PostgreSQL's messages.
int64_t ParseOid(std::string_view text);

// Text input/output of the OID types (see above).
Value InputOidValue(Oid type, std::string_view text);
std::string OutputOidValue(const Value& value);

// The type OID a type name ('integer', 'varchar(10)', 'int4[]',
// 'pg_catalog.text') names, PostgreSQL's parseTypeString; 42704 if none.
Oid ParseTypeName(std::string_view text);

// regclass output of relation `oid` in `catalog` (see above), also what
// PostgreSQL prints for relation names in messages such as \d's title.
std::string RegclassName(Oid oid);

}  // namespace strata::sql
