// MERGE (PostgreSQL 15): joins the source to the target and, for each source
// row, acts on each target row it matches with the first WHEN MATCHED clause
// whose condition holds (UPDATE, DELETE or DO NOTHING), or, when it matches
// none, with the first WHEN NOT MATCHED clause whose condition holds (INSERT
// or DO NOTHING).
//
// Rows: the source is planned as a FROM item (plan_from.h) and materialized
// first; the target's rows (every table of its inheritance tree, each
// mapped to the named table's layout) are read once from the statement's
// snapshot, so rows the statement inserts are never matched, as in
// PostgreSQL. Matched-clause expressions see [source row, target row] (the
// target's slots after the source's width); not-matched ones only the
// source row. Source rows are taken in the order the source plan gives
// them, and each one's matches in the target's scan order (PostgreSQL's
// order follows its join plan, which is not ours). ON's equalities between
// source and target columns (hash_join_keys.h) index the target rows by
// key, so a source row is tested against its candidates only.
//
// A target row acted on (updated or deleted) by one source row and matched
// again by another is PostgreSQL's 21000 "MERGE command cannot affect row a
// second time"; a second match that only does nothing is no error. Writes go
// through TableWriter (constraints, index entries, row locks, foreign keys)
// and TableTriggers exactly as UPDATE, DELETE and INSERT do: statement
// triggers of each action type the statement names fire (BEFORE in the
// order INSERT, UPDATE, DELETE; AFTER in the reverse order), and AFTER ROW
// events of all three fire in the order their rows were written.
//
// Parse-analysis errors come first, in PostgreSQL's order: an unreachable
// WHEN clause, the target's kind, the target's name used by the source, then
// references (a NOT MATCHED clause, and the source itself, cannot see the
// target: 42P01 "invalid reference to FROM-clause entry").
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "sql/ast/merge_statement.h"
#include "sql/commands/column_privileges.h"
#include "sql/commands/cte_scope.h"
#include "sql/commands/expr_walk.h"
#include "sql/commands/identity_columns.h"
#include "sql/commands/partition_routing.h"
#include "sql/commands/plan_from.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_inheritance.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/table_triggers.h"
#include "sql/executor/hash_join_keys.h"
#include "sql/executor/plan_node.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

