// Transaction::CommitIngest: COPY's bulk path (see transaction.h).
//
// Why: a large COPY through the write set pays, per row, a std::map insert,
// a PutNew re-check Get under the commit mutex, a WAL append and a memtable
// insert (then a flush later). Here the sorted rows go into one SSTable and
// Engine::IngestFiles adds it to the tree at one new sequence number.
//
// Crash safety: the scratch table is only an input; IngestFiles copies it
// into the data directory and makes it part of the tree with one synced
// manifest edit, so after a crash the COPY is either wholly there (the edit
// was written) or not at all. A scratch file a crash left behind is garbage:
// the caller names scratch files so that it can delete them at open.
//
// Uniqueness: the commit mutex (TransactionManager::commit_mu_) is held from
// the re-check to the end of the ingestion, so no PutNew committer can slip
// a key in between; keys of the latest state in [first, last] are merged with
// the sorted rows in one pass.
#include <algorithm>

#include "storage/dbformat.h"
#include "storage/sstable/table_builder.h"
#include "txn/transaction.h"

namespace strata::txn {

namespace {

// Writes the rows as an SSTable at sequence 0 (IngestFiles assigns the real
// one). No sync and no compression: the engine rewrites the file anyway.
Status WriteScratchTable(storage::FileSystem* fs, const std::string& path,
                         const std::vector<std::pair<std::string, std::string>>& rows) {
  auto file = fs->NewWritableFile(path);
  if (!file.ok()) return file.status();
  storage::TableOptions options;
  options.compression = storage::CompressionType::kNone;
  options.bloom_bits_per_key = 0;
  storage::TableBuilder builder(options, file->get());
  std::string internal_key;
  for (const auto& [key, value] : rows) {
    internal_key = storage::MakeInternalKey(key, 0, storage::ValueType::kValue);
    Status s = builder.Add(internal_key, value);
    if (!s.ok()) {
      builder.Abandon();
      return s;
    }
  }
  auto props = builder.Finish();
  if (!props.ok()) return props.status();
  return (*file)->Close();
}

}  // namespace

Status Transaction::CommitIngest(storage::TreeId tree,
                                 const std::vector<std::pair<std::string, std::string>>& rows,
                                 storage::FileSystem* fs, const std::string& scratch_path) {
  if (finished_) return Status::InvalidArgument("transaction already finished");
  if (!writes_.empty()) {
    Rollback();
    return Status::InvalidArgument("CommitIngest: the transaction has other writes");
  }
  if (rows.empty()) {
    Finish();
    return Status::OK();
  }
  Status s = WriteScratchTable(fs, scratch_path, rows);
  if (s.ok()) {
    std::lock_guard<std::mutex> lock(manager_->commit_mu_);
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
    if (s.ok()) s = engine_->IngestFiles(tree, {scratch_path});
  }
  (void)fs->DeleteFile(scratch_path);
  if (!s.ok()) {
    Rollback();
    return s;
  }
  Finish();
  return Status::OK();
}

}  // namespace strata::txn
