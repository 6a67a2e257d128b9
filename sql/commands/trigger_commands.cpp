// CREATE / DROP / ALTER TRIGGER (see trigger_commands.h). PostgreSQL's
// rules (commands/trigger.c): INSTEAD OF triggers are for views, TRUNCATE
// triggers are statement-level, a WHEN condition of a statement trigger
// cannot read columns, an INSERT trigger's cannot read OLD and a DELETE
// trigger's cannot read NEW, and the function must return trigger.
#include "sql/commands/trigger_commands.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/ast/function_statements.h"
#include "sql/commands/expr_walk.h"
#include "sql/commands/function_commands.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/stored_expr.h"
#include "sql/commands/table_triggers.h"
#include "sql/commands/trigger_when.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

namespace {

std::string QualifiedName(const ast::RangeVar& rv) {
  return rv.schema.empty() ? rv.name : rv.schema + "." + rv.name;
}

// The table or view a trigger statement names. A view is seen as a table
// of its columns (ViewTriggerTarget).
struct TriggerRelation {
  catalog::TableDesc table;
  const catalog::ViewDesc* view = nullptr;
};

// nullopt if there is none (`missing_ok`), else 42P01.
std::optional<TriggerRelation> FindTriggerRelation(const CommandContext& ctx,
                                                   const ast::RangeVar& rv, bool missing_ok) {
  if (const catalog::TableDesc* t = FindTable(ctx, rv)) return TriggerRelation{*t, nullptr};
  if (const catalog::ViewDesc* v = FindView(ctx, rv)) {
    return TriggerRelation{ViewTriggerTarget(*v), v};
  }
  if (missing_ok) return std::nullopt;
  throw SqlError(SqlState::kUndefinedTable,
                 "relation \"" + QualifiedName(rv) + "\" does not exist");
}

// Writes the relation's record with `triggers` as its trigger list.
void StoreTriggers(CommandContext& ctx, const TriggerRelation& rel,
                   std::vector<catalog::TriggerDesc> triggers) {
  if (rel.view != nullptr) {
    catalog::ViewDesc view = *rel.view;
    view.triggers = std::move(triggers);
    ctx.db->catalog()->PutView(ctx.txn, view);
    return;
  }
  catalog::TableDesc table = rel.table;
  table.triggers = std::move(triggers);
  ctx.db->catalog()->PutTable(ctx.txn, table);
}

const catalog::TriggerDesc* FindTrigger(const catalog::TableDesc& table, const std::string& name) {
  for (const catalog::TriggerDesc& t : table.triggers) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

SqlError NoSuchTrigger(const std::string& name, const catalog::TableDesc& table) {
  return SqlError(SqlState::kUndefinedObject,
                  "trigger \"" + name + "\" for table \"" + table.name + "\" does not exist");
}

// REFERENCING OLD / NEW TABLE AS name: PostgreSQL's rules (AFTER triggers
// of one event, no column list, no TRUNCATE, not on views, not FOR EACH ROW
// on an inheritance child, each at most once, with different names).
void CheckTransitionTables(const ast::TriggerStatement& stmt, const TriggerRelation& rel,
                           std::string* old_table, std::string* new_table) {
  const int16_t type = stmt.type;
  const auto invalid = [](const char* message) {
    return SqlError(SqlState::kInvalidObjectDefinition, message);
  };
  const auto unsupported = [](const char* message) {
    return SqlError(SqlState::kFeatureNotSupported, message);
  };
  for (const ast::TriggerStatement::Transition& t : stmt.transitions) {
    if (!t.is_table) {
      throw unsupported("ROW variable naming in the REFERENCING clause is not supported")
          .WithHint("Use OLD TABLE or NEW TABLE for naming transition tables.");
    }
    if (rel.view != nullptr) {
      throw SqlError(SqlState::kWrongObjectType, "\"" + rel.table.name + "\" is a view")
          .WithDetail("Triggers on views cannot have transition tables.");
    }
    if ((type & catalog::kTriggerTypeRow) != 0 && !rel.table.parents.empty()) {
      throw unsupported(
          "ROW triggers with transition tables are not supported on inheritance children");
    }
    if ((type & (catalog::kTriggerTypeBefore | catalog::kTriggerTypeInstead)) != 0) {
      throw invalid("transition table name can only be specified for an AFTER trigger");
    }
    if ((type & catalog::kTriggerTypeTruncate) != 0) {
      throw unsupported("TRUNCATE triggers with transition tables are not supported");
    }
    const int events = ((type & catalog::kTriggerTypeInsert) != 0 ? 1 : 0) +
                       ((type & catalog::kTriggerTypeUpdate) != 0 ? 1 : 0) +
                       ((type & catalog::kTriggerTypeDelete) != 0 ? 1 : 0);
    if (events != 1) {
      throw unsupported(
          "transition tables cannot be specified for triggers with more than one event");
    }
    if (!stmt.update_columns.empty()) {
      throw unsupported("transition tables cannot be specified for triggers with column lists");
    }
    if (t.is_new) {
      if ((type & (catalog::kTriggerTypeInsert | catalog::kTriggerTypeUpdate)) == 0) {
        throw invalid("NEW TABLE can only be specified for an INSERT or UPDATE trigger");
      }
      if (!new_table->empty()) throw invalid("NEW TABLE cannot be specified multiple times");
      *new_table = t.name;
    } else {
      if ((type & (catalog::kTriggerTypeDelete | catalog::kTriggerTypeUpdate)) == 0) {
        throw invalid("OLD TABLE can only be specified for a DELETE or UPDATE trigger");
      }
      if (!old_table->empty()) throw invalid("OLD TABLE cannot be specified multiple times");
      *old_table = t.name;
    }
  }
  if (!old_table->empty() && *old_table == *new_table) {
    throw invalid("OLD TABLE name and NEW TABLE name cannot be the same");
  }
}

StatementOutput CreateTrigger(CommandContext& ctx, const ast::TriggerStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE TRIGGER";
  if (stmt.is_constraint) {
    throw SqlError(SqlState::kFeatureNotSupported, "CREATE CONSTRAINT TRIGGER is not supported yet");
  }
  const TriggerRelation rel = *FindTriggerRelation(ctx, stmt.table, false);
  const catalog::TableDesc& table = rel.table;
  CheckColumnsPrivilege(*ctx.catalog, table.oid, table.owner, rel.view != nullptr ? 'v' : 'r',
                        table.name, catalog::kAclTrigger, {});
  const int16_t type = stmt.type;
  const bool row = (type & catalog::kTriggerTypeRow) != 0;
  const bool instead = (type & catalog::kTriggerTypeInstead) != 0;
  if (rel.view == nullptr && instead) {
    throw SqlError(SqlState::kWrongObjectType, "\"" + table.name + "\" is a table")
        .WithDetail("Tables cannot have INSTEAD OF triggers.");
  }
  if (rel.view != nullptr && row && !instead) {
    throw SqlError(SqlState::kWrongObjectType, "\"" + table.name + "\" is a view")
        .WithDetail("Views cannot have row-level BEFORE or AFTER triggers.");
  }
  if (rel.view != nullptr && (type & catalog::kTriggerTypeTruncate) != 0) {
    throw SqlError(SqlState::kWrongObjectType, "\"" + table.name + "\" is a view")
        .WithDetail("Views cannot have TRUNCATE triggers.");
  }
  if (row && (type & catalog::kTriggerTypeTruncate) != 0) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "TRUNCATE FOR EACH ROW triggers are not supported");
  }
  if (instead && !row) {
    throw SqlError(SqlState::kFeatureNotSupported, "INSTEAD OF triggers must be FOR EACH ROW");
  }
  if (instead && stmt.when.has_value()) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "INSTEAD OF triggers cannot have WHEN conditions");
  }
  if (instead && !stmt.update_columns.empty()) {
    throw SqlError(SqlState::kFeatureNotSupported, "INSTEAD OF triggers cannot have column lists");
  }
  std::string old_table, new_table;
  CheckTransitionTables(stmt, rel, &old_table, &new_table);
  if (stmt.when.has_value() && stmt.when_expr != nullptr) {
    // Each reference to OLD or NEW, in the order written (the first one
    // that may not be there is the error's position).
    ForEachExprNode(*stmt.when_expr, [&](const ast::Expr& e) {
      if (e.kind != ast::ExprKind::kColumnRef) return;
      const auto& fields = static_cast<const ast::ColumnRefExpr&>(e).fields;
      if (fields.size() < 2 || (fields[0] != "old" && fields[0] != "new")) return;
      const bool is_old = fields[0] == "old";
      const char* message = nullptr;
      if (!row) {
        message = "statement trigger's WHEN condition cannot reference column values";
      } else if ((type & catalog::kTriggerTypeInsert) != 0 && is_old) {
        message = "INSERT trigger's WHEN condition cannot reference OLD values";
      } else if ((type & catalog::kTriggerTypeDelete) != 0 && !is_old) {
        message = "DELETE trigger's WHEN condition cannot reference NEW values";
      }
      if (message != nullptr) {
        throw SqlError(SqlState::kInvalidObjectDefinition, message)
            .WithPosition(ctx.Position(e.location));
      }
    });
    if (HasSubLink(*stmt.when_expr)) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "cannot use subquery in trigger WHEN condition");
    }
    // Binding it checks the columns and types now rather than when it fires.
    std::vector<std::unique_ptr<ast::Statement>> keep;
    BindScope scope;
    (void)BindTriggerWhen(ctx, table, *stmt.when, &keep, &scope);
  }
  ast::FunctionRef ref;
  ref.name = stmt.function;
  const catalog::FunctionDesc& fn = LookupOneFunction(ctx, ref);
  if (fn.result_type != kTriggerTypeOid || fn.returns_set) {
    std::string name;
    for (const std::string& part : stmt.function) name += (name.empty() ? "" : ".") + part;
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "function " + name + " must return type trigger");
  }
  std::vector<int16_t> columns;
  for (const std::string& column : stmt.update_columns) {
    const int slot = table.FindColumn(column);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn, "column \"" + column + "\" of relation \"" +
                                                     table.name + "\" does not exist");
    }
    const int16_t attnum = table.columns[static_cast<size_t>(slot)].attnum;
    if (std::find(columns.begin(), columns.end(), attnum) != columns.end()) {
      throw SqlError(SqlState::kDuplicateColumn,
                     "column \"" + column + "\" specified more than once");
    }
    columns.push_back(attnum);
  }
  LockRelation(ctx, table.oid, table.name, txn::RelationLockMode::kShareRowExclusive);
  catalog::TableDesc changed = table;  // its trigger list
  catalog::TriggerDesc* existing = nullptr;
  for (catalog::TriggerDesc& t : changed.triggers) {
    if (t.name == stmt.name) existing = &t;
  }
  if (existing != nullptr && !stmt.replace) {
    throw SqlError(SqlState::kDuplicateObject, "trigger \"" + stmt.name +
                                                   "\" for relation \"" + table.name +
                                                   "\" already exists");
  }
  catalog::TriggerDesc trigger;
  trigger.oid = existing != nullptr ? existing->oid : ctx.db->catalog()->AllocateOid(ctx.txn);
  trigger.name = stmt.name;
  trigger.function = fn.oid;
  trigger.type = type;
  trigger.args = stmt.args;
  trigger.columns = std::move(columns);
  trigger.when = stmt.when;
  trigger.old_table = old_table;
  trigger.new_table = new_table;
  if (existing != nullptr) {
    trigger.enabled = existing->enabled;
    *existing = std::move(trigger);
  } else {
    changed.triggers.push_back(std::move(trigger));
  }
  StoreTriggers(ctx, rel, std::move(changed.triggers));
  return result;
}

