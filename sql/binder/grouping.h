// GroupingState: what the binder collects for a grouped SELECT (PostgreSQL's
// parseCheckAggregates / transformAggregateCall): the GROUP BY keys and the
// aggregate calls. A grouped query's expressions above the aggregation are
// bound over the Agg node's output row:
//
//   slot i            (i < keys.size())   the value of GROUP BY key i
//   slot keys + j                          the result of aggregate call j
//
// Binding runs in two passes (execute_table_select.cpp): the first, with
// `grouped` false, only finds out whether the query has aggregates; the
// second, with `grouped` true, maps column references and GROUP BY
// expressions to key slots and rejects ungrouped columns (42803).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/expr/bound_expr.h"

namespace strata::sql {

enum class AggKind {
  kCountStar,
  kCount,
  kSum,
  kAvg,
  kMin,
  kMax,
  kBoolAnd,
  kBoolOr,
  kStringAgg,   // string_agg(text, text) / (bytea, bytea)
  kArrayAgg,    // array_agg(non-array)
  kJsonAgg,     // json_agg(any)
  kJsonbAgg,    // jsonb_agg(any)
  kVarSamp,     // var_samp, variance
  kVarPop,      // var_pop
  kStddevSamp,  // stddev_samp, stddev
  kStddevPop,   // stddev_pop
  kBitAnd,      // bit_and(int2/int4/int8/bit)
  kBitOr,       // bit_or
  kBitXor,      // bit_xor
  kRangeAgg,           // range_agg(anyrange / anymultirange): the union, a multirange
  kRangeIntersectAgg,  // range_intersect_agg(anyrange / anymultirange)
};

struct AggregateCall {
  AggKind kind = AggKind::kCountStar;
  BoundExprPtr arg;   // over the input row; null for count(*)
  BoundExprPtr arg2;  // string_agg's delimiter; else null
  bool distinct = false;
  DataType type;  // result type
  // FILTER (WHERE ...): rows for which it is not true are skipped. May be null.
  BoundExprPtr filter;
  // f(x ORDER BY ...): the inputs are fed in this order (stable).
  struct OrderKey {
    BoundExprPtr expr;
    bool descending = false;
    bool nulls_first = false;
  };
  std::vector<OrderKey> order;
};

struct GroupingState {
  // GROUP BY expressions as resolved (a position or output name stands for
  // the select-list expression), bound over the input row.
  std::vector<const ast::Expr*> key_asts;
  std::vector<BoundExprPtr> keys;
  std::vector<AggregateCall> aggs;
  // GROUPING SETS / ROLLUP / CUBE: per set, whether key i is grouped in it
  // (keys outside a set are NULL in its rows). Empty: plain GROUP BY.
  std::vector<std::vector<bool>> sets;
  // GROUPING(args) calls: the aggregate slot each one's result replaces
  // (a placeholder count(*)) and the keys of its arguments.
  struct GroupingFunc {
    int slot = 0;
    std::vector<int> keys;
  };
  std::vector<GroupingFunc> grouping_funcs;
  bool grouped = false;     // second pass: bind over the Agg output row
  bool in_agg_arg = false;  // binding an aggregate's argument (input row)
};

// Structural equality of parsed expressions, ignoring locations (how a
// select-list expression is recognised as a GROUP BY expression). Kinds it
// does not know compare unequal. With `slot_of` (may be null), column
// references are equal when they resolve to the same slot (a and t.a), as
// PostgreSQL compares the analyzed expressions; slot_of returns -1 when a
// reference does not resolve.
using ColumnSlotFn = std::function<int(const ast::ColumnRefExpr&)>;
bool SameAstExpr(const ast::Expr& a, const ast::Expr& b, const ColumnSlotFn* slot_of = nullptr);

// Whether `name` is an aggregate function we recognise.
bool IsAggregateName(const std::vector<std::string>& name);

}  // namespace strata::sql
