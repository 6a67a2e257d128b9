// SqlState: every SQLSTATE PostgreSQL 15 defines, from the one table in
// sqlstate_table.inc (generated from PostgreSQL's errcodes.txt).
#pragma once

#include <string_view>

namespace strata {

enum class SqlState : unsigned short {
#define STRATA_SQLSTATE(name, code, condition) name,
#include "common/sqlstate_table.inc"
#undef STRATA_SQLSTATE
};

// The five-character code, e.g. "22012".
std::string_view SqlStateCode(SqlState state);
// The condition name, e.g. "division_by_zero".
std::string_view SqlStateName(SqlState state);

}  // namespace strata
