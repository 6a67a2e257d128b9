// Transaction: a unit of reads and writes over the engine with one commit
// point. This is the first cut for single-statement autocommit, shaped for
// MVCC (issue 6): every read goes through the snapshot taken at Begin(), every
// write goes into the transaction's own write set, and Commit() turns the
// write set into ONE engine WriteBatch written with sync, so a statement's
// table rows and catalog records become visible (and durable) atomically.
//
// Reads see the transaction's own writes merged over the snapshot (Get and
// TxnIterator). Writes of the same key replace each other in the write set;
// the last one wins.
//
// Uniqueness without row locks: PutNew() records "this key must not exist".
// The caller checks its own view first (so the common error is reported at
// once); Commit() re-checks every such key against the LATEST committed state
// inside the manager's commit gate (commit_gate.h), so two transactions inserting the
// same key cannot both commit. A key that existed in our snapshot passes the
// re-check (the caller only calls PutNew for such a key after deleting it in
// this transaction); concurrent writers of existing rows are the lock table's
// job (issue 6). A failed re-check returns Status::Aborted and
// unique_violation() names the key. Likewise PutExisting/DeleteExisting keys
// must be unchanged since the snapshot (first committer wins; Status::Busy).
//
// Trees: CreateTree is not transactional in the engine, so a transaction
// records trees to drop if it rolls back (DropTreeOnRollback) and trees to
// drop once it has committed (DropTreeAfterCommit: DROP TABLE, TRUNCATE).
//
// Transaction blocks (BEGIN ... COMMIT) use one Transaction for many
// statements:
//  - NewStatementSnapshot() moves reads to a fresh snapshot (READ COMMITTED
//    takes one per statement). The keys recorded by PutNew/*Existing keep the
//    snapshot they were read at, so the commit-time checks stay exact.
//  - Savepoints: BeginSavepoint() returns a marker; while any savepoint is
//    open every write also records what it replaced in an undo log, and
//    RollbackToSavepoint(marker) restores the write set (and the recorded
//    keys and trees) to the marker. Without an open savepoint nothing is
//    logged, so autocommit statements pay nothing.
//  - CheckConflictsSince(marker) runs the commit-time checks early (without
//    the commit gate) for the keys recorded after the marker, so a statement
//    that lost a race can be undone and re-run before its result is sent.
//
// Thread safety: a Transaction is used by one thread at a time. The
// TransactionManager is shared by all sessions.
#pragma once

#include <atomic>
#include <map>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/slice.h"
#include "common/status.h"
#include "storage/engine.h"
#include "storage/io/file_system.h"
#include "txn/commit_gate.h"
#include "txn/lock_manager.h"
#include "txn/moved_keys.h"
#include "txn/ssi_manager.h"
#include "txn/write_spill.h"

namespace strata::txn {

class Transaction;

class TransactionManager {
 public:
  // LIFETIME: `engine` outlives the manager and every transaction.
  explicit TransactionManager(storage::Engine* engine) : engine_(engine) {}

  // Huge transactions (write_spill.h): spill files go to `dir` on `fs`;
  // files an earlier run left there are deleted now. Without it no
  // transaction spills.
  [[nodiscard]] Status EnableSpill(storage::FileSystem* fs, const std::string& dir);
  SpillArea* spill_area() { return spill_.get(); }

  std::unique_ptr<Transaction> Begin();
  storage::Engine* engine() const { return engine_; }
  LockManager* locks() { return &locks_; }
  // A new transaction id (txid_current()): increasing across restarts. The
  // high-water mark is persisted (synced) in tree 0 under key 0x08 "txid"
  // once per kTxidBlock ids, so after a crash numbering resumes above every
  // id handed out (a few are skipped, as PostgreSQL's xids may be).
  [[nodiscard]] Result<uint64_t> AssignTxid();
  SsiManager* ssi() { return &ssi_; }

