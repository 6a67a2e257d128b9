// json[b]_populate_record and json[b]_populate_recordset (json_populate.cpp):
// composite values of a named composite type filled from JSON objects.
#pragma once

#include <span>
#include <string_view>

#include "sql/expr/sql_function.h"

namespace strata::sql {

std::span<const SqlFunction> JsonPopulateSqlFunctions();

// json_to_record, jsonb_to_record, json_to_recordset or jsonb_to_recordset
// (by `name`) as called with a column definition list: arguments (doc,
// int4 typmod of the list's record type); nullptr for other names.
const SqlFunction* FindJsonToRecordFunction(std::string_view name);

}  // namespace strata::sql
