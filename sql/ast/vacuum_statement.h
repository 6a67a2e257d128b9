// VACUUM and ANALYZE (both PostgreSQL's VacuumStmt): the options and the
// tables, each with an optional column list.
#pragma once

#include <string>
#include <vector>

#include "sql/ast/statement.h"

namespace strata::sql::ast {

struct VacuumStatement : Statement {
  VacuumStatement() : Statement(StatementKind::kVacuum) {}

  struct Target {
    RangeVar table;
    std::vector<std::string> columns;  // ANALYZE t (a, b); empty: all columns
  };

  bool is_vacuum = true;  // false: ANALYZE
  bool full = false;
  bool freeze = false;
  bool verbose = false;
  bool analyze = false;  // VACUUM ... ANALYZE, or the ANALYZE statement
  bool skip_locked = false;
  std::vector<Target> targets;  // empty: every table of the database
};

}  // namespace strata::sql::ast
