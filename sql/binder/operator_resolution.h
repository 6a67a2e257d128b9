// Operator resolution: PostgreSQL's oper()/func_select_candidate() algorithm
// (see "Type Conversion: Operators" in the PostgreSQL manual), run over the
// built-in pg_operator table. Pure: no expressions, no error positions.
#pragma once

#include <string_view>

#include "sql/builtin/operator_table.h"
#include "sql/types/data_type.h"

namespace strata::sql {

struct OperatorResolution {
  enum class Status { kFound, kNotFound, kAmbiguous };
  Status status = Status::kNotFound;
  const PgOperator* op = nullptr;
};

// Chooses the operator `name` for input types `left` and `right`; `left` is
// type_oid::kInvalid for a prefix operator. Unknown-type inputs (string
// literals, NULL) take part as PostgreSQL's rules say.
OperatorResolution ResolveOperator(std::string_view name, Oid left, Oid right);

}  // namespace strata::sql
