// Catalog: the persistent system catalog (schemas and tables today), cached
// in memory as an immutable CatalogSnapshot that sessions share.
//
// Persistence: records in the engine's default tree (catalog_records.h),
// written only through a txn::Transaction, so the catalog change and the data
// change of one statement commit in one WriteBatch.
//
// Concurrency: DDL statements hold ddl_mutex() from their first catalog read
// to after Reload(), so catalog changes are serialized and name checks are
// race-free. Readers take Current() once per statement and never block DDL;
// a snapshot stays valid (shared_ptr) for as long as they hold it.
//
// Databases: one Catalog per database, all over the same engine. The Catalog
// Open() returns is "postgres"'s and owns the others (ForDatabase); they share
// the DDL mutex, the OID counter and the shared records (roles, databases and
// their ACLs), and Reload() on any of them reloads them all, so a shared
// change (CREATE ROLE, GRANT CONNECT, CREATE DATABASE) is seen everywhere.
//
// User OIDs come from a persistent counter (next_oid record) starting at
// FirstNormalObjectId (16384) as in PostgreSQL. On load the counter is
// raised above every OID in use, so a lost counter update (a crash, or two
// DDL transactions that each wrote it) can never hand out a live OID twice.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/acl_item.h"
#include "catalog/catalog_objects.h"
#include "catalog/ddl_mutex.h"
#include "common/result.h"
#include "common/status.h"
#include "txn/transaction.h"

namespace strata::catalog {

class CatalogSnapshot {
 public:
  const NamespaceDesc* FindNamespace(std::string_view name) const;
  const NamespaceDesc* FindNamespace(Oid oid) const;
  const TableDesc* FindTable(Oid namespace_oid, std::string_view name) const;
  const TableDesc* FindTable(Oid oid) const;
  // The table whose rows live in `tree`; nullptr if none.
  const TableDesc* FindTableByTree(storage::TreeId tree) const;
  std::vector<const TableDesc*> TablesIn(Oid namespace_oid) const;
  // Table inheritance: the direct children of `parent` in OID order
  // (PostgreSQL's find_inheritance_children), and `parent` followed by all
  // its descendants, each once, breadth first (find_all_inheritors).
  std::vector<const TableDesc*> ChildrenOf(Oid parent) const;
  std::vector<const TableDesc*> WithDescendants(Oid parent) const;
  const SequenceDesc* FindSequence(Oid namespace_oid, std::string_view name) const;
  const SequenceDesc* FindSequence(Oid oid) const;
  // The sequences OWNED BY a column of `table` (serial columns).
  std::vector<const SequenceDesc*> SequencesOwnedBy(Oid table) const;
  // A secondary index and the table it belongs to ({nullptr, nullptr} if none).
  struct IndexRef {
    const TableDesc* table = nullptr;
    const IndexDesc* index = nullptr;
  };
  IndexRef FindIndex(Oid oid) const;
  IndexRef FindIndex(Oid namespace_oid, std::string_view name) const;
  IndexRef FindIndexByTree(storage::TreeId tree) const;
  // Whether a relation (table, sequence, view, index -- a primary key's
  // included -- or composite type: they share one name space per schema,
  // PostgreSQL's pg_class) named `name` exists in the schema.
  bool RelationNameTaken(Oid namespace_oid, std::string_view name) const;

  const ViewDesc* FindView(Oid namespace_oid, std::string_view name) const;
  const ViewDesc* FindView(Oid oid) const;
  std::vector<const ViewDesc*> ViewsIn(Oid namespace_oid) const;
  // Views whose query reads the table or view `oid` directly.
  std::vector<const ViewDesc*> ViewsDependingOn(Oid oid) const;

  // User-defined functions and procedures named `name` in the schema.
  std::vector<const FunctionDesc*> FindFunctions(Oid namespace_oid, std::string_view name) const;
  const FunctionDesc* FindFunction(Oid oid) const;
  const std::map<Oid, std::shared_ptr<const FunctionDesc>>& functions() const {
    return functions_;
  }