 private:
  friend class Transaction;
  storage::Engine* engine_;
  LockManager locks_;
  SsiManager ssi_;
  std::mutex txid_mu_;
  uint64_t next_txid_ = 0;    // 0: not loaded yet
  uint64_t txid_limit_ = 0;   // ids below it may be handed out without a write
  std::atomic<uint64_t> next_txn_id_{1};
  // Committers that have PutNew or *Existing keys pass it from their
  // re-checks to the end of their write (commit_gate.h; the file comment).
  CommitGate commit_gate_;
  std::unique_ptr<SpillArea> spill_;
  // Keys whose rows committed transactions moved (moved_keys.h), and the
  // transactions alive (constructed, not destroyed): a committer records its
  // moves only when it is not alone.
  MovedKeys moved_keys_;
  std::atomic<int64_t> live_txns_{0};
};

// A key a PutNew() expected to be free, found taken at commit.
struct UniqueViolation {
  storage::TreeId tree = 0;
  std::string key;
};

// Iterator over one tree as the transaction sees it: its write set merged
// over the engine's iterator at the snapshot, within [lower, upper).
// Both directions (backward index scans): moving forward both cursors sit
// on their first entry >= the current key, moving backward on their last
// entry <= it; an entry of the write set (a put or a delete) hides the
// engine's entry for the same key either way. Turning round re-seeks both
// cursors to the current key. LIFETIME: the transaction outlives the iterator, and the
// tree's write set must not be modified while the iterator is in use
// (materialize the rows to change first, as UPDATE and DELETE do).
class TxnIterator {
 public:
  // `writes` may be null (no writes to this tree); `live` (may be null) is
  // decremented when the iterator goes (Transaction's count of iterators
  // per tree, which a spill must not pull the write map from under).
  TxnIterator(std::unique_ptr<storage::Iterator> base, std::unique_ptr<WriteCursor> writes,
              std::optional<std::string> lower, std::optional<std::string> upper,
              int* live = nullptr);
  ~TxnIterator();

  void SeekToFirst();
  void Seek(Slice target);
  // The last entry below the upper bound.
  void SeekToLast();
  // The last visible entry with key <= target (and >= lower).
  void SeekForPrev(Slice target);
  bool Valid() const { return valid_; }
  // REQUIRES: Valid().
  void Next();
  void Prev();
  // REQUIRES: Valid(). Views valid until the next move.
  Slice key() const;
  Slice value() const;
  Status status() const;

 private:
  // Positions on the first visible entry at or after the current cursors.
  void Settle();
  // Positions on the last visible entry at or before the current cursors.
  void SettleReverse();
  bool WriteInBounds() const;
  bool WriteAboveLower() const;

  std::unique_ptr<storage::Iterator> base_;
  std::unique_ptr<WriteCursor> writes_;  // may be null (no writes to this tree)
  int* live_;
  std::optional<std::string> lower_;
  std::optional<std::string> upper_;
  bool valid_ = false;
  bool from_write_ = false;  // current entry comes from the write set
  bool reverse_ = false;     // the last move was backward
};

class Transaction {
 public:
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // The value of `key` as this transaction sees it; nullopt if absent.
  [[nodiscard]] Result<std::optional<std::string>> Get(storage::TreeId tree, Slice key);
  // The value of `key` in our write set, else in the LATEST committed state
  // (not the snapshot): a unique check made while holding the key's row
  // lock, which every writer of the key takes, so the answer stays true.
  [[nodiscard]] Result<std::optional<std::string>> GetLatest(storage::TreeId tree, Slice key);

