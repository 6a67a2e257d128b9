// EXPLAIN [ ( option [, ...] ) ] statement (PostgreSQL's ExplainStmt), with
// the options as ExplainQuery() reads them.
#pragma once

#include <memory>

#include "sql/ast/statement.h"

namespace strata::sql::ast {

struct ExplainStatement : Statement {
  ExplainStatement() : Statement(StatementKind::kExplain) {}

  std::unique_ptr<Statement> query;  // SELECT, INSERT, UPDATE, DELETE, VALUES, ...
  bool analyze = false;
  bool verbose = false;
  bool costs = true;
  bool timing = true;
  bool timing_set = false;
  bool summary = false;
  bool summary_set = false;
  bool buffers = false;
};

}  // namespace strata::sql::ast