  // User-defined types (CREATE TYPE) by name in a schema, or by their own
  // OID or their array type's OID; nullptr if none.
  const TypeDesc* FindType(Oid namespace_oid, std::string_view name) const;
  const TypeDesc* FindType(Oid oid) const;
  const TypeDesc* FindTypeByArray(Oid array_oid) const;
  const std::map<Oid, std::shared_ptr<const TypeDesc>>& types() const { return types_; }

  // User-defined operators (pg_operator): by OID, and the one `name` in
  // the schema with exactly these argument types (left 0 for prefix).
  const OperatorDesc* FindOperator(Oid oid) const;
  const OperatorDesc* FindOperator(Oid namespace_oid, std::string_view name, Oid left,
                                   Oid right) const;
  const std::map<Oid, std::shared_ptr<const OperatorDesc>>& operators() const {
    return operators_;
  }
  // User-defined casts (pg_cast), by OID or by (source, target).
  const CastDesc* FindCast(Oid oid) const;
  const CastDesc* FindCast(Oid source, Oid target) const;
  const std::map<Oid, CastDesc>& casts() const { return casts_; }

  // COMMENT ON texts (pg_description), by target; comments on objects that
  // were dropped are removed with them (Catalog::DeleteCommentsOn).
  const std::string* FindComment(const CommentTarget& target) const;
  const std::map<CommentTarget, std::string>& comments() const { return comments_; }
  // Stored roles (catalog/role_desc.h), by name or OID; nullptr if none.
  const RoleDesc* FindRole(std::string_view name) const;
  const RoleDesc* FindRole(Oid oid) const;
  const std::map<Oid, RoleDesc>& roles() const { return roles_; }
  // The stored access control list of an object (GRANT/REVOKE); nullptr
  // means none is stored: the owner's defaults apply (catalog/acl_item.h).
  const std::vector<AclItem>* FindAcl(const AclTarget& target) const;
  const std::map<AclTarget, std::vector<AclItem>>& acls() const { return acls_; }
  // ALTER DEFAULT PRIVILEGES' lists (pg_default_acl).
  const std::map<DefaultAclKey, std::vector<AclItem>>& default_acls() const {
    return default_acls_;
  }

  // Databases (pg_database): initdb's three and the stored ones.
  const DatabaseDesc* FindDatabase(std::string_view name) const;
  const DatabaseDesc* FindDatabase(Oid oid) const;
  const std::map<Oid, DatabaseDesc>& databases() const { return databases_; }
  // ALTER ROLE / DATABASE ... SET (pg_db_role_setting): "name=value" lists
  // by (database, role), 0 meaning any.
  const std::map<std::pair<Oid, Oid>, std::vector<std::string>>& role_settings() const {
    return role_settings_;
  }
  // Whether this database has objects beyond initdb's schemas (CREATE
  // DATABASE copies only an empty template).
  bool HasUserObjects() const;

  const std::map<Oid, NamespaceDesc>& namespaces() const { return namespaces_; }
  const std::map<Oid, std::shared_ptr<const TableDesc>>& tables() const { return tables_; }
  const std::map<Oid, std::shared_ptr<const ViewDesc>>& views() const { return views_; }
  const std::map<Oid, SequenceDesc>& sequences() const { return sequences_; }

