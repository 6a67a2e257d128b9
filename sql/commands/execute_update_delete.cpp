// UPDATE (SET col = expr | DEFAULT, FROM, WHERE, RETURNING) and DELETE
// (USING, WHERE, RETURNING). The rows to change are collected first and
// changed after the scan, so a row moved to a later key is never seen twice.
//
// With FROM / USING the other items are planned as a SELECT's FROM
// (plan_from.h) and materialized once; the expressions see the row
// [other items' columns, target columns] (the target's slots come after the
// FROM plan's width). A target row joined to several rows is changed once,
// with the first joined row that passes WHERE, as PostgreSQL does (which one
// is unspecified there too).
//
// On a table with inheritance children (and without ONLY) the statement runs
// on each table of the hierarchy in turn, parent first, binding against the
// parent's columns at their slots in that table (rows stay in their own
// table, as in PostgreSQL); the counts and RETURNING rows add up.
//
// On an automatically updatable view (updatable_view.h) the statement runs
// on the table underneath, over extended rows: the expressions see the
// view's columns (after the FROM items' columns, if any), the rows are the
// base rows the view shows, SET targets map to base columns, and WITH
// CHECK OPTION tests each new row.
#include <algorithm>

#include "sql/commands/identity_columns.h"
#include "sql/commands/explain.h"
#include "sql/expr/text_quote.h"
#include "sql/commands/partition_routing.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/column_privileges.h"
#include "sql/commands/cte_scope.h"
#include "sql/commands/plan_from.h"
#include "sql/commands/index_paths.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/commands/row_locks.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_inheritance.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/table_triggers.h"
#include "sql/commands/updatable_view.h"
#include "sql/commands/view_dml.h"
#include "sql/executor/plan_node.h"
#include "sql/table_stats.h"
#include "sql/commands/expr_walk.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