  void Put(storage::TreeId tree, std::string key, std::string value);
  void Delete(storage::TreeId tree, std::string key);
  // Put / Delete of a row this transaction read at its snapshot: Commit()
  // fails with Status::Busy (write_conflict()) if another transaction
  // committed a change to that key after our snapshot — first committer wins,
  // so no update is lost until the lock table (issue 6) makes writers wait.
  void PutExisting(storage::TreeId tree, std::string key, std::string value);
  void DeleteExisting(storage::TreeId tree, std::string key);
  // An update that moves a row to a new key (a table without a primary key):
  // DeleteExisting(old_key) and a Put of `new_key`, a key nobody else has.
  // At commit the move is recorded (moved_keys.h), so a transaction that
  // conflicts on `old_key` sees an update, not a delete (conflict_was_delete).
  void MoveExisting(storage::TreeId tree, std::string old_key, std::string new_key,
                    std::string value);
  // Whether this transaction's write set deletes `key` (a delete or a move
  // of it). A spilled part of the write set is not looked at.
  bool DeletesKey(storage::TreeId tree, const std::string& key) const;
  // Put of a key the caller has checked is absent from this transaction's
  // view; re-checked at commit against the latest state (file comment).
  void PutNew(storage::TreeId tree, std::string key, std::string value);

  // Row locks (lock_manager.h), held until this transaction ends. A caller
  // locks a row before it writes it (UPDATE/DELETE: the existing key; INSERT:
  // the new key, so a second inserter of one key waits for the first to
  // end) or when a SELECT ... FOR UPDATE/SHARE returns it. After a wait the
  // row may have changed since the snapshot: the commit-time checks report
  // that as for any write. `lock_only` (FOR UPDATE/SHARE): also record the
  // key as one that must be unchanged since the snapshot, without a write.
  LockOutcome LockRow(storage::TreeId tree, std::string_view key, RowLockMode mode,
                      const LockRequestOptions& options, std::string* deadlock_detail = nullptr);
  // Relation locks (LockManager::LockRelation), held until this transaction
  // ends. *waited: whether another transaction made the request wait.
  LockOutcome LockRelation(uint32_t oid, uint32_t database_oid, RelationLockMode mode,
                           const LockRequestOptions& options, std::string* deadlock_detail,
                           bool* waited);
  // Lock escalation for huge inserts (txn/README.md, "Huge transactions"):
  // once a transaction holds more than escalation_threshold() locks, the SQL
  // layer takes a ShareRowExclusive lock on the table it inserts into (which
  // blocks every other writer of the table) and stops locking that table's
  // new keys row by row. Undone by ROLLBACK TO a savepoint set before it.
  bool new_keys_escalated(uint32_t table_oid) const {
    for (uint32_t oid : escalated_) {
      if (oid == table_oid) return true;
    }
    return false;
  }
  void EscalateNewKeys(uint32_t table_oid) { escalated_.push_back(table_oid); }
  size_t locks_held() const { return manager_->locks_.HeldCount(id_); }
  // 0: never (no spill threshold).
  size_t escalation_threshold() const { return spill_threshold_ / 256; }
  void RecordLockedRow(storage::TreeId tree, std::string key) {
    AddBytes(key.size() + kEntryOverhead);
    must_be_unchanged_.push_back(CheckedKey{tree, std::move(key), snapshot_, true});
    MaybeSpill();
  }
  // SERIALIZABLE: from now on reads and writes are tracked for serializable
  // snapshot isolation (ssi_manager.h), and Commit() fails with Aborted +
  // serialization_failure() when it would complete a dangerous structure.
  // Call right after Begin(), before the first read. The catalog tree is
  // not tracked.
  void EnableSerializable();
  bool serialization_failure() const { return serialization_failure_; }
  // SERIALIZABLE: before writing (tree, key), the write-time test
  // (SsiManager::CheckWrite). Aborted + serialization_failure() if this
  // transaction must fail; OK otherwise or when not serializable.
  [[nodiscard]] Status CheckSerializableWrite(storage::TreeId tree, const std::string& key);
  // Whether another transaction committed a change of (tree, key) after this
  // transaction's snapshot (*deleted: the change was a delete).
  [[nodiscard]] Result<bool> ChangedSinceSnapshot(storage::TreeId tree, const std::string& key,
                                                  bool* deleted);
  // Ends a transaction that wrote nothing as a commit: a serializable one's
  // reads stay visible to the conflict test of transactions that overlap it
  // (Aborted + serialization_failure() if it must fail instead).
  [[nodiscard]] Status CommitWithoutWrites();