 private:
  friend class Catalog;
  std::map<Oid, NamespaceDesc> namespaces_;
  std::map<Oid, std::shared_ptr<const TableDesc>> tables_;
  std::map<Oid, SequenceDesc> sequences_;
  std::map<Oid, std::shared_ptr<const ViewDesc>> views_;
  std::map<Oid, std::shared_ptr<const FunctionDesc>> functions_;
  std::map<Oid, std::shared_ptr<const TypeDesc>> types_;
  std::map<Oid, std::shared_ptr<const OperatorDesc>> operators_;
  std::map<Oid, CastDesc> casts_;
  std::map<CommentTarget, std::string> comments_;
  std::map<Oid, RoleDesc> roles_;
  std::map<AclTarget, std::vector<AclItem>> acls_;
  std::map<DefaultAclKey, std::vector<AclItem>> default_acls_;
  std::map<Oid, DatabaseDesc> databases_;
  std::map<std::pair<Oid, Oid>, std::vector<std::string>> role_settings_;
};

class Catalog {
 public:
  // Loads the catalog, creating the built-in schemas on an empty engine, and
  // drops engine trees named "rel_*" that no table refers to (left by a crash
  // between CreateTree and the commit that would have used it).
  // Opens every database's catalog ("postgres"'s is the one returned;
  // template1's is created on first open).
  [[nodiscard]] static Result<std::unique_ptr<Catalog>> Open(txn::TransactionManager* txns);
  ~Catalog();

  std::shared_ptr<const CatalogSnapshot> Current() const;

  DdlMutex& ddl_mutex() { return shared_->ddl_mu; }

  // The database this catalog describes, and the key scope of its records
  // (catalog_records.h: empty for "postgres").
  Oid database_oid() const { return database_oid_; }
  const std::string& key_scope() const { return key_scope_; }
  // The catalog of database `oid` (this one for its own OID); nullptr for a
  // database that does not exist (or was dropped). Stable for the life of
  // the server: a dropped database's catalog is kept, unlisted.
  Catalog* ForDatabase(Oid oid);

  // The following REQUIRE ddl_mutex() held; they write into `txn` only.
  Oid AllocateOid(txn::Transaction* txn);
  void PutNamespace(txn::Transaction* txn, const NamespaceDesc& ns);
  void DeleteNamespace(txn::Transaction* txn, Oid oid);
  void PutTable(txn::Transaction* txn, const TableDesc& table);
  void DeleteTable(txn::Transaction* txn, Oid oid);
  // A new sequence also gets its initial value record (not yet called).
  void PutSequence(txn::Transaction* txn, const SequenceDesc& seq, bool is_new);
  // Deletes the definition and the value record.
  void DeleteSequence(txn::Transaction* txn, Oid oid);
  void PutView(txn::Transaction* txn, const ViewDesc& view);
  void DeleteView(txn::Transaction* txn, Oid oid);
  void PutFunction(txn::Transaction* txn, const FunctionDesc& fn);
  void DeleteFunction(txn::Transaction* txn, Oid oid);
  void PutType(txn::Transaction* txn, const TypeDesc& type);
  void DeleteType(txn::Transaction* txn, Oid oid);
  void PutOperator(txn::Transaction* txn, const OperatorDesc& op);
  void DeleteOperator(txn::Transaction* txn, Oid oid);
  void PutCast(txn::Transaction* txn, const CastDesc& cast);
  void DeleteCast(txn::Transaction* txn, Oid oid);
  // COMMENT ON: sets (or, with nullopt, removes) the comment on `target`.
  void PutComment(txn::Transaction* txn, const CommentTarget& target,
                  const std::optional<std::string>& text);
  // Removes the comments on object `objoid` of catalog `classoid` (all its
  // columns' too) that `snapshot` has: for DROP of the object.
  void DeleteCommentsOn(txn::Transaction* txn, const CatalogSnapshot& snapshot, Oid classoid,
                        Oid objoid);
  // Removes the lists of object `objoid` of catalog `classoid` and of all
  // its columns that `snapshot` has: for DROP of the object.
  void DeleteAclsOn(txn::Transaction* txn, const CatalogSnapshot& snapshot, Oid classoid,
                    Oid objoid);
  void PutRole(txn::Transaction* txn, const RoleDesc& role);
  void DeleteRole(txn::Transaction* txn, Oid oid);
  // The database record; a new one (CREATE DATABASE) also gets initdb's
  // schemas in its scope. DROP DATABASE: the record, its ACL and comment,
  // and every record in the database's scope (its tables' trees are the
  // caller's to drop after commit).
  void PutDatabase(txn::Transaction* txn, const DatabaseDesc& db, bool is_new);
  [[nodiscard]] Status DeleteDatabase(txn::Transaction* txn, Oid oid);
  // ALTER DEFAULT PRIVILEGES: the list of `key` (nullopt: deleted; an
  // empty list is stored: no privileges at all).
  void PutDefaultAcl(txn::Transaction* txn, const DefaultAclKey& key,
                     const std::optional<std::vector<AclItem>>& acl);
  // The settings of (database, role) (0: any); an empty list deletes them.
  void PutRoleSetting(txn::Transaction* txn, Oid database, Oid role,
                      const std::vector<std::string>& settings);
  // GRANT/REVOKE: stores the whole list of `target`. Dropping a table, view,
  // sequence or schema deletes its list (a table's or view's column lists
  // too).
  void PutAcl(txn::Transaction* txn, const AclTarget& target, const std::vector<AclItem>& acl);
  // Removes the stored list of `target` (a column's, on REVOKE of its last
  // privilege).
  void DeleteAcl(txn::Transaction* txn, const AclTarget& target);
  // Creates the engine tree for a table (named "rel_<table>_<fresh oid>"),
  // registered with `txn` to be dropped if it rolls back.
  [[nodiscard]] Result<storage::TreeId> CreateTableTree(txn::Transaction* txn, Oid table_oid,
                                                        std::string* tree_name);
  // Re-reads every record from the engine's latest state (after a DDL commit,
  // or to discard the effects of a rolled-back one).
  [[nodiscard]] Status Reload();
  // The catalog as `txn` sees it: its own uncommitted catalog writes merged
  // over the latest committed records (a transaction block's DDL is visible
  // to its later statements only). REQUIRES ddl_mutex() held by `txn`'s
  // session, so the committed part cannot change underneath.
  [[nodiscard]] Result<std::shared_ptr<const CatalogSnapshot>> LoadThrough(txn::Transaction* txn);

