// Catalog: loading, caching and changing catalog records (see catalog.h).
#include "catalog/catalog.h"

#include <algorithm>
#include <climits>
#include <set>

#include "catalog/catalog_records.h"
#include "common/logging.h"

namespace strata::catalog {

// ---- CatalogSnapshot ----

const NamespaceDesc* CatalogSnapshot::FindNamespace(std::string_view name) const {
  for (const auto& [oid, ns] : namespaces_) {
    if (ns.name == name) return &ns;
  }
  return nullptr;
}

const RoleDesc* CatalogSnapshot::FindRole(std::string_view name) const {
  for (const auto& [oid, role] : roles_) {
    if (role.name == name) return &role;
  }
  return nullptr;
}

const RoleDesc* CatalogSnapshot::FindRole(Oid oid) const {
  auto it = roles_.find(oid);
  return it == roles_.end() ? nullptr : &it->second;
}

const NamespaceDesc* CatalogSnapshot::FindNamespace(Oid oid) const {
  auto it = namespaces_.find(oid);
  return it == namespaces_.end() ? nullptr : &it->second;
}

const TableDesc* CatalogSnapshot::FindTable(Oid namespace_oid, std::string_view name) const {
  for (const auto& [oid, t] : tables_) {
    if (t->namespace_oid == namespace_oid && t->name == name) return t.get();
  }
  return nullptr;
}

const TableDesc* CatalogSnapshot::FindTable(Oid oid) const {
  auto it = tables_.find(oid);
  return it == tables_.end() ? nullptr : it->second.get();
}

const TableDesc* CatalogSnapshot::FindTableByTree(storage::TreeId tree) const {
  for (const auto& [oid, t] : tables_) {
    if (t->tree == tree) return t.get();
  }
  return nullptr;
}

std::vector<const TableDesc*> CatalogSnapshot::ChildrenOf(Oid parent) const {
  std::vector<const TableDesc*> out;
  for (const auto& [oid, t] : tables_) {
    for (Oid p : t->parents) {
      if (p == parent) {
        out.push_back(t.get());
        break;
      }
    }
  }
  return out;
}

std::vector<const TableDesc*> CatalogSnapshot::WithDescendants(Oid parent) const {
  std::vector<const TableDesc*> out;
  const TableDesc* root = FindTable(parent);
  if (root == nullptr) return out;
  out.push_back(root);
  // Breadth first; a table reachable through two parents is listed once.
  for (size_t i = 0; i < out.size(); ++i) {
    for (const TableDesc* child : ChildrenOf(out[i]->oid)) {
      bool seen = false;
      for (const TableDesc* t : out) seen |= t == child;
      if (!seen) out.push_back(child);
    }
  }
  return out;
}

std::vector<const TableDesc*> CatalogSnapshot::TablesIn(Oid namespace_oid) const {
  std::vector<const TableDesc*> out;
  for (const auto& [oid, t] : tables_) {
    if (t->namespace_oid == namespace_oid) out.push_back(t.get());
  }
  return out;
}

const SequenceDesc* CatalogSnapshot::FindSequence(Oid namespace_oid, std::string_view name) const {
  for (const auto& [oid, seq] : sequences_) {
    if (seq.namespace_oid == namespace_oid && seq.name == name) return &seq;
  }
  return nullptr;
}

const SequenceDesc* CatalogSnapshot::FindSequence(Oid oid) const {
  auto it = sequences_.find(oid);
  return it == sequences_.end() ? nullptr : &it->second;
}

std::vector<const SequenceDesc*> CatalogSnapshot::SequencesOwnedBy(Oid table) const {
  std::vector<const SequenceDesc*> out;
  for (const auto& [oid, seq] : sequences_) {
    if (seq.owner_table == table) out.push_back(&seq);
  }
  return out;
}

CatalogSnapshot::IndexRef CatalogSnapshot::FindIndex(Oid oid) const {
  for (const auto& [table_oid, t] : tables_) {
    for (const IndexDesc& ix : t->indexes) {
      if (ix.oid == oid) return {t.get(), &ix};
    }
  }
  return {};
}

CatalogSnapshot::IndexRef CatalogSnapshot::FindIndex(Oid namespace_oid,
                                                     std::string_view name) const {
  for (const auto& [table_oid, t] : tables_) {
    if (t->namespace_oid != namespace_oid) continue;
    for (const IndexDesc& ix : t->indexes) {
      if (ix.name == name) return {t.get(), &ix};
    }
  }
  return {};
}

CatalogSnapshot::IndexRef CatalogSnapshot::FindIndexByTree(storage::TreeId tree) const {
  for (const auto& [table_oid, t] : tables_) {
    for (const IndexDesc& ix : t->indexes) {
      if (ix.tree == tree) return {t.get(), &ix};
    }
  }
  return {};
}

bool CatalogSnapshot::RelationNameTaken(Oid namespace_oid, std::string_view name) const {
  if (FindTable(namespace_oid, name) != nullptr || FindSequence(namespace_oid, name) != nullptr ||
      FindView(namespace_oid, name) != nullptr || FindIndex(namespace_oid, name).index != nullptr) {
    return true;
  }
  for (const auto& [oid, t] : tables_) {
    if (t->namespace_oid == namespace_oid && !t->primary_key.empty() &&
        t->primary_key_name == name) {
      return true;
    }
  }
  // A composite type's pg_class row (relkind 'c').
  const TypeDesc* type = FindType(namespace_oid, name);
  return type != nullptr && type->kind == 'c';
}

const ViewDesc* CatalogSnapshot::FindView(Oid namespace_oid, std::string_view name) const {
  for (const auto& [oid, v] : views_) {
    if (v->namespace_oid == namespace_oid && v->name == name) return v.get();
  }
  return nullptr;
}

const ViewDesc* CatalogSnapshot::FindView(Oid oid) const {
  auto it = views_.find(oid);
  return it == views_.end() ? nullptr : it->second.get();
}

std::vector<const ViewDesc*> CatalogSnapshot::ViewsIn(Oid namespace_oid) const {
  std::vector<const ViewDesc*> out;
  for (const auto& [oid, v] : views_) {
    if (v->namespace_oid == namespace_oid) out.push_back(v.get());
  }
  return out;
}

std::vector<const ViewDesc*> CatalogSnapshot::ViewsDependingOn(Oid oid) const {
  std::vector<const ViewDesc*> out;
  for (const auto& [view_oid, v] : views_) {
    if (std::find(v->depends_on.begin(), v->depends_on.end(), oid) != v->depends_on.end()) {
      out.push_back(v.get());
    }
  }
  return out;
}

std::vector<const FunctionDesc*> CatalogSnapshot::FindFunctions(Oid namespace_oid,
                                                                std::string_view name) const {
  std::vector<const FunctionDesc*> out;
  for (const auto& [oid, f] : functions_) {
    if (f->namespace_oid == namespace_oid && f->name == name) out.push_back(f.get());
  }
  return out;
}

const FunctionDesc* CatalogSnapshot::FindFunction(Oid oid) const {
  auto it = functions_.find(oid);
  return it == functions_.end() ? nullptr : it->second.get();
}

const TypeDesc* CatalogSnapshot::FindType(Oid namespace_oid, std::string_view name) const {
  for (const auto& [oid, t] : types_) {
    if (t->namespace_oid == namespace_oid && t->name == name) return t.get();
  }
  return nullptr;
}

const TypeDesc* CatalogSnapshot::FindType(Oid oid) const {
  auto it = types_.find(oid);
  return it == types_.end() ? nullptr : it->second.get();
}

const TypeDesc* CatalogSnapshot::FindTypeByArray(Oid array_oid) const {
  for (const auto& [oid, t] : types_) {
    if (t->array_oid == array_oid) return t.get();
  }
  return nullptr;
}

const OperatorDesc* CatalogSnapshot::FindOperator(Oid oid) const {
  auto it = operators_.find(oid);
  return it == operators_.end() ? nullptr : it->second.get();
}

const OperatorDesc* CatalogSnapshot::FindOperator(Oid namespace_oid, std::string_view name,
                                                  Oid left, Oid right) const {
  for (const auto& [oid, op] : operators_) {
    if (op->namespace_oid == namespace_oid && op->name == name && op->left == left &&
        op->right == right) {
      return op.get();
    }
  }
  return nullptr;
}

const CastDesc* CatalogSnapshot::FindCast(Oid oid) const {
  auto it = casts_.find(oid);
  return it == casts_.end() ? nullptr : &it->second;
}

const CastDesc* CatalogSnapshot::FindCast(Oid source, Oid target) const {
  for (const auto& [oid, cast] : casts_) {
    if (cast.source == source && cast.target == target) return &cast;
  }
  return nullptr;
}

const std::vector<AclItem>* CatalogSnapshot::FindAcl(const AclTarget& target) const {
  auto it = acls_.find(target);
  return it == acls_.end() ? nullptr : &it->second;
}

const std::string* CatalogSnapshot::FindComment(const CommentTarget& target) const {
  auto it = comments_.find(target);
  return it == comments_.end() ? nullptr : &it->second;
}

const DatabaseDesc* CatalogSnapshot::FindDatabase(std::string_view name) const {
  for (const auto& [oid, db] : databases_) {
    if (db.name == name) return &db;
  }
  return nullptr;
}

const DatabaseDesc* CatalogSnapshot::FindDatabase(Oid oid) const {
  auto it = databases_.find(oid);
  return it == databases_.end() ? nullptr : &it->second;
}

bool CatalogSnapshot::HasUserObjects() const {
  for (const auto& [oid, ns] : namespaces_) {
    if (oid >= kFirstNormalObjectId) return true;
  }
  return !tables_.empty() || !views_.empty() || !sequences_.empty() || !functions_.empty() ||
         !types_.empty() || !operators_.empty() || !casts_.empty();
}

// ---- Catalog ----

namespace {

// initdb's databases (never stored; stored database records join them).
void AddInitdbDatabases(std::map<Oid, DatabaseDesc>* out) {
  out->emplace(kTemplate1DatabaseOid, DatabaseDesc{kTemplate1DatabaseOid, "template1",
                                                   kBootstrapSuperuserOid, true, true, -1});
  out->emplace(kTemplate0DatabaseOid, DatabaseDesc{kTemplate0DatabaseOid, "template0",
                                                   kBootstrapSuperuserOid, true, false, -1});
  out->emplace(kPostgresDatabaseOid, DatabaseDesc{kPostgresDatabaseOid, "postgres",
                                                  kBootstrapSuperuserOid, false, true, -1});
}

// Whether a record is shared by every database (never scoped).
bool IsSharedKey(std::string_view key) {
  switch (static_cast<CatalogKeyKind>(key[0])) {
    case CatalogKeyKind::kCounter:
    case CatalogKeyKind::kRole:
    case CatalogKeyKind::kDatabase:
    case CatalogKeyKind::kRoleSetting:
      return true;
    case CatalogKeyKind::kAcl: {
      auto target = AclTargetFromKey(key);
      return target && IsSharedObjectClass(target->classoid);
    }
    case CatalogKeyKind::kComment: {
      auto target = CommentTargetFromKey(key);
      return target && IsSharedObjectClass(target->classoid);
    }
    default:
      return false;
  }
}

}  // namespace

Catalog::Catalog(txn::TransactionManager* txns, std::shared_ptr<Shared> shared, Catalog* root,
                 Oid database)
    : txns_(txns),
      shared_(std::move(shared)),
      root_(root == nullptr ? this : root),
      database_oid_(database),
      key_scope_(DatabaseKeyScope(database)) {}

Catalog::~Catalog() = default;

Result<std::unique_ptr<Catalog>> Catalog::Open(txn::TransactionManager* txns) {
  std::unique_ptr<Catalog> catalog(
      new Catalog(txns, std::make_shared<Shared>(), nullptr, kPostgresDatabaseOid));
  std::lock_guard<DdlMutex> lock(catalog->ddl_mutex());
  if (Status s = catalog->Reload(); !s.ok()) return s;
  // Bootstraps each database whose catalog is empty: "postgres" on a new
  // data directory, template1 the first time this version opens one.
  bool bootstrapped = false;
  if (catalog->Current()->namespaces().empty()) {
    if (Status s = catalog->Bootstrap(); !s.ok()) return s;
    bootstrapped = true;
  }
  for (auto& [oid, other] : catalog->others_) {
    if (other->Current()->namespaces().empty()) {
      if (Status s = other->Bootstrap(); !s.ok()) return s;
      bootstrapped = true;
    }
  }
  if (bootstrapped) {
    // initdb's comments on its databases (new data directory, or the first
    // open by a version with databases), unless someone set their own.
    auto txn = txns->Begin();
    const std::pair<Oid, const char*> comments[] = {
        {kTemplate1DatabaseOid, "default template for new databases"},
        {kTemplate0DatabaseOid, "unmodifiable empty database"},
        {kPostgresDatabaseOid, "default administrative connection database"}};
    for (const auto& [oid, text] : comments) {
      const CommentTarget target{kPgDatabaseOid, oid, 0};
      if (catalog->Current()->FindComment(target) == nullptr) {
        catalog->PutComment(txn.get(), target, std::string(text));
      }
    }
    if (Status s = txn->Commit(); !s.ok()) return s;
  }
  if (bootstrapped) {
    if (Status s = catalog->Reload(); !s.ok()) return s;
  }
  if (Status s = catalog->DropUnreferencedTrees(); !s.ok()) return s;
  return catalog;
}

std::shared_ptr<const CatalogSnapshot> Catalog::Current() const {
  std::lock_guard<std::mutex> lock(current_mu_);
  return current_;
}

Catalog* Catalog::ForDatabase(Oid oid) {
  if (oid == root_->database_oid_) return root_;
  const std::shared_ptr<const CatalogSnapshot> current = root_->Current();
  const DatabaseDesc* db = current->FindDatabase(oid);
  if (db == nullptr || (!db->allow_connections && oid == kTemplate0DatabaseOid)) return nullptr;
  std::lock_guard<std::mutex> lock(root_->others_mu_);
  auto it = root_->others_.find(oid);
  return it == root_->others_.end() ? nullptr : it->second.get();
}

Status Catalog::Bootstrap() {
  auto txn = txns_->Begin();
  PutNamespace(txn.get(), NamespaceDesc{kPgCatalogNamespace, "pg_catalog"});
  PutNamespace(txn.get(), NamespaceDesc{kPublicNamespace, "public"});
  PutNamespace(txn.get(), NamespaceDesc{kInformationSchemaNamespace, "information_schema"});
  // initdb's comment on the public schema (pg_dump writes COMMENT ON SCHEMA
  // public IS '' for a database without it).
  PutComment(txn.get(), CommentTarget{kPgNamespaceOid, kPublicNamespace, 0},
             std::string("standard public schema"));
  if (this == root_) {
    txn->Put(storage::kDefaultTree, NextOidKey(), EncodeOidCounter(kFirstNormalObjectId));
  }
  return txn->Commit();
}

Status Catalog::LoadRecords(txn::TxnIterator* it, std::string_view scope, LoadScope which,
                            CatalogSnapshot* snapshot, Oid* next_oid) {
  Oid max_oid = kFirstNormalObjectId - 1;
  Oid counter = kFirstNormalObjectId;
  if (scope.empty()) {
    it->SeekToFirst();
  } else {
    it->Seek(Slice(scope));
  }
  for (; it->Valid(); it->Next()) {
    Slice key = it->key();
    if (!scope.empty()) {
      if (key.size() < scope.size() || std::string_view(key.data(), scope.size()) != scope) break;
      key.remove_prefix(scope.size());
    }
    const Slice value = it->value();
    if (key.empty()) continue;
    // Unscoped pass: other databases' records are not this pass's.
    if (scope.empty() &&
        static_cast<CatalogKeyKind>(key[0]) == CatalogKeyKind::kDatabaseScope) {
      continue;
    }
    if (which != LoadScope::kAll &&
        IsSharedKey(std::string_view(key.data(), key.size())) != (which == LoadScope::kSharedOnly)) {
      continue;
    }
    switch (static_cast<CatalogKeyKind>(key[0])) {
      case CatalogKeyKind::kDatabase: {
        auto oid = OidFromKey(key);
        auto db = oid ? DecodeDatabase(*oid, value) : std::nullopt;
        if (!db) return Status::Corruption("bad database catalog record");
        max_oid = std::max(max_oid, db->oid);
        snapshot->databases_[db->oid] = std::move(*db);
        break;
      }
      case CatalogKeyKind::kDefaultAcl: {
        auto which = DefaultAclFromKey(key);
        auto acl = which ? DecodeAcl(value) : std::nullopt;
        if (!acl) return Status::Corruption("bad default acl catalog record");
        snapshot->default_acls_[*which] = std::move(*acl);
        break;
      }
      case CatalogKeyKind::kRoleSetting: {
        auto which = RoleSettingFromKey(key);
        auto settings = which ? DecodeRoleSetting(value) : std::nullopt;
        if (!settings) return Status::Corruption("bad settings catalog record");
        snapshot->role_settings_[*which] = std::move(*settings);
        break;
      }
      case CatalogKeyKind::kCounter:
        if (key == NextOidKey()) {
          auto c = DecodeOidCounter(value);
          if (!c) return Status::Corruption("bad next_oid catalog record");
          counter = *c;
        }
        break;
      case CatalogKeyKind::kNamespace: {
        auto oid = OidFromKey(key);
        auto ns = oid ? DecodeNamespace(*oid, value) : std::nullopt;
        if (!ns) return Status::Corruption("bad namespace catalog record");
        max_oid = std::max(max_oid, ns->oid);
        snapshot->namespaces_[ns->oid] = std::move(*ns);
        break;
      }
      case CatalogKeyKind::kTable: {
        auto oid = OidFromKey(key);
        auto t = oid ? DecodeTable(*oid, value) : std::nullopt;
        if (!t) return Status::Corruption("bad table catalog record");
        max_oid = std::max(max_oid, t->oid);
        snapshot->tables_[t->oid] = std::make_shared<const TableDesc>(std::move(*t));
        break;
      }
      case CatalogKeyKind::kSequence: {
        auto oid = OidFromKey(key);
        auto seq = oid ? DecodeSequence(*oid, value) : std::nullopt;
        if (!seq) return Status::Corruption("bad sequence catalog record");
        max_oid = std::max(max_oid, seq->oid);
        snapshot->sequences_[seq->oid] = std::move(*seq);
        break;
      }
      case CatalogKeyKind::kView: {
        auto oid = OidFromKey(key);
        auto v = oid ? DecodeView(*oid, value) : std::nullopt;
        if (!v) return Status::Corruption("bad view catalog record");
        max_oid = std::max(max_oid, v->oid);
        snapshot->views_[v->oid] = std::make_shared<const ViewDesc>(std::move(*v));
        break;
      }
      case CatalogKeyKind::kFunction: {
        auto oid = OidFromKey(key);
        auto f = oid ? DecodeFunction(*oid, value) : std::nullopt;
        if (!f) return Status::Corruption("bad function catalog record");
        max_oid = std::max(max_oid, f->oid);
        snapshot->functions_[f->oid] = std::make_shared<const FunctionDesc>(std::move(*f));
        break;
      }
      case CatalogKeyKind::kType: {
        auto oid = OidFromKey(key);
        auto t = oid ? DecodeType(*oid, value) : std::nullopt;
        if (!t) return Status::Corruption("bad type catalog record");
        max_oid = std::max({max_oid, t->oid, t->array_oid});
        for (const EnumLabel& l : t->labels) max_oid = std::max(max_oid, l.oid);
        for (const DomainCheck& c : t->checks) max_oid = std::max(max_oid, c.oid);
        snapshot->types_[t->oid] = std::make_shared<const TypeDesc>(std::move(*t));
        break;
      }
      case CatalogKeyKind::kOperator: {
        auto oid = OidFromKey(key);
        auto op = oid ? DecodeOperator(*oid, value) : std::nullopt;
        if (!op) return Status::Corruption("bad operator catalog record");
        max_oid = std::max(max_oid, op->oid);
        snapshot->operators_[op->oid] = std::make_shared<const OperatorDesc>(std::move(*op));
        break;
      }
      case CatalogKeyKind::kCast: {
        auto oid = OidFromKey(key);
        auto cast = oid ? DecodeCast(*oid, value) : std::nullopt;
        if (!cast) return Status::Corruption("bad cast catalog record");
        max_oid = std::max(max_oid, cast->oid);
        snapshot->casts_[cast->oid] = *cast;
        break;
      }
      case CatalogKeyKind::kComment: {
        auto target = CommentTargetFromKey(key);
        auto text = target ? DecodeComment(value) : std::nullopt;
        if (!text) return Status::Corruption("bad comment catalog record");
        snapshot->comments_[*target] = std::move(*text);
        break;
      }
      case CatalogKeyKind::kRole: {
        auto oid = OidFromKey(key);
        auto r = oid ? DecodeRole(*oid, value) : std::nullopt;
        if (!r) return Status::Corruption("bad role catalog record");
        max_oid = std::max(max_oid, r->oid);
        snapshot->roles_[r->oid] = std::move(*r);
        break;
      }
      case CatalogKeyKind::kAcl: {
        auto target = AclTargetFromKey(key);
        auto acl = target ? DecodeAcl(value) : std::nullopt;
        if (!acl) return Status::Corruption("bad acl catalog record");
        snapshot->acls_[*target] = std::move(*acl);
        break;
      }
      default:
        break;  // value records, and kinds a later version added; this one ignores them
    }
  }
  if (Status s = it->status(); !s.ok()) return s;
  *next_oid = std::max(*next_oid, std::max(counter, max_oid + 1));
  return Status::OK();
}

Status Catalog::LoadInto(txn::Transaction* txn, bool latest, CatalogSnapshot* snapshot,
                         Oid* next_oid) const {
  auto it = latest ? txn->NewLatestIterator(storage::kDefaultTree)
                   : txn->NewIterator(storage::kDefaultTree);
  if (key_scope_.empty()) {
    if (Status s = LoadRecords(it.get(), {}, LoadScope::kAll, snapshot, next_oid); !s.ok()) {
      return s;
    }
  } else {
    if (Status s = LoadRecords(it.get(), {}, LoadScope::kSharedOnly, snapshot, next_oid);
        !s.ok()) {
      return s;
    }
    if (Status s = LoadRecords(it.get(), key_scope_, LoadScope::kDatabaseOnly, snapshot, next_oid);
        !s.ok()) {
      return s;
    }
  }
  AddInitdbDatabases(&snapshot->databases_);
  return Status::OK();
}

Status Catalog::ReloadOne(Oid* next_oid) {
  auto snapshot = std::make_shared<CatalogSnapshot>();
  auto txn = txns_->Begin();
  if (Status s = LoadInto(txn.get(), /*latest=*/false, snapshot.get(), next_oid); !s.ok()) {
    return s;
  }
  std::lock_guard<std::mutex> lock(current_mu_);
  current_ = std::move(snapshot);
  return Status::OK();
}

Status Catalog::Reload() {
  Catalog* root = root_;
  Oid next_oid = kFirstNormalObjectId;
  if (Status s = root->ReloadOne(&next_oid); !s.ok()) return s;
  // Every database the root now lists gets a catalog (CREATE DATABASE just
  // committed, or a data directory opened); dropped ones keep theirs,
  // unlisted (ForDatabase), as sessions may still hold them.
  const std::shared_ptr<const CatalogSnapshot> current = root->Current();
  std::vector<Catalog*> others;
  {
    std::lock_guard<std::mutex> lock(root->others_mu_);
    for (const auto& [oid, db] : current->databases()) {
      if (oid == root->database_oid_ || oid == kTemplate0DatabaseOid) continue;
      auto& slot = root->others_[oid];
      if (slot == nullptr) slot.reset(new Catalog(txns_, shared_, root, oid));
      others.push_back(slot.get());
    }
  }
  for (Catalog* other : others) {
    if (Status s = other->ReloadOne(&next_oid); !s.ok()) return s;
  }
  shared_->next_oid = next_oid;
  return Status::OK();
}

Result<std::shared_ptr<const CatalogSnapshot>> Catalog::LoadThrough(txn::Transaction* txn) {
  auto snapshot = std::make_shared<CatalogSnapshot>();
  Oid next_oid = kFirstNormalObjectId;
  if (Status s = LoadInto(txn, /*latest=*/true, snapshot.get(), &next_oid); !s.ok()) return s;
  // The shared next_oid already counts this transaction's allocations (it
  // may be ahead of the records when a savepoint undid some).
  return std::shared_ptr<const CatalogSnapshot>(std::move(snapshot));
}

Status Catalog::DropUnreferencedTrees() {
  std::set<storage::TreeId> used;
  auto add_tables = [&used](const CatalogSnapshot& snapshot) {
    for (const auto& [oid, t] : snapshot.tables()) {
      used.insert(t->tree);
      for (const IndexDesc& ix : t->indexes) used.insert(ix.tree);
    }
  };
  add_tables(*root_->Current());
  {
    std::lock_guard<std::mutex> lock(root_->others_mu_);
    const std::shared_ptr<const CatalogSnapshot> current = root_->Current();
    for (const auto& [oid, other] : root_->others_) {
      if (current->FindDatabase(oid) != nullptr) add_tables(*other->Current());
    }
  }
  storage::Engine* engine = txns_->engine();
  for (const storage::TreeStats& tree : engine->GetStats().trees) {
    if (tree.name.rfind("rel_", 0) != 0 || used.count(tree.id) != 0) continue;
    STRATA_LOG_INFO("dropping unreferenced tree {} ({})", tree.name, tree.id);
    if (Status s = engine->DropTree(tree.id); !s.ok()) return s;
  }
  return Status::OK();
}

Oid Catalog::AllocateOid(txn::Transaction* txn) {
  const Oid oid = shared_->next_oid++;
  txn->Put(storage::kDefaultTree, NextOidKey(), EncodeOidCounter(shared_->next_oid));
  return oid;
}

void Catalog::PutNamespace(txn::Transaction* txn, const NamespaceDesc& ns) {
  txn->Put(storage::kDefaultTree, Scoped(NamespaceKey(ns.oid)), EncodeNamespace(ns));
}

void Catalog::DeleteNamespace(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, Scoped(NamespaceKey(oid)));
  DeleteCommentsOn(txn, *Current(), kPgNamespaceOid, oid);
  txn->Delete(storage::kDefaultTree, Scoped(AclKey(AclTarget{kPgNamespaceOid, oid})));
}