  // The transaction id clients see (txid_current()): assigned on demand
  // or at the first row write, then fixed for the transaction.
  [[nodiscard]] Result<uint64_t> AssignTxid();
  std::optional<uint64_t> assigned_txid() const { return txid_; }

  // This transaction's id in the lock table, and the session (process id)
  // named in deadlock reports.
  uint64_t id() const { return id_; }
  void set_owner_pid(int32_t pid) { owner_pid_ = pid; }
  // Called by a successful Commit() after its write and before its locks
  // are released: a DDL statement reloads the shared catalog there, so a
  // session woken by the release plans against the new catalog.
  void set_before_release(std::function<void()> fn) { before_release_ = std::move(fn); }
  // Called once when the transaction ends: committed (Commit, CommitIngest,
  // CommitWithoutWrites succeeded) or not (Rollback, a failed commit, the
  // destructor). The SQL layer applies the transaction's per-table row
  // counts there (sql/table_stats.h). One hook; a second call replaces it.
  void set_on_finish(std::function<void(bool committed)> fn) { on_finish_ = std::move(fn); }
  bool has_on_finish() const { return static_cast<bool>(on_finish_); }

  std::unique_ptr<TxnIterator> NewIterator(storage::TreeId tree,
                                           std::optional<std::string> lower = std::nullopt,
                                           std::optional<std::string> upper = std::nullopt);

  // A position in the transaction's history to roll back to (savepoints,
  // statement-level retries). Markers nest: roll back or release the newest
  // first.
  // Counts of check entries are absolute (spilled ones included).
  struct Savepoint {
    size_t undo = 0;
    size_t must_not_exist = 0;
    size_t must_be_unchanged = 0;
    size_t created_trees = 0;
    size_t trees_to_drop = 0;
    size_t lock_grants = 0;  // LockManager::GrantCount at the savepoint
    size_t spills = 0;       // spills before the savepoint
    size_t escalated = 0;    // escalated tables before the savepoint
  };
  Savepoint BeginSavepoint();
  // The current position without opening a savepoint (nothing is logged):
  // enough for CheckConflictsSince.
  Savepoint Position() const {
    return Savepoint{undo_.size(),          new_base_ + must_not_exist_.size(),
                     unchanged_base_ + must_be_unchanged_.size(), created_trees_.size(),
                     trees_to_drop_.size(), 0, spills_, escalated_.size()};
  }
  // Undoes every write since `sp` (the savepoint stays open) and drops trees
  // created since.
  // `release_locks`: also release the row and relation locks taken since
  // (ROLLBACK TO a user's savepoint, as PostgreSQL's subtransaction abort);
  // a statement re-run keeps them.
  // NotSupported (nothing undone) when the write set was spilled to disk
  // since `sp` (write_spill.h): a spilled run mixes writes from before and
  // after the savepoint, so it cannot be undone in part.
  [[nodiscard]] Status RollbackToSavepoint(const Savepoint& sp, bool release_locks = false);
  // Closes `sp`, keeping its writes.
  void ReleaseSavepoint(const Savepoint& sp);
  // The commit-time checks for the keys recorded since `sp`, against the
  // latest committed state; Busy (write_conflict) or Aborted
  // (unique_violation) as Commit() reports them. Does not roll back.
  [[nodiscard]] Status CheckConflictsSince(const Savepoint& sp);
  // Drops the RecordLockedRow keys recorded since `sp` once the statement
  // that locked them has passed CheckConflictsSince: a lock holder does not
  // mind later changes others may make (a non-key update under FOR KEY
  // SHARE), so COMMIT must not re-check them.
  void ForgetLockedRowChecksSince(const Savepoint& sp);