StatementOutput DropTrigger(CommandContext& ctx, const ast::TriggerStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP TRIGGER";
  const std::optional<TriggerRelation> rel = FindTriggerRelation(ctx, stmt.table, stmt.if_exists);
  if (!rel.has_value()) {
    ctx.Notice(SqlState::kSuccessfulCompletion,
               "relation \"" + QualifiedName(stmt.table) + "\" does not exist, skipping");
    return result;
  }
  const catalog::TableDesc* table = &rel->table;
  const catalog::TriggerDesc* trigger = FindTrigger(*table, stmt.name);
  if (trigger == nullptr) {
    if (stmt.if_exists) {
      ctx.Notice(SqlState::kSuccessfulCompletion, "trigger \"" + stmt.name +
                                                      "\" for relation \"" + table->name +
                                                      "\" does not exist, skipping");
      return result;
    }
    throw NoSuchTrigger(stmt.name, *table);
  }
  CheckOwnership(*ctx.catalog, table->owner, "table", table->name);
  LockRelation(ctx, table->oid, table->name, txn::RelationLockMode::kAccessExclusive);
  const catalog::Oid oid = trigger->oid;
  std::vector<catalog::TriggerDesc> triggers = table->triggers;
  std::erase_if(triggers, [&](const catalog::TriggerDesc& t) { return t.oid == oid; });
  ctx.db->catalog()->DeleteCommentsOn(ctx.txn, *ctx.catalog, catalog::kPgTriggerOid, oid);
  StoreTriggers(ctx, *rel, std::move(triggers));
  return result;
}

