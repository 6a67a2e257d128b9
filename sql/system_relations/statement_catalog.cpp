// The running statement's catalog for code without a CommandContext (see
// statement_catalog.h): reached through the session state SqlSession
// installs for each statement (sequences/sequence_session.h).
#include "sql/system_relations/statement_catalog.h"

#include "sql/commands/temp_namespace.h"
#include "sql/database.h"
#include "sql/sequences/sequence_session.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/transaction_block.h"

namespace strata::sql {

std::shared_ptr<const catalog::CatalogSnapshot> CurrentStatementCatalog() {
  const SequenceSession* session = CurrentSequenceSessionOrNull();
  if (session == nullptr || session->db == nullptr) return nullptr;
  if (session->block != nullptr && session->block->private_catalog()) {
    return session->block->private_catalog();
  }
  return session->db->catalog()->Current();
}

std::shared_ptr<const catalog::CatalogSnapshot> CommittedCatalogUnderBlock() {
  const SequenceSession* session = CurrentSequenceSessionOrNull();
  if (session == nullptr || session->db == nullptr || session->block == nullptr ||
      !session->block->private_catalog()) {
    return nullptr;
  }
  return session->db->catalog()->Current();
}

std::string CurrentDatabaseName() {
  const SequenceSession* session = CurrentSequenceSessionOrNull();
  return session != nullptr && session->db != nullptr ? session->db->name() : "postgres";
}

catalog::Oid CurrentDatabaseOid() {
  const SequenceSession* session = CurrentSequenceSessionOrNull();
  return session != nullptr && session->db != nullptr ? session->db->oid()
                                                      : catalog::kPostgresDatabaseOid;
}

catalog::Oid CurrentTempNamespaceOid(const catalog::CatalogSnapshot& catalog) {
  const TempNamespace* temp = CurrentTempNamespace();
  if (temp == nullptr || temp->oid == 0) return 0;
  return catalog.FindNamespace(temp->oid) != nullptr ? temp->oid : 0;
}

std::string RoleName(catalog::Oid oid) {
  if (oid == kBootstrapRoleOid) return kBootstrapRoleName;
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr) return oid == kDatabaseOwnerRoleOid ? "pg_database_owner" : "";
  const catalog::RoleDesc* r = FindRoleByOid(*catalog, oid);
  return r != nullptr ? r->name : "";
}

catalog::Oid RoleOid(const std::string& name) {
  if (name == kBootstrapRoleName) return kBootstrapRoleOid;
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr) return name == "pg_database_owner" ? kDatabaseOwnerRoleOid : 0;
  const catalog::RoleDesc* r = FindRoleByName(*catalog, name);
  return r != nullptr ? r->oid : 0;
}

}  // namespace strata::sql

#include "sql/system_relations/synthetic_oids.h"
#include "sql/system_relations/system_relation.h"

namespace strata::sql {

bool FindRelationByOid(const catalog::CatalogSnapshot& catalog, catalog::Oid oid,
                       RelationRef* out) {
  if (const catalog::TableDesc* t = catalog.FindTable(oid)) {
    *out = RelationRef{t->oid, t->namespace_oid, t->name, 'r', t, nullptr, nullptr, nullptr, nullptr};
    return true;
  }
  if (const catalog::ViewDesc* v = catalog.FindView(oid)) {
    *out = RelationRef{v->oid, v->namespace_oid, v->name, 'v', nullptr, v, nullptr, nullptr, nullptr};
    return true;
  }
  if (const catalog::SequenceDesc* s = catalog.FindSequence(oid)) {
    *out = RelationRef{s->oid, s->namespace_oid, s->name, 'S', nullptr, nullptr, s, nullptr, nullptr};
    return true;
  }
  const catalog::CatalogSnapshot::IndexRef secondary = catalog.FindIndex(oid);
  if (secondary.index != nullptr) {
    *out = RelationRef{oid, secondary.table->namespace_oid, secondary.index->name, 'i',
                       secondary.table, nullptr, nullptr, nullptr, secondary.index};
    return true;
  }
  if (const catalog::TableDesc* t = catalog.FindTable(SyntheticOidTable(oid))) {
    if (oid == IndexOid(t->oid) && !t->primary_key.empty()) {
      *out = RelationRef{oid, t->namespace_oid, t->primary_key_name, 'i', t, nullptr, nullptr,
                         nullptr, nullptr};
      return true;
    }
  }
  for (const SystemRelation* rel : AllSystemRelations()) {
    if (rel->oid != oid) continue;
    *out = RelationRef{rel->oid,
                       rel->schema == "pg_catalog" ? catalog::kPgCatalogNamespace
                                                   : catalog::kInformationSchemaNamespace,
                       std::string(rel->name), rel->relkind, nullptr, nullptr, nullptr, rel,
                       nullptr};
    return true;
  }
  return false;
}

bool FindRelationInNamespace(const catalog::CatalogSnapshot& catalog,
                             catalog::Oid namespace_oid, const std::string& name,
                             RelationRef* out) {
  if (namespace_oid == catalog::kPgCatalogNamespace ||
      namespace_oid == catalog::kInformationSchemaNamespace) {
    const SystemRelation* rel =
        FindSystemRelation(namespace_oid == catalog::kPgCatalogNamespace ? "pg_catalog"
                                                                          : "information_schema",
                           name);
    if (rel == nullptr) return false;
    return FindRelationByOid(catalog, rel->oid, out);
  }
  if (const catalog::TableDesc* t = catalog.FindTable(namespace_oid, name)) {
    return FindRelationByOid(catalog, t->oid, out);
  }
  if (const catalog::ViewDesc* v = catalog.FindView(namespace_oid, name)) {
    return FindRelationByOid(catalog, v->oid, out);
  }
  if (const catalog::SequenceDesc* s = catalog.FindSequence(namespace_oid, name)) {
    return FindRelationByOid(catalog, s->oid, out);
  }
  const catalog::CatalogSnapshot::IndexRef secondary = catalog.FindIndex(namespace_oid, name);
  if (secondary.index != nullptr) return FindRelationByOid(catalog, secondary.index->oid, out);
  for (const catalog::TableDesc* t : catalog.TablesIn(namespace_oid)) {
    if (!t->primary_key.empty() && t->primary_key_name == name) {
      return FindRelationByOid(catalog, IndexOid(t->oid), out);
    }
  }
  return false;
}

bool FindRelationInPath(const catalog::CatalogSnapshot& catalog, const std::string& name,
                        RelationRef* out) {
  for (const catalog::Oid ns : SearchPathNamespaces(catalog)) {
    if (FindRelationInNamespace(catalog, ns, name, out)) return true;
  }
  return false;
}

bool RelationIsVisible(const catalog::CatalogSnapshot& catalog, catalog::Oid oid) {
  RelationRef rel;
  if (!FindRelationByOid(catalog, oid, &rel)) return false;
  RelationRef first;
  return FindRelationInPath(catalog, rel.name, &first) && first.oid == oid;
}

}  // namespace strata::sql

namespace strata::sql {

Database* CurrentDatabase() {
  const SequenceSession* session = CurrentSequenceSessionOrNull();
  return session != nullptr ? session->db : nullptr;
}

}  // namespace strata::sql
