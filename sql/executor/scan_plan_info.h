// ScanPlanInfo: what the planner decided about a table scan that EXPLAIN
// shows (sql/commands/index_paths.h chooses; the scan nodes print it): the
// estimated costs and rows of PostgreSQL's cost model, the WHERE conjuncts
// the index checks (Index Cond / Recheck Cond), and how PostgreSQL would
// name the scan when our node differs from its (a primary-key range read
// of the table tree is PostgreSQL's index scan on the primary key; an
// index read whose table keys are sorted before the rows are fetched is its
// bitmap heap scan).
#pragma once

#include <string>
#include <vector>

#include "sql/expr/bound_expr.h"

namespace strata::sql {

struct ScanPlanInfo {
  bool costed = false;  // the figures below are set
  double startup_cost = 0;
  double total_cost = 0;
  double rows = 0;
  int width = 0;
  // LIFETIME: the conjuncts outlive the node (they are the statement's
  // bound WHERE).
  std::vector<const BoundExpr*> index_conds;
  // A table scan shown as "Index Scan using <index_name>" (primary key).
  std::string index_name;
  // Shown as "Index Only Scan" (every column read is in the index).
  bool index_only = false;
  // The index (or primary key) is read from its last entry to its first
  // ("Index Scan Backward"): ORDER BY is the reverse of the index order.
  bool backward = false;
  // Bitmap heap scan: the Bitmap Index Scan's own figures.
  bool bitmap = false;
  double index_total_cost = 0;
  double index_rows = 0;
};

}  // namespace strata::sql