void Catalog::PutTable(txn::Transaction* txn, const TableDesc& table) {
  txn->Put(storage::kDefaultTree, Scoped(TableKey(table.oid)), EncodeTable(table));
}

void Catalog::DeleteTable(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, Scoped(TableKey(oid)));
  const std::shared_ptr<const CatalogSnapshot> current = Current();
  DeleteCommentsOn(txn, *current, kPgClassOid, oid);
  DeleteAclsOn(txn, *current, kPgClassOid, oid);
  if (const TableDesc* table = current->FindTable(oid)) {
    for (const IndexDesc& ix : table->indexes) DeleteCommentsOn(txn, *current, kPgClassOid, ix.oid);
  }
}

void Catalog::PutSequence(txn::Transaction* txn, const SequenceDesc& seq, bool is_new) {
  txn->Put(storage::kDefaultTree, Scoped(SequenceKey(seq.oid)), EncodeSequence(seq));
  if (is_new) {
    txn->Put(storage::kDefaultTree, Scoped(SequenceValueKey(seq.oid)),
             EncodeSequenceValue(SequenceValueRecord{seq.start, false}));
  }
}

void Catalog::DeleteSequence(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, Scoped(SequenceKey(oid)));
  txn->Delete(storage::kDefaultTree, Scoped(SequenceValueKey(oid)));
  DeleteCommentsOn(txn, *Current(), kPgClassOid, oid);
  txn->Delete(storage::kDefaultTree, Scoped(AclKey(AclTarget{kPgClassOid, oid})));
}

