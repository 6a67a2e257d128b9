// MemTable: the in-memory write buffer of one LSM tree, an arena skiplist of
// internal keys (dbformat.h order: user key ascending, sequence descending).
//
// Point entries (values and point deletions) live in one skiplist; range
// deletions live in a second, usually tiny, skiplist keyed by the same
// internal-key order (key = range begin, value = exclusive range end), so
// readers can find them without scanning the point data and flush can write
// them to the SSTable's range-deletion block as they are.
//
// Entry encoding in the arena (in-memory only, never written to disk):
//   entry := internal_key_size:varint32 internal_key value_size:varint32 value
//
// Thread safety: Add requires external serialization (one writer at a time;
// the write path's group-commit leader). Get, iterators and the counters are
// lock-free and safe concurrently with Add; readers see a consistent prefix
// of the inserts. Snapshot isolation comes from sequence numbers: a reader at
// snapshot S ignores entries with sequence > S.
//
// Lifetime: always owned by std::shared_ptr (Create). Iterators hold a
// reference, so a memtable stays alive while it is being flushed and any
// reader still uses it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/arena.h"
#include "common/slice.h"
#include "storage/dbformat.h"
#include "storage/iterator.h"
#include "storage/memtable/skiplist.h"

namespace strata::storage {

class MemTable : public std::enable_shared_from_this<MemTable> {
  struct Private {
    explicit Private() = default;
  };

 public:
  static std::shared_ptr<MemTable> Create() { return std::make_shared<MemTable>(Private()); }
  explicit MemTable(Private);
  MemTable(const MemTable&) = delete;
  MemTable& operator=(const MemTable&) = delete;

  // Adds one entry. For ValueType::kRangeDeletion, user_key is the range's
  // begin and value its exclusive end.
  // REQUIRES: external serialization with other Adds; (user_key, seq) not
  // already present; seq <= kMaxSequenceNumber.
  void Add(SequenceNumber seq, ValueType type, Slice user_key, Slice value);

  struct Record {
    SequenceNumber seq;
    ValueType type;  // kValue or kDeletion
    Slice user_key;
    Slice value;
  };
  // Adds many point records at once, much faster than one Add each when the
  // memtable is larger than the CPU caches (see SkipList::InsertSorted).
  // REQUIRES: as Add; records in internal-key order (user key ascending,
  // sequence descending); no range deletions.
  void AddSorted(const Record* records, size_t n);

  struct GetResult {
    enum class State {
      kNotPresent,  // nothing here at this snapshot: look in older data
      kFound,       // value holds the newest visible version
      kDeleted,     // deleted by a point or range deletion: stop looking
    };
    State state = State::kNotPresent;
    // LIFETIME: points into the memtable; valid while the caller holds it.
    Slice value;
    // Sequence of the entry that decided the state (kFound/kDeleted).
    SequenceNumber sequence = 0;
  };
  // The newest version of user_key with sequence <= snapshot, taking range
  // deletions into account (a range deletion newer than the newest visible
  // version hides it; with no version here it still reports kDeleted).
  GetResult Get(Slice user_key, SequenceNumber snapshot) const;

  // Iterates point entries (values and point deletions) in internal-key
  // order: key() is the internal key, value() the value (empty for
  // deletions). Seek targets are internal keys. All versions are returned;
  // snapshot filtering is the caller's (the merging/user iterator's) job.
  std::unique_ptr<Iterator> NewIterator() const;
  // Iterates range deletions: key() = internal key (begin, seq,
  // kRangeDeletion), value() = exclusive end. Empty when there are none.
  std::unique_ptr<Iterator> NewRangeTombstoneIterator() const;

  // Bytes of arena memory in use (for the flush trigger).
  size_t ApproximateMemoryUsage() const { return arena_.MemoryUsage(); }
  uint64_t num_entries() const { return num_entries_.load(std::memory_order_relaxed); }
  uint64_t num_deletes() const { return num_deletes_.load(std::memory_order_relaxed); }
  uint64_t num_range_deletes() const { return num_range_deletes_.load(std::memory_order_relaxed); }
  bool empty() const { return num_entries() == 0; }
  // Smallest and largest sequence added (kMaxSequenceNumber / 0 when empty).
  SequenceNumber smallest_sequence() const { return smallest_seq_.load(std::memory_order_relaxed); }
  SequenceNumber largest_sequence() const { return largest_seq_.load(std::memory_order_relaxed); }

  // A skiplist key: an arena entry (length-prefixed internal key, then the
  // value) and the first 8 bytes of its user key, big-endian and zero-padded.
  // Bytewise order of user keys never reverses the order of their prefixes,
  // so unequal prefixes decide a comparison without reading the entry: most
  // steps of a search then touch only the skiplist node, not the arena entry
  // it points to (one cache miss each instead of two).
  struct EntryKey {
    const char* entry = nullptr;
    uint64_t prefix = 0;
  };
  static uint64_t UserKeyPrefix(Slice user_key);
  // Orders entries by dbformat.h order (user key ascending, sequence descending).
  struct EntryComparator {
    int operator()(const EntryKey& a, const EntryKey& b) const;
  };
  using Table = SkipList<EntryKey, EntryComparator>;

 private:
  // Encodes one entry into the arena and counts it.
  EntryKey Append(SequenceNumber seq, ValueType type, Slice user_key, Slice value);

  Arena arena_;
  Table table_;
  std::vector<EntryKey> sorted_scratch_;  // AddSorted's keys (writer only)
  Table range_dels_;
  std::atomic<uint64_t> num_entries_{0};
  std::atomic<uint64_t> num_deletes_{0};
  std::atomic<uint64_t> num_range_deletes_{0};
  std::atomic<SequenceNumber> smallest_seq_{kMaxSequenceNumber};
  std::atomic<SequenceNumber> largest_seq_{0};
};

}  // namespace strata::storage