namespace {

using Action = ast::MergeWhenClause::Action;

// PostgreSQL's names of the system columns a WHEN condition may not use
// (tableoid it allows).
bool IsSystemColumnName(const std::string& name) {
  return name == "ctid" || name == "xmin" || name == "xmax" || name == "cmin" ||
         name == "cmax";
}

// The target is not visible where PostgreSQL hides it (the source, NOT
// MATCHED clauses): our binder, not finding it in scope, reports it as
// missing; PostgreSQL reports an entry that exists but cannot be referenced
// there. Rewrites the binder's error into PostgreSQL's.
[[noreturn]] void RethrowHiddenTarget(const SqlError& e, const std::string& alias,
                                      const catalog::TableDesc& table) {
  SqlErrorFields f = e.fields();
  if (f.sqlstate == SqlState::kUndefinedTable &&
      f.message == "missing FROM-clause entry for table \"" + alias + "\"") {
    f.message = "invalid reference to FROM-clause entry for table \"" + alias + "\"";
    f.hint = "There is an entry for table \"" + alias +
             "\", but it cannot be referenced from this part of the query.";
    throw SqlError(std::move(f));
  }
  const std::string prefix = "column \"";
  const std::string suffix = "\" does not exist";
  if (f.sqlstate == SqlState::kUndefinedColumn && f.message.rfind(prefix, 0) == 0 &&
      f.message.size() > prefix.size() + suffix.size() && f.hint.empty()) {
    const std::string name =
        f.message.substr(prefix.size(), f.message.size() - prefix.size() - suffix.size());
    if (f.message.compare(f.message.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        table.FindColumn(name) >= 0) {
      f.hint = "There is a column named \"" + name + "\" in table \"" + alias +
               "\", but it cannot be referenced from this part of the query.";
      throw SqlError(std::move(f));
    }
  }
  throw e;
}

// One WHEN clause, bound.
struct BoundAction {
  Action action = Action::kNothing;
  BoundExprPtr condition;  // null: unconditional
  // kUpdate: (slot of the named table, expression over the joined row;
  // null = DEFAULT).
  std::vector<std::pair<size_t, BoundExprPtr>> assignments;
  // kInsert: per target slot in `slots`, an expression over the source row
  // (null = DEFAULT).
  std::vector<size_t> slots;
  std::vector<BoundExprPtr> values;
};

// One row of the target, read before any is written.
struct TargetRow {
  size_t member;    // index into the statement's tables
  std::string key;  // in that table's tree
  Row row;          // in the named table's layout
  Row member_row;   // in the member's own layout (== row for the named table)
};

// What each table of the target's inheritance tree writes with: created
// when the statement first acts on one of its rows.
struct MemberState {
  std::unique_ptr<TableWriter> writer;
  std::unique_ptr<TableTriggers> own_update, own_delete;  // members other than the named table
  TableTriggers* update = nullptr;
  TableTriggers* delete_ = nullptr;
};

// The privileges MERGE needs on its target (PostgreSQL's requiredPerms of
// the target RTE): INSERT on the columns inserted, UPDATE on those assigned,
// DELETE on the table, for each action the statement has; SELECT on the
// target's columns it reads (ON, WHEN conditions, SET), or, reading none,
// on one column at least, as the join always reads the target's rows.
void CheckMergePrivileges(const CommandContext& ctx, const catalog::TableDesc& table,
                          const ast::MergeStatement& stmt) {
  if (ctx.analyze_only) return;
  std::vector<const ast::Expr*> reads = {stmt.join_condition.get()};
  bool insert = false, update = false, del = false;
  std::vector<int16_t> inserted, assigned;
  for (const ast::MergeWhenClause& w : stmt.when) {
    if (w.matched) reads.push_back(w.condition.get());
    if (w.action == Action::kInsert) {
      insert = true;
      std::vector<std::string> names;
      for (const ast::TargetColumn& c : w.columns) names.push_back(c.name);
      std::vector<int16_t> cols = NamedColumns(table, names);
      if (w.columns.empty() && !w.default_values) {
        for (const catalog::ColumnDesc& c : table.columns) {
          if (!c.dropped && cols.size() < w.values.size()) cols.push_back(c.attnum);
        }
      }
      inserted.insert(inserted.end(), cols.begin(), cols.end());
    } else if (w.action == Action::kUpdate) {
      update = true;
      std::vector<std::string> names;
      for (const auto& [column, expr] : w.set) {
        names.push_back(column.name);
        reads.push_back(expr.get());
      }
      std::vector<int16_t> cols = NamedColumns(table, names);
      assigned.insert(assigned.end(), cols.begin(), cols.end());
    } else if (w.action == Action::kDelete) {
      del = true;
    }
  }
  const auto check = [&](uint32_t privilege, const std::vector<int16_t>& attnums) {
    CheckColumnsPrivilege(*ctx.catalog, table.oid, table.owner, 'r', table.name, privilege,
                          attnums);
  };
  if (insert) check(catalog::kAclInsert, inserted);
  if (update) check(catalog::kAclUpdate, assigned);
  if (del) check(catalog::kAclDelete, {});
  check(catalog::kAclSelect, ReferencedColumns(table, reads));
  NoteTargetReads(ctx, table);
}

// 42P10 for a system column in a WHEN condition (PostgreSQL's
// transformMergeStmt refuses them; we have none to offer anyway).
void CheckNoSystemColumns(const CommandContext& ctx, const ast::Expr& condition,
                          const BindScope& scope) {
  ForEachExprNode(condition, [&](const ast::Expr& e) {
    if (e.kind != ast::ExprKind::kColumnRef) return;
    const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
    if (ref.fields.empty() || !IsSystemColumnName(ref.fields.back())) return;
    for (const ScopeRelation& rel : scope.relations) {
      for (const ScopeColumn& c : rel.columns) {
        if (c.name == ref.fields.back()) return;  // a real column of that name
      }
    }
    throw SqlError(SqlState::kInvalidColumnReference,
                   "cannot use system column \"" + ref.fields.back() +
                       "\" in MERGE WHEN condition")
        .WithPosition(ctx.Position(ref.location));
  });
}

}  // namespace

StatementOutput ExecuteMerge(CommandContext& ctx, const ast::MergeStatement& stmt) {
  // An unconditional clause makes the later ones of its kind unreachable.
  bool terminal[2] = {false, false};
  for (const ast::MergeWhenClause& w : stmt.when) {
    bool& t = terminal[w.matched ? 0 : 1];
    if (t) {
      throw SqlError(SqlState::kSyntaxError,
                     "unreachable WHEN clause specified after unconditional WHEN clause");
    }
    if (w.condition == nullptr) t = true;
  }
  std::optional<ScopedWithClause> with;  // WITH ... before the statement
  if (stmt.with) with.emplace(ctx, *stmt.with);

  if (FindTable(ctx, stmt.table) == nullptr && FindView(ctx, stmt.table) != nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "cannot execute MERGE on relation \"" + stmt.table.name + "\"")
        .WithDetail("This operation is not supported for views.");
  }
  const catalog::TableDesc& table = LookupTable(ctx, stmt.table, "merge into");
  const std::string alias = stmt.table.alias.empty() ? stmt.table.name : stmt.table.alias;
  LockRelation(ctx, table.oid, table.name, txn::RelationLockMode::kRowExclusive);
  CheckMergePrivileges(ctx, table, stmt);

