// Iterator: the cursor interface shared by memtables, SSTable blocks, whole
// SSTables, merging iterators and the engine's user-facing iterator.
//
// Contract (as in LevelDB/Pebble):
//  - A new iterator is not Valid() until positioned by a Seek*.
//  - key()/value()/Next()/Prev() REQUIRE: Valid().
//  - LIFETIME: the Slices returned by key() and value() stay valid only until
//    the iterator is moved or destroyed; copy them to keep them.
//  - When positioning fails, Valid() is false and status() says why (e.g.
//    Corruption); an iterator that simply ran off the end has status() OK.
//  - Not thread-safe: one thread uses an iterator at a time.
#pragma once

#include "common/slice.h"
#include "common/status.h"

namespace strata::storage {

class Iterator {
 public:
  Iterator() = default;
  Iterator(const Iterator&) = delete;
  Iterator& operator=(const Iterator&) = delete;
  virtual ~Iterator() = default;

  virtual bool Valid() const = 0;
  virtual void SeekToFirst() = 0;
  virtual void SeekToLast() = 0;
  // First entry with key >= target.
  virtual void Seek(Slice target) = 0;
  // Last entry with key <= target.
  virtual void SeekForPrev(Slice target) = 0;
  virtual void Next() = 0;
  virtual void Prev() = 0;
  virtual Slice key() const = 0;
  virtual Slice value() const = 0;
  virtual Status status() const = 0;
};

}  // namespace strata::storage
