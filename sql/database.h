// Database: everything stratad opens once over its data directory and shares
// between sessions: the storage engine (its files directly in DATADIR), the
// transaction manager and the catalog, plus the per-table row-id counters.
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

  storage::Engine* engine() { return engine_.get(); }
  txn::TransactionManager* txns() { return txns_.get(); }
  catalog::Catalog* catalog() { return catalog_.get(); }
  SequenceValues* sequence_values() { return sequence_values_.get(); }

  // A fresh hidden row id for a table without a primary key. The counter of
  // a tree starts above the largest row id stored in it (seeded on first use
  // from the tree's last key) and lives in memory: ids are unique among live
  // rows without a write per insert, and an id is only ever reused for a row
  // whose predecessor's insert never committed.
  [[nodiscard]] Result<uint64_t> NextRowId(storage::TreeId tree);

  [[nodiscard]] Status Close();

  // Scratch files (COPY's bulk path, txn::Transaction::CommitIngest): a new
  // path in the data directory on the engine's file system. Open() deletes
  // any a crash left behind.
  storage::FileSystem* fs() const { return fs_; }
  std::string NewScratchPath();

 private:
  Database() = default;
  // Deletes scratch files of an earlier run (REQUIRES: the engine is open,
  // so its LOCK keeps other servers out of the directory).
  void DeleteScratchFiles();

  std::unique_ptr<storage::Engine> engine_;
  std::unique_ptr<txn::TransactionManager> txns_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<SequenceValues> sequence_values_;
  std::mutex row_id_mu_;
  std::map<storage::TreeId, uint64_t> next_row_id_;
  bool closed_ = false;
  std::string dir_;
  storage::FileSystem* fs_ = nullptr;
  std::atomic<uint64_t> next_scratch_{1};
};

}  // namespace strata::sql
