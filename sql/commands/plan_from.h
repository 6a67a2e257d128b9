// The FROM clause of a SELECT as a plan: tables become SeqScans, joins and
// comma-separated items NestLoops, and the BindScope through which the rest
// of the statement names their columns (PostgreSQL's transformFromClause).
//
// Row layout: a table contributes all its columns (dropped ones included,
// slot = attnum - 1) at the offset where it appears; a join's row is
// [left row, right row, merged USING columns].
#pragma once

#include <memory>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/binder/binder.h"
#include "sql/commands/command_context.h"
#include "sql/executor/node_lateral_loop.h"
#include "sql/executor/plan_node.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

struct FromPlan {
  PlanNodePtr plan;
  BindScope scope;
  // The codecs and bound expressions (ON, USING) the plan points into.
  std::vector<std::unique_ptr<TableCodec>> codecs;
  std::vector<BoundExprPtr> exprs;
  size_t width = 0;  // slots in the plan's rows
  // Views' query texts and their parsed statements.
  std::vector<std::unique_ptr<std::string>> texts;
  std::vector<std::unique_ptr<ast::Statement>> parsed;
  // With defer_comma_joins: the FROM items after the first, not joined yet
  // (plan is the first item's, pending_first_width its width); the caller
  // joins them with JoinPendingFromItems (plan_join.h) once WHERE is bound.
  struct PendingItem {
    PlanNodePtr plan;
    LateralLoop::InnerRows lateral;
    size_t width = 0;
  };
  std::vector<PendingItem> pending;
  size_t pending_first_width = 0;
  // The inputs of explicit JOINs (each side of each JOIN ... ON/USING), where
  // a WHERE conjunct over that input's slots [offset, offset + width) may be
  // applied below the join (plan_join.h). `nullable`: the input is on the
  // nullable side of an outer join (itself or an enclosing one), where a
  // filter would turn NULL-extended rows into missing rows: never pushed.
  struct JoinInput {
    const PlanNode* node;
    size_t offset = 0, width = 0;
    bool nullable = false;
  };
  std::vector<JoinInput> join_inputs;
  // With defer_comma_joins: the ON conditions of the inner joins flattened
  // into `pending` (as parsed, and bound over the FROM row); they join the
  // WHERE's conjuncts in JoinPendingFromItems.
  struct JoinCondition {
    const ast::Expr* parsed;
    const BoundExpr* bound;
  };
  std::vector<JoinCondition> join_conditions;
  // Set by JoinPendingFromItems when a join order other than FROM's is
  // cheaper and the statement may be planned again with it: each leaf's
  // offset in that order's row (PlanFrom's leaf_offsets).
  std::vector<size_t> join_order;
};

// Views and subqueries in FROM are derived tables: their query runs first
// (RunQuery, with the statement's transaction and snapshot) and its rows
// feed a MaterializedScan. A view's stored query text is re-parsed and bound
// in a context of its own (error positions refer to that text); the view
// contributes the columns it had when created (its query's `*` may have
// grown since).

// An unqualified name that a CTE in scope (ctx.ctes) has is that CTE's rows.
// An empty `from` (SELECT without FROM) is one row of no columns. Binds ON and USING with `binder` (whose scope it
// changes; set it to the returned scope afterwards).
// `leaf_offsets` (with defer_comma_joins): where each leaf of the flattened
// FROM list (tables, in FROM order) goes in the row, as a join order chose
// (FromPlan::join_order); the scope keeps FROM order, so `*` and names are
// as written, only the slots move.
FromPlan PlanFrom(CommandContext& ctx, Binder& binder, const std::vector<ast::FromItem>& from,
                  bool defer_comma_joins = false,
                  const std::vector<size_t>* leaf_offsets = nullptr);

}  // namespace strata::sql