void Catalog::PutView(txn::Transaction* txn, const ViewDesc& view) {
  txn->Put(storage::kDefaultTree, Scoped(ViewKey(view.oid)), EncodeView(view));
}

void Catalog::DeleteView(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, Scoped(ViewKey(oid)));
  DeleteCommentsOn(txn, *Current(), kPgClassOid, oid);
  DeleteAclsOn(txn, *Current(), kPgClassOid, oid);
}

void Catalog::PutFunction(txn::Transaction* txn, const FunctionDesc& fn) {
  txn->Put(storage::kDefaultTree, Scoped(FunctionKey(fn.oid)), EncodeFunction(fn));
}

void Catalog::DeleteFunction(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, Scoped(FunctionKey(oid)));
  DeleteCommentsOn(txn, *Current(), kPgProcOid, oid);
}

void Catalog::PutType(txn::Transaction* txn, const TypeDesc& type) {
  txn->Put(storage::kDefaultTree, Scoped(TypeKey(type.oid)), EncodeType(type));
}

void Catalog::PutOperator(txn::Transaction* txn, const OperatorDesc& op) {
  txn->Put(storage::kDefaultTree, Scoped(OperatorKey(op.oid)), EncodeOperator(op));
}

void Catalog::DeleteOperator(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, Scoped(OperatorKey(oid)));
  DeleteCommentsOn(txn, *Current(), kPgOperatorOid, oid);
}

