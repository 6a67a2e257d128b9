// CREATE SCHEMA (with its elements: CREATE TABLE / VIEW / SEQUENCE / INDEX run in
// the new schema, in one transaction) and ALTER SCHEMA ... RENAME TO.
#include <string>

#include "sql/ast/index_statements.h"
#include "sql/commands/index_commands.h"
#include "sql/commands/sequence_commands.h"
#include "sql/commands/table_commands.h"
#include "sql/sequences/sequence_names.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"

namespace strata::sql {

namespace {

void CheckSchemaName(const std::string& name) {
  if (name.rfind("pg_", 0) == 0) {
    throw SqlError(SqlState::kReservedName, "unacceptable schema name \"" + name + "\"")
        .WithDetail("The prefix \"pg_\" is reserved for system schemas.");
  }
}

// The catalog as this transaction has changed it so far.
void ReloadThroughTransaction(CommandContext& ctx) {
  auto loaded = ctx.db->catalog()->LoadThrough(ctx.txn);
  if (!loaded.ok()) ThrowStatus(loaded.status());
  ctx.catalog = std::move(loaded).value();
}

void RunSchemaElement(CommandContext& ctx, const ast::Statement& element) {
  switch (element.kind) {
    case ast::StatementKind::kCreateTable:
      ExecuteCreateTable(ctx, static_cast<const ast::CreateTableStatement&>(element));
      break;
    case ast::StatementKind::kCreateView:
      ExecuteCreateView(ctx, static_cast<const ast::CreateViewStatement&>(element));
      break;
    case ast::StatementKind::kCreateSequence:
      ExecuteCreateSequence(ctx, static_cast<const ast::CreateSequenceStatement&>(element));
      break;
    case ast::StatementKind::kIndexDdl:
      ExecuteIndexStatement(ctx, static_cast<const ast::IndexStatement&>(element));
      break;
    default:
      throw SqlError(SqlState::kFeatureNotSupported, "this CREATE SCHEMA element is not supported");
  }
}

}  // namespace

StatementOutput ExecuteCreateSchema(CommandContext& ctx, const ast::CreateSchemaStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE SCHEMA";
  // CREATE on the database (CreateSchemaCommand checks it first).
  if (!RoleHasDatabasePrivileges(*ctx.catalog, CurrentUserOid(*ctx.catalog), ctx.db->oid(),
                                 catalog::kAclCreate)) {
    throw SqlError(SqlState::kInsufficientPrivilege,
                   "permission denied for database " + ctx.db->name());
  }
  if (ctx.catalog->FindNamespace(stmt.name) != nullptr) {
    if (stmt.if_not_exists) {
      ctx.Notice(SqlState::kDuplicateSchema,
                 "schema \"" + stmt.name + "\" already exists, skipping");
      return result;
    }
    throw SqlError(SqlState::kDuplicateSchema, "schema \"" + stmt.name + "\" already exists");
  }
  CheckSchemaName(stmt.name);
  catalog::Catalog* catalog = ctx.db->catalog();
  catalog::NamespaceDesc ns;
  ns.oid = catalog->AllocateOid(ctx.txn);
  ns.name = stmt.name;
  ns.owner = CurrentUserOid(*ctx.catalog);
  catalog->PutNamespace(ctx.txn, ns);
  if (stmt.elements.empty()) return result;
  // Each element sees the schema and what the elements before it created;
  // unqualified names in them look in the new schema first.
  const std::shared_ptr<const catalog::CatalogSnapshot> statement_catalog = ctx.catalog;
  ScopedSearchPathPrefix prefix(ns.oid);
  for (const auto& element : stmt.elements) {
    ReloadThroughTransaction(ctx);
    RunSchemaElement(ctx, *element);
  }
  ctx.catalog = statement_catalog;
  return result;
}

StatementOutput ExecuteRenameSchema(CommandContext& ctx, const ast::RenameSchemaStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER SCHEMA";
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(stmt.name);
  if (ns == nullptr) {
    throw SqlError(SqlState::kUndefinedSchema, "schema \"" + stmt.name + "\" does not exist");
  }
  if (ctx.catalog->FindNamespace(stmt.new_name) != nullptr) {
    throw SqlError(SqlState::kDuplicateSchema, "schema \"" + stmt.new_name + "\" already exists");
  }
  // RenameSchema: the owner, with CREATE on the database.
  CheckOwnership(*ctx.catalog, SchemaOwner(*ctx.catalog, ns->oid), "schema", ns->name);
  if (!RoleHasDatabasePrivileges(*ctx.catalog, CurrentUserOid(*ctx.catalog), ctx.db->oid(),
                                 catalog::kAclCreate)) {
    throw SqlError(SqlState::kInsufficientPrivilege,
                   "permission denied for database " + ctx.db->name());
  }
  CheckSchemaName(stmt.new_name);
  if (ns->oid < catalog::kFirstNormalObjectId && ns->oid != catalog::kPublicNamespace) {
    throw SqlError(SqlState::kReservedName, "unacceptable schema name \"" + stmt.name + "\"")
        .WithDetail("The prefix \"pg_\" is reserved for system schemas.");
  }
  // Stored SQL text names schemas where PostgreSQL keeps OIDs: the nextval
  // defaults of serial columns name their sequence qualified, and are
  // rewritten; a view query naming the schema would break, so it is refused.
  const std::string qualified_prefix = QuoteNamePart(stmt.name) + ".";
  for (const auto& [oid, view] : ctx.catalog->views()) {
    if (view->query.find(qualified_prefix) != std::string::npos) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "cannot rename schema \"" + stmt.name + "\": view \"" + view->name +
                         "\" names it (not supported yet)");
    }
  }
  const std::string old_nextval = "nextval('" + qualified_prefix;
  const std::string new_nextval = "nextval('" + QuoteNamePart(stmt.new_name) + ".";
  for (const auto& [oid, table] : ctx.catalog->tables()) {
    catalog::TableDesc changed = *table;
    bool any = false;
    for (catalog::ColumnDesc& c : changed.columns) {
      if (!c.default_expr || c.default_expr->rfind(old_nextval, 0) != 0) continue;
      c.default_expr = new_nextval + c.default_expr->substr(old_nextval.size());
      any = true;
    }
    if (any) ctx.db->catalog()->PutTable(ctx.txn, changed);
  }
  catalog::NamespaceDesc renamed = *ns;
  renamed.name = stmt.new_name;
  ctx.db->catalog()->PutNamespace(ctx.txn, renamed);
  return result;
}

}  // namespace strata::sql