  // Reads from now on use a new snapshot (READ COMMITTED statements).
  void NewStatementSnapshot();
  // An iterator that merges the write set over the LATEST committed state
  // instead of the snapshot (the catalog as a DDL-holding block sees it).
  std::unique_ptr<TxnIterator> NewLatestIterator(storage::TreeId tree);
  // false: Commit() does not wait for the WAL fsync (synchronous_commit=off).
  void set_sync(bool sync) { sync_ = sync; }
  // Huge transactions: once the write set (plus check entries and the undo
  // log) passes `bytes`, it is spilled to a sorted run on disk
  // (write_spill.h; only with TransactionManager::EnableSpill). 0: never.
  void set_spill_threshold(size_t bytes) { spill_threshold_ = bytes; }
  // How many times the write set was spilled (tests, diagnostics).
  size_t spill_count() const { return spills_; }

  // A tree this transaction created: dropped if it rolls back, and read at
  // the latest state rather than the snapshot (only we can have written it,
  // e.g. an index build's ingested entries; see SnapshotFor).
  void DropTreeOnRollback(storage::TreeId tree) { created_trees_.push_back(tree); }
  void DropTreeAfterCommit(storage::TreeId tree) { trees_to_drop_.push_back(tree); }

  // Writes everything in one synced WriteBatch. On error nothing is written
  // and the transaction is rolled back. Aborted + unique_violation() when a
  // PutNew key was committed by someone else first.
  [[nodiscard]] Status Commit();
  // Discards the write set (and drops trees created for it).
  void Rollback();

  // The bulk path of COPY (transaction_ingest.cpp): commits `rows` -- keys
  // strictly increasing, every one a new row of `tree`, and this
  // transaction's only writes -- as one SSTable ingested into the tree
  // (Engine::IngestSortedRows: one new sequence number, atomic and durable),
  // so the rows skip the write set, the WAL and the memtable. Uniqueness as
  // for PutNew: inside the commit gate, alone, no key may exist in the latest state
  // (Aborted + unique_violation()). Rolls back on any error.
  [[nodiscard]] Status CommitIngest(storage::TreeId tree,
                                    const std::vector<std::pair<std::string, std::string>>& rows);

  bool has_writes() const;
  const std::optional<UniqueViolation>& unique_violation() const { return unique_violation_; }
  bool write_conflict() const { return write_conflict_; }
  // The conflicting row was deleted (not updated) by the other transaction.
  bool conflict_was_delete() const { return conflict_was_delete_; }
  // Forgets a conflict CheckConflictsSince reported (the statement is re-run).
  void ClearConflict() {
    write_conflict_ = false;
    conflict_was_delete_ = false;
    unique_violation_.reset();
  }
  const storage::Snapshot* snapshot() const { return snapshot_; }

 private:
  friend class TransactionManager;
  explicit Transaction(TransactionManager* manager);
  void Finish(bool committed = false);
  // Commit: hands MoveExisting's old keys to the manager (moved_keys.h).
  void RecordMoves();
  void RecordUndo(storage::TreeId tree, const std::string& key);
  // The snapshot reads of `tree` use: ours, or none (the latest state) for a
  // tree this transaction created (DropTreeOnRollback).
  const storage::Snapshot* SnapshotFor(storage::TreeId tree) const;
  // One key a commit-time check covers, with the snapshot it was read at.
  struct CheckedKey {
    storage::TreeId tree;
    std::string key;
    const storage::Snapshot* snapshot;
    bool lock_only = false;  // RecordLockedRow: no write of ours behind it
  };
  // Whether this transaction holds a writing row lock on every key it must
  // re-check at commit (then it commits through the shared gate).
  bool CheckedKeysWriteLocked() const;
  // The checks of Commit() for must_not_exist_[from_new..] and
  // must_be_unchanged_[from_unchanged..].
  Status CheckKeys(size_t from_new, size_t from_unchanged);

