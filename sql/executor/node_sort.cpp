// Sort and Limit.
#include <algorithm>

#include "sql/executor/plan_node.h"

namespace strata::sql {

void Sort::Init() {
  child_->Init();
  rows_.clear();
  next_ = 0;
  Row row;
  while (child_->Next(&row)) {
    std::string key;
    for (const SortKey& k : keys_) AppendKeyDatum(k.key, row[static_cast<size_t>(k.column)], &key);
    row.resize(keep_columns_);
    rows_.emplace_back(std::move(key), std::move(row));
    row = Row();
  }
  // Stable, so rows with equal keys keep their scan (key) order.
  std::stable_sort(rows_.begin(), rows_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

bool Sort::Next(Row* row) {
  if (next_ >= rows_.size()) return false;
  *row = std::move(rows_[next_++].second);
  return true;
}

void Limit::Init() {
  child_->Init();
  returned_ = 0;
}

bool Limit::Next(Row* row) {
  while (offset_ > 0) {
    if (!child_->Next(row)) return false;
    --offset_;
  }
  if (count_ >= 0 && returned_ >= count_) return false;
  if (!child_->Next(row)) return false;
  ++returned_;
  return true;
}

}  // namespace strata::sql