  // The source, and the scopes: not-matched clauses see the source only,
  // matched ones the source and then the target.
  Binder binder = ctx.MakeBinder();
  std::unique_ptr<FromPlan> source;
  try {
    source = std::make_unique<FromPlan>(PlanFrom(ctx, binder, stmt.source));
  } catch (const SqlError& e) {
    RethrowHiddenTarget(e, alias, table);
  }
  const size_t width = source->width;
  for (const ScopeRelation& rel : source->scope.relations) {
    if (!rel.alias.empty() && rel.alias == alias) {
      throw SqlError(SqlState::kDuplicateAlias, "name \"" + alias + "\" specified more than once")
          .WithDetail("The name is used both as MERGE target table and data source.");
    }
  }
  const BindScope& source_scope = source->scope;
  BindScope joined_scope = source_scope;
  {
    BindScope target_scope = TableScope(ctx, table, stmt.table.alias);
    for (ScopeColumn& c : target_scope.relations[0].columns) c.slot += static_cast<int>(width);
    joined_scope.relations.push_back(std::move(target_scope.relations[0]));
  }
  Binder source_binder = ctx.MakeBinder();
  source_binder.SetScope(&source_scope);
  Binder joined_binder = ctx.MakeBinder();
  joined_binder.SetScope(&joined_scope);

  BoundExprPtr on =
      joined_binder.CoerceToBoolean(joined_binder.BindExpr(*stmt.join_condition), "JOIN/ON");

