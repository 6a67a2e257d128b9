// Set-returning functions whose rows have several columns (PostgreSQL's
// functions with OUT parameters returning SETOF record, e.g.
// pg_options_to_table(text[]) -> (option_name text, option_value text)).
// Their SqlFunction entries (in SetReturningSqlFunctions()) produce each row
// as one text[] value holding the columns in order (all their columns are
// text); a FunctionScan spreads it over the columns these names declare. A
// function with one OUT column (pg_partition_ancestors -> relid regclass)
// produces its values as they are: only its column's name differs from the
// function's.
#pragma once

#include <span>
#include <string_view>

#include "sql/expr/sql_function.h"

namespace strata::sql {

// The OUT column names of `function`, or empty for a one-column function.
std::span<const std::string_view> RecordSetFunctionColumns(const SqlFunction* function);

}  // namespace strata::sql
