// Name resolution and Status -> SqlError for table statements.
#include "sql/commands/command_context.h"

#include "sql/commands/temp_namespace.h"

#include "sql/ast/position.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/system_relation.h"

namespace strata::sql {

int CommandContext::Position(int location) const {
  return location < 0 ? 0 : ast::CharPosition(query, location);
}

void CommandContext::Notice(SqlState state, std::string message,
                            const std::source_location& where) const {
  if (notices == nullptr) return;
  SqlErrorFields f;
  f.sqlstate = state;
  f.message = std::move(message);
  SetSourceLocation(&f, where);
  notices->push_back(std::move(f));
}

const catalog::NamespaceDesc& ResolveSchema(const CommandContext& ctx, const std::string& schema,
                                           int location) {
  if (schema.empty()) {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(CreationNamespace(*ctx.catalog));
    if (ns == nullptr) {
      throw SqlError(SqlState::kInvalidSchemaName, "no schema has been selected to create in")
          .WithPosition(ctx.Position(location));
    }
    return *ns;
  }
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(schema);
  if (ns == nullptr) {
    throw SqlError(SqlState::kUndefinedSchema, "schema \"" + schema + "\" does not exist");
  }
  return *ns;
}

namespace {

// LookupExplicitNamespace: a schema named in a qualified name needs USAGE
// (the error at the name's position, as the parser's callback adds it).
const catalog::NamespaceDesc* UsableSchema(const CommandContext& ctx,
                                           const catalog::NamespaceDesc* ns, int location) {
  if (ns != nullptr &&
      !RoleHasSchemaPrivileges(*ctx.catalog, CheckingRole(*ctx.catalog), *ns,
                               catalog::kAclUsage)) {
    throw SqlError(SqlState::kInsufficientPrivilege, "permission denied for schema " + ns->name)
        .WithPosition(ctx.Position(location));
  }
  return ns;
}

}  // namespace

const catalog::NamespaceDesc* RelationSchema(const CommandContext& ctx, const ast::RangeVar& rv) {
  if (rv.schema == "pg_temp") return FindTempNamespace(ctx);
  if (!rv.schema.empty()) {
    return UsableSchema(ctx, ctx.catalog->FindNamespace(rv.schema), rv.location);
  }
  // The first schema on the search path with a relation of that name (a
  // table there hides a view or sequence of the same name further on).
  RelationRef rel;
  if (!FindRelationInPath(*ctx.catalog, rv.name, &rel)) return nullptr;
  return ctx.catalog->FindNamespace(rel.namespace_oid);
}

const catalog::TableDesc* FindTable(const CommandContext& ctx, const ast::RangeVar& rv) {
  const catalog::NamespaceDesc* ns = RelationSchema(ctx, rv);
  if (ns == nullptr) return nullptr;
  return ctx.catalog->FindTable(ns->oid, rv.name);
}

const catalog::ViewDesc* FindView(const CommandContext& ctx, const ast::RangeVar& rv) {
  const catalog::NamespaceDesc* ns = RelationSchema(ctx, rv);
  if (ns == nullptr) return nullptr;
  return ctx.catalog->FindView(ns->oid, rv.name);
}

const catalog::TableDesc& LookupTable(const CommandContext& ctx, const ast::RangeVar& rv,
                                      const char* write_verb) {
  if (const SystemRelation* sys = ResolveSystemRelation(ctx, rv)) {
    ThrowSystemRelationWrite(*sys, write_verb);
  }
  const catalog::TableDesc* t = FindTable(ctx, rv);
  if (t == nullptr && FindView(ctx, rv) != nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "\"" + rv.name + "\" is a view; this statement on a view is not supported yet")
        .WithPosition(ctx.Position(rv.location));
  }
  if (t == nullptr) {
    const catalog::NamespaceDesc* ns = RelationSchema(ctx, rv);
    if (ns != nullptr && ctx.catalog->FindSequence(ns->oid, rv.name) != nullptr) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "\"" + rv.name + "\" is a sequence; this statement on a sequence is not "
                     "supported yet")
          .WithPosition(ctx.Position(rv.location));
    }
    const std::string name = rv.schema.empty() ? rv.name : rv.schema + "." + rv.name;
    throw SqlError(SqlState::kUndefinedTable, "relation \"" + name + "\" does not exist")
        .WithPosition(ctx.Position(rv.location));
  }
  return *t;
}

void ThrowStatus(const Status& status) {
  if (status.IsCorruption()) throw SqlError(SqlState::kDataCorrupted, status.ToString());
  if (status.IsNoSpace()) throw SqlError(SqlState::kDiskFull, status.ToString());
  throw SqlError(SqlState::kInternalError, status.ToString());
}

}  // namespace strata::sql