  TableWriter writer(ctx, table);  // the named table's: defaults, inserts
  std::vector<BoundAction> actions;
  std::vector<int16_t> update_columns;  // every column some UPDATE assigns
  std::vector<int16_t> insert_columns;
  bool has_insert = false, has_update = false, has_delete = false;
  for (const ast::MergeWhenClause& w : stmt.when) {
    Binder& b = w.matched ? joined_binder : source_binder;
    BoundAction a;
    a.action = w.action;
    try {
      if (w.condition) {
        CheckNoSystemColumns(ctx, *w.condition, w.matched ? joined_scope : source_scope);
        a.condition = b.CoerceToBoolean(b.BindExpr(*w.condition), "WHEN");
      }
      if (w.action == Action::kUpdate) {
        has_update = true;
        for (const auto& [column, expr] : w.set) {
          const int slot = table.FindColumn(column.name);
          if (slot < 0) {
            throw b.ErrorAt(SqlState::kUndefinedColumn,
                            "column \"" + column.name + "\" of relation \"" + table.name +
                                "\" does not exist",
                            column.location);
          }
          for (const auto& assigned : a.assignments) {
            if (assigned.first == static_cast<size_t>(slot)) {
              // Raised by PostgreSQL's rewriter: no position.
              throw SqlError(SqlState::kSyntaxError,
                             "multiple assignments to same column \"" + column.name + "\"");
            }
          }
          const catalog::ColumnDesc& target = table.columns[static_cast<size_t>(slot)];
          BoundExprPtr bound;
          if (expr != nullptr) {
            if (target.identity == 'a' || target.generated != 0) ThrowGeneratedAlways(target, true);
            bound = CoerceToColumn(b, b.BindExpr(*expr), target);
          }
          a.assignments.emplace_back(static_cast<size_t>(slot), std::move(bound));
          if (std::find(update_columns.begin(), update_columns.end(), target.attnum) ==
              update_columns.end()) {
            update_columns.push_back(target.attnum);
          }
        }
      } else if (w.action == Action::kDelete) {
        has_delete = true;
      } else if (w.action == Action::kInsert) {
        has_insert = true;
        if (w.columns.empty()) {
          for (size_t i = 0; i < table.columns.size(); ++i) {
            if (!table.columns[i].dropped) a.slots.push_back(i);
          }
        } else {
          for (const ast::TargetColumn& c : w.columns) {
            const int slot = table.FindColumn(c.name);
            if (slot < 0) {
              throw b.ErrorAt(SqlState::kUndefinedColumn,
                              "column \"" + c.name + "\" of relation \"" + table.name +
                                  "\" does not exist",
                              c.location);
            }
            if (std::find(a.slots.begin(), a.slots.end(), static_cast<size_t>(slot)) !=
                a.slots.end()) {
              throw b.ErrorAt(SqlState::kDuplicateColumn,
                              "column \"" + c.name + "\" specified more than once", c.location);
            }
            a.slots.push_back(static_cast<size_t>(slot));
          }
        }
        if (w.default_values) {
          a.slots.clear();
        } else {
          if (w.values.size() > a.slots.size()) {
            throw b.ErrorAt(SqlState::kSyntaxError,
                            "INSERT has more expressions than target columns",
                            w.values[a.slots.size()] ? w.values[a.slots.size()]->location : -1);
          }
          if (w.values.size() < a.slots.size() && !w.columns.empty()) {
            throw b.ErrorAt(SqlState::kSyntaxError,
                            "INSERT has more target columns than expressions",
                            w.columns[w.values.size()].location);
          }
          a.slots.resize(w.values.size());
        }
        for (size_t i = 0; i < a.slots.size(); ++i) {
          const catalog::ColumnDesc& column = table.columns[a.slots[i]];
          if (std::find(insert_columns.begin(), insert_columns.end(), column.attnum) ==
              insert_columns.end()) {
            insert_columns.push_back(column.attnum);
          }
          if (w.values[i] == nullptr) {
            a.values.emplace_back(nullptr);
            continue;
          }
          // Identity and generated columns, as INSERT's rewriteTargetListIU.
          if (column.generated != 0) ThrowGeneratedAlways(column, false);
          if (column.identity != 0 && w.overriding == 'u') {
            a.values.emplace_back(nullptr);
            continue;
          }
          if (column.identity == 'a' && w.overriding != 's') ThrowGeneratedAlways(column, false);
          a.values.push_back(CoerceToColumn(b, b.BindExpr(*w.values[i]), column));
        }
      }
    } catch (const SqlError& e) {
      if (w.matched) throw;
      RethrowHiddenTarget(e, alias, table);
    }
    actions.push_back(std::move(a));
  }
  StatementOutput result;
  if (ctx.analyze_only) return result;

  // The source's rows, then the target's.
  std::vector<Row> source_rows;
  {
    source->plan->Init();
    Row row;
    while (source->plan->Next(&row)) {
      row.resize(width);
      source_rows.push_back(std::move(row));
      row = Row();
    }
    source->plan->Close();
  }
  const std::vector<const catalog::TableDesc*> members =
      InheritanceSet(ctx, table, stmt.table.inh);
  std::vector<TargetRow> targets;
  for (size_t m = 0; m < members.size(); ++m) {
    if (members[m]->partition_key) continue;  // a partitioned table has no rows of its own
    TableCodec codec(*members[m]);
    SeqScan scan(ctx.txn, &codec);
    scan.Init();
    Row row;
    while (scan.Next(&row)) {
      TargetRow t;
      t.member = m;
      t.key = scan.current_key();
      t.row = members[m] == &table ? row : MapRowByName(*members[m], table, row);
      t.member_row = std::move(row);
      targets.push_back(std::move(t));
      row = Row();
    }
    scan.Close();
  }