namespace {

struct TargetRow {
  std::string key;
  Row row;
  Row joined;  // [FROM row, target row] when there is a FROM/USING; else empty
};

// A view's rows that `where` selects, as targets (view_dml.h).
std::vector<TargetRow> ViewTargets(CommandContext& ctx, const catalog::TableDesc& view,
                                   const BoundExpr* where) {
  std::vector<TargetRow> targets;
  for (Row& row : SelectViewRows(ctx, view, where)) targets.push_back({"", std::move(row), {}});
  return targets;
}

// The target's scope, with its slots after the FROM items' (if any), and
// the FROM items' relations. 42712 if the target's name is also a FROM alias.
struct JoinScope {
  BindScope scope;
  std::unique_ptr<FromPlan> from;
};

// The target's scope when the statement names `parent` and runs on `table`
// (one of its hierarchy): the parent's columns under the parent's name, at
// their slots in `table`'s rows; tableoid is `table`'s.
BindScope TargetScope(CommandContext& ctx, const catalog::TableDesc& parent,
                      const catalog::TableDesc& table, const std::string& alias) {
  BindScope scope = TableScope(ctx, parent, alias);
  if (&parent == &table) return scope;
  ScopeRelation& rel = scope.relations[0];
  rel.relation_oid = table.oid;
  for (ScopeColumn& c : rel.columns) {
    const int slot = table.FindColumn(c.name);
    c.slot = slot;
    c.table_oid = table.oid;
    c.attnum = table.columns[static_cast<size_t>(slot)].attnum;
  }
  return scope;
}

JoinScope MakeJoinScope(CommandContext& ctx, Binder& binder, const catalog::TableDesc& parent,
                        const catalog::TableDesc& table, const ast::RangeVar& target,
                        const std::vector<ast::FromItem>& from, const UpdatableView* via) {
  JoinScope out;
  BindScope target_scope = via != nullptr ? via->Scope(target.alias)
                                          : TargetScope(ctx, parent, table, target.alias);
  if (from.empty()) {
    out.scope = std::move(target_scope);
    return out;
  }
  out.from = std::make_unique<FromPlan>(PlanFrom(ctx, binder, from));
  const size_t width = out.from->width;
  for (ScopeColumn& c : target_scope.relations[0].columns) c.slot += static_cast<int>(width);
  for (const ScopeRelation& rel : out.from->scope.relations) {
    if (!rel.alias.empty() && rel.alias == target_scope.relations[0].alias) {
      throw SqlError(SqlState::kDuplicateAlias,
                     "table name \"" + rel.alias + "\" specified more than once");
    }
  }
  out.scope.relations.push_back(std::move(target_scope.relations[0]));
  for (ScopeRelation& rel : out.from->scope.relations) out.scope.relations.push_back(std::move(rel));
  return out;
}

// Target rows joined with the FROM rows: the first joined row passing WHERE.
std::vector<TargetRow> CollectJoinedRows(CommandContext& ctx, const TableCodec& codec,
                                         const BoundExpr* where, FromPlan& from) {
  std::vector<Row> others;
  from.plan->Init();
  Row row;
  while (from.plan->Next(&row)) {
    row.resize(from.width);
    others.push_back(std::move(row));
    row = Row();
  }
  from.plan->Close();
  std::vector<TargetRow> out;
  SeqScan scan(ctx.txn, &codec);
  scan.Init();
  EvalContext eval = ctx.MakeEval();
  while (scan.Next(&row)) {
    for (const Row& other : others) {
      Row joined = other;
      joined.insert(joined.end(), row.begin(), row.end());
      if (where != nullptr && !EvaluatePredicate(*where, joined, eval)) continue;
      out.push_back({scan.current_key(), std::move(row), std::move(joined)});
      break;
    }
    row = Row();
  }
  scan.Close();
  return out;
}

std::vector<TargetRow> CollectRows(CommandContext& ctx, const TableCodec& codec,
                                   const BoundExpr* where, Binder& binder,
                                   const std::string& alias, const ast::Expr* where_ast) {
  std::vector<TargetRow> out;
  EvalContext eval = ctx.MakeEval();
  auto collect = [&](auto& scan) {
    scan.Init();
    Row row;
    while (scan.Next(&row)) {
      if (where != nullptr && !EvaluatePredicate(*where, row, eval)) continue;
      out.push_back({scan.current_key(), std::move(row), Row()});
      row = Row();
    }
    scan.Close();
  };
  if (auto path = ChooseIndexPath(binder, ctx, codec, alias, where_ast, ctx.param_values)) {
    std::unique_ptr<IndexScan> scan = MakeIndexScan(ctx, codec, std::move(*path), alias);
    collect(*scan);
    return out;
  }
  std::optional<std::string> lower, upper;
  if (auto range = PrimaryKeyFromWhere(binder, codec, alias, where_ast, ctx.param_values)) {
    lower = std::move(range->lower);
    upper = std::move(range->upper);
  }
  SeqScan scan(ctx.txn, &codec, lower, upper);
  collect(scan);
  return out;
}

// The base rows an automatically updatable view shows and `where` accepts.
// `joined` is the row the statement's expressions see: [FROM row (if any),
// extended row]. `table` is one of `parent`'s hierarchy: its rows are seen
// in the parent's layout.
std::vector<TargetRow> CollectViewRows(CommandContext& ctx, const UpdatableView& via,
                                       const catalog::TableDesc& parent,
                                       const catalog::TableDesc& table, const TableCodec& codec,
                                       const BoundExpr* where, FromPlan* from) {
  std::vector<Row> others;
  if (from != nullptr) {
    Row row;
    from->plan->Init();
    while (from->plan->Next(&row)) {
      row.resize(from->width);
      others.push_back(std::move(row));
      row = Row();
    }
    from->plan->Close();
  } else {
    others.emplace_back();
  }
  std::vector<TargetRow> out;
  EvalContext eval = ctx.MakeEval();
  auto consider = [&](const std::string& key, Row row) {
    const Row extended = via.Extend(&table == &parent ? row : MapRowByName(table, parent, row));
    if (!via.Visible(extended)) return;
    for (const Row& other : others) {
      Row joined = other;
      joined.insert(joined.end(), extended.begin(), extended.end());
      if (where != nullptr && !EvaluatePredicate(*where, joined, eval)) continue;
      out.push_back({key, std::move(row), std::move(joined)});
      return;
    }
  };
  if (IsViewTarget(ctx, table)) {
    // A view with INSTEAD OF triggers under the view: its rows (view_dml.h).
    for (Row& row : SelectViewRows(ctx, table, nullptr)) consider("", std::move(row));
    return out;
  }
  SeqScan scan(ctx.txn, &codec);
  scan.Init();
  Row row;
  while (scan.Next(&row)) {
    consider(scan.current_key(), std::move(row));
    row = Row();
  }
  scan.Close();
  return out;
}

// The row RETURNING sees after a change through a view: `joined` with the
// extended row of `row` (the new row of `table`) in place of the old one.
Row ViewReturningRow(const UpdatableView& via, const catalog::TableDesc& parent,
                     const catalog::TableDesc& table, const Row& joined, size_t offset,
                     const Row& row) {
  Row out(joined.begin(), joined.begin() + static_cast<std::ptrdiff_t>(offset));
  const Row extended = via.Extend(&table == &parent ? row : MapRowByName(table, parent, row));
  out.insert(out.end(), extended.begin(), extended.end());
  return out;
}

// EXPLAIN of this statement (explain.h): describes it; true when it is not
// to run (no ANALYZE, rows < 0). With ANALYZE it runs and is described
// afterwards with `rows` target rows.
bool ExplainInstead(CommandContext& ctx, const void* stmt, const char* verb,
                    const ast::RangeVar& rv, const BindScope& scope, const BoundExpr* where,
                    int64_t rows, ExplainModify modify, bool rv_is_view = false) {
  if (ctx.explain == nullptr || !ctx.explain->Wants(stmt)) return false;
  if (ctx.explain->options().analyze != (rows >= 0)) return false;
  if (rv_is_view) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   std::string("EXPLAIN of ") + verb + " on a view is not supported yet");
  }
  std::string name = QuoteIdentText(rv.name);
  if (!rv.alias.empty() && rv.alias != rv.name) name += " " + QuoteIdentText(rv.alias);
  if (const catalog::NamespaceDesc* ns = RelationSchema(ctx, rv)) modify.schema = ns->name;
  ctx.explain->CaptureModify(stmt, verb, name, scope, where, rows, modify);
  return rows < 0;
}

