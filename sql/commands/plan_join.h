// Join node choice (PostgreSQL's join path selection, reduced to one rule):
// a join with a hashable equality condition (executor/hash_join_keys.h) is a
// HashJoin over a Hash of its inner side, anything else a NestLoop. Both
// produce the same rows in the same order, so the choice never changes a
// result. LATERAL joins are LateralLoops and never come here.
//
// WHERE conjuncts over one input of an explicit JOIN (not on the side an
// outer join NULL-extends) filter that input below the join.
//
// Comma-separated FROM items (`FROM a, b WHERE a.x = b.y`) are cross joins
// whose conditions sit in WHERE, split into its AND-ed conjuncts as
// PostgreSQL's planner does: a hashable equality between the items joined so
// far and the next item becomes that join's hash key, a conjunct over one
// item's columns only (and free of volatile calls and subqueries) filters
// that item below the joins, and the rest stays above them. A row passes
// the conjuncts exactly when it passes the WHERE, so results do not change
// (only which conjuncts get evaluated for rows another one rejects).
#pragma once

#include <optional>
#include <vector>

#include "sql/commands/plan_from.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

// The conjuncts of a bound top-level AND (the expression itself when it is
// not an AND), in order -- CollectConjuncts' counterpart after binding.
void CollectBoundConjuncts(const BoundExpr* e, std::vector<const BoundExpr*>* out);

// WHERE's bound conjuncts per parsed conjunct (CollectConjuncts order; a
// BETWEEN binds to two), or empty when the two cannot be matched up.
std::vector<std::vector<const BoundExpr*>> AlignBoundConjuncts(const ast::Expr* parsed_where,
                                                               const BoundExpr* where);

// A HashJoin if `quals` (over rows [slot_base slots, outer, inner]) have a
// hashable equality, else a NestLoop; see NestLoop for the arguments.
PlanNodePtr MakeJoinNode(PlanNodePtr outer, PlanNodePtr inner, JoinType type,
                         std::vector<const BoundExpr*> quals, size_t outer_width,
                         size_t inner_width, std::vector<const BoundExpr*> extra,
                         size_t slot_base, const std::vector<Value>* params);

// Joins the FROM items PlanFrom left in `from->pending` (left to right, as
// cross joins) into from->plan, taking hash keys and per-item filters from
// `where` (may be null). Returns the WHERE conjuncts still to apply above
// the joins, or nullopt when nothing was pending (then WHERE applies as is).
// With `ctx`, two plain tables joined without any condition are joined with
// the one PostgreSQL's costs put outside (the one with more estimated rows;
// the smaller is materialized inside), which decides the rows' order.
// LIFETIME: `where` outlives the plan.
// With `may_reorder`, when every item is a plain table and another
// left-deep order of them is cheaper (searched exhaustively up to 8 tables,
// greedily beyond), from->join_order is set to that order's layout instead:
// the caller plans the statement again with it.
// With `binder` and `parsed_where` (WHERE as parsed) too, plain tables are
// read by the access path the cost model prefers for their conjuncts, and
// each join step is a hash join or a nested loop looking the inner table's
// rows up through an index, whichever PostgreSQL's costs make cheaper.
std::optional<std::vector<const BoundExpr*>> JoinPendingFromItems(
    FromPlan* from, const BoundExpr* where, const std::vector<Value>* params,
    const CommandContext* ctx = nullptr, Binder* binder = nullptr,
    const ast::Expr* parsed_where = nullptr, bool may_reorder = false);

}  // namespace strata::sql
