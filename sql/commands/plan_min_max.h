// Min/max by index (PostgreSQL's planagg.c): an ungrouped SELECT over one
// table whose aggregates are all min(col) or max(col) reads, for each, the
// first non-null entry of an index on col -- forward for min, backward for
// max -- instead of every row. WHERE applies to each of those scans. The
// cost model decides: the index scans' cost up to their first row against
// the plain aggregate's; without a suitable index nothing changes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/binder/grouping.h"
#include "sql/commands/index_paths.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

struct MinMaxInput {
  const CommandContext* ctx = nullptr;
  Binder* binder = nullptr;
  const TableCodec* codec = nullptr;
  // The table's access-path request as the query made it: its WHERE,
  // parameters and how WHERE names the table.
  const AccessPathRequest* request = nullptr;
  const GroupingState* grouping = nullptr;
  const ast::Expr* parsed_where = nullptr;  // may be null
  const BoundExpr* where = nullptr;         // WHERE bound over the table's row
  std::string alias;                        // the table's alias in FROM ("" if none)
  const SeqScan* seq_scan = nullptr;        // the table's scan (its name, columns read)
  double aggregate_cost = 0;                // the plain plan: the scan and the aggregate
};

// The plan and what its nodes point to (LIFETIME: keep until it has run).
struct MinMaxPlan {
  PlanNodePtr plan;  // a MinMaxResult, or null: the plain aggregate it is
  std::vector<std::unique_ptr<ast::Expr>> parsed;  // the `col IS NOT NULL` conditions
  std::vector<BoundExprPtr> bound;
};

// REQUIRES: the query is ungrouped (no GROUP BY, grouping sets, window
// calls, DISTINCT ON or locking clause) over the one table `codec` (no
// inheritance, no joins), and WHERE has no subqueries or volatile calls.
// (DISTINCT, ORDER BY and set-returning calls work over its one row.)
MinMaxPlan PlanMinMaxAggregates(const MinMaxInput& in);

}  // namespace strata::sql