void AppendReturning(const std::vector<OutputTarget>& returning, const Row& row, EvalContext& eval,
                     StatementOutput* result) {
  eval.SetRow(&row);
  Row out;
  for (const OutputTarget& t : returning) out.push_back(t.expr->Evaluate(eval));
  AppendResultRow(out, result);
}


// The tables an UPDATE or DELETE on `table` changes (table_inheritance.h);
// EXPLAIN of one over several is not supported yet.
std::vector<const catalog::TableDesc*> TargetTables(CommandContext& ctx, const void* stmt,
                                                    const catalog::TableDesc& table, bool inh) {
  std::vector<const catalog::TableDesc*> members = InheritanceSet(ctx, table, inh);
  if (members.size() > 1 && ctx.explain != nullptr && ctx.explain->Wants(stmt)) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "EXPLAIN of UPDATE or DELETE on a table with inheritance children is not "
                   "supported yet");
  }
  return members;
}

// Adds one table's part of the statement to the whole: rows and count.
void AddPart(StatementOutput part, bool first, StatementOutput* result) {
  if (first) {
    *result = std::move(part);
    return;
  }
  for (Row& row : part.rows) result->rows.push_back(std::move(row));
  for (SqlErrorFields& n : part.notices) result->notices.push_back(std::move(n));
}

size_t TagCount(const StatementOutput& out) {
  const size_t space = out.command_tag.rfind(' ');
  return space == std::string::npos ? 0 : std::stoul(out.command_tag.substr(space + 1));
}

