// LiveFileTracker: which SSTable file numbers are still listed by some live
// Version, and which have stopped being listed (obsolete, safe to delete).
//
// Every Version refs each of its files on construction and unrefs them on
// destruction; the count is per file *number*, so a file moved between levels
// (a new FileMetaData object with the same number) stays live as long as any
// Version lists it at any level. When a count reaches zero the file is queued
// as obsolete; the engine takes the queue and deletes the files.
//
// Thread safety: all methods are thread-safe (one internal mutex, a leaf lock:
// nothing is called while it is held). Versions may be released on any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace strata::storage {

class LiveFileTracker {
 public:
  struct ObsoleteFile {
    uint64_t number = 0;
    uint32_t tree_id = 0;
    uint64_t file_size = 0;
  };

  void Ref(uint64_t number, uint32_t tree_id, uint64_t file_size);
  void Unref(uint64_t number);

  // Number of live Versions listing the file; 0 when not live.
  int RefCount(uint64_t number) const;
  // Sorted file numbers listed by at least one live Version.
  std::vector<uint64_t> LiveFileNumbers() const;
  // Removes and returns the files whose count has dropped to zero (and not
  // come back since), in the order they became obsolete.
  std::vector<ObsoleteFile> TakeObsoleteFiles();

 private:
  struct Entry {
    int refs = 0;
    uint32_t tree_id = 0;
    uint64_t file_size = 0;
  };
  mutable std::mutex mu_;
  std::unordered_map<uint64_t, Entry> live_;
  std::vector<ObsoleteFile> obsolete_;
};

}  // namespace strata::storage
