// Database: opening the engine and catalog, hidden row ids (see database.h).
#include "sql/database.h"

#include "sql/commands/temp_namespace.h"
#include "sql/executor/spill_file.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

Result<std::unique_ptr<Database>> Database::Open(const std::string& dir,
                                                 const storage::EngineOptions& options) {
  std::unique_ptr<Database> db(new Database());
  auto engine = storage::Engine::Open(dir, options);
  if (!engine.ok()) return engine.status();
  db->engine_ = std::move(engine).value();
  db->dir_ = dir;
  db->fs_ = options.fs != nullptr ? options.fs : storage::DefaultFileSystem();
  db->DeleteScratchFiles();
  // Executor spill files (executor/spill_file.h) in DATADIR/tmp, emptied now.
  if (options.fs == nullptr) SetSpillDirectory(dir + "/tmp");
  db->txns_ = std::make_unique<txn::TransactionManager>(db->engine_.get());
  // Huge transactions' spill files (txn/write_spill.h), swept now.
  if (Status s = db->txns_->EnableSpill(db->fs_, dir + "/txn_spill"); !s.ok()) return s;
  auto catalog = catalog::Catalog::Open(db->txns_.get());
  if (!catalog.ok()) return catalog.status();
  db->root_catalog_ = std::move(catalog).value();
  db->catalog_ = db->root_catalog_.get();
  db->name_ = "postgres";
  db->sequence_values_ = std::make_unique<SequenceValues>(db->engine_.get(), "");
  // Temporary schemas of sessions that ended in a crash, in every database.
  // The snapshot is held for the loop: dropping a schema reloads the catalog,
  // which frees the snapshot a range-for over Current()->databases() walked
  // (after a crash with temporary tables, Open looped there forever).
  const std::shared_ptr<const catalog::CatalogSnapshot> databases = db->catalog_->Current();
  for (const auto& [oid, desc] : databases->databases()) {
    Database* each = db->Find(oid);
    if (each == nullptr) continue;
    if (Status s = DropAllTempNamespaces(each); !s.ok()) return s;
  }
  return db;
}

std::string Database::name() const {
  // ALTER DATABASE ... RENAME TO changes it (never while sessions use it).
  const std::shared_ptr<const catalog::CatalogSnapshot> current = root_->catalog_->Current();
  const catalog::DatabaseDesc* desc = current->FindDatabase(oid());
  return desc != nullptr ? desc->name : name_;
}

Database* Database::Find(std::string_view name) {
  const std::shared_ptr<const catalog::CatalogSnapshot> current = root_->catalog_->Current();
  const catalog::DatabaseDesc* desc = current->FindDatabase(name);
  return desc == nullptr ? nullptr : Find(desc->oid);
}

Database* Database::Find(catalog::Oid oid) {
  if (oid == root_->oid()) return root_;
  catalog::Catalog* catalog = root_->catalog_->ForDatabase(oid);
  return catalog == nullptr ? nullptr : root_->Wrap(catalog);
}

Database* Database::Wrap(catalog::Catalog* catalog) {
  std::lock_guard<std::mutex> lock(others_mu_);
  std::unique_ptr<Database>& slot = others_[catalog->database_oid()];
  if (slot == nullptr) {
    slot.reset(new Database());
    slot->root_ = this;
    slot->catalog_ = catalog;
    const std::shared_ptr<const catalog::CatalogSnapshot> current = catalog->Current();
    const catalog::DatabaseDesc* desc = current->FindDatabase(catalog->database_oid());
    slot->name_ = desc != nullptr ? desc->name : std::string();
    slot->sequence_values_ = std::make_unique<SequenceValues>(engine_.get(), catalog->key_scope());
    slot->closed_ = true;  // only the root closes anything
  }
  return slot.get();
}

namespace {
constexpr std::string_view kScratchPrefix = "copy-";
constexpr std::string_view kScratchSuffix = ".scratch";
}  // namespace

std::string Database::NewScratchPath() {
  if (root_ != this) return root_->NewScratchPath();
  return dir_ + "/" + std::string(kScratchPrefix) +
         std::to_string(next_scratch_.fetch_add(1)) + std::string(kScratchSuffix);
}

void Database::DeleteScratchFiles() {
  auto names = fs_->GetChildren(dir_);
  if (!names.ok()) return;
  for (const std::string& name : *names) {
    if (name.starts_with(kScratchPrefix) && name.ends_with(kScratchSuffix)) {
      (void)fs_->DeleteFile(dir_ + "/" + name);
    }
  }
}

Database::~Database() {
  if (!closed_) (void)Close();
}

Status Database::Close() {
  if (closed_) return Status::OK();
  closed_ = true;
  // A database whose Open() failed part way has no catalog or sequences
  // yet (and maybe no engine): close what there is, so Open's error is
  // what the caller reports.
  Status flushed;
  if (sequence_values_ != nullptr && catalog_ != nullptr) {
    flushed = sequence_values_->Flush(*catalog_->Current());
  }
  {
    std::lock_guard<std::mutex> lock(others_mu_);
    for (auto& [oid, other] : others_) {
      Status s = other->sequence_values_->Flush(*other->catalog_->Current());
      if (flushed.ok()) flushed = s;
    }
    others_.clear();
  }
  sequence_values_.reset();
  catalog_ = nullptr;
  root_catalog_.reset();
  txns_.reset();
  Status closed = engine_ != nullptr ? engine_->Close() : Status::OK();
  return flushed.ok() ? closed : flushed;
}

Result<uint64_t> Database::NextRowIdInTree(storage::TreeId tree) {
  std::lock_guard<std::mutex> lock(row_id_mu_);
  auto it = next_row_id_.find(tree);
  if (it == next_row_id_.end()) {
    uint64_t next = 1;
    auto iter = engine_->NewIterator(storage::ReadOptions{}, tree);
    iter->SeekToLast();
    if (iter->Valid() && iter->key().size() == kRowIdKeySize) {
      next = DecodeRowIdKey(iter->key()) + 1;
    }
    if (Status s = iter->status(); !s.ok()) return s;
    it = next_row_id_.emplace(tree, next).first;
  }
  return it->second++;
}

}  // namespace strata::sql