// The privileges UPDATE or DELETE needs on its target (PostgreSQL's
// requiredPerms with updatedCols / selectedCols): `privilege` on the table,
// UPDATE on each column it assigns (`assigned`), and SELECT on each column
// of the target it reads (`reads`: WHERE, SET expressions, RETURNING) --
// held on the table, or else on every such column.
void CheckTargetPrivileges(const CommandContext& ctx, const catalog::TableDesc& table,
                           uint32_t privilege, const std::vector<int16_t>& assigned,
                           const std::vector<const ast::Expr*>& reads) {
  if (ctx.analyze_only) return;
  CheckColumnsPrivilege(*ctx.catalog, table.oid, table.owner, 'r', table.name, privilege,
                        privilege == catalog::kAclUpdate ? assigned : std::vector<int16_t>{});
  const std::vector<int16_t> read = ReferencedColumns(table, reads);
  if (!read.empty()) {
    CheckColumnsPrivilege(*ctx.catalog, table.oid, table.owner, 'r', table.name,
                          catalog::kAclSelect, read);
  }
  NoteTargetReads(ctx, table);
}

// `statement_triggers`: the named table's, which collect the transition
// tables' rows.
StatementOutput UpdateTable(CommandContext& ctx, const ast::UpdateStatement& stmt,
                            const catalog::TableDesc& parent, const catalog::TableDesc& table,
                            TableTriggers* statement_triggers, const UpdatableView* via) {
  LockRelation(ctx, table.oid, table.name, txn::RelationLockMode::kRowExclusive);
  TableWriter writer(ctx, table);
  // The slot of `table` a SET target writes: through the view, the base
  // column its view column reads (55000 when none).
  auto target_slot = [&](const ast::TargetColumn& column) -> int {
    if (via == nullptr) {
      return parent.FindColumn(column.name) < 0 ? -1 : table.FindColumn(column.name);
    }
    const size_t base_slot = via->BaseSlot(column.name, column.location, "update");
    return table.FindColumn(parent.columns[base_slot].name);
  };
  {
    // The columns updated (updatedCols), shown in a failing row's DETAIL.
    std::vector<int16_t> updated;
    for (const auto& [column, expr] : stmt.set) {
      const int slot = via != nullptr ? target_slot(column) : table.FindColumn(column.name);
      if (slot >= 0) updated.push_back(table.columns[static_cast<size_t>(slot)].attnum);
    }
    writer.SetModifiedColumns(std::move(updated));
  }
  Binder binder = ctx.MakeBinder();
  JoinScope joined = MakeJoinScope(ctx, binder, parent, table, stmt.table, stmt.from, via);
  const BindScope& scope = joined.scope;
  binder.SetScope(&scope);

  std::vector<std::pair<size_t, BoundExprPtr>> assignments;  // null expr = DEFAULT
  for (const auto& [column, expr] : stmt.set) {
    const int slot = target_slot(column);
    if (slot < 0) {
      throw binder.ErrorAt(SqlState::kUndefinedColumn,
                           "column \"" + column.name + "\" of relation \"" + parent.name +
                               "\" does not exist",
                           column.location);
    }
    for (const auto& a : assignments) {
      if (a.first == static_cast<size_t>(slot)) {
        // Raised by PostgreSQL's rewriter: no position; through a view it
        // names the base column.
        throw SqlError(SqlState::kSyntaxError,
                       "multiple assignments to same column \"" +
                           table.columns[static_cast<size_t>(slot)].name + "\"");
      }
    }
    BoundExprPtr bound;
    if (expr != nullptr) {
      const catalog::ColumnDesc& target = table.columns[static_cast<size_t>(slot)];
      if (target.identity == 'a' || target.generated != 0) ThrowGeneratedAlways(target, true);
      bound = CoerceToColumn(binder, binder.BindExpr(*expr), target);
    }
    assignments.emplace_back(static_cast<size_t>(slot), std::move(bound));
  }
  BoundExprPtr where;
  if (stmt.where) where = binder.CoerceToBoolean(binder.BindExpr(*stmt.where), "WHERE");
  std::vector<OutputTarget> returning = BindTargetList(binder, scope, stmt.returning);
  StatementOutput result;
  if (!stmt.returning.empty()) SetResultColumns(returning, &result);
  if (ctx.analyze_only) return result;
  ExplainModify explain_modify;
  explain_modify.returning = !stmt.returning.empty();
  explain_modify.joined = joined.from != nullptr;
  for (const auto& [slot, expr] : assignments) explain_modify.assignments.emplace_back(slot, expr.get());
  if (ExplainInstead(ctx, &stmt, "Update", stmt.table, scope, where.get(), -1, explain_modify,
                     via != nullptr)) {
    return result;
  }

  const bool is_view = IsViewTarget(ctx, table);
  if (is_view && joined.from) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "UPDATE ... FROM on a view with INSTEAD OF triggers is not supported yet");
  }
  std::vector<TargetRow> targets =
      via != nullptr ? CollectViewRows(ctx, *via, parent, table, writer.codec(), where.get(),
                                       joined.from.get())
      : is_view      ? ViewTargets(ctx, table, where.get())
      : joined.from  ? CollectJoinedRows(ctx, writer.codec(), where.get(), *joined.from)
                     : CollectRows(ctx, writer.codec(), where.get(), binder,
                                   scope.relations[0].alias, stmt.where.get());
  const size_t target_offset = joined.from ? joined.from->width : 0;
  EvalContext eval = ctx.MakeEval();
  std::vector<int16_t> assigned;
  for (const auto& a : assignments) assigned.push_back(table.columns[a.first].attnum);
  TableTriggers triggers(ctx, table, catalog::kTriggerTypeUpdate, std::move(assigned));
  triggers.CaptureInto(statement_triggers);
  std::optional<PartitionedInsert> moved;  // rows moving to another partition
  size_t count = 0;
  for (TargetRow& target : targets) {
    Row updated = target.row;
    eval.SetRow(joined.from || via != nullptr ? &target.joined : &target.row);
    for (const auto& [slot, expr] : assignments) {
      updated[slot] = expr != nullptr ? expr->Evaluate(eval) : writer.EvaluateDefault(slot);
    }
    if (!triggers.BeforeRow(&target.row, &updated)) continue;
    if (!is_view && parent.partition_key && !writer.MeetsPartitionConstraint(updated)) {
      // The new row belongs in another partition of the table the UPDATE
      // names: it moves there (deleted here, routed from `parent`), as in
      // PostgreSQL's ExecCrossPartitionUpdate.
      if (!moved) moved.emplace(ctx, parent);
      writer.Delete(target.key, &target.row);
      Row routed = MapRowByName(table, parent, updated);
      if (!moved->Insert(&routed)) continue;
      updated = MapRowByName(parent, table, routed);
      if (via != nullptr) via->CheckOptions(routed);
    } else if (!is_view) {  // else the INSTEAD OF trigger did the update
      writer.CheckConstraints(updated);
      writer.Update(target.key, updated, &target.row);
      if (via != nullptr) {
        via->CheckOptions(&table == &parent ? updated : MapRowByName(table, parent, updated));
      }
      triggers.AfterRow(&target.row, &updated);
    } else if (via != nullptr) {
      // The INSTEAD OF trigger of the view under `via` did the update.
      via->CheckOptions(updated);
    }
    ++count;
    if (!stmt.returning.empty()) {
      if (via != nullptr) {
        AppendReturning(returning,
                        ViewReturningRow(*via, parent, table, target.joined, target_offset, updated),
                        eval, &result);
      } else if (joined.from) {
        // RETURNING sees the new target row beside the FROM row.
        std::copy(updated.begin(), updated.end(),
                  target.joined.begin() + static_cast<std::ptrdiff_t>(target_offset));
        AppendReturning(returning, target.joined, eval, &result);
      } else {
        AppendReturning(returning, updated, eval, &result);
      }
    }
  }
  writer.FireForeignKeys();
  if (moved) moved->Finish();
  triggers.FireQueuedRows();
  ExplainInstead(ctx, &stmt, "Update", stmt.table, scope, where.get(),
                 static_cast<int64_t>(count), explain_modify);
  result.command_tag = "UPDATE " + std::to_string(count);
  return result;
}