  // Triggers: the statement's are the named table's, row triggers each
  // member's (capturing into the named table's transition tables).
  TableTriggers insert_triggers(ctx, table, catalog::kTriggerTypeInsert);
  TableTriggers update_triggers(ctx, table, catalog::kTriggerTypeUpdate, update_columns);
  TableTriggers delete_triggers(ctx, table, catalog::kTriggerTypeDelete);
  const bool fire = StatementRunsRows(ctx, &stmt);
  if (fire) {
    if (has_insert) insert_triggers.BeforeStatement();
    if (has_update) update_triggers.BeforeStatement();
    if (has_delete) delete_triggers.BeforeStatement();
  }
  {
    std::vector<int16_t> modified = update_columns;
    modified.insert(modified.end(), insert_columns.begin(), insert_columns.end());
    writer.SetModifiedColumns(std::move(modified));
  }
  std::vector<MemberState> state(members.size());
  auto member_state = [&](size_t m) -> MemberState& {
    MemberState& s = state[m];
    if (s.update != nullptr) return s;
    const catalog::TableDesc& member = *members[m];
    if (&member == &table) {
      s.update = &update_triggers;
      s.delete_ = &delete_triggers;
    } else {
      s.writer = std::make_unique<TableWriter>(ctx, member);
      s.writer->SetModifiedColumns(update_columns);
      s.own_update = std::make_unique<TableTriggers>(ctx, member, catalog::kTriggerTypeUpdate,
                                                     update_columns);
      s.own_update->CaptureInto(&update_triggers);
      s.own_delete = std::make_unique<TableTriggers>(ctx, member, catalog::kTriggerTypeDelete);
      s.own_delete->CaptureInto(&delete_triggers);
      s.update = s.own_update.get();
      s.delete_ = s.own_delete.get();
    }
    return s;
  };
  auto member_writer = [&](size_t m) -> TableWriter& {
    MemberState& s = member_state(m);
    return s.writer ? *s.writer : writer;
  };
  // AFTER ROW events in the order their rows were written: (object, index
  // in its queue).
  std::vector<std::pair<TableTriggers*, size_t>> after_rows;
  auto after_row = [&](TableTriggers& triggers, const Row* old_row, const Row* new_row) {
    const size_t before = triggers.queued_rows();
    triggers.AfterRow(old_row, new_row);
    if (triggers.queued_rows() > before) after_rows.emplace_back(&triggers, before);
  };
  std::optional<PartitionedInsert> partitioned;  // inserts into a partitioned table
  std::optional<PartitionedInsert> moved;        // updated rows leaving their partition
  std::set<size_t> acted_on;                     // indexes into `targets`
  EvalContext eval = ctx.MakeEval();
  size_t count = 0;

  auto merge_matched = [&](size_t index, const Row& joined) {
    TargetRow& target = targets[index];
    for (size_t i = 0; i < actions.size(); ++i) {
      const BoundAction& a = actions[i];
      if (!stmt.when[i].matched) continue;
      if (a.condition && !EvaluatePredicate(*a.condition, joined, eval)) continue;
      if (a.action == Action::kNothing) return;
      if (acted_on.count(index) != 0) {
        throw SqlError(SqlState::kCardinalityViolation,
                       "MERGE command cannot affect row a second time")
            .WithHint("Ensure that not more than one source row matches any one target row.");
      }
      const catalog::TableDesc& member = *members[target.member];
      MemberState& s = member_state(target.member);
      TableWriter& w_writer = member_writer(target.member);
      if (a.action == Action::kDelete) {
        if (!s.delete_->BeforeRow(&target.member_row, nullptr)) return;
        w_writer.Delete(target.key, &target.member_row);
        after_row(*s.delete_, &target.member_row, nullptr);
      } else {
        Row updated = target.row;
        eval.SetRow(&joined);
        for (const auto& [slot, expr] : a.assignments) {
          updated[slot] = expr != nullptr ? expr->Evaluate(eval) : writer.EvaluateDefault(slot);
        }
        Row updated_member = &member == &table ? updated : MapRowByName(table, member, updated);
        if (!s.update->BeforeRow(&target.member_row, &updated_member)) return;
        if (table.partition_key && !w_writer.MeetsPartitionConstraint(updated_member)) {
          // The row moves to another partition of the named table
          // (PostgreSQL's ExecCrossPartitionUpdate): deleted from its own,
          // with that partition's DELETE row triggers (a BEFORE one may
          // keep it there), then routed from the named table as an insert
          // (whose BEFORE triggers may drop it: then it is gone, and not
          // counted, as in PostgreSQL).
          if (!s.delete_->BeforeRow(&target.member_row, nullptr)) return;
          if (!moved) moved.emplace(ctx, table);
          w_writer.Delete(target.key, &target.member_row);
          after_row(*s.delete_, &target.member_row, nullptr);
          acted_on.insert(index);
          Row routed = MapRowByName(member, table, updated_member);
          // The named table's INSERT row triggers, as INSERT fires them
          // before routing (execute_insert.cpp).
          if (!insert_triggers.BeforeRow(nullptr, &routed)) return;
          if (!moved->Insert(&routed)) return;
        } else {
          w_writer.CheckConstraints(updated_member);
          w_writer.Update(target.key, updated_member, &target.member_row);
          after_row(*s.update, &target.member_row, &updated_member);
        }
      }
      acted_on.insert(index);
      ++count;
      return;
    }
  };

