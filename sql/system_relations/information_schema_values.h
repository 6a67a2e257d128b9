// Values of information_schema's domains, shared by its relation files.
//
// PostgreSQL types information_schema's columns with the schema's domains
// (sql_identifier, character_data, yes_or_no, cardinal_number); we declare
// them with the domains' base types (name, varchar, varchar(3), int4), which
// print the same. RowDescription's type OIDs therefore differ from
// PostgreSQL's.
#pragma once

#include <string>
#include <vector>

#include "sql/commands/command_context.h"
#include "sql/system_relations/system_values.h"

namespace strata::sql::infoschema {

using namespace sysrel;

inline constexpr Oid kId = kName;                  // sql_identifier
inline constexpr Oid kData = type_oid::kVarchar;   // character_data
inline constexpr Oid kYesNo = type_oid::kVarchar;  // yes_or_no (varchar(3))
inline constexpr int32_t kYesNoTypmod = 3 + 4;
inline constexpr Oid kCardinal = kInt4;  // cardinal_number

inline Value IdV(const std::string& s) { return NameV(s); }
inline Value DataV(const std::string& s) { return Value::String(type_oid::kVarchar, s); }
inline Value YesNoV(bool b) { return Value::String(type_oid::kVarchar, b ? "YES" : "NO"); }
inline Value CardV(int64_t v) { return Int4V(v); }
inline Value NoId() { return NullV(kId); }
inline Value NoData() { return NullV(kData); }
inline Value NoCard() { return NullV(kCardinal); }

// The name of schema `ns` (its OID as text if it is gone).
inline std::string SchemaName(const CommandContext& ctx, Oid ns) {
  const catalog::NamespaceDesc* d = ctx.catalog->FindNamespace(ns);
  return d != nullptr ? d->name : std::to_string(ns);
}

inline bool IsTempSchemaName(const std::string& schema) {
  return schema.rfind("pg_temp_", 0) == 0;
}

// information_schema.column_privileges and role_column_grants
// (information_schema_privileges.cpp).
std::vector<std::vector<Value>> ColumnPrivilegesRows(const CommandContext& ctx);
std::vector<std::vector<Value>> RoleColumnGrantsRows(const CommandContext& ctx);

}  // namespace strata::sql::infoschema
