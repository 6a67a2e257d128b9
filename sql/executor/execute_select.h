// ExecuteSelect: runs a bound constant SELECT or VALUES (PostgreSQL's Result
// and ValuesScan nodes) and returns its rows as values, plus the column types
// PostgreSQL would describe them with.
#pragma once

#include <vector>

#include "sql/binder/bound_statement.h"
#include "sql/types/data_type.h"
#include "sql/types/value.h"

namespace strata::sql {

using Row = std::vector<Value>;

struct SelectResult {
  // The columns' types. A SELECT (or one-row VALUES) is folded to constants
  // by PostgreSQL's planner before RowDescription is built, so a CASE or
  // COALESCE column reports the typmod of the arm it reached.
  std::vector<DataType> column_types;
  std::vector<Row> rows;
};

// Evaluates every row. For a SELECT the select list is evaluated before the
// WHERE clause and even when the WHERE clause is false, because PostgreSQL
// folds these constant expressions while planning (so `SELECT 1/0 WHERE
// false` fails there too); with parameter values, as for a custom plan.
// Throws SqlError from evaluation.
// `params` (may be null) holds the values of $1, $2, ...
SelectResult ExecuteSelect(const BoundSelect& select, const std::vector<Value>* params = nullptr);

}  // namespace strata::sql
