// Database: opening the engine and catalog, hidden row ids (see database.h).
#include "sql/database.h"

#include "sql/commands/temp_namespace.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

Result<std::unique_ptr<Database>> Database::Open(const std::string& dir,
                                                 const storage::EngineOptions& options) {
  std::unique_ptr<Database> db(new Database());
  auto engine = storage::Engine::Open(dir, options);
  if (!engine.ok()) return engine.status();
  db->engine_ = std::move(engine).value();
  db->txns_ = std::make_unique<txn::TransactionManager>(db->engine_.get());
  auto catalog = catalog::Catalog::Open(db->txns_.get());
  if (!catalog.ok()) return catalog.status();
  db->catalog_ = std::move(catalog).value();
  // Temporary schemas of sessions that ended in a crash.
  if (Status s = DropAllTempNamespaces(db.get()); !s.ok()) return s;
  return db;
}

Database::~Database() {
  if (!closed_) (void)Close();
}

Status Database::Close() {
  if (closed_) return Status::OK();
  closed_ = true;
  catalog_.reset();
  txns_.reset();
  return engine_->Close();
}

Result<uint64_t> Database::NextRowId(storage::TreeId tree) {
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
