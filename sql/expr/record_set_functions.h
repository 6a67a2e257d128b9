// Set-returning functions whose rows have several columns (PostgreSQL's
// functions with OUT parameters returning SETOF record, e.g.
// pg_options_to_table(text[]) -> (option_name text, option_value text)).
// Their SqlFunction entries declare the result type record and produce each
// row as one record Value (sql/types/record_value.h); a call's bound type is
// the record type of the columns RecordSetFunctionFields() gives, so the
// select list can take fields of it ((f(x)).n) and a FunctionScan spreads
// it over those columns. A function with one OUT column
// (pg_partition_ancestors -> relid regclass) produces its values as they
// are: only its column's name differs from the function's.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "sql/expr/sql_function.h"
#include "sql/types/record_type.h"

namespace strata::sql {

// The OUT columns of a function returning rows of type record, for a call
// with argument types `args` (a polymorphic column takes its type from
// them); empty for any other function.
std::vector<RecordField> RecordSetFunctionFields(const SqlFunction* function,
                                                 std::span<const Oid> args);

// The name of the one OUT column of a function whose column is not named
// after it (pg_partition_ancestors: relid), or empty.
std::span<const std::string_view> RecordSetFunctionColumns(const SqlFunction* function);

// The functions of schema information_schema (_pg_expandarray), found only
// by a name qualified with it.
std::span<const SqlFunction> InformationSchemaSqlFunctions();

}  // namespace strata::sql
