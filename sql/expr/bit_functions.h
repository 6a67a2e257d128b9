// The operators and functions of bit and bit varying with PostgreSQL 15's
// semantics (varbit.c): comparisons, || (bitcat), & | # ~ << >>, length,
// octet_length, substring, overlay, position, get_bit, set_bit, bit_count.
// The casts live in cast_functions.cpp (bit_string.h does the work).
#pragma once

#include <span>

#include "sql/expr/builtin_function.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

std::span<const BuiltinFunction> BitFunctions();
std::span<const SqlFunction> BitSqlFunctions();

}  // namespace strata::sql
