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
  return false;
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

const std::vector<AclItem>* CatalogSnapshot::FindAcl(const AclTarget& target) const {
  auto it = acls_.find(target);
  return it == acls_.end() ? nullptr : &it->second;
}

const std::string* CatalogSnapshot::FindComment(const CommentTarget& target) const {
  auto it = comments_.find(target);
  return it == comments_.end() ? nullptr : &it->second;
}

// ---- Catalog ----

Result<std::unique_ptr<Catalog>> Catalog::Open(txn::TransactionManager* txns) {
  std::unique_ptr<Catalog> catalog(new Catalog(txns));
  std::lock_guard<DdlMutex> lock(catalog->ddl_mu_);
  if (Status s = catalog->Reload(); !s.ok()) return s;
  if (catalog->Current()->namespaces().empty()) {
    if (Status s = catalog->Bootstrap(); !s.ok()) return s;
    if (Status s = catalog->Reload(); !s.ok()) return s;
  }
  if (Status s = catalog->DropUnreferencedTrees(); !s.ok()) return s;
  return catalog;
}

std::shared_ptr<const CatalogSnapshot> Catalog::Current() const {
  std::lock_guard<std::mutex> lock(current_mu_);
  return current_;
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
  txn->Put(storage::kDefaultTree, NextOidKey(), EncodeOidCounter(kFirstNormalObjectId));
  return txn->Commit();
}

Status Catalog::LoadRecords(txn::TxnIterator* it, CatalogSnapshot* snapshot, Oid* next_oid) {
  Oid max_oid = kFirstNormalObjectId - 1;
  Oid counter = kFirstNormalObjectId;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const Slice key = it->key();
    const Slice value = it->value();
    if (key.empty()) continue;
    switch (static_cast<CatalogKeyKind>(key[0])) {
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
  *next_oid = std::max(counter, max_oid + 1);
  return Status::OK();
}

Status Catalog::Reload() {
  auto snapshot = std::make_shared<CatalogSnapshot>();
  auto txn = txns_->Begin();
  auto it = txn->NewIterator(storage::kDefaultTree);
  Oid next_oid = kFirstNormalObjectId;
  if (Status s = LoadRecords(it.get(), snapshot.get(), &next_oid); !s.ok()) return s;
  next_oid_ = next_oid;
  std::lock_guard<std::mutex> lock(current_mu_);
  current_ = std::move(snapshot);
  return Status::OK();
}

Result<std::shared_ptr<const CatalogSnapshot>> Catalog::LoadThrough(txn::Transaction* txn) {
  auto snapshot = std::make_shared<CatalogSnapshot>();
  auto it = txn->NewLatestIterator(storage::kDefaultTree);
  Oid next_oid = kFirstNormalObjectId;
  if (Status s = LoadRecords(it.get(), snapshot.get(), &next_oid); !s.ok()) return s;
  // next_oid_ already counts this transaction's allocations (it may be
  // ahead of the records when a savepoint undid some).
  return std::shared_ptr<const CatalogSnapshot>(std::move(snapshot));
}

Status Catalog::DropUnreferencedTrees() {
  std::set<storage::TreeId> used;
  for (const auto& [oid, t] : current_->tables()) {
    used.insert(t->tree);
    for (const IndexDesc& ix : t->indexes) used.insert(ix.tree);
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
  const Oid oid = next_oid_++;
  txn->Put(storage::kDefaultTree, NextOidKey(), EncodeOidCounter(next_oid_));
  return oid;
}

void Catalog::PutNamespace(txn::Transaction* txn, const NamespaceDesc& ns) {
  txn->Put(storage::kDefaultTree, NamespaceKey(ns.oid), EncodeNamespace(ns));
}

void Catalog::DeleteNamespace(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, NamespaceKey(oid));
  DeleteCommentsOn(txn, *Current(), kPgNamespaceOid, oid);
  txn->Delete(storage::kDefaultTree, AclKey(AclTarget{kPgNamespaceOid, oid}));
}

void Catalog::PutTable(txn::Transaction* txn, const TableDesc& table) {
  txn->Put(storage::kDefaultTree, TableKey(table.oid), EncodeTable(table));
}

void Catalog::DeleteTable(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, TableKey(oid));
  const std::shared_ptr<const CatalogSnapshot> current = Current();
  DeleteCommentsOn(txn, *current, kPgClassOid, oid);
  DeleteAclsOn(txn, *current, kPgClassOid, oid);
  if (const TableDesc* table = current->FindTable(oid)) {
    for (const IndexDesc& ix : table->indexes) DeleteCommentsOn(txn, *current, kPgClassOid, ix.oid);
  }
}