  auto merge_not_matched = [&](const Row& src) {
    for (size_t i = 0; i < actions.size(); ++i) {
      const BoundAction& a = actions[i];
      if (stmt.when[i].matched) continue;
      if (a.condition && !EvaluatePredicate(*a.condition, src, eval)) continue;
      if (a.action == Action::kNothing) return;
      Row row(table.columns.size());
      std::vector<bool> given(table.columns.size(), false);
      eval.SetRow(&src);
      for (size_t k = 0; k < a.slots.size(); ++k) {
        if (a.values[k] == nullptr) continue;
        row[a.slots[k]] = a.values[k]->Evaluate(eval);
        given[a.slots[k]] = true;
      }
      for (size_t slot = 0; slot < row.size(); ++slot) {
        if (given[slot]) continue;
        row[slot] = table.columns[slot].dropped ? Value::Null(table.columns[slot].type)
                                                : writer.EvaluateDefault(slot);
      }
      if (!insert_triggers.BeforeRow(nullptr, &row)) return;
      if (table.partition_key) {
        if (!partitioned) partitioned.emplace(ctx, table);
        if (!partitioned->Insert(&row)) return;
        after_row(insert_triggers, nullptr, &row);
      } else {
        writer.CheckConstraints(row);
        writer.Insert(row);
        after_row(insert_triggers, nullptr, &row);
      }
      ++count;
      return;
    }
  };

  // Equality conjuncts of ON between source and target columns narrow each
  // source row's candidates to the target rows of equal key (the whole ON
  // is still evaluated over each candidate); without any, every target row
  // is a candidate.
  const std::vector<HashJoinKey> keys =
      FindHashJoinKeys({on.get()}, 0, width, table.columns.size());
  std::unordered_map<std::string, std::vector<size_t>> by_key;
  std::vector<size_t> all_targets;
  std::string key;
  if (keys.empty()) {
    for (size_t i = 0; i < targets.size(); ++i) all_targets.push_back(i);
  } else {
    Row padded;
    for (size_t i = 0; i < targets.size(); ++i) {
      padded.assign(width, Value());
      padded.insert(padded.end(), targets[i].row.begin(), targets[i].row.end());
      eval.SetRow(&padded);
      if (EncodeHashJoinKey(keys, false, eval, &key)) by_key[key].push_back(i);
    }
  }
  static const std::vector<size_t> kNone;
  Row joined;
  for (const Row& src : source_rows) {
    const std::vector<size_t>* candidates = &all_targets;
    if (!keys.empty()) {
      eval.SetRow(&src);
      auto found = EncodeHashJoinKey(keys, true, eval, &key) ? by_key.find(key) : by_key.end();
      candidates = found == by_key.end() ? &kNone : &found->second;
    }
    bool matched = false;
    for (size_t i : *candidates) {
      joined = src;
      joined.insert(joined.end(), targets[i].row.begin(), targets[i].row.end());
      if (!EvaluatePredicate(*on, joined, eval)) continue;
      matched = true;
      merge_matched(i, joined);
    }
    if (!matched) merge_not_matched(src);
  }

  writer.FireForeignKeys();
  for (MemberState& s : state) {
    if (s.writer) s.writer->FireForeignKeys();
  }
  if (partitioned) partitioned->Finish();
  if (moved) moved->Finish();
  for (const auto& [triggers, index] : after_rows) triggers->FireQueuedRow(index);
  insert_triggers.ClearQueuedRows();
  update_triggers.ClearQueuedRows();
  delete_triggers.ClearQueuedRows();
  for (MemberState& s : state) {
    if (s.own_update) s.own_update->ClearQueuedRows();
    if (s.own_delete) s.own_delete->ClearQueuedRows();
  }
  if (fire) {
    if (has_delete) delete_triggers.AfterStatement();
    if (has_update) update_triggers.AfterStatement();
    if (has_insert) insert_triggers.AfterStatement();
  }
  result.command_tag = "MERGE " + std::to_string(count);
  return result;
}

}  // namespace strata::sql
