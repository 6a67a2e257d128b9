// DROP TABLE, TRUNCATE, CREATE SCHEMA, DROP SCHEMA. Trees are dropped only
// after the transaction that stops referring to them commits.
#include <algorithm>
#include <source_location>

#include "catalog/table_statistics.h"
#include "sql/commands/table_commands.h"

namespace strata::sql {

StatementOutput ExecuteDropTable(CommandContext& ctx, const ast::DropTableStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP TABLE";
  catalog::Catalog* catalog = ctx.db->catalog();
  std::vector<Oid> dropped;
  for (const ast::RangeVar& rv : stmt.tables) {
    const std::string& shown = rv.name;  // DropErrorMsgNonExistent names the relation only
    if (!rv.schema.empty() && ctx.catalog->FindNamespace(rv.schema) == nullptr) {
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "schema \"" + rv.schema + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedSchema, "schema \"" + rv.schema + "\" does not exist");
    }
    const catalog::TableDesc* table = FindTable(ctx, rv);
    if (table == nullptr) {
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "table \"" + shown + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedTable, "table \"" + shown + "\" does not exist");
    }
    if (std::find(dropped.begin(), dropped.end(), table->oid) != dropped.end()) continue;
    dropped.push_back(table->oid);
    catalog->DeleteTable(ctx.txn, table->oid);
    catalog::DeleteTableStatistics(ctx.txn, table->oid);
    ctx.txn->DropTreeAfterCommit(table->tree);
  }
  return result;
}

StatementOutput ExecuteTruncate(CommandContext& ctx, const ast::TruncateStatement& stmt) {
  StatementOutput result;
  result.command_tag = "TRUNCATE TABLE";
  catalog::Catalog* catalog = ctx.db->catalog();
  std::vector<const catalog::TableDesc*> tables;
  for (const ast::RangeVar& rv : stmt.tables) tables.push_back(&LookupTable(ctx, rv));
  for (const catalog::TableDesc* table : tables) {
    // Point the table at a fresh, empty tree; the old one goes after commit.
    catalog::TableDesc changed = *table;
    auto tree = catalog->CreateTableTree(ctx.txn, table->oid, &changed.tree_name);
    if (!tree.ok()) ThrowStatus(tree.status());
    changed.tree = tree.value();
    catalog->PutTable(ctx.txn, changed);
    ctx.txn->DropTreeAfterCommit(table->tree);
  }
  return result;
}

StatementOutput ExecuteCreateSchema(CommandContext& ctx, const ast::CreateSchemaStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE SCHEMA";
  if (ctx.catalog->FindNamespace(stmt.name) != nullptr) {
    if (stmt.if_not_exists) {
      ctx.Notice(SqlState::kDuplicateSchema,
                 "schema \"" + stmt.name + "\" already exists, skipping");
      return result;
    }
    throw SqlError(SqlState::kDuplicateSchema, "schema \"" + stmt.name + "\" already exists");
  }
  if (stmt.name.rfind("pg_", 0) == 0) {
    throw SqlError(SqlState::kReservedName, "unacceptable schema name \"" + stmt.name + "\"")
        .WithDetail("The prefix \"pg_\" is reserved for system schemas.");
  }
  catalog::Catalog* catalog = ctx.db->catalog();
  catalog::NamespaceDesc ns;
  ns.oid = catalog->AllocateOid(ctx.txn);
  ns.name = stmt.name;
  catalog->PutNamespace(ctx.txn, ns);
  return result;
}

StatementOutput ExecuteDropSchema(CommandContext& ctx, const ast::DropSchemaStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP SCHEMA";
  catalog::Catalog* catalog = ctx.db->catalog();
  for (const std::string& name : stmt.names) {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(name);
    if (ns == nullptr) {
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "schema \"" + name + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedSchema, "schema \"" + name + "\" does not exist");
    }
    if (ns->oid < catalog::kFirstNormalObjectId && ns->oid != catalog::kPublicNamespace) {
      throw SqlError(SqlState::kDependentObjectsStillExist,
                     "cannot drop schema " + name + " because it is required by the database system");
    }
    std::vector<const catalog::TableDesc*> tables = ctx.catalog->TablesIn(ns->oid);
    if (!tables.empty() && !stmt.cascade) {
      std::string detail;
      for (const catalog::TableDesc* t : tables) {
        if (!detail.empty()) detail += "\n";
        detail += "table " + name + "." + t->name + " depends on schema " + name;
      }
      throw SqlError(SqlState::kDependentObjectsStillExist,
                     "cannot drop schema " + name + " because other objects depend on it")
          .WithDetail(detail)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    if (!tables.empty()) {
      std::string detail;
      for (const catalog::TableDesc* t : tables) {
        if (!detail.empty()) detail += "\n";
        detail += "drop cascades to table " + name + "." + t->name;
        catalog->DeleteTable(ctx.txn, t->oid);
        ctx.txn->DropTreeAfterCommit(t->tree);
      }
      SqlErrorFields f;
      f.sqlstate = SqlState::kSuccessfulCompletion;
      f.message = tables.size() == 1 ? "drop cascades to table " + name + "." + tables[0]->name
                                     : "drop cascades to " + std::to_string(tables.size()) +
                                           " other objects";
      if (tables.size() > 1) f.detail = detail;
      SetSourceLocation(&f, std::source_location::current());
      if (ctx.notices != nullptr) ctx.notices->push_back(std::move(f));
    }
    catalog->DeleteNamespace(ctx.txn, ns->oid);
  }
  return result;
}

}  // namespace strata::sql