void Catalog::PutCast(txn::Transaction* txn, const CastDesc& cast) {
  txn->Put(storage::kDefaultTree, Scoped(CastKey(cast.oid)), EncodeCast(cast));
}

void Catalog::DeleteCast(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, Scoped(CastKey(oid)));
  DeleteCommentsOn(txn, *Current(), kPgCastOid, oid);
}

void Catalog::DeleteType(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, Scoped(TypeKey(oid)));
  DeleteCommentsOn(txn, *Current(), kPgTypeOid, oid);
  DeleteAclsOn(txn, *Current(), kPgTypeOid, oid);
}

void Catalog::PutComment(txn::Transaction* txn, const CommentTarget& target,
                         const std::optional<std::string>& text) {
  const std::string key =
      IsSharedObjectClass(target.classoid) ? CommentKey(target) : Scoped(CommentKey(target));
  if (text) {
    txn->Put(storage::kDefaultTree, key, EncodeComment(*text));
  } else {
    txn->Delete(storage::kDefaultTree, key);
  }
}

void Catalog::DeleteCommentsOn(txn::Transaction* txn, const CatalogSnapshot& snapshot,
                               Oid classoid, Oid objoid) {
  const auto& comments = snapshot.comments();
  for (auto it = comments.lower_bound(CommentTarget{classoid, objoid, INT32_MIN});
       it != comments.end() && it->first.classoid == classoid && it->first.objoid == objoid;
       ++it) {
    txn->Delete(storage::kDefaultTree, IsSharedObjectClass(classoid) ? CommentKey(it->first)
                                                                     : Scoped(CommentKey(it->first)));
  }
}

