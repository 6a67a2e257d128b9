// Transaction::CommitIngest: COPY's bulk path (see transaction.h).
//
// Why: a large COPY through the write set pays, per row, a std::map insert,
// a PutNew re-check Get in the commit gate, a WAL append and a memtable
// insert (then a flush later). Here the sorted rows go into one SSTable that
// Engine::IngestSortedRows adds to the tree at one new sequence number.
//
// Crash safety: Engine::IngestSortedRows writes the table into the data
// directory (synced) and makes it part of the tree with one synced manifest
// edit, so after a crash the COPY is either wholly there (the edit was
// written) or not at all; an unlisted table is deleted at the next open.
//
// Uniqueness: the commit gate (TransactionManager::commit_gate_) is held alone from
// the re-check to the end of the ingestion, so no PutNew committer can slip
// a key in between; keys of the latest state in [first, last] are merged with
// the sorted rows in one pass.
#include <algorithm>

#include "storage/dbformat.h"
#include "txn/transaction.h"

namespace strata::txn {

Status Transaction::CommitIngest(storage::TreeId tree,
                                 const std::vector<std::pair<std::string, std::string>>& rows) {
  if (finished_) return Status::InvalidArgument("transaction already finished");
  if (!writes_.empty() || !runs_.empty()) {
    Rollback();
    return Status::InvalidArgument("CommitIngest: the transaction has other writes");
  }
  if (rows.empty()) {
    Finish(/*committed=*/true);
    return Status::OK();
  }
  Status s;
  {
    std::lock_guard<CommitGate> lock(manager_->commit_gate_);
    // Every key of the latest state within [first, last], against our rows.
    auto it = engine_->NewIterator(storage::ReadOptions{}, tree);
    const std::string& last = rows.back().first;
    size_t i = 0;
    for (it->Seek(rows.front().first); it->Valid() && s.ok(); it->Next()) {
      const Slice existing = it->key();
      if (Compare(existing, last) > 0) break;
      while (i < rows.size() && Compare(rows[i].first, existing) < 0) ++i;
      if (i == rows.size()) break;
      if (Compare(rows[i].first, existing) == 0) {
        unique_violation_ = UniqueViolation{tree, rows[i].first};
        s = Status::Aborted("duplicate key");
      }
    }
    if (s.ok()) s = it->status();
    it.reset();
    if (s.ok()) s = engine_->IngestSortedRows(tree, rows);
  }
  if (!s.ok()) {
    Rollback();
    return s;
  }
  Finish(/*committed=*/true);
  return Status::OK();
}

}  // namespace strata::txn
