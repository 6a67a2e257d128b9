// ApplyOutputOrder (see output_order.h).
#include "sql/commands/output_order.h"

#include <string>

#include "sql/commands/limit_clause.h"
#include "sql/executor/node_limit_with_ties.h"
#include "sql/executor/node_materialized_scan.h"
#include "sql/builtin/type_table.h"
#include "sql/types/btree_opclass.h"
#include "sql/types/geo_types.h"

namespace strata::sql {

namespace {

// exprLocation()'s leftmost rule for the expressions ORDER BY errors point
// at (an operator's own location is its symbol).
int LeftmostAstLocation(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::kOperator) {
    const auto& op = static_cast<const ast::OperatorExpr&>(e);
    if (op.left) return LeftmostLocation(e.location, LeftmostAstLocation(*op.left));
  }
  return e.location;
}

// The output column an ORDER BY item names; -1 for an expression over the
// columns (VALUES only).
int ResolveOutputColumn(const Binder& binder, const ast::Expr& e, const QueryRows& q,
                           bool set_operation) {
  if (e.kind == ast::ExprKind::kConstant &&
      static_cast<const ast::ConstantExpr&>(e).const_kind == ast::ConstantExpr::Kind::kInteger) {
    const int32_t pos = static_cast<const ast::ConstantExpr&>(e).ival;
    if (pos < 1 || static_cast<size_t>(pos) > q.names.size()) {
      throw binder.ErrorAt(SqlState::kInvalidColumnReference,
                           "ORDER BY position " + std::to_string(pos) + " is not in select list",
                           e.location);
    }
    return pos - 1;
  }
  if (!set_operation) {
    if (e.kind == ast::ExprKind::kColumnRef) {
      const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
      if (ref.fields.size() == 1) {
        for (size_t i = 0; i < q.names.size(); ++i) {
          if (q.names[i] == ref.fields[0]) return static_cast<int>(i);
        }
      }
    }
    return -1;
  }
  if (e.kind == ast::ExprKind::kColumnRef) {
    const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
    if (ref.fields.size() == 1 && ref.fields[0] != "*") {
      // The output columns are the only names in scope (one relation, so
      // a name given twice is ambiguous).
      int found = -1;
      for (size_t i = 0; i < q.names.size(); ++i) {
        if (q.names[i] != ref.fields[0]) continue;
        if (found >= 0) {
          throw binder.ErrorAt(SqlState::kAmbiguousColumn,
                               "column reference \"" + ref.fields[0] + "\" is ambiguous",
                               ref.location);
        }
        found = static_cast<int>(i);
      }
      if (found < 0) {
        throw binder.ErrorAt(SqlState::kUndefinedColumn,
                             "column \"" + ref.fields[0] + "\" does not exist", ref.location);
      }
      return found;
    }
    if (ref.fields.size() == 2 && ref.fields[1] != "*") {
      throw binder.ErrorAt(SqlState::kUndefinedTable,
                           "missing FROM-clause entry for table \"" + ref.fields[0] + "\"",
                           ref.location);
    }
  }
  throw binder
      .ErrorAt(SqlState::kFeatureNotSupported, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause",
               LeftmostAstLocation(e))
      .WithDetail("Only result column names can be used, not expressions or functions.")
      .WithHint("Add the expression/function to every SELECT, or move the UNION into a FROM "
                "clause.");
}

}  // namespace

void ApplyOutputOrder(CommandContext& ctx, const ast::SelectStatement& stmt, bool set_operation,
                      QueryRows* q) {
  Binder binder = ctx.MakeBinder();
  const size_t width = q->names.size();
  // VALUES: expressions over its columns (the "*VALUES*" relation) are
  // evaluated as extra columns after the output ones.
  BindScope scope;
  ScopeRelation values;
  values.table_name = values.alias = "*VALUES*";
  for (size_t i = 0; i < width; ++i) {
    values.columns.push_back({q->names[i], q->types[i], static_cast<int>(i), false});
  }
  scope.relations.push_back(std::move(values));
  std::vector<BoundExprPtr> junk;
  std::vector<SortKey> keys;
  for (const ast::SortBy& sb : stmt.sort) {
    int column = ResolveOutputColumn(binder, *sb.expr, *q, set_operation);
    Oid type;
    if (column < 0) {
      binder.SetScope(&scope);
      BoundExprPtr bound = binder.ResolveUnknownToText(binder.BindExpr(*sb.expr));
      binder.SetScope(nullptr);
      type = bound->type().oid;
      column = static_cast<int>(width + junk.size());
      junk.push_back(std::move(bound));
    } else {
      type = q->types[static_cast<size_t>(column)].oid;
    }
    if (LacksBtreeOpclass(type)) {  // no btree opclass: PostgreSQL's parse-time error
      throw binder
          .ErrorAt(SqlState::kUndefinedFunction,
                   "could not identify an ordering operator for type " + FormatTypeName(type),
                   sb.expr->location)
          .WithHint("Use an explicit ordering operator or modify the query.");
    }
    const NullsOrder nulls = sb.nulls == ast::SortBy::Nulls::kFirst  ? NullsOrder::kFirst
                             : sb.nulls == ast::SortBy::Nulls::kLast ? NullsOrder::kLast
                                                                     : NullsOrder::kDefault;
    keys.push_back(SortKey{
        column, KeyColumn(type, sb.descending ? SortDirection::kDescending
                                              : SortDirection::kAscending,
                          nulls)});
  }
  const LimitClause limit = EvaluateLimitClause(ctx, stmt);
  if (ctx.analyze_only) return;
  if (!junk.empty()) {
    EvalContext eval = ctx.MakeEval();
    for (Row& row : q->rows) {
      eval.SetRow(&row);
      Row extra;
      for (const BoundExprPtr& e : junk) extra.push_back(e->Evaluate(eval));
      for (Value& v : extra) row.push_back(std::move(v));
    }
  }
  const bool keep_junk = stmt.limit_with_ties;  // it compares the sort keys
  PlanNodePtr plan =
      std::make_unique<MaterializedScan>(std::make_shared<const std::vector<Row>>(std::move(q->rows)));
  if (!keys.empty()) {
    plan = std::make_unique<Sort>(std::move(plan), keys, keep_junk ? width + junk.size() : width);
  }
  if (stmt.limit_with_ties) {
    plan = std::make_unique<LimitWithTies>(std::move(plan), limit.offset, limit.count,
                                           std::move(keys));
  } else if (limit.offset > 0 || limit.count >= 0) {
    plan = std::make_unique<Limit>(std::move(plan), limit.offset, limit.count);
  }
  q->rows.clear();
  plan->Init();
  Row row;
  while (plan->Next(&row)) {
    row.resize(width);
    q->rows.push_back(std::move(row));
  }
  plan->Close();
}

}  // namespace strata::sql