StatementOutput RenameTrigger(CommandContext& ctx, const ast::TriggerStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER TRIGGER";
  const TriggerRelation rel = *FindTriggerRelation(ctx, stmt.table, false);
  const catalog::TableDesc& table = rel.table;
  CheckOwnership(*ctx.catalog, table.owner, "table", table.name);
  if (FindTrigger(table, stmt.name) == nullptr) throw NoSuchTrigger(stmt.name, table);
  if (FindTrigger(table, stmt.new_name) != nullptr) {
    throw SqlError(SqlState::kDuplicateObject, "trigger \"" + stmt.new_name +
                                                   "\" for relation \"" + table.name +
                                                   "\" already exists");
  }
  LockRelation(ctx, table.oid, table.name, txn::RelationLockMode::kAccessExclusive);
  std::vector<catalog::TriggerDesc> triggers = table.triggers;
  for (catalog::TriggerDesc& t : triggers) {
    if (t.name == stmt.name) t.name = stmt.new_name;
  }
  StoreTriggers(ctx, rel, std::move(triggers));
  return result;
}

}  // namespace

StatementOutput ExecuteTriggerStatement(CommandContext& ctx, const ast::TriggerStatement& stmt) {
  switch (stmt.action) {
    case ast::TriggerStatement::Action::kCreate: return CreateTrigger(ctx, stmt);
    case ast::TriggerStatement::Action::kDrop: return DropTrigger(ctx, stmt);
    case ast::TriggerStatement::Action::kRename: return RenameTrigger(ctx, stmt);
  }
  throw SqlError(SqlState::kInternalError, "unknown trigger statement");
}

}  // namespace strata::sql
