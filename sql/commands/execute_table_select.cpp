// SELECT ... FROM one table: binds the select list, WHERE, ORDER BY and
// LIMIT/OFFSET, then runs SeqScan -> Filter -> Project -> Sort -> Limit.
#include "sql/commands/primary_key_lookup.h"
#include "sql/commands/result_rows.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_rows.h"
#include "sql/builtin/type_table.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

namespace {

// Binds LIMIT/OFFSET to bigint and evaluates it once; nullopt for NULL (and
// when only analyzing: the parameters have no values then).
std::optional<int64_t> EvaluateLimit(const CommandContext& cmd, Binder& binder,
                                     const ast::Expr& expr, const char* what) {
  BoundExprPtr bound = binder.BindExpr(expr);
  const Oid type = bound->type().oid;
  if (!CanCoerceType(type, type_oid::kInt8, CoercionContext::kAssignment)) {
    throw binder.ErrorAt(SqlState::kDatatypeMismatch,
                         std::string("argument of ") + what + " must be type bigint, not type " +
                             FormatTypeName(type),
                         bound->location());
  }
  bound = binder.CoerceToTargetType(std::move(bound), DataType{type_oid::kInt8, -1},
                                    CoercionContext::kAssignment, false, bound->location());
  if (cmd.analyze_only) return std::nullopt;
  EvalContext ctx = cmd.MakeEval();
  const Value v = bound->Evaluate(ctx);
  if (v.is_null()) return std::nullopt;
  return v.int_value();
}

// Whether two select-list entries are the same column reference (so naming
// both in ORDER BY is not ambiguous, as PostgreSQL compares the expressions).
bool SameColumn(const BoundExpr& a, const BoundExpr& b) {
  return a.kind() == BoundExprKind::kColumnRef && b.kind() == BoundExprKind::kColumnRef &&
         static_cast<const BoundColumnRef&>(a).slot() == static_cast<const BoundColumnRef&>(b).slot();
}

}  // namespace

TableQueryResult RunTableQuery(CommandContext& ctx, const ast::SelectStatement& stmt) {
  const ast::RangeVar& rv = stmt.from.at(0);
  const catalog::TableDesc& table = LookupTable(ctx, rv);
  TableCodec codec(table);
  const BindScope scope = TableScope(ctx, table, rv.alias);
  Binder binder = ctx.MakeBinder();
  binder.SetScope(&scope);

  std::vector<OutputTarget> targets = BindTargetList(binder, scope, stmt.target_list);
  BoundExprPtr where;
  if (stmt.where) where = binder.CoerceToBoolean(binder.BindExpr(*stmt.where), "WHERE");

  // ORDER BY: output columns by name or position, else expressions over the
  // scanned row evaluated as extra (junk) columns after the output ones.
  std::vector<const BoundExpr*> project;
  for (const OutputTarget& t : targets) project.push_back(t.expr.get());
  std::vector<BoundExprPtr> junk;
  std::vector<SortKey> sort_keys;
  for (const ast::SortBy& sb : stmt.sort) {
    int column = -1;
    const ast::Expr& e = *sb.expr;
    if (e.kind == ast::ExprKind::kColumnRef) {
      const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
      if (ref.fields.size() == 1 && ref.fields[0] != "*") {
        for (size_t i = 0; i < targets.size(); ++i) {
          if (targets[i].name != ref.fields[0]) continue;
          if (column >= 0 && !SameColumn(*targets[static_cast<size_t>(column)].expr,
                                         *targets[i].expr)) {
            throw binder.ErrorAt(SqlState::kAmbiguousColumn,
                                 "ORDER BY \"" + ref.fields[0] + "\" is ambiguous", ref.location);
          }
          if (column < 0) column = static_cast<int>(i);
        }
      }
    } else if (e.kind == ast::ExprKind::kConstant &&
               static_cast<const ast::ConstantExpr&>(e).const_kind ==
                   ast::ConstantExpr::Kind::kInteger) {
      const int32_t pos = static_cast<const ast::ConstantExpr&>(e).ival;
      if (pos < 1 || static_cast<size_t>(pos) > targets.size()) {
        throw binder.ErrorAt(SqlState::kInvalidColumnReference,
                             "ORDER BY position " + std::to_string(pos) + " is not in select list",
                             e.location);
      }
      column = pos - 1;
    }
    Oid type = 0;
    if (column < 0) {
      BoundExprPtr bound = binder.ResolveUnknownToText(binder.BindExpr(e));
      type = bound->type().oid;
      column = static_cast<int>(project.size());
      project.push_back(bound.get());
      junk.push_back(std::move(bound));
    } else {
      type = targets[static_cast<size_t>(column)].expr->type().oid;
    }
    const NullsOrder nulls = sb.nulls == ast::SortBy::Nulls::kFirst  ? NullsOrder::kFirst
                             : sb.nulls == ast::SortBy::Nulls::kLast ? NullsOrder::kLast
                                                                     : NullsOrder::kDefault;
    sort_keys.push_back(SortKey{
        column,
        KeyColumn(type, sb.descending ? SortDirection::kDescending : SortDirection::kAscending,
                  nulls)});
  }

  int64_t offset = 0, count = -1;
  {
    Binder limit_binder = ctx.MakeBinder();  // no scope: LIMIT cannot name columns
    if (stmt.limit_offset) {
      auto v = EvaluateLimit(ctx, limit_binder, *stmt.limit_offset, "OFFSET");
      if (v.has_value() && *v < 0) {
        throw SqlError(SqlState::kInvalidRowCountInResultOffsetClause,
                       "OFFSET must not be negative");
      }
      offset = v.value_or(0);
    }
    if (stmt.limit_count) {
      auto v = EvaluateLimit(ctx, limit_binder, *stmt.limit_count, "LIMIT");
      if (v.has_value() && *v < 0) {
        throw SqlError(SqlState::kInvalidRowCountInLimitClause, "LIMIT must not be negative");
      }
      count = v.value_or(-1);
    }
  }

  TableQueryResult result;
  if (ctx.analyze_only) {
    result.targets = std::move(targets);
    return result;
  }

  // A primary-key equality narrows the scan to one key (WHERE still applies).
  std::optional<std::string> lower, upper;
  if (auto key = PrimaryKeyFromWhere(binder, codec, scope.relations[0].alias, stmt.where.get(),
                                     ctx.param_values)) {
    lower = *key;
    upper = *key + std::string(1, '\0');
  }
  PlanNodePtr plan = std::make_unique<SeqScan>(ctx.txn, &codec, lower, upper);
  if (where) plan = std::make_unique<Filter>(std::move(plan), where.get(), ctx.param_values);
  plan = std::make_unique<Project>(std::move(plan), project, ctx.param_values);
  if (!sort_keys.empty()) {
    plan = std::make_unique<Sort>(std::move(plan), std::move(sort_keys), targets.size());
  }
  if (offset > 0 || count >= 0) plan = std::make_unique<Limit>(std::move(plan), offset, count);

  plan->Init();
  Row row;
  while (plan->Next(&row)) result.rows.push_back(std::move(row));
  plan->Close();
  result.targets = std::move(targets);
  return result;
}

StatementOutput ExecuteTableSelect(CommandContext& ctx, const ast::SelectStatement& stmt) {
  TableQueryResult query = RunTableQuery(ctx, stmt);
  StatementOutput result;
  SetResultColumns(query.targets, &result);
  for (const Row& row : query.rows) AppendResultRow(row, &result);
  result.command_tag = "SELECT " + std::to_string(result.rows.size());
  return result;
}

}  // namespace strata::sql