  TransactionManager* manager_;
  storage::Engine* engine_;
  uint64_t id_;
  int32_t owner_pid_ = 0;
  std::function<void()> before_release_;
  std::function<void(bool committed)> on_finish_;
  const storage::Snapshot* snapshot_;
  // Earlier statements' snapshots, kept for the keys that refer to them.
  std::vector<const storage::Snapshot*> old_snapshots_;
  std::map<storage::TreeId, WriteMap> writes_;
  std::vector<CheckedKey> must_not_exist_;
  std::vector<CheckedKey> must_be_unchanged_;
  // MoveExisting's old keys, by tree (recorded at commit if still deleted).
  std::map<storage::TreeId, std::vector<std::string>> moved_;
  // Undo log while savepoints are open: the key's previous write-set entry
  // (nullopt: the key was not in the write set).
  struct Undo {
    storage::TreeId tree;
    std::string key;
    std::optional<std::optional<std::string>> previous;
  };
  std::vector<Undo> undo_;
  int open_savepoints_ = 0;
  bool sync_ = true;
  bool write_conflict_ = false;
  bool conflict_was_delete_ = false;
  bool serialization_failure_ = false;
  std::optional<uint64_t> txid_;
  std::shared_ptr<SsiManager::Txn> ssi_;
  std::vector<storage::TreeId> created_trees_;
  std::vector<storage::TreeId> trees_to_drop_;
  std::optional<UniqueViolation> unique_violation_;
  bool finished_ = false;

  // ---- Spilling (transaction_spill.cpp, write_spill.h) ----
  static constexpr size_t kEntryOverhead = 64;  // rough cost of a map node / vector slot
  void AddBytes(size_t n) { memory_bytes_ += n; }
  // Spills when over the threshold; a failure is kept in spill_error_ and
  // reported by the next read or by Commit().
  void MaybeSpill();
  [[nodiscard]] Status Spill();
  bool spilled() const { return spills_ > 0; }
  // The transaction's own entry for key: memory, then runs newest first.
  // nullopt: no write of ours; else the value (nullopt inside: deleted).
  Result<std::optional<std::optional<std::string>>> LookupWrite(storage::TreeId tree, Slice key);
  std::unique_ptr<WriteCursor> NewWriteCursor(storage::TreeId tree);
  // Commit of a spilled transaction: every write through
  // Engine::IngestRowStream at one sequence number.
  Status IngestAllWrites();
  // The checks of one spilled entry (CheckKeys for the log part).
  Status CheckOne(storage::TreeId tree, const std::string& key, const storage::Snapshot* snapshot,
                  bool must_not_exist);

  size_t spill_threshold_ = 0;
  size_t memory_bytes_ = 0;
  size_t spills_ = 0;
  Status spill_error_;
  std::vector<std::shared_ptr<SpillRun>> runs_;  // oldest first
  std::unique_ptr<CheckLog> check_log_;
  size_t new_base_ = 0;        // must_not_exist entries in the check log
  size_t unchanged_base_ = 0;  // must_be_unchanged entries in the check log
  // Ranges [from, to) of spilled must_be_unchanged ordinals whose locked-row
  // entries were forgotten (ForgetLockedRowChecksSince).
  std::vector<std::pair<size_t, size_t>> forgotten_locked_;
  // Snapshots spilled check entries refer to (kept until the end), by sequence.
  std::map<uint64_t, const storage::Snapshot*> spilled_snapshots_;
  std::vector<uint32_t> escalated_;  // table OIDs (new_keys_escalated)
  // Live TxnIterators per tree: their write maps are not spilled.
  std::map<storage::TreeId, int> live_iterators_;
};

}  // namespace strata::txn
