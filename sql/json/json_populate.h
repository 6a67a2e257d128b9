// json[b]_populate_record and json[b]_populate_recordset (json_populate.cpp):
// composite values of a named composite type filled from JSON objects.
#pragma once

#include <span>

#include "sql/expr/sql_function.h"

namespace strata::sql {

std::span<const SqlFunction> JsonPopulateSqlFunctions();

}  // namespace strata::sql