StatementOutput DeleteTable(CommandContext& ctx, const ast::DeleteStatement& stmt,
                            const catalog::TableDesc& parent, const catalog::TableDesc& table,
                            TableTriggers* statement_triggers, const UpdatableView* via) {
  LockRelation(ctx, table.oid, table.name, txn::RelationLockMode::kRowExclusive);
  TableCodec codec(table);
  Binder binder = ctx.MakeBinder();
  JoinScope joined =
      MakeJoinScope(ctx, binder, parent, table, stmt.table, stmt.using_items, via);
  const BindScope& scope = joined.scope;
  binder.SetScope(&scope);
  BoundExprPtr where;
  if (stmt.where) where = binder.CoerceToBoolean(binder.BindExpr(*stmt.where), "WHERE");
  std::vector<OutputTarget> returning = BindTargetList(binder, scope, stmt.returning);
  StatementOutput result;
  if (!stmt.returning.empty()) SetResultColumns(returning, &result);
  if (ctx.analyze_only) return result;
  ExplainModify explain_modify;
  explain_modify.returning = !stmt.returning.empty();
  explain_modify.joined = joined.from != nullptr;
  if (ExplainInstead(ctx, &stmt, "Delete", stmt.table, scope, where.get(), -1, explain_modify,
                     via != nullptr)) {
    return result;
  }

  const bool is_view = IsViewTarget(ctx, table);
  if (is_view && joined.from) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "DELETE ... USING on a view with INSTEAD OF triggers is not supported yet");
  }
  std::vector<TargetRow> targets =
      via != nullptr ? CollectViewRows(ctx, *via, parent, table, codec, where.get(),
                                       joined.from.get())
      : is_view      ? ViewTargets(ctx, table, where.get())
      : joined.from  ? CollectJoinedRows(ctx, codec, where.get(), *joined.from)
                     : CollectRows(ctx, codec, where.get(), binder, scope.relations[0].alias,
                                   stmt.where.get());
  EvalContext eval = ctx.MakeEval();
  // Counts the rows deleted for the statistics views (handed over even
  // when a later row fails the statement: its transaction then rolls back).
  TableWriter writer(ctx, table);
  TableTriggers triggers(ctx, table, catalog::kTriggerTypeDelete);
  triggers.CaptureInto(statement_triggers);
  size_t count = 0;
  for (const TargetRow& target : targets) {
    if (!triggers.BeforeRow(&target.row, nullptr)) continue;
    if (!is_view) {  // else the INSTEAD OF trigger did the delete
      writer.Delete(target.key, &target.row);
      triggers.AfterRow(&target.row, nullptr);
    }
    ++count;
    if (!stmt.returning.empty()) {
      AppendReturning(returning, joined.from || via != nullptr ? target.joined : target.row, eval,
                      &result);
    }
  }
  writer.FireForeignKeys();
  triggers.FireQueuedRows();
  ExplainInstead(ctx, &stmt, "Delete", stmt.table, scope, where.get(),
                 static_cast<int64_t>(count), explain_modify);
  result.command_tag = "DELETE " + std::to_string(count);
  return result;
}

}  // namespace

