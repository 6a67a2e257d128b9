// Bound statements: what the binder hands to the executor. Today that is a
// SELECT without FROM (one row of expressions plus an optional WHERE) or a
// VALUES list (several rows); both are a constant "Result" in PostgreSQL's
// plan vocabulary.
#pragma once

#include <string>
#include <vector>

#include "sql/expr/bound_expr.h"
#include "sql/types/data_type.h"

namespace strata::sql {

struct OutputColumn {
  std::string name;
  DataType type;
};

struct BoundSelect {
  std::vector<OutputColumn> columns;
  // Expressions per output row: exactly one row for SELECT, one per VALUES
  // row. Every row has columns.size() expressions of the columns' types.
  std::vector<std::vector<BoundExprPtr>> rows;
  BoundExprPtr where;  // boolean; null if there is no WHERE
};

}  // namespace strata::sql
