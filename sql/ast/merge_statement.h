// Parsed MERGE (PostgreSQL 15): MERGE INTO target [AS alias] USING source
// ON condition WHEN [NOT] MATCHED [AND condition] THEN action ...
// Produced by sql/parser/transform_merge.cpp, run by
// sql/commands/execute_merge.cpp. PostgreSQL 15's grammar has no RETURNING
// for MERGE and allows only the actions below (the rest are syntax errors
// raised by the parser).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/ast/table_statements.h"

namespace strata::sql::ast {

// One WHEN clause. Clauses are tried in the order written; the first whose
// condition holds acts on the row.
struct MergeWhenClause {
  enum class Action { kUpdate, kDelete, kInsert, kNothing };
  bool matched = true;  // WHEN MATCHED (true) / WHEN NOT MATCHED (false)
  Action action = Action::kNothing;
  ExprPtr condition;  // AND condition; null: unconditional
  // kUpdate: SET col = expr (null expr = DEFAULT).
  std::vector<std::pair<TargetColumn, ExprPtr>> set;
  // kInsert: (columns) -- empty: all columns in order -- and the one
  // VALUES row (null item = DEFAULT); no values: DEFAULT VALUES.
  std::vector<TargetColumn> columns;
  std::vector<ExprPtr> values;
  bool default_values = false;
  char overriding = 0;  // OVERRIDING SYSTEM ('s') / USER ('u') VALUE
  int location = -1;    // of the condition, or -1
};

struct MergeStatement : Statement {
  MergeStatement() : Statement(StatementKind::kMerge) {}
  std::shared_ptr<const WithClause> with;  // leading WITH (null: none)
  RangeVar table;     // the target
  // USING: one item (a table, subquery, join, function, VALUES), kept in a
  // vector as PlanFrom takes it.
  std::vector<FromItem> source;
  ExprPtr join_condition;  // ON
  std::vector<MergeWhenClause> when;
};

}  // namespace strata::sql::ast
