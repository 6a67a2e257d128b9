// The pg_operator rows for the operator names the SQL layer resolves
// (+ - * / % || = <> < > <= >=), generated from PostgreSQL 15 into
// pg_operator_data.inc. Operator resolution runs PostgreSQL's algorithm over
// all of them, including operators on types we cannot evaluate yet, so that
// the choice (and every "operator is not unique" error) matches PostgreSQL.
//
// Thread safety: immutable static data.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "sql/types/data_type.h"

namespace strata::sql {

struct PgOperator {
  Oid oid;
  std::string_view name;     // oprname
  char kind;                 // 'b' infix, 'l' prefix
  Oid left;                  // oprleft (0 for prefix operators)
  Oid right;                 // oprright
  Oid result;                // oprresult
  std::string_view proname;  // oprcode's pg_proc.proname
};

// All operators called `name` of `kind`, in pg_operator order.
std::vector<const PgOperator*> FindOperators(std::string_view name, char kind);
// Every operator row (for making the operators' functions callable by name).
std::span<const PgOperator> AllOperators();
// True if the table has any operator called `name`.
bool IsKnownOperatorName(std::string_view name);
// The operator with exactly these input types, or nullptr.
const PgOperator* FindOperatorExact(std::string_view name, char kind, Oid left, Oid right);

}  // namespace strata::sql
