// Unique and LimitWithTies (node_unique.h, node_limit_with_ties.h): both
// compare rows by the memcomparable encoding of their sort keys.
#include "sql/executor/node_unique.h"

#include "sql/executor/node_limit_with_ties.h"

namespace strata::sql {

std::string EncodeSortKey(const std::vector<SortKey>& keys, const Row& row) {
  std::string key;
  for (const SortKey& k : keys) {
    AppendKeyDatum(k.key, row[static_cast<size_t>(k.column)], &key);
  }
  return key;
}

bool Unique::Next(Row* row) {
  while (child_->Next(row)) {
    std::string key = EncodeSortKey(keys_, *row);
    if (have_last_ && key == last_key_) continue;
    last_key_ = std::move(key);
    have_last_ = true;
    return true;
  }
  return false;
}

bool LimitWithTies::Next(Row* row) {
  if (done_) return false;
  while (skipped_ < offset_) {
    if (!child_->Next(row)) return false;
    ++skipped_;
  }
  if (count_ >= 0 && returned_ >= count_) {
    // Past the limit: only rows tying with the last one counted.
    if (count_ == 0 || !child_->Next(row) || EncodeSortKey(keys_, *row) != last_key_) {
      done_ = true;
      return false;
    }
    return true;
  }
  if (!child_->Next(row)) return false;
  ++returned_;
  if (count_ >= 0 && returned_ == count_) last_key_ = EncodeSortKey(keys_, *row);
  return true;
}

}  // namespace strata::sql