void Catalog::PutRole(txn::Transaction* txn, const RoleDesc& role) {
  txn->Put(storage::kDefaultTree, RoleKey(role.oid), EncodeRole(role));
}

void Catalog::PutAcl(txn::Transaction* txn, const AclTarget& target,
                     const std::vector<AclItem>& acl) {
  txn->Put(storage::kDefaultTree,
           IsSharedObjectClass(target.classoid) ? AclKey(target) : Scoped(AclKey(target)),
           EncodeAcl(acl));
}

void Catalog::DeleteAcl(txn::Transaction* txn, const AclTarget& target) {
  txn->Delete(storage::kDefaultTree,
              IsSharedObjectClass(target.classoid) ? AclKey(target) : Scoped(AclKey(target)));
}

void Catalog::DeleteAclsOn(txn::Transaction* txn, const CatalogSnapshot& snapshot, Oid classoid,
                           Oid objoid) {
  // The object's own key is deleted even when `snapshot` lacks it: a list
  // stored earlier in the same transaction.
  DeleteAcl(txn, AclTarget{classoid, objoid, 0});
  const auto& acls = snapshot.acls();
  for (auto it = acls.lower_bound(AclTarget{classoid, objoid, 1});
       it != acls.end() && it->first.classoid == classoid && it->first.objoid == objoid; ++it) {
    DeleteAcl(txn, it->first);
  }
}