StatementOutput ExecuteUpdate(CommandContext& ctx, const ast::UpdateStatement& stmt) {
  std::optional<ScopedWithClause> with;  // WITH ... before the statement
  if (stmt.with) with.emplace(ctx, *stmt.with);
  const std::optional<catalog::TableDesc> view =
      InsteadOfTarget(ctx, stmt.table, catalog::kTriggerTypeUpdate);
  // An automatically updatable view: the statement runs on its base table.
  const std::unique_ptr<UpdatableView> via =
      view ? nullptr : UpdatableView::Resolve(ctx, stmt.table, catalog::kTriggerTypeUpdate);
  const catalog::TableDesc& table = view  ? *view
                                    : via ? via->base()
                                          : LookupTable(ctx, stmt.table, "update");
  std::vector<const ast::Expr*> reads = {stmt.where.get()};
  std::vector<std::string> assigned;
  for (const auto& assignment : stmt.set) {
    reads.push_back(assignment.second.get());
    assigned.push_back(assignment.first.name);
  }
  for (const ast::ResTarget& target : stmt.returning) reads.push_back(target.value.get());
  if (via != nullptr) {
    via->CheckPrivileges(catalog::kAclUpdate, assigned, reads);
  } else {
    CheckTargetPrivileges(ctx, table, catalog::kAclUpdate, NamedColumns(table, assigned), reads);
  }
  const std::vector<const catalog::TableDesc*> members =
      TargetTables(ctx, &stmt, table, via != nullptr ? via->base_inh() : stmt.table.inh);
  // Statement triggers are the named table's, row triggers each member's.
  TableTriggers triggers(ctx, table, catalog::kTriggerTypeUpdate,
                         NamedColumns(table, assigned));
  const bool fire = StatementRunsRows(ctx, &stmt);
  if (fire) triggers.BeforeStatement();
  StatementOutput result;
  size_t count = 0;
  for (const catalog::TableDesc* member : members) {
    StatementOutput part = UpdateTable(ctx, stmt, table, *member, &triggers, via.get());
    count += TagCount(part);
    AddPart(std::move(part), member == members.front(), &result);
    if (ctx.analyze_only || result.command_tag.empty()) return result;
  }
  if (fire) triggers.AfterStatement();
  result.command_tag = "UPDATE " + std::to_string(count);
  return result;
}

