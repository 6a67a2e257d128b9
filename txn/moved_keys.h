// MovedKeys: the keys whose rows committed transactions moved to another key
// (an UPDATE of a table without a primary key writes the new row version
// under a fresh row id and deletes the old one; sql/commands/table_rows.cpp).
//
// Why: a transaction that loses the race on such a key finds it deleted in
// the latest state, yet PostgreSQL reports that as "could not serialize
// access due to concurrent update" (the old tuple's ctid points at a new
// version), not "... concurrent delete". The commit-time conflict check
// (Transaction::CheckOne) asks here which of the two it was.
//
// Only transactions alive when the mover commits can have the old key in
// their snapshot, so a committer records its moves only when another
// transaction is alive. The set is bounded (oldest entries forgotten first):
// a forgotten move is reported as a delete -- the SQLSTATE (40001) is the
// same, only the message differs. Row ids are never reused, so an entry
// never becomes wrong.
//
// Thread safety: all members are safe to call concurrently.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "storage/engine.h"

namespace strata::txn {

class MovedKeys {
 public:
  // Entries kept at most; beyond it the oldest are forgotten.
  static constexpr size_t kCapacity = size_t{1} << 17;

  void Record(storage::TreeId tree, const std::vector<std::string>& keys);
  bool Contains(storage::TreeId tree, const std::string& key) const;

 private:
  static std::string Entry(storage::TreeId tree, const std::string& key);

  mutable std::mutex mu_;
  std::unordered_set<std::string> keys_;  // Entry(tree, key)
  std::deque<std::string> order_;         // the same entries, oldest first
};

}  // namespace strata::txn
