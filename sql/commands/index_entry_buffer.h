// IndexEntryBuffer: the index entries (key, value byte strings) an index
// build collects in memory, compactly, and sorts by key.
//
// Entries are packed back to back in 1 MB blocks ([u32 key size][u32 value
// size][key][value]) with one 16-byte slot each (the key's first 8 bytes as
// a big-endian number, and the entry's address): no allocation per entry,
// and sorting moves slots, comparing whole keys only when their prefixes tie.
// A 10M-row int index build costs ~48 bytes per entry here (~64 while a
// radix sort's scratch slots exist) against ~140 as std::pair<std::string,
// std::string> plus a sorted copy, so more entries fit in
// maintenance_work_mem and fewer runs are spilled.
//
// Thread safety: one thread at a time; after Sort(), concurrent readers are
// fine (a parallel build's merge reads one buffer from both threads).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace strata::sql {

class IndexEntryBuffer {
 public:
  void Add(std::string_view key, std::string_view value);
  size_t size() const { return slots_.size(); }
  bool empty() const { return slots_.empty(); }
  // Bytes the entries take: the blocks in use and the slots (the
  // maintenance_work_mem accounting; blocks kept by Reset() for reuse are
  // not counted until they are filled again).
  size_t memory() const {
    return (blocks_.empty() ? 0 : (current_ + 1) * kBlockSize) + large_bytes_ +
           slots_.capacity() * sizeof(Slot);
  }

  // Sizes the slot array for as many entries as fit in `budget` bytes at
  // the average size of those added so far (a doubling array would leave up
  // to half of its slots unused but counted in memory()).
  void ReserveFor(size_t budget);

  // Orders the entries by key (bytewise); equal keys in any order.
  void Sort();
  // The i-th entry (in key order once sorted).
  std::string_view key(size_t i) const { return KeyOf(slots_[i].entry); }
  std::string_view value(size_t i) const;
  // REQUIRES: Sorted. The first i with key(i) == key(i - 1), or size().
  size_t FindDuplicate() const;
  // REQUIRES: Sorted. The first i with key(i) >= `key`.
  size_t LowerBound(std::string_view key) const;
  // Empties the buffer, keeping its blocks for the next entries (a build
  // fills it again after spilling a run).
  void Reset();
  // Empties the buffer and frees its memory.
  void Clear();

 private:
  static constexpr size_t kBlockSize = size_t{1} << 20;
  // Fewer entries are sorted by comparison, more by radix (Sort()).
  static constexpr size_t kRadixMinEntries = 4096;
  struct Slot {
    uint64_t prefix;
    const char* entry;
  };
  static std::string_view KeyOf(const char* entry) {
    uint32_t n;
    std::memcpy(&n, entry, sizeof(n));
    return std::string_view(entry + 8, n);
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t current_ = 0;              // blocks_[current_] is being filled
  size_t block_used_ = kBlockSize;  // of blocks_[current_] (when there is one)
  std::vector<Slot> slots_;
  // Entries larger than a block, each in its own allocation.
  std::vector<std::unique_ptr<char[]>> large_;
  size_t large_bytes_ = 0;
  size_t entry_bytes_ = 0;  // of the entries since the last Reset
};

}  // namespace strata::sql