 private:
  // What every database's catalog shares.
  struct Shared {
    DdlMutex ddl_mu;
    Oid next_oid = kFirstNormalObjectId;  // guarded by ddl_mu
  };
  // Which records one LoadRecords pass takes.
  enum class LoadScope { kAll, kSharedOnly, kDatabaseOnly };

  Catalog(txn::TransactionManager* txns, std::shared_ptr<Shared> shared, Catalog* root,
          Oid database);
  // Writes initdb's schemas into this database's scope (and, for the first
  // database, the OID counter).
  [[nodiscard]] Status Bootstrap();
  // Reloads this one catalog; *next_oid gets its OID counter.
  [[nodiscard]] Status ReloadOne(Oid* next_oid);
  // Loads `txn`'s view (latest or snapshot) of this database's records.
  [[nodiscard]] Status LoadInto(txn::Transaction* txn, bool latest, CatalogSnapshot* snapshot,
                                Oid* next_oid) const;
  // Decodes the records of one key scope (`scope`, stripped from each key)
  // into `snapshot`, keeping those `which` selects; *next_oid is raised above
  // every OID seen.
  [[nodiscard]] static Status LoadRecords(txn::TxnIterator* it, std::string_view scope,
                                          LoadScope which, CatalogSnapshot* snapshot,
                                          Oid* next_oid);
  [[nodiscard]] Status DropUnreferencedTrees();
  // The key of a record of this database (scoped unless shared).
  std::string Scoped(std::string key) const { return key_scope_ + key; }

  txn::TransactionManager* txns_;
  std::shared_ptr<Shared> shared_;
  Catalog* root_;  // "postgres"'s catalog, which owns the others
  Oid database_oid_;
  std::string key_scope_;
  mutable std::mutex current_mu_;
  std::shared_ptr<const CatalogSnapshot> current_;
  // Root only: the other databases' catalogs by OID (dropped ones stay, so
  // pointers handed out stay valid), guarded by others_mu_.
  std::mutex others_mu_;
  std::map<Oid, std::unique_ptr<Catalog>> others_;
};

}  // namespace strata::catalog
