// INSERT: target columns, VALUES rows (with DEFAULT), INSERT ... SELECT,
// DEFAULT VALUES, ON CONFLICT DO NOTHING, RETURNING.
//
// Into an automatically updatable view (updatable_view.h) the rows go to
// its base table: the view's columns name base columns, view DEFAULTs
// apply to the columns not given, RETURNING and ON CONFLICT's SET / WHERE
// see the view's columns of the extended row, and WITH CHECK OPTION tests
// each row written.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "sql/commands/identity_columns.h"
#include "sql/commands/column_privileges.h"
#include "sql/commands/index_predicate.h"
#include "sql/commands/on_conflict_arbiter.h"
#include "sql/commands/partition_routing.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/spilling_row_buffer.h"
#include "sql/commands/cte_scope.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/table_triggers.h"
#include "sql/commands/updatable_view.h"
#include "sql/commands/view_dml.h"
#include "sql/executor/execute_select.h"
#include "sql/executor/plan_node.h"
#include "sql/system_relations/index_catalog.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

namespace {

// Rows of a SELECT used as INSERT's source, with their column types. The
// source runs to completion before the first row is inserted (so it never
// reads the statement's own inserts, as PostgreSQL's command ids ensure);
// its rows wait in work_mem, then on disk.
struct SourceRows {
  std::vector<DataType> types;
  SpillingRowBuffer rows;
  std::vector<int> locations;  // of each select-list expression
};

// Which of a source SELECT's outputs are untyped literals ('5', NULL).
// PostgreSQL leaves them of type unknown and converts them to the target
// column's type with its input function (transformInsertRow), where an
// assignment cast from text would refuse most types. Only a plain SELECT's
// own select list counts (not a set operation's or VALUES').
std::vector<bool> UntypedLiteralOutputs(const ast::SelectStatement& select) {
  std::vector<bool> out;
  if (select.set_op != ast::SelectStatement::SetOp::kNone || !select.values_lists.empty()) {
    return out;
  }
  for (const ast::ResTarget& t : select.target_list) {
    bool literal = false;
    if (t.value != nullptr && t.value->kind == ast::ExprKind::kConstant) {
      const auto kind = static_cast<const ast::ConstantExpr&>(*t.value).const_kind;
      literal = kind == ast::ConstantExpr::Kind::kString || kind == ast::ConstantExpr::Kind::kNull;
    }
    out.push_back(literal);
  }
  return out;
}

SourceRows RunSource(CommandContext& ctx, const ast::SelectStatement& select) {
  SourceRows out;
  for (const ast::ResTarget& t : select.target_list) out.locations.push_back(t.value->location);
  if (ast::IsConstantSelect(select) && !SelectListCallsSetReturningFunction(select)) {
    Binder binder = ctx.MakeBinder();
    const BoundSelect bound = binder.BindSelect(select);
    if (ctx.analyze_only) {
      for (const OutputColumn& c : bound.columns) out.types.push_back(c.type);
    } else {
      SelectResult r = ExecuteSelect(bound, ctx.param_values);
      out.types = r.column_types;
      for (Row& row : r.rows) out.rows.Add(std::move(row));
    }
    if (!select.values_lists.empty()) {
      out.locations.assign(out.types.size(), select.values_lists[0].empty()
                                                 ? -1
                                                 : select.values_lists[0][0]->location);
      for (size_t i = 0; i < out.types.size() && i < select.values_lists[0].size(); ++i) {
        out.locations[i] = select.values_lists[0][i]->location;
      }
    }
    return out;
  }
  const QueryRowSink sink = [&out](Row&& row) { out.rows.Add(std::move(row)); };
  TableQueryResult r = RunTableQuery(ctx, select, &sink);
  for (const OutputTarget& t : r.targets) out.types.push_back(t.expr->type());
  out.locations.resize(out.types.size(), -1);
  return out;
}

// INSERT on the table or on each target column (insertedCols: those of the
// column list, or without one as many leading columns as the source
// gives; at least one column for DEFAULT VALUES); for ON CONFLICT DO
// UPDATE, UPDATE on each column it sets; SELECT on the columns the
// conflict target names and those RETURNING and DO UPDATE's SET and WHERE
// read (EXCLUDED.x included: it reads the target's column x), on one
// column at least for DO UPDATE. A column
// list naming an unknown column is left to the 42703 that follows.
void CheckInsertPrivileges(const CommandContext& ctx, const catalog::TableDesc& table,
                           const ast::InsertStatement& stmt) {
  std::vector<int16_t> inserted;
  if (!stmt.columns.empty()) {
    std::vector<std::string> names;
    for (const ast::TargetColumn& c : stmt.columns) names.push_back(c.name);
    inserted = NamedColumns(table, names);
    if (inserted.size() != names.size()) return;
  } else if (stmt.select || !stmt.values.empty()) {
    size_t width = SIZE_MAX;  // INSERT ... SELECT: every column
    if (!stmt.values.empty()) width = stmt.values[0].size();
    for (const catalog::ColumnDesc& c : table.columns) {
      if (!c.dropped && inserted.size() < width) inserted.push_back(c.attnum);
    }
  }
  CheckColumnsPrivilege(*ctx.catalog, table.oid, table.owner, 'r', table.name, catalog::kAclInsert,
                        inserted);
  std::vector<const ast::Expr*> reads;
  for (const ast::ResTarget& target : stmt.returning) reads.push_back(target.value.get());
  if (stmt.on_conflict == ast::InsertStatement::OnConflict::kUpdate) {
    std::vector<std::string> assigned;
    for (const auto& [column, expr] : stmt.conflict_set) {
      assigned.push_back(column.name);
      reads.push_back(expr.get());
    }
    reads.push_back(stmt.conflict_where.get());
    CheckColumnsPrivilege(*ctx.catalog, table.oid, table.owner, 'r', table.name,
                          catalog::kAclUpdate, NamedColumns(table, assigned));
  }
  std::vector<int16_t> read = ReferencedColumns(table, reads);
  std::vector<std::string> arbiters;
  for (const ast::TargetColumn& c : stmt.conflict_columns) {
    if (c.expr.empty()) {
      arbiters.push_back(c.name);
    } else {
      for (const std::string& name : PredicateColumns(c.expr)) {
        if (table.FindColumn(name) >= 0) arbiters.push_back(name);
      }
    }
  }
  std::vector<int16_t> arbiter_columns = NamedColumns(table, arbiters);
  // ON CONFLICT ON CONSTRAINT: the constraint's columns (an unknown name is
  // left to the 42704 that follows).
  if (!stmt.conflict_constraint.empty()) {
    if (!table.primary_key.empty() && table.primary_key_name == stmt.conflict_constraint) {
      arbiter_columns.assign(table.primary_key.begin(), table.primary_key.end());
    }
    for (const catalog::IndexDesc& ix : table.indexes) {
      if (ix.is_constraint && ix.name == stmt.conflict_constraint) {
        for (int16_t attnum : IndexAttnums(ix)) {
          if (attnum > 0) arbiter_columns.push_back(attnum);
        }
      }
    }
  }
  for (int16_t attnum : arbiter_columns) {
    if (std::find(read.begin(), read.end(), attnum) == read.end()) read.push_back(attnum);
  }
  // DO UPDATE reads the conflicting row: SELECT on at least one column
  // even when it names none.
  if (!read.empty() || stmt.on_conflict == ast::InsertStatement::OnConflict::kUpdate) {
    CheckColumnsPrivilege(*ctx.catalog, table.oid, table.owner, 'r', table.name,
                          catalog::kAclSelect, read);
  }
  NoteTargetReads(ctx, table);
}

}  // namespace

