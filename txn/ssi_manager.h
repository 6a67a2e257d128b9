// SsiManager: serializable snapshot isolation for SERIALIZABLE transactions
// (after Cahill et al. and PostgreSQL's predicate.c, much simplified).
//
// Each serializable transaction registers when it takes its snapshot and
// records what it reads (keys, and key ranges for scans: a full table scan
// is the whole tree, like PostgreSQL's relation-level SIREAD lock for a
// sequential scan) and what it writes. At commit, rw-antidependencies with
// every concurrent serializable transaction are found: T -rw-> U when T read
// something U wrote (U's version was invisible to T). A commit fails with
// 40001 when it would complete a dangerous structure T1 -rw-> T2 -rw-> T3 in
// which T3 committed first:
//   - the committer is the pivot T2: it has an in-edge and an out-edge to a
//     transaction that already committed;
//   - the committer is T1: its out-edge goes to a committed pivot whose own
//     out-edge went to a transaction that committed before it.
// A read-only T1 only counts when T3 committed before T1's snapshot
// (PostgreSQL's read-only optimization), so read-only transactions are
// never aborted needlessly. Like PostgreSQL's, the test is conservative:
// it may abort a transaction that was in fact serializable, never the
// reverse for the structures it tracks.
//
// Committed transactions stay registered while an active serializable
// transaction overlaps them. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "storage/engine.h"

namespace strata::txn {

class SsiManager {
 public:
  struct Txn;

  // A new serializable transaction whose snapshot is taken now.
  std::shared_ptr<Txn> Register();
  void RecordRead(Txn& txn, storage::TreeId tree, std::string_view key);
  void RecordRangeRead(Txn& txn, storage::TreeId tree, const std::optional<std::string>& lower,
                       const std::optional<std::string>& upper);
  void RecordWrite(Txn& txn, storage::TreeId tree, std::string_view key);

  // After `txn` wrote (tree, key): the edges from concurrent readers of it,
  // then the pivot test at once (PostgreSQL fails a pivot at the write that
  // makes it one when its out-edge already goes to a committed
  // transaction). Status::Aborted: the transaction must fail with 40001.
  Status CheckWrite(Txn& txn, storage::TreeId tree, const std::string& key);

  // The commit-time test; on success runs `write` (the transaction's engine
  // write, may be null) and marks the transaction committed if it succeeds.
  // Status::Aborted when the transaction must fail with 40001 (the write
  // does not run).
  Status Commit(Txn& txn, const std::function<Status()>& write);
  // The transaction ended without committing.
  void Abort(Txn& txn);

  // Registered transactions (tests).
  size_t size() const;

 private:
  struct Range {
    storage::TreeId tree;
    std::optional<std::string> lower;  // inclusive; nullopt: unbounded
    std::optional<std::string> upper;  // exclusive; nullopt: unbounded
  };

  // REQUIRES: mu_ held.
  static bool ReadCovers(const Txn& reader, storage::TreeId tree, const std::string& key);
  static bool ReadsAnyWriteOf(const Txn& reader, const Txn& writer);
  bool Concurrent(const Txn& a, const Txn& b) const;
  // The committer-as-pivot rule (see the file comment).
  bool IsDangerousPivot(const Txn& txn) const;
  void Forget(uint64_t id);
  void Cleanup();

  mutable std::mutex mu_;
  uint64_t clock_ = 0;  // begin and commit tickets
  std::map<uint64_t, std::shared_ptr<Txn>> txns_;  // by id (its begin ticket)

 public:
  struct Txn {
    uint64_t id = 0;             // = begin ticket
    uint64_t commit_ticket = 0;  // 0 while active
    std::vector<std::pair<storage::TreeId, std::string>> point_reads;
    std::vector<Range> range_reads;
    std::set<std::pair<storage::TreeId, std::string>> writes;
    std::set<uint64_t> in;   // ids of U with U -rw-> this
    std::set<uint64_t> out;  // ids of U with this -rw-> U
    // Set at commit: the earliest commit ticket among out-edge targets that
    // committed before this one (0: none) -- what makes this a committed
    // pivot for a later T1, even once that target is forgotten.
    uint64_t earliest_committed_out = 0;
  };
};

}  // namespace strata::txn
