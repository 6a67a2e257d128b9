// The generated table of PostgreSQL 15's built-in function names
// (pg_function_names.h), searched by binary search (it is sorted bytewise).
#include "sql/expr/pg_function_names.h"

#include <algorithm>
#include <iterator>

namespace strata::sql {

namespace {

constexpr std::string_view kNames[] = {
#define STRATA_PG_FUNCTION_NAME(name) name,
#include "sql/expr/pg_function_names.inc"
#undef STRATA_PG_FUNCTION_NAME
};

}  // namespace

bool IsPgBuiltinFunctionName(std::string_view name) {
  return std::binary_search(std::begin(kNames), std::end(kNames), name);
}

}  // namespace strata::sql
