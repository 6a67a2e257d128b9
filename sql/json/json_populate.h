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
// int4 typmod of the list's record type); and json[b]_populate_record[set]
// so called: (base record, doc, int4 typmod). nullptr for other names.
const SqlFunction* FindJsonToRecordFunction(std::string_view name);

// Whether `impl` is json[b]_populate_record[set] called by name (whose
// record result needs a column definition list in FROM).
bool IsJsonPopulateFunction(const BuiltinFunction* impl);

}  // namespace strata::sql
