// CopyBulkRows: the encoded rows of a COPY on the bulk path (copy_from.h),
// held until the COPY ends and then committed as one ingested SSTable
// (txn::Transaction::CommitIngest) instead of row by row through the write
// set.
//
// Duplicates within the input are caught as each row arrives, as the write
// set catches them on the ordinary path: while keys arrive in increasing
// order (the usual COPY: by primary key) a key greater than the last one
// cannot repeat any earlier key, so no lookup is needed; from the first key
// out of order on, every key goes through a hash set.
// Not thread-safe; one per COPY.
#pragma once

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace strata::sql {

class CopyBulkRows {
 public:
  // Adds a row; false (nothing added) if `key` was added before.
  bool Add(std::string key, std::string value);
  size_t size() const { return rows_.size(); }
  // Every row, sorted by key; the object is empty afterwards.
  std::vector<std::pair<std::string, std::string>> TakeSorted();

 private:
  std::vector<std::pair<std::string, std::string>> rows_;
  bool increasing_ = true;             // every key so far above the one before
  std::unordered_set<std::string> keys_;  // every key, once !increasing_
};

}  // namespace strata::sql
