// The names of PostgreSQL 15's built-in functions (pg_proc.proname in
// pg_catalog), so that a call of a name PostgreSQL does not have either is
// its 42883 "function f(integer) does not exist", while a built-in we have
// not implemented stays 0A000. Generated from a real PostgreSQL 15:
//
//   $P -At -c "select format('STRATA_PG_FUNCTION_NAME(\"%s\")', proname)
//              from (select distinct proname from pg_proc
//                    where pronamespace = 'pg_catalog'::regnamespace) p
//              order by proname collate \"C\"" >> pg_function_names.inc
//
// (after the two comment lines at the top of the file).
#pragma once

#include <string_view>

namespace strata::sql {

bool IsPgBuiltinFunctionName(std::string_view name);

}  // namespace strata::sql
