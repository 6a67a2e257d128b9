// Session temporary schemas (see temp_namespace.h).
#include "sql/commands/temp_namespace.h"

#include <atomic>
#include <string>

#include "catalog/table_statistics.h"
#include "sql/database.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

thread_local TempNamespace* current_temp_namespace = nullptr;

// pg_temp_<n>: a process-wide counter (PostgreSQL uses the backend id).
std::atomic<int> next_temp_number{1};

bool IsTempNamespaceName(const std::string& name) { return name.rfind("pg_temp_", 0) == 0; }

}  // namespace

TempNamespace* CurrentTempNamespace() { return current_temp_namespace; }

ScopedTempNamespace::ScopedTempNamespace(TempNamespace* state)
    : previous_(current_temp_namespace) {
  current_temp_namespace = state;
}
ScopedTempNamespace::~ScopedTempNamespace() { current_temp_namespace = previous_; }

const catalog::NamespaceDesc* FindTempNamespace(const CommandContext& ctx) {
  const TempNamespace* state = CurrentTempNamespace();
  if (state == nullptr || state->oid == 0) return nullptr;
  return ctx.catalog->FindNamespace(state->oid);
}

catalog::NamespaceDesc EnsureTempNamespace(CommandContext& ctx) {
  const bool may_create_temp = RoleHasDatabasePrivileges(
      *ctx.catalog, CheckingRole(*ctx.catalog), ctx.db->oid(), kAclCreateTemp);
  if (const catalog::NamespaceDesc* ns = FindTempNamespace(ctx)) {
    // pg_namespace_aclmask: the session's own temporary schema grants
    // CREATE while the role holds TEMPORARY on the database.
    if (!may_create_temp) {
      throw SqlError(SqlState::kInsufficientPrivilege, "permission denied for schema " + ns->name);
    }
    return *ns;
  }
  TempNamespace* state = CurrentTempNamespace();
  if (state == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "temporary tables are not available outside a session");
  }
  // InitTempTableNamespace: TEMPORARY on the database to make the schema.
  if (!may_create_temp) {
    throw SqlError(SqlState::kInsufficientPrivilege,
                   "permission denied to create temporary tables in database \"" + ctx.db->name() +
                       "\"");
  }
  catalog::Catalog* catalog = ctx.db->catalog();
  catalog::NamespaceDesc ns;
  ns.oid = catalog->AllocateOid(ctx.txn);
  ns.name = "pg_temp_" + std::to_string(next_temp_number.fetch_add(1));
  catalog->PutNamespace(ctx.txn, ns);
  state->oid = ns.oid;  // if the statement rolls back, FindTempNamespace misses it
  return ns;
}

namespace {

// REQUIRES: ddl_mutex held.
Status DropNamespaces(Database* db, const std::vector<Oid>& oids) {
  if (oids.empty()) return Status::OK();
  catalog::Catalog* catalog = db->catalog();
  auto snapshot = catalog->Current();
  auto txn = db->txns()->Begin();
  for (Oid oid : oids) {
    for (const catalog::TableDesc* table : snapshot->TablesIn(oid)) {
      catalog->DeleteTable(txn.get(), table->oid);
      catalog::DeleteTableStatistics(txn.get(), catalog->key_scope(), table->oid);
      txn->DropTreeAfterCommit(table->tree);
      for (const catalog::IndexDesc& ix : table->indexes) txn->DropTreeAfterCommit(ix.tree);
    }
    for (const auto& [seq_oid, seq] : snapshot->sequences()) {
      if (seq.namespace_oid == oid) catalog->DeleteSequence(txn.get(), seq_oid);
    }
    for (const catalog::ViewDesc* view : snapshot->ViewsIn(oid)) {
      catalog->DeleteView(txn.get(), view->oid);
    }
    catalog->DeleteNamespace(txn.get(), oid);
  }
  Status s = txn->Commit();
  Status reload = catalog->Reload();
  return s.ok() ? reload : s;
}

}  // namespace

Status DropTempNamespace(Database* db, Oid oid) {
  std::lock_guard lock(db->catalog()->ddl_mutex());
  if (db->catalog()->Current()->FindNamespace(oid) == nullptr) return Status::OK();
  return DropNamespaces(db, {oid});
}

Status DropAllTempNamespaces(Database* db) {
  std::lock_guard lock(db->catalog()->ddl_mutex());
  std::vector<Oid> oids;
  const std::shared_ptr<const catalog::CatalogSnapshot> current = db->catalog()->Current();
  for (const auto& [oid, ns] : current->namespaces()) {
    if (IsTempNamespaceName(ns.name)) oids.push_back(oid);
  }
  return DropNamespaces(db, oids);
}

}  // namespace strata::sql
