// Database: one database of a data directory (pg_database's unit: what a
// session connects to), and the data directory's shared machinery: the
// storage engine (its files directly in DATADIR), the transaction manager,
// the per-table row-id counters and scratch files. Open() returns
// "postgres"; Find() the other databases, which share the first one's
// engine and transaction manager and have their own catalog
// (catalog/catalog.h) and sequence values.
//
// Thread safety: every method may be called from any session thread.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "catalog/catalog.h"
#include "sql/sequences/sequence_values.h"
#include "common/result.h"
#include "storage/engine.h"
#include "txn/transaction.h"

namespace strata::sql {

class Database {
 public:
  // Opens (creating if missing) the engine in `dir` and loads the catalog.
  [[nodiscard]] static Result<std::unique_ptr<Database>> Open(
      const std::string& dir, const storage::EngineOptions& options = {});
  ~Database();

  storage::Engine* engine() { return root_->engine_.get(); }
  txn::TransactionManager* txns() { return root_->txns_.get(); }
  catalog::Catalog* catalog() { return catalog_; }
  SequenceValues* sequence_values() { return sequence_values_.get(); }

  // pg_database.oid and datname of this database.
  catalog::Oid oid() const { return catalog_->database_oid(); }
  std::string name() const;
  // A database of this data directory by name or OID (this one included);
  // nullptr if there is none, it was dropped, or it never accepts
  // connections (template0). The pointer stays valid until Close().
  Database* Find(std::string_view name);
  Database* Find(catalog::Oid oid);

  // A fresh hidden row id for a table without a primary key. The counter of
  // a tree starts above the largest row id stored in it (seeded on first use
  // from the tree's last key) and lives in memory: ids are unique among live
  // rows without a write per insert, and an id is only ever reused for a row
  // whose predecessor's insert never committed.
  [[nodiscard]] Result<uint64_t> NextRowId(storage::TreeId tree) {
    return root_->NextRowIdInTree(tree);
  }

  [[nodiscard]] Status Close();

  // Scratch files (COPY's bulk path, txn::Transaction::CommitIngest): a new
  // path in the data directory on the engine's file system. Open() deletes
  // any a crash left behind.
  storage::FileSystem* fs() const { return root_->fs_; }
  std::string NewScratchPath();

 private:
  Database() = default;
  Result<uint64_t> NextRowIdInTree(storage::TreeId tree);
  // The Database object of catalog `catalog` (root only; created on first use).
  Database* Wrap(catalog::Catalog* catalog);
  // Deletes scratch files of an earlier run (REQUIRES: the engine is open,
  // so its LOCK keeps other servers out of the directory).
  void DeleteScratchFiles();

  Database* root_ = this;  // the database Open() returned; owns the rest
  catalog::Catalog* catalog_ = nullptr;
  std::string name_;
  std::unique_ptr<SequenceValues> sequence_values_;
  // Root only below.
  std::unique_ptr<storage::Engine> engine_;
  std::unique_ptr<txn::TransactionManager> txns_;
  std::unique_ptr<catalog::Catalog> root_catalog_;
  std::mutex others_mu_;
  std::map<catalog::Oid, std::unique_ptr<Database>> others_;
  std::mutex row_id_mu_;
  std::map<storage::TreeId, uint64_t> next_row_id_;
  bool closed_ = false;
  std::string dir_;
  storage::FileSystem* fs_ = nullptr;
  std::atomic<uint64_t> next_scratch_{1};
};

}  // namespace strata::sql