StatementOutput ExecuteDelete(CommandContext& ctx, const ast::DeleteStatement& stmt) {
  std::optional<ScopedWithClause> with;  // WITH ... before the statement
  if (stmt.with) with.emplace(ctx, *stmt.with);
  const std::optional<catalog::TableDesc> view =
      InsteadOfTarget(ctx, stmt.table, catalog::kTriggerTypeDelete);
  const std::unique_ptr<UpdatableView> via =
      view ? nullptr : UpdatableView::Resolve(ctx, stmt.table, catalog::kTriggerTypeDelete);
  const catalog::TableDesc& table = view  ? *view
                                    : via ? via->base()
                                          : LookupTable(ctx, stmt.table, "delete from");
  std::vector<const ast::Expr*> reads = {stmt.where.get()};
  for (const ast::ResTarget& target : stmt.returning) reads.push_back(target.value.get());
  if (via != nullptr) {
    via->CheckPrivileges(catalog::kAclDelete, {}, reads);
  } else {
    CheckTargetPrivileges(ctx, table, catalog::kAclDelete, {}, reads);
  }
  const std::vector<const catalog::TableDesc*> members =
      TargetTables(ctx, &stmt, table, via != nullptr ? via->base_inh() : stmt.table.inh);
  TableTriggers triggers(ctx, table, catalog::kTriggerTypeDelete);
  const bool fire = StatementRunsRows(ctx, &stmt);
  if (fire) triggers.BeforeStatement();
  StatementOutput result;
  size_t count = 0;
  for (const catalog::TableDesc* member : members) {
    StatementOutput part = DeleteTable(ctx, stmt, table, *member, &triggers, via.get());
    count += TagCount(part);
    AddPart(std::move(part), member == members.front(), &result);
    if (ctx.analyze_only || result.command_tag.empty()) return result;
  }
  if (fire) triggers.AfterStatement();
  result.command_tag = "DELETE " + std::to_string(count);
  return result;
}

}  // namespace strata::sql
