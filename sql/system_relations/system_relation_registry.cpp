// The registry of system relations (see system_relation.h): built once from
// the per-group tables, looked up by (schema, name).
#include <map>
#include <string>
#include <utility>

#include "sql/commands/temp_namespace.h"
#include "sql/system_relations/system_relation.h"

namespace strata::sql {

namespace {

struct Registry {
  std::map<std::pair<std::string_view, std::string_view>, const SystemRelation*> by_name;
  std::vector<const SystemRelation*> all;
};

const Registry& TheRegistry() {
  static const Registry registry = [] {
    Registry r;
    for (auto group : {PgCatalogCoreRelations(), PgCatalogGlobalRelations(),
                       PgCatalogViewRelations(), PgCatalogProcRelations(), PgCatalogEmptyRelations(), PgCatalogTriggerRelations(), PgCatalogIndexRelations(),
                       PgCatalogPartitionRelations(),
                       InformationSchemaRelations(), InformationSchemaConstraintRelations(),
                       InformationSchemaRoutineRelations(), InformationSchemaTriggerRelations(),
                       PgCatalogActivityRelations(),
                       PgStatRelations(), PgStatTableRelations(), PgStatsViewRelations(),
                       PgCatalogCommentRelations(), PgCatalogDependRelations()}) {
      for (const SystemRelation& rel : group) {
        r.by_name.emplace(std::make_pair(rel.schema, rel.name), &rel);
        r.all.push_back(&rel);
      }
    }
    return r;
  }();
  return registry;
}

}  // namespace

const SystemRelation* FindSystemRelation(std::string_view schema, std::string_view name) {
  const Registry& r = TheRegistry();
  auto it = r.by_name.find(std::make_pair(schema, name));
  return it == r.by_name.end() ? nullptr : it->second;
}

std::span<const SystemRelation* const> AllSystemRelations() { return TheRegistry().all; }

const SystemRelation* ResolveSystemRelation(const CommandContext& ctx, const ast::RangeVar& rv) {
  if (!rv.schema.empty()) {
    if (rv.schema != "pg_catalog" && rv.schema != "information_schema") return nullptr;
    return FindSystemRelation(rv.schema, rv.name);
  }
  const SystemRelation* rel = FindSystemRelation("pg_catalog", rv.name);
  if (rel == nullptr) return nullptr;
  // The session's temporary schema comes before pg_catalog.
  if (const catalog::NamespaceDesc* temp = FindTempNamespace(ctx)) {
    if (ctx.catalog->RelationNameTaken(temp->oid, rv.name)) return nullptr;
  }
  return rel;
}

void ThrowSystemRelationWrite(const SystemRelation& rel, const char* verb) {
  const std::string name(rel.name);
  if (rel.relkind == 'v' && verb != nullptr) {
    const std::string v(verb);
    const bool insert = v == "insert into";
    const bool update = v == "update";
    const std::string gerund = insert ? "inserting into" : update ? "updating" : "deleting from";
    const std::string event = insert ? "INSERT" : update ? "UPDATE" : "DELETE";
    throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                   "cannot " + v + " view \"" + name + "\"")
        .WithDetail("Views that do not select from a single table or view are not "
                    "automatically updatable.")
        .WithHint("To enable " + gerund + " the view, provide an INSTEAD OF " + event +
                  " trigger or an unconditional ON " + event + " DO INSTEAD rule.");
  }
  if (verb != nullptr) {
    // PostgreSQL lets a superuser write its catalogs; ours are generated.
    throw SqlError(SqlState::kFeatureNotSupported,
                   "modifying system catalog \"" + name + "\" is not supported");
  }
  throw SqlError(SqlState::kInsufficientPrivilege,
                 "permission denied: \"" + name + "\" is a system catalog");
}

}  // namespace strata::sql