void Catalog::DeleteRole(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, RoleKey(oid));
  // Its settings in every database go with it, as PostgreSQL's DropRole.
  // The snapshot is held for the loop: a range-for over Current()->member
  // would keep only the member, and a concurrent Reload frees the snapshot.
  const std::shared_ptr<const CatalogSnapshot> current = Current();
  for (const auto& [which, settings] : current->role_settings()) {
    if (which.second == oid) PutRoleSetting(txn, which.first, which.second, {});
  }
}

void Catalog::PutDatabase(txn::Transaction* txn, const DatabaseDesc& db, bool is_new) {
  txn->Put(storage::kDefaultTree, DatabaseKey(db.oid), EncodeDatabase(db));
  if (!is_new) return;
  // The new database's initdb schemas, written in its own scope.
  const std::string scope = DatabaseKeyScope(db.oid);
  auto put = [&](const std::string& key, const std::string& value) {
    txn->Put(storage::kDefaultTree, scope + key, value);
  };
  put(NamespaceKey(kPgCatalogNamespace), EncodeNamespace(NamespaceDesc{kPgCatalogNamespace, "pg_catalog"}));
  put(NamespaceKey(kPublicNamespace), EncodeNamespace(NamespaceDesc{kPublicNamespace, "public"}));
  put(NamespaceKey(kInformationSchemaNamespace),
      EncodeNamespace(NamespaceDesc{kInformationSchemaNamespace, "information_schema"}));
  put(CommentKey(CommentTarget{kPgNamespaceOid, kPublicNamespace, 0}),
      EncodeComment("standard public schema"));
}