void Catalog::PutSequence(txn::Transaction* txn, const SequenceDesc& seq, bool is_new) {
  txn->Put(storage::kDefaultTree, SequenceKey(seq.oid), EncodeSequence(seq));
  if (is_new) {
    txn->Put(storage::kDefaultTree, SequenceValueKey(seq.oid),
             EncodeSequenceValue(SequenceValueRecord{seq.start, false}));
  }
}

void Catalog::DeleteSequence(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, SequenceKey(oid));
  txn->Delete(storage::kDefaultTree, SequenceValueKey(oid));
  DeleteCommentsOn(txn, *Current(), kPgClassOid, oid);
  txn->Delete(storage::kDefaultTree, AclKey(AclTarget{kPgClassOid, oid}));
}

void Catalog::PutView(txn::Transaction* txn, const ViewDesc& view) {
  txn->Put(storage::kDefaultTree, ViewKey(view.oid), EncodeView(view));
}

void Catalog::DeleteView(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, ViewKey(oid));
  DeleteCommentsOn(txn, *Current(), kPgClassOid, oid);
  DeleteAclsOn(txn, *Current(), kPgClassOid, oid);
}

void Catalog::PutFunction(txn::Transaction* txn, const FunctionDesc& fn) {
  txn->Put(storage::kDefaultTree, FunctionKey(fn.oid), EncodeFunction(fn));
}

void Catalog::DeleteFunction(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, FunctionKey(oid));
  DeleteCommentsOn(txn, *Current(), kPgProcOid, oid);
}

void Catalog::PutComment(txn::Transaction* txn, const CommentTarget& target,
                         const std::optional<std::string>& text) {
  if (text) {
    txn->Put(storage::kDefaultTree, CommentKey(target), EncodeComment(*text));
  } else {
    txn->Delete(storage::kDefaultTree, CommentKey(target));
  }
}

void Catalog::DeleteCommentsOn(txn::Transaction* txn, const CatalogSnapshot& snapshot,
                               Oid classoid, Oid objoid) {
  const auto& comments = snapshot.comments();
  for (auto it = comments.lower_bound(CommentTarget{classoid, objoid, INT32_MIN});
       it != comments.end() && it->first.classoid == classoid && it->first.objoid == objoid;
       ++it) {
    txn->Delete(storage::kDefaultTree, CommentKey(it->first));
  }
}

void Catalog::PutRole(txn::Transaction* txn, const RoleDesc& role) {
  txn->Put(storage::kDefaultTree, RoleKey(role.oid), EncodeRole(role));
}

void Catalog::PutAcl(txn::Transaction* txn, const AclTarget& target,
                     const std::vector<AclItem>& acl) {
  txn->Put(storage::kDefaultTree, AclKey(target), EncodeAcl(acl));
}

void Catalog::DeleteAcl(txn::Transaction* txn, const AclTarget& target) {
  txn->Delete(storage::kDefaultTree, AclKey(target));
}

void Catalog::DeleteAclsOn(txn::Transaction* txn, const CatalogSnapshot& snapshot, Oid classoid,
                           Oid objoid) {
  // The object's own key is deleted even when `snapshot` lacks it: a list
  // stored earlier in the same transaction.
  txn->Delete(storage::kDefaultTree, AclKey(AclTarget{classoid, objoid, 0}));
  const auto& acls = snapshot.acls();
  for (auto it = acls.lower_bound(AclTarget{classoid, objoid, 1});
       it != acls.end() && it->first.classoid == classoid && it->first.objoid == objoid; ++it) {
    txn->Delete(storage::kDefaultTree, AclKey(it->first));
  }
}

void Catalog::DeleteRole(txn::Transaction* txn, Oid oid) {
  txn->Delete(storage::kDefaultTree, RoleKey(oid));
}

Result<storage::TreeId> Catalog::CreateTableTree(txn::Transaction* txn, Oid table_oid,
                                                 std::string* tree_name) {
  *tree_name = "rel_" + std::to_string(table_oid) + "_" + std::to_string(AllocateOid(txn));
  Result<storage::TreeId> tree = txns_->engine()->CreateTree(*tree_name);
  if (tree.ok()) txn->DropTreeOnRollback(tree.value());
  return tree;
}

}  // namespace strata::catalog
