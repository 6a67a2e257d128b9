// Spilled write sets of huge transactions (issue 6, "huge transactions").
//
// When a transaction's write set passes its budget (the session setting
// transaction_spill_threshold), Transaction moves it to disk:
//  - SpillRun: the in-memory write maps of every tree, written once as one
//    sorted, immutable SSTable (user key = 8-byte big-endian tree id + key,
//    sequence 0, kValue or kDeletion). Runs are read newest first under the
//    in-memory map: point reads (Get) and ordered cursors (WriteCursor).
//  - CheckLog: the commit-time check entries (PutNew's "must not exist",
//    PutExisting's "must be unchanged"), appended as plain records; commit
//    streams them back, so no check needs memory per key.
// Files live in SpillArea's directory (DATADIR/txn_spill); each is deleted
// when the last reference to it goes (commit, rollback), and the directory
// is swept when the server starts (SpillArea::Sweep).
//
// Thread safety: a run is immutable once written and may be read by any
// number of cursors; everything else is used by its transaction's thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/slice.h"
#include "common/status.h"
#include "storage/engine.h"
#include "storage/io/file_system.h"
#include "storage/sstable/table_reader.h"

namespace strata::txn {

// key -> value (nullopt: delete), one tree's writes.
using WriteMap = std::map<std::string, std::optional<std::string>>;

// Where spill files go. Shared by all transactions of a manager.
class SpillArea {
 public:
  SpillArea(storage::FileSystem* fs, std::string dir) : fs_(fs), dir_(std::move(dir)) {}
  // Deletes every file a previous server run left behind, creating the
  // directory if needed. REQUIRES: the engine's LOCK is held.
  [[nodiscard]] Status Sweep();
  std::string NewPath(const char* suffix);
  storage::FileSystem* fs() const { return fs_; }

 private:
  storage::FileSystem* fs_;
  std::string dir_;
  std::atomic<uint64_t> next_{1};
};

// One sorted run of spilled writes (file comment). The file is deleted when
// the run is destroyed.
class SpillRun {
 public:
  static Result<std::shared_ptr<SpillRun>> Write(SpillArea* area,
                                                 const std::map<storage::TreeId, WriteMap>& writes);
  ~SpillRun();
  SpillRun(const SpillRun&) = delete;
  SpillRun& operator=(const SpillRun&) = delete;

  // nullopt: the run has no entry for the key; else the entry (nullopt
  // inside: a delete).
  Result<std::optional<std::optional<std::string>>> Get(storage::TreeId tree, Slice key) const;
  // An iterator over the run's internal keys.
  std::unique_ptr<storage::Iterator> NewIterator() const;
  // Key range written for `tree`, if any.
  const std::map<storage::TreeId, std::pair<std::string, std::string>>& ranges() const {
    return ranges_;
  }

  static std::string RunKey(storage::TreeId tree, Slice key);

 private:
  SpillRun() = default;
  storage::FileSystem* fs_ = nullptr;
  std::string path_;
  std::unique_ptr<storage::TableReader> reader_;
  std::map<storage::TreeId, std::pair<std::string, std::string>> ranges_;
};

// Ordered view of one tree's writes in a transaction: the in-memory map
// (may be null) over the runs, newest first; an entry of a newer source
// hides the same key in older ones. Both directions; no bounds (TxnIterator
// applies them).
//
// Positioning: moving forward every source sits on its first entry >= the
// current key; moving backward on its last entry <= it. A move against the
// current direction first re-seeks every source to the current key.
class WriteCursor {
 public:
  WriteCursor(storage::TreeId tree, const WriteMap* memory,
              std::vector<std::shared_ptr<SpillRun>> runs_newest_first);
  ~WriteCursor();
  void Seek(Slice target);
  void SeekToFirst() { Seek(Slice()); }
  // The last entry with key <= target.
  void SeekForPrev(Slice target);
  void SeekToLast();
  bool Valid() const { return valid_; }
  // REQUIRES: Valid().
  void Next();
  void Prev();
  Slice key() const { return key_; }
  // nullptr: a delete.
  const std::string* value() const { return has_value_ ? &value_ : nullptr; }
  Status status() const { return status_; }

 private:
  struct RunSource;
  // Picks the smallest (forward) or largest (reverse) key among the sources.
  void Settle();
  // Reverse: whether the memory source has an entry (mem_it_ points at it).
  bool MemValid() const;
  storage::TreeId tree_;
  std::string prefix_;
  const WriteMap* memory_;
  WriteMap::const_iterator mem_it_;
  bool reverse_ = false;
  bool mem_before_begin_ = false;  // reverse: no memory entry <= the key
  std::vector<std::unique_ptr<RunSource>> runs_;
  bool valid_ = false;
  std::string key_;
  std::string value_;
  bool has_value_ = false;
  Status status_;
};

// One commit-time check entry as spilled.
struct SpilledCheck {
  enum Kind : uint8_t { kMustNotExist = 0, kMustBeUnchanged = 1, kLockedRow = 2 };
  Kind kind = kMustNotExist;
  storage::TreeId tree = 0;
  uint64_t snapshot = 0;  // the snapshot's sequence number
  uint64_t ordinal = 0;   // position among all checks of its list
  std::string key;
};

// Append-only file of spilled checks.
class CheckLog {
 public:
  explicit CheckLog(SpillArea* area) : area_(area) {}
  ~CheckLog();
  CheckLog(const CheckLog&) = delete;
  CheckLog& operator=(const CheckLog&) = delete;
  [[nodiscard]] Status Append(const SpilledCheck& check);
  [[nodiscard]] Status Flush();
  // Calls fn for every record in order; stops at the first error.
  [[nodiscard]] Status ForEach(const std::function<Status(const SpilledCheck&)>& fn);
  uint64_t count() const { return count_; }

 private:
  SpillArea* area_;
  std::string path_;
  std::unique_ptr<storage::WritableFile> file_;
  std::string buffer_;
  uint64_t count_ = 0;
};

}  // namespace strata::txn