StatementOutput ExecuteInsert(CommandContext& ctx, const ast::InsertStatement& stmt) {
  std::optional<ScopedWithClause> with;  // WITH ... before the statement
  if (stmt.with) with.emplace(ctx, *stmt.with);
  // A view with an INSTEAD OF INSERT trigger: its rows go to the trigger
  // (view_dml.h).
  const std::optional<catalog::TableDesc> view =
      InsteadOfTarget(ctx, stmt.table, catalog::kTriggerTypeInsert);
  const std::unique_ptr<UpdatableView> via =
      view ? nullptr : UpdatableView::Resolve(ctx, stmt.table, catalog::kTriggerTypeInsert);
  const catalog::TableDesc& table = view  ? *view
                                    : via ? via->base()
                                          : LookupTable(ctx, stmt.table, "insert into");
  // Through `via` down to a view whose INSTEAD OF trigger takes the rows.
  const bool trigger_base = via != nullptr && IsViewTarget(ctx, table);
  if ((view || trigger_base) && stmt.on_conflict != ast::InsertStatement::OnConflict::kNone) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "ON CONFLICT on a view with INSTEAD OF triggers is not supported yet");
  }
  LockRelation(ctx, table.oid, table.name, txn::RelationLockMode::kRowExclusive);
  if (!ctx.analyze_only && via != nullptr) {
    std::vector<std::string> assigned;
    std::vector<const ast::Expr*> reads;
    for (const ast::ResTarget& target : stmt.returning) reads.push_back(target.value.get());
    // insertedCols: the listed view columns, or as many leading ones as a
    // VALUES row gives (every one for INSERT ... SELECT).
    std::vector<std::string> inserted;
    for (const ast::TargetColumn& c : stmt.columns) inserted.push_back(c.name);
    if (stmt.columns.empty() && (stmt.select || !stmt.values.empty())) {
      size_t width = stmt.values.empty() ? SIZE_MAX : stmt.values[0].size();
      for (size_t i = 0; i < via->column_count() && i < width; ++i) {
        inserted.push_back(via->view().columns[i].name);
      }
    }
    via->CheckPrivileges(catalog::kAclInsert, inserted, reads);
    if (stmt.on_conflict == ast::InsertStatement::OnConflict::kUpdate) {
      for (const auto& [column, expr] : stmt.conflict_set) {
        assigned.push_back(column.name);
        reads.push_back(expr.get());
      }
      // Below the view, EXCLUDED reads whole rows (PostgreSQL's rewritten
      // EXCLUDED pseudo-relation lists every view column).
      via->CheckPrivileges(catalog::kAclUpdate, assigned, reads, true);
    }
  } else if (!ctx.analyze_only) {
    CheckInsertPrivileges(ctx, table, stmt);
  }
  using OnConflict = ast::InsertStatement::OnConflict;
  if (stmt.on_conflict == OnConflict::kUpdate && stmt.conflict_columns.empty() &&
      stmt.conflict_constraint.empty()) {
    throw SqlError(SqlState::kSyntaxError,
                   "ON CONFLICT DO UPDATE requires inference specification or constraint name")
        .WithPosition(ctx.Position(stmt.on_conflict_location))
        .WithHint("For example, ON CONFLICT (column_name).");
  }
  if (via != nullptr && table.partition_key && stmt.on_conflict == OnConflict::kUpdate) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "ON CONFLICT DO UPDATE through a view on a partitioned table is not supported "
                   "yet");
  }
  if (table.partition_key && !stmt.conflict_constraint.empty()) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "ON CONFLICT ON CONSTRAINT on a partitioned table is not supported yet");
  }
  ConflictArbiters arbiters;
  if (stmt.on_conflict != OnConflict::kNone && via != nullptr) {
    // The conflict target names the view's columns: their base columns.
    ast::InsertStatement mapped;
    mapped.table = stmt.table;
    mapped.on_conflict = stmt.on_conflict;
    mapped.conflict_constraint = stmt.conflict_constraint;
    if (!stmt.conflict_index_where.empty()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "ON CONFLICT ... WHERE through a view is not supported yet");
    }
    for (const ast::TargetColumn& c : stmt.conflict_columns) {
      if (!c.expr.empty()) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "ON CONFLICT with an expression through a view is not supported yet");
      }
      mapped.conflict_columns.push_back(
          {table.columns[via->BaseSlot(c.name, c.location, "insert into")].name, c.location, ""});
    }
    arbiters = ResolveConflictArbiters(ctx, table, mapped);
  } else if (stmt.on_conflict != OnConflict::kNone) {
    arbiters = ResolveConflictArbiters(ctx, table, stmt);
  }
  TableWriter writer(ctx, table);
  Binder binder = ctx.MakeBinder();

  // Target slots.
  std::vector<size_t> slots;
  if (via != nullptr) {
    // The view's columns: every one in order (those beyond what the
    // source gives are left out below), or the listed ones; a view column
    // with a DEFAULT that is not listed is a target too.
    std::vector<size_t> view_columns;
    if (stmt.columns.empty()) {
      size_t width = via->column_count();
      if (!stmt.values.empty()) width = std::min(width, stmt.values[0].size());
      if (stmt.select && stmt.select->set_op == ast::SelectStatement::SetOp::kNone &&
          stmt.select->values_lists.empty()) {
        bool star = false;
        for (const ast::ResTarget& t : stmt.select->target_list) {
          star = star || (t.value != nullptr && t.value->kind == ast::ExprKind::kColumnRef &&
                          static_cast<const ast::ColumnRefExpr&>(*t.value).fields.back() == "*");
        }
        if (!star) width = std::min(width, stmt.select->target_list.size());
      }
      for (size_t i = 0; i < width; ++i) view_columns.push_back(i);
    }
    for (const ast::TargetColumn& c : stmt.columns) {
      size_t index = SIZE_MAX;
      for (size_t i = 0; i < via->column_count(); ++i) {
        if (via->view().columns[i].name == c.name) index = i;
      }
      if (index == SIZE_MAX) {
        throw binder.ErrorAt(SqlState::kUndefinedColumn,
                             "column \"" + c.name + "\" of relation \"" + via->view().name +
                                 "\" does not exist",
                             c.location);
      }
      if (std::find(view_columns.begin(), view_columns.end(), index) != view_columns.end()) {
        throw binder.ErrorAt(SqlState::kDuplicateColumn,
                             "column \"" + c.name + "\" specified more than once", c.location);
      }
      view_columns.push_back(index);
    }
    for (size_t i : view_columns) {
      const size_t slot = static_cast<size_t>(via->BaseSlotOf(i, "insert into"));
      if (std::find(slots.begin(), slots.end(), slot) != slots.end()) {
        throw SqlError(SqlState::kSyntaxError,
                       "multiple assignments to same column \"" + table.columns[slot].name + "\"");
      }
      slots.push_back(slot);
    }
    for (size_t i = 0; i < via->column_count(); ++i) {
      if (via->view().columns[i].default_expr.has_value() &&
          std::find(view_columns.begin(), view_columns.end(), i) == view_columns.end()) {
        via->BaseSlotOf(i, "insert into");  // 55000 when not updatable
      }
    }
  } else if (stmt.columns.empty()) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (!table.columns[i].dropped) slots.push_back(i);
    }
  } else {
    for (const ast::TargetColumn& c : stmt.columns) {
      const int slot = table.FindColumn(c.name);
      if (slot < 0) {
        throw binder.ErrorAt(SqlState::kUndefinedColumn,
                             "column \"" + c.name + "\" of relation \"" + table.name +
                                 "\" does not exist",
                             c.location);
      }
      for (size_t s : slots) {
        if (s == static_cast<size_t>(slot)) {
          throw binder.ErrorAt(SqlState::kDuplicateColumn,
                               "column \"" + c.name + "\" specified more than once", c.location);
        }
      }
      slots.push_back(static_cast<size_t>(slot));
    }
  }

  // The columns inserted (insertedCols): without a column list, as many as
  // a VALUES row gives.
  {
    std::vector<int16_t> inserted;
    const size_t width = stmt.columns.empty() && !stmt.values.empty() ? stmt.values[0].size()
                                                                      : slots.size();
    for (size_t i = 0; i < slots.size() && i < width; ++i) {
      inserted.push_back(table.columns[slots[i]].attnum);
    }
    writer.SetModifiedColumns(std::move(inserted));
  }

  // Source rows as bound per-slot expressions (null = DEFAULT) or values.
  std::vector<std::vector<BoundExprPtr>> value_rows;
  auto check_width = [&](size_t n, int first_extra_location) {
    if (n > slots.size()) {
      throw binder.ErrorAt(SqlState::kSyntaxError, "INSERT has more expressions than target columns",
                           first_extra_location);
    }
    if (n < slots.size() && !stmt.columns.empty()) {
      throw binder.ErrorAt(SqlState::kSyntaxError, "INSERT has more target columns than expressions",
                           stmt.columns[n].location);
    }
  };
  for (const auto& items : stmt.values) {
    if (items.size() != stmt.values[0].size()) {
      throw binder.ErrorAt(SqlState::kSyntaxError, "VALUES lists must all be the same length",
                           items.empty() || items[0] == nullptr ? -1 : items[0]->location);
    }
  }
  // Identity columns (rewriteTargetListIU): a GENERATED ALWAYS one takes a
  // value of the statement's own only with OVERRIDING SYSTEM VALUE;
  // OVERRIDING USER VALUE replaces the values given to any identity column
  // by DEFAULT.
  std::vector<bool> use_default(slots.size(), false);
  for (size_t i = 0; i < slots.size(); ++i) {
    const catalog::ColumnDesc& column = table.columns[slots[i]];
    if (column.identity == 0 && column.generated == 0) continue;
    bool given = stmt.select != nullptr && i < slots.size();
    for (const auto& items : stmt.values) given = given || (i < items.size() && items[i] != nullptr);
    if (!given) continue;
    if (column.generated != 0) ThrowGeneratedAlways(column, false);
    if (stmt.overriding == 'u') {
      use_default[i] = true;
    } else if (column.identity == 'a' && stmt.overriding != 's') {
      ThrowGeneratedAlways(column, false);
    }
  }
  for (const auto& items : stmt.values) {
    int extra = -1;
    if (items.size() > slots.size() && items[slots.size()] != nullptr) {
      extra = items[slots.size()]->location;
    }
    check_width(items.size(), extra);
    std::vector<BoundExprPtr> row;
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i] == nullptr || use_default[i]) {
        row.emplace_back(nullptr);
        continue;
      }
      row.push_back(CoerceToColumn(binder, binder.BindExpr(*items[i]), table.columns[slots[i]]));
    }
    value_rows.push_back(std::move(row));
  }
  SpillingRowBuffer source_rows;
  std::vector<BoundExprPtr> source_coercions;
  if (stmt.select && ctx.params != nullptr &&
      ctx.params->mode() == ParameterTypes::Mode::kVariable) {
    // A bare $n in the source's select list takes its target column's type,
    // as PostgreSQL's transformInsertStmt copies unknown-type Params up to
    // the INSERT's own target list ("insert into t select $1, $2").
    const auto& targets = stmt.select->target_list;
    for (size_t i = 0; i < targets.size() && i < slots.size(); ++i) {
      if (targets[i].value->kind != ast::ExprKind::kParamRef) continue;
      BoundExprPtr param = binder.BindExpr(*targets[i].value);
      if (param->type().oid == type_oid::kUnknown) {
        (void)CoerceToColumn(binder, std::move(param), table.columns[slots[i]]);
      }
    }
  }
  if (stmt.select) {
    SourceRows source = RunSource(ctx, *stmt.select);
    check_width(source.types.size(),
                source.types.size() > slots.size() ? source.locations[slots.size()] : -1);
    const std::vector<bool> literal = UntypedLiteralOutputs(*stmt.select);
    for (size_t i = 0; i < source.types.size(); ++i) {
      const catalog::ColumnDesc& column = table.columns[slots[i]];
      BoundExprPtr input = std::make_unique<BoundColumnRef>(static_cast<int>(i), source.types[i],
                                                            source.locations[i]);
      // The select resolved an untyped literal to text: convert it as the
      // literal it was (string types take the text as it is).
      if (i < literal.size() && literal[i] && source.types[i].oid == type_oid::kText &&
          column.type != type_oid::kText && column.type != type_oid::kVarchar &&
          column.type != type_oid::kBpchar && IsCastImplemented(type_oid::kText, column.type,
                                                                CastMethod::kInOut)) {
        input = std::make_unique<BoundCast>(std::move(input), CastMethod::kInOut,
                                            DataType{column.type, -1}, source.locations[i]);
      }
      source_coercions.push_back(CoerceToColumn(binder, std::move(input), column));
    }
    source_rows = std::move(source.rows);
  }
  const bool default_values = stmt.values.empty() && !stmt.select;

  // ON CONFLICT DO UPDATE: SET and WHERE see the existing row (slots 0..n-1)
  // and EXCLUDED, the proposed row (slots n..2n-1).
  // Through a view both are extended rows (via->width() wide).
  BindScope conflict_scope =
      via != nullptr ? via->Scope(stmt.table.alias) : TableScope(ctx, table, stmt.table.alias);
  const size_t conflict_width = via != nullptr ? via->width() : table.columns.size();
  std::vector<std::pair<size_t, BoundExprPtr>> conflict_set;  // null = DEFAULT
  BoundExprPtr conflict_where;
  if (stmt.on_conflict == OnConflict::kUpdate) {
    ScopeRelation excluded = conflict_scope.relations[0];
    excluded.alias = "excluded";
    excluded.table_name = "excluded";
    excluded.schema.clear();
    for (ScopeColumn& c : excluded.columns) c.slot += static_cast<int>(conflict_width);
    conflict_scope.relations.push_back(std::move(excluded));
    Binder conflict_binder = ctx.MakeBinder();
    conflict_binder.SetScope(&conflict_scope);
    for (const auto& [column, expr] : stmt.conflict_set) {
      const int slot =
          via != nullptr
              ? static_cast<int>(via->BaseSlot(column.name, column.location, "insert into"))
              : table.FindColumn(column.name);
      if (slot < 0) {
        throw conflict_binder.ErrorAt(SqlState::kUndefinedColumn,
                                      "column \"" + column.name + "\" of relation \"" +
                                          table.name + "\" does not exist",
                                      column.location);
      }
      for (const auto& a : conflict_set) {
        if (a.first == static_cast<size_t>(slot)) {
          throw conflict_binder.ErrorAt(SqlState::kSyntaxError,
                                        "multiple assignments to same column \"" + column.name + "\"",
                                        column.location);
        }
      }
      BoundExprPtr bound;
      if (expr != nullptr) {
        const catalog::ColumnDesc& target = table.columns[static_cast<size_t>(slot)];
        if (target.identity == 'a' || target.generated != 0) ThrowGeneratedAlways(target, true);
        bound = CoerceToColumn(conflict_binder, conflict_binder.BindExpr(*expr), target);
      }
      conflict_set.emplace_back(static_cast<size_t>(slot), std::move(bound));
    }
    if (stmt.conflict_where) {
      conflict_where = conflict_binder.CoerceToBoolean(
          conflict_binder.BindExpr(*stmt.conflict_where), "WHERE");
    }
  }
  std::set<std::string> touched;  // keys this statement inserted or updated

  // RETURNING (through a view: over the extended row).
  const BindScope scope =
      via != nullptr ? via->Scope(stmt.table.alias) : TableScope(ctx, table, stmt.table.alias);
  Binder returning_binder = ctx.MakeBinder();
  returning_binder.SetScope(&scope);
  std::vector<OutputTarget> returning = BindTargetList(returning_binder, scope, stmt.returning);
  StatementOutput result;
  if (!stmt.returning.empty()) SetResultColumns(returning, &result);
  if (ctx.analyze_only) return result;

  // Triggers: INSERT's, and UPDATE's too for ON CONFLICT DO UPDATE (whose
  // statement triggers fire around the INSERT's, as PostgreSQL's do).
  TableTriggers insert_triggers(ctx, table, catalog::kTriggerTypeInsert);
  std::optional<TableTriggers> update_triggers;
  if (stmt.on_conflict == OnConflict::kUpdate) {
    std::vector<int16_t> assigned;
    for (const auto& a : conflict_set) assigned.push_back(table.columns[a.first].attnum);
    update_triggers.emplace(ctx, table, catalog::kTriggerTypeUpdate, std::move(assigned));
  }
  const bool fire = StatementRunsRows(ctx, &stmt);
  if (fire) {
    insert_triggers.BeforeStatement();
    if (update_triggers) update_triggers->BeforeStatement();
  }

  EvalContext eval = ctx.MakeEval();
  uint64_t inserted = 0;
  // A partitioned table's rows go to its partitions (partition_routing.h).
  std::optional<PartitionedInsert> partitioned;
  if (table.partition_key) partitioned.emplace(ctx, table);
  // Writes one new row (or, with ON CONFLICT, updates the conflicting
  // one); false when the row is skipped (DO NOTHING, or DO UPDATE's WHERE).
  // ON CONFLICT on a partitioned table: the row's partition's own
  // arbiters (its copies of the table's unique indexes); SET and WHERE see
  // the rows in the table's layout.
  std::map<Oid, ConflictArbiters> leaf_arbiters;
  auto write_partitioned_conflict = [&](Row& row) -> bool {
    Row leaf_row;
    const PartitionedInsert::Target target = partitioned->Route(row, &leaf_row);
    const catalog::TableDesc& leaf = *target.table;
    auto found = leaf_arbiters.find(leaf.oid);
    if (found == leaf_arbiters.end()) {
      found = leaf_arbiters.emplace(leaf.oid, ResolveConflictArbiters(ctx, leaf, stmt)).first;
    }
    if (!target.triggers->BeforeRow(nullptr, &leaf_row)) return false;
    target.writer->CheckConstraints(leaf_row);
    auto conflict = FindConflict(ctx, target.writer->codec(), found->second, leaf_row);
    if (!conflict.has_value()) {
      const std::string inserted = target.writer->Insert(leaf_row);
      target.triggers->AfterRow(nullptr, &leaf_row);
      row = MapRowByName(leaf, table, leaf_row);
      touched.insert(std::to_string(leaf.oid) + ":" + inserted);
      insert_triggers.AfterRow(nullptr, &row);
      return true;
    }
    if (stmt.on_conflict == OnConflict::kNothing) return false;
    const std::string& key = conflict->first;
    if (!touched.insert(std::to_string(leaf.oid) + ":" + key).second) {
      throw SqlError(SqlState::kCardinalityViolation,
                     "ON CONFLICT DO UPDATE command cannot affect row a second time")
          .WithHint("Ensure that no rows proposed for insertion within the same command "
                    "have duplicate constrained values.");
    }
    const Row before_leaf = target.writer->codec().DecodeValue(conflict->second);
    Row before = MapRowByName(leaf, table, before_leaf);
    Row combined = before;
    const Row excluded = MapRowByName(leaf, table, leaf_row);
    combined.insert(combined.end(), excluded.begin(), excluded.end());
    EvalContext conflict_eval = ctx.MakeEval();
    if (conflict_where && !EvaluatePredicate(*conflict_where, combined, conflict_eval)) {
      return false;
    }
    conflict_eval.SetRow(&combined);
    Row updated = before;
    for (const auto& [slot, expr] : conflict_set) {
      updated[slot] = expr != nullptr ? expr->Evaluate(conflict_eval) : writer.EvaluateDefault(slot);
    }
    if (!update_triggers->BeforeRow(&before, &updated)) return false;
    Row updated_leaf = MapRowByName(table, leaf, updated);
    if (!target.writer->MeetsPartitionConstraint(updated_leaf)) {
      throw SqlError(SqlState::kFeatureNotSupported, "invalid ON UPDATE specification")
          .WithDetail("The result tuple would appear in a different partition than the original "
                      "tuple.");
    }
    target.writer->CheckConstraints(updated_leaf);
    // A table without a primary key moves the row to a new key: a later
    // row conflicting with it again must find it touched.
    touched.insert(std::to_string(leaf.oid) + ":" +
                   target.writer->Update(key, updated_leaf, &before_leaf));
    update_triggers->AfterRow(&before, &updated);
    row = std::move(updated);
    return true;
  };
  auto write_row = [&](Row& row) -> bool {
    if (partitioned && stmt.on_conflict != OnConflict::kNone) return write_partitioned_conflict(row);
    if (partitioned) {
      if (!partitioned->Insert(&row)) return false;
      insert_triggers.AfterRow(nullptr, &row);
      return true;
    }
    writer.CheckConstraints(row);
    if (stmt.on_conflict != OnConflict::kNone && !arbiters.empty()) {
      auto conflict = FindConflict(ctx, writer.codec(), arbiters, row);
      if (conflict.has_value()) {
        const std::string& key = conflict->first;
        if (stmt.on_conflict == OnConflict::kNothing) return false;
        if (touched.count(key) != 0) {
          throw SqlError(SqlState::kCardinalityViolation,
                         "ON CONFLICT DO UPDATE command cannot affect row a second time")
              .WithHint("Ensure that no rows proposed for insertion within the same command "
                        "have duplicate constrained values.");
        }
        Row combined = writer.codec().DecodeValue(conflict->second);
        Row updated = combined;
        if (via != nullptr) {
          combined = via->Extend(combined);
          const Row proposed = via->Extend(row);
          combined.insert(combined.end(), proposed.begin(), proposed.end());
        } else {
          combined.insert(combined.end(), row.begin(), row.end());
        }
        EvalContext conflict_eval = ctx.MakeEval();
        if (conflict_where && !EvaluatePredicate(*conflict_where, combined, conflict_eval)) {
          return false;
        }
        conflict_eval.SetRow(&combined);
        for (const auto& [slot, expr] : conflict_set) {
          updated[slot] = expr != nullptr ? expr->Evaluate(conflict_eval) : writer.EvaluateDefault(slot);
        }
        Row before = writer.codec().DecodeValue(conflict->second);
        if (!update_triggers->BeforeRow(&before, &updated)) return false;
        writer.CheckConstraints(updated);
        const std::string new_key = writer.Update(key, updated, &before);
        update_triggers->AfterRow(&before, &updated);
        touched.insert(new_key);
        row = std::move(updated);
      } else {
        touched.insert(writer.Insert(row));
        insert_triggers.AfterRow(nullptr, &row);
      }
    } else {
      writer.Insert(row);
      insert_triggers.AfterRow(nullptr, &row);
    }
    return true;
  };
  auto insert_row = [&](const std::vector<std::optional<Value>>& given) {
    Row row(table.columns.size());
    std::vector<bool> set(table.columns.size(), false);
    for (size_t i = 0; i < given.size(); ++i) {
      if (given[i].has_value()) {
        row[slots[i]] = *given[i];
        set[slots[i]] = true;
      }
    }
    for (size_t s = 0; s < row.size(); ++s) {
      if (set[s]) continue;
      if (const BoundExpr* view_default = via != nullptr ? via->ViewDefault(s) : nullptr) {
        EvalContext default_eval = ctx.MakeEval();
        row[s] = view_default->Evaluate(default_eval);
        continue;
      }
      row[s] = table.columns[s].dropped ? Value::Null(table.columns[s].type)
                                        : writer.EvaluateDefault(s);
    }
    if (!insert_triggers.BeforeRow(nullptr, &row)) return;
    // On a view the INSTEAD OF trigger did the insert: nothing is written.
    if (!view && !trigger_base && !write_row(row)) return;
    if (via != nullptr) via->CheckOptions(row);
    ++inserted;
    if (!stmt.returning.empty()) {
      const Row extended = via != nullptr ? via->Extend(row) : Row();
      eval.SetRow(via != nullptr ? &extended : &row);
      Row out;
      for (const OutputTarget& t : returning) out.push_back(t.expr->Evaluate(eval));
      AppendResultRow(out, &result);
    }
  };

  std::vector<std::optional<Value>> given;
  for (const auto& exprs : value_rows) {
    given.assign(exprs.size(), std::nullopt);
    eval.SetRow(nullptr);
    for (size_t i = 0; i < exprs.size(); ++i) {
      if (exprs[i] != nullptr) given[i] = exprs[i]->Evaluate(eval);
    }
    insert_row(given);
  }
  Row src;
  while (source_rows.Next(&src)) {
    given.assign(source_coercions.size(), std::nullopt);
    eval.SetRow(&src);
    for (size_t i = 0; i < source_coercions.size(); ++i) {
      if (i < use_default.size() && use_default[i]) continue;  // OVERRIDING USER VALUE
      given[i] = source_coercions[i]->Evaluate(eval);
    }
    insert_row(given);
  }
  if (default_values) insert_row({});
  writer.FireForeignKeys();
  if (partitioned) partitioned->Finish();
  if (update_triggers) update_triggers->FireQueuedRows();
  insert_triggers.FireQueuedRows();
  if (fire) {
    if (update_triggers) update_triggers->AfterStatement();
    insert_triggers.AfterStatement();
  }
  result.command_tag = "INSERT 0 " + std::to_string(inserted);
  return result;
}

}  // namespace strata::sql