void Catalog::PutDefaultAcl(txn::Transaction* txn, const DefaultAclKey& key,
                            const std::optional<std::vector<AclItem>>& acl) {
  if (!acl) {
    txn->Delete(storage::kDefaultTree, Scoped(DefaultAclRecordKey(key)));
  } else {
    txn->Put(storage::kDefaultTree, Scoped(DefaultAclRecordKey(key)), EncodeAcl(*acl));
  }
}

void Catalog::PutRoleSetting(txn::Transaction* txn, Oid database, Oid role,
                             const std::vector<std::string>& settings) {
  if (settings.empty()) {
    txn->Delete(storage::kDefaultTree, RoleSettingKey(database, role));
  } else {
    txn->Put(storage::kDefaultTree, RoleSettingKey(database, role), EncodeRoleSetting(settings));
  }
}

Status Catalog::DeleteDatabase(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, DatabaseKey(oid));
  const std::shared_ptr<const CatalogSnapshot> current = Current();  // held: see DeleteRole
  for (const auto& [which, settings] : current->role_settings()) {
    if (which.first == oid) PutRoleSetting(txn, which.first, which.second, {});
  }
  txn->Delete(storage::kDefaultTree, AclKey(AclTarget{kPgDatabaseOid, oid}));
  DeleteCommentsOn(txn, *current, kPgDatabaseOid, oid);
  const std::string scope = DatabaseKeyScope(oid);
  std::vector<std::string> keys;
  auto it = txn->NewLatestIterator(storage::kDefaultTree);
  for (it->Seek(Slice(scope)); it->Valid(); it->Next()) {
    const Slice key = it->key();
    if (key.size() < scope.size() || std::string_view(key.data(), scope.size()) != scope) break;
    keys.emplace_back(key.data(), key.size());
  }
  if (Status s = it->status(); !s.ok()) return s;
  it.reset();
  for (const std::string& key : keys) txn->Delete(storage::kDefaultTree, key);
  return Status::OK();
}

Result<storage::TreeId> Catalog::CreateTableTree(txn::Transaction* txn, Oid table_oid,
                                                 std::string* tree_name) {
  *tree_name = "rel_" + std::to_string(table_oid) + "_" + std::to_string(AllocateOid(txn));
  Result<storage::TreeId> tree = txns_->engine()->CreateTree(*tree_name);
  if (tree.ok()) txn->DropTreeOnRollback(tree.value());
  return tree;
}

}  // namespace strata::catalog
