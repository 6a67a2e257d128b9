// CREATE [OR REPLACE] VIEW and DROP VIEW, and the dependency checks views
// bring to DROP TABLE (RelationDependents, DropDependents).
//
// A view is stored as its deparsed query text plus the columns it had when
// created (catalog::ViewDesc). CREATE VIEW binds the query now, in the
// statement's transaction without reading rows, so every bind-time error
// surfaces here as in PostgreSQL. OR REPLACE keeps PostgreSQL's rule: the new
// query may only add columns at the end (42P16 otherwise). WITH (...) and
// WITH CHECK OPTION become the view's reloptions (alter_view.h).
#include <algorithm>
#include <set>
#include <source_location>

#include "sql/commands/alter_view.h"
#include "sql/commands/default_privileges.h"
#include "sql/ast/query_ddl_statements.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/run_query.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/temp_namespace.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/commands/view_dependencies.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"

namespace strata::sql {

namespace {

// The tables and views the FROM items of `stmt` read (subqueries, set
// operation operands and CTE queries included). `ctes`: the WITH names in
// scope, which are no relations.
void CollectRelations(const CommandContext& ctx, const ast::SelectStatement& stmt,
                      std::vector<Oid>* out, std::vector<std::string> ctes = {});

void CollectFromItem(const CommandContext& ctx, const ast::FromItem& item, std::vector<Oid>* out,
                     const std::vector<std::string>& ctes) {
  switch (item.kind) {
    case ast::FromItem::Kind::kTable: {
      if (item.table.schema.empty() &&
          std::find(ctes.begin(), ctes.end(), item.table.name) != ctes.end()) {
        return;
      }
      Oid oid = 0;
      if (const catalog::TableDesc* t = FindTable(ctx, item.table)) {
        oid = t->oid;
      } else if (const catalog::ViewDesc* v = FindView(ctx, item.table)) {
        oid = v->oid;
      }
      if (oid != 0 && std::find(out->begin(), out->end(), oid) == out->end()) out->push_back(oid);
      return;
    }
    case ast::FromItem::Kind::kSubquery:
      CollectRelations(ctx, *item.subquery, out, ctes);
      return;
    case ast::FromItem::Kind::kJoin:
      CollectFromItem(ctx, *item.left, out, ctes);
      CollectFromItem(ctx, *item.right, out, ctes);
      return;
    case ast::FromItem::Kind::kFunction:
      return;  // reads no relation (its arguments see none)
  }
}

void CollectRelations(const CommandContext& ctx, const ast::SelectStatement& stmt,
                      std::vector<Oid>* out, std::vector<std::string> ctes) {
  if (stmt.with) {
    // A CTE's query sees the names before it (all of them with RECURSIVE).
    if (stmt.with->recursive) {
      for (const ast::CommonTableExpr& cte : stmt.with->ctes) ctes.push_back(cte.name);
    }
    for (const ast::CommonTableExpr& cte : stmt.with->ctes) {
      CollectRelations(ctx, *cte.query, out, ctes);
      if (!stmt.with->recursive) ctes.push_back(cte.name);
    }
  }
  if (stmt.larg) CollectRelations(ctx, *stmt.larg, out, ctes);
  if (stmt.rarg) CollectRelations(ctx, *stmt.rarg, out, ctes);
  for (const ast::FromItem& item : stmt.from) CollectFromItem(ctx, item, out, ctes);
}

}  // namespace

StatementOutput ExecuteCreateView(CommandContext& ctx, const ast::CreateViewStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE VIEW";
  // A view over a temporary relation is temporary too (PostgreSQL's
  // isQueryUsingTempRelation), with a NOTICE unless TEMP was said.
  std::vector<Oid> depends_on;
  CollectRelations(ctx, *stmt.query, &depends_on);
  bool temporary = stmt.temporary;
  if (!temporary) {
    if (const catalog::NamespaceDesc* temp_ns = FindTempNamespace(ctx)) {
      for (Oid oid : depends_on) {
        RelationRef rel;
        if (FindRelationByOid(*ctx.catalog, oid, &rel) && rel.namespace_oid == temp_ns->oid) {
          temporary = true;
        }
      }
    }
    if (temporary) {
      ctx.Notice(SqlState::kSuccessfulCompletion,
                 "view \"" + stmt.view.name + "\" will be a temporary view");
    }
  }
  // A temporary view goes where a temporary table would; PostgreSQL reports
  // no position for a view's errors here, unlike a table's.
  ast::RangeVar target = stmt.view;
  target.location = -1;
  const catalog::NamespaceDesc ns =
      temporary || stmt.view.schema == "pg_temp"
          ? NewTableNamespace(ctx, target, temporary)
          : ResolveSchema(ctx, stmt.view.schema, stmt.view.location);
  if (!temporary && stmt.view.schema != "pg_temp") {
    CheckSchemaPrivileges(*ctx.catalog, ns, catalog::kAclCreate);
  }
  const catalog::ViewDesc* existing = ctx.catalog->FindView(ns.oid, stmt.view.name);
  if (ctx.catalog->FindTable(ns.oid, stmt.view.name) != nullptr) {
    if (stmt.or_replace) {
      throw SqlError(SqlState::kWrongObjectType, "\"" + stmt.view.name + "\" is not a view");
    }
    throw SqlError(SqlState::kDuplicateTable, "relation \"" + stmt.view.name + "\" already exists");
  }
  if (existing != nullptr && !stmt.or_replace) {
    throw SqlError(SqlState::kDuplicateTable, "relation \"" + stmt.view.name + "\" already exists");
  }
  if (existing != nullptr) CheckOwnership(*ctx.catalog, existing->owner, "view", existing->name);
  CommandContext plan_only = ctx;
  plan_only.analyze_only = true;
  QueryRows query = RunQuery(plan_only, *stmt.query);
  if (stmt.column_names.size() > query.names.size()) {
    throw SqlError(SqlState::kSyntaxError,
                   "CREATE VIEW specifies more column names than columns");
  }
  catalog::ViewDesc view;
  view.namespace_oid = ns.oid;
  view.name = stmt.view.name;
  view.query = stmt.query_text;
  view.search_path = ExplicitSearchPathNamespaces(*ctx.catalog);
  // A replaced view keeps its owner.
  view.owner = existing != nullptr ? existing->owner : CurrentUserOid(*ctx.catalog);
  std::set<std::string> names;
  for (size_t i = 0; i < query.names.size(); ++i) {
    catalog::ViewColumn c;
    c.name = i < stmt.column_names.size() ? stmt.column_names[i] : query.names[i];
    if (!names.insert(c.name).second) {
      throw SqlError(SqlState::kDuplicateColumn, "column \"" + c.name + "\" specified more than once");
    }
    c.type = query.types[i].oid == type_oid::kUnknown ? type_oid::kText : query.types[i].oid;
    c.typmod = query.types[i].oid == type_oid::kUnknown ? -1 : query.types[i].typmod;
    view.columns.push_back(std::move(c));
  }
  view.depends_on = std::move(depends_on);
  // WITH (...) / WITH CHECK OPTION: validated, kept as reloptions (a
  // replaced view takes the new list, as PostgreSQL's AT_ReplaceRelOptions).
  ApplyViewOptions(stmt.options, false, &view.options);
  if (existing != nullptr) {
    // checkViewColumns(): existing columns keep their names and types.
    if (view.columns.size() < existing->columns.size()) {
      throw SqlError(SqlState::kInvalidTableDefinition, "cannot drop columns from view");
    }
    for (size_t i = 0; i < existing->columns.size(); ++i) {
      const catalog::ViewColumn& before = existing->columns[i];
      const catalog::ViewColumn& after = view.columns[i];
      if (before.name != after.name) {
        throw SqlError(SqlState::kInvalidTableDefinition,
                       "cannot change name of view column \"" + before.name + "\" to \"" +
                           after.name + "\"")
            .WithHint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column "
                      "instead.");
      }
      if (before.type != after.type || before.typmod != after.typmod) {
        throw SqlError(SqlState::kInvalidTableDefinition,
                       "cannot change data type of view column \"" + before.name + "\" from " +
                           FormatType(DataType{before.type, before.typmod}) + " to " +
                           FormatType(DataType{after.type, after.typmod}));
      }
    }
    // The columns' DEFAULTs stay (pg_attrdef of the kept attributes).
    for (size_t i = 0; i < existing->columns.size(); ++i) {
      view.columns[i].default_expr = existing->columns[i].default_expr;
    }
    view.oid = existing->oid;
    if (std::find(view.depends_on.begin(), view.depends_on.end(), view.oid) !=
        view.depends_on.end()) {
      throw SqlError(SqlState::kInvalidObjectDefinition,
                     "infinite recursion detected in rules for relation \"" + view.name + "\"");
    }
  } else {
    view.oid = ctx.db->catalog()->AllocateOid(ctx.txn);
    ApplyDefaultPrivileges(ctx, 'r', view.owner, view.namespace_oid, view.oid);
  }
  CheckViewCheckOption(ctx, view);
  ctx.db->catalog()->PutView(ctx.txn, view);
  return result;
}

StatementOutput ExecuteDropView(CommandContext& ctx, const ast::DropViewStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP VIEW";
  std::vector<DroppedRelation> targets;
  for (const ast::RangeVar& rv : stmt.views) {
    if (!rv.schema.empty() && ctx.catalog->FindNamespace(rv.schema) == nullptr) {
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "schema \"" + rv.schema + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedSchema, "schema \"" + rv.schema + "\" does not exist");
    }
    const catalog::ViewDesc* view = FindView(ctx, rv);
    if (view == nullptr) {
      if (FindTable(ctx, rv) != nullptr) {
        throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not a view")
            .WithHint("Use DROP TABLE to remove a table.");
      }
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "view \"" + rv.name + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedTable, "view \"" + rv.name + "\" does not exist");
    }
    CheckOwnership(*ctx.catalog, view->owner, "view", view->name);
    targets.push_back(DroppedRelation{view->oid, true});
  }
  DropRelations(ctx, targets, stmt.cascade);
  return result;
}

}  // namespace strata::sql
