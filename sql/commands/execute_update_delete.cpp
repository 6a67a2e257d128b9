// UPDATE (SET col = expr | DEFAULT, WHERE, RETURNING) and DELETE (WHERE,
// RETURNING). The rows to change are collected first and changed after the
// scan, so a row moved to a later key is never seen twice.
#include "sql/commands/primary_key_lookup.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_rows.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

namespace {

struct TargetRow {
  std::string key;
  Row row;
};

std::vector<TargetRow> CollectRows(CommandContext& ctx, const TableCodec& codec,
                                   const BoundExpr* where, Binder& binder,
                                   const std::string& alias, const ast::Expr* where_ast) {
  std::vector<TargetRow> out;
  std::optional<std::string> lower, upper;
  if (auto range = PrimaryKeyFromWhere(binder, codec, alias, where_ast, ctx.param_values)) {
    lower = std::move(range->lower);
    upper = std::move(range->upper);
  }
  SeqScan scan(ctx.txn, &codec, lower, upper);
  scan.Init();
  EvalContext eval = ctx.MakeEval();
  Row row;
  while (scan.Next(&row)) {
    if (where != nullptr && !EvaluatePredicate(*where, row, eval)) continue;
    out.push_back({scan.current_key(), std::move(row)});
    row = Row();
  }
  scan.Close();
  return out;
}

void AppendReturning(const std::vector<OutputTarget>& returning, const Row& row, EvalContext& eval,
                     StatementOutput* result) {
  eval.SetRow(&row);
  Row out;
  for (const OutputTarget& t : returning) out.push_back(t.expr->Evaluate(eval));
  AppendResultRow(out, result);
}

}  // namespace

StatementOutput ExecuteUpdate(CommandContext& ctx, const ast::UpdateStatement& stmt) {
  const catalog::TableDesc& table = LookupTable(ctx, stmt.table);
  TableWriter writer(ctx, table);
  const BindScope scope = TableScope(ctx, table, stmt.table.alias);
  Binder binder = ctx.MakeBinder();
  binder.SetScope(&scope);

  std::vector<std::pair<size_t, BoundExprPtr>> assignments;  // null expr = DEFAULT
  for (const auto& [column, expr] : stmt.set) {
    const int slot = table.FindColumn(column.name);
    if (slot < 0) {
      throw binder.ErrorAt(SqlState::kUndefinedColumn,
                           "column \"" + column.name + "\" of relation \"" + table.name +
                               "\" does not exist",
                           column.location);
    }
    for (const auto& a : assignments) {
      if (a.first == static_cast<size_t>(slot)) {
        throw binder.ErrorAt(SqlState::kSyntaxError,
                             "multiple assignments to same column \"" + column.name + "\"",
                             column.location);
      }
    }
    BoundExprPtr bound;
    if (expr != nullptr) {
      bound = CoerceToColumn(binder, binder.BindExpr(*expr), table.columns[static_cast<size_t>(slot)]);
    }
    assignments.emplace_back(static_cast<size_t>(slot), std::move(bound));
  }
  BoundExprPtr where;
  if (stmt.where) where = binder.CoerceToBoolean(binder.BindExpr(*stmt.where), "WHERE");
  std::vector<OutputTarget> returning = BindTargetList(binder, scope, stmt.returning);
  StatementOutput result;
  if (!stmt.returning.empty()) SetResultColumns(returning, &result);
  if (ctx.analyze_only) return result;

  std::vector<TargetRow> targets = CollectRows(ctx, writer.codec(), where.get(), binder,
                                              scope.relations[0].alias, stmt.where.get());
  EvalContext eval = ctx.MakeEval();
  for (TargetRow& target : targets) {
    Row updated = target.row;
    eval.SetRow(&target.row);
    for (const auto& [slot, expr] : assignments) {
      updated[slot] = expr != nullptr ? expr->Evaluate(eval) : writer.EvaluateDefault(slot);
    }
    writer.CheckConstraints(updated);
    writer.Update(target.key, updated);
    if (!stmt.returning.empty()) AppendReturning(returning, updated, eval, &result);
  }
  result.command_tag = "UPDATE " + std::to_string(targets.size());
  return result;
}

StatementOutput ExecuteDelete(CommandContext& ctx, const ast::DeleteStatement& stmt) {
  const catalog::TableDesc& table = LookupTable(ctx, stmt.table);
  TableCodec codec(table);
  const BindScope scope = TableScope(ctx, table, stmt.table.alias);
  Binder binder = ctx.MakeBinder();
  binder.SetScope(&scope);
  BoundExprPtr where;
  if (stmt.where) where = binder.CoerceToBoolean(binder.BindExpr(*stmt.where), "WHERE");
  std::vector<OutputTarget> returning = BindTargetList(binder, scope, stmt.returning);
  StatementOutput result;
  if (!stmt.returning.empty()) SetResultColumns(returning, &result);
  if (ctx.analyze_only) return result;

  std::vector<TargetRow> targets = CollectRows(ctx, codec, where.get(), binder,
                                              scope.relations[0].alias, stmt.where.get());
  EvalContext eval = ctx.MakeEval();
  for (const TargetRow& target : targets) {
    ctx.txn->DeleteExisting(table.tree, target.key);
    if (!stmt.returning.empty()) AppendReturning(returning, target.row, eval, &result);
  }
  result.command_tag = "DELETE " + std::to_string(targets.size());
  return result;
}

}  // namespace strata::sql
