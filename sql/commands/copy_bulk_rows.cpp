// CopyBulkRows (see copy_bulk_rows.h).
#include "sql/commands/copy_bulk_rows.h"

#include <algorithm>

#include "common/slice.h"

namespace strata::sql {

bool CopyBulkRows::Add(std::string key, std::string value) {
  if (increasing_) {
    if (rows_.empty() || Compare(rows_.back().first, key) < 0) {
      rows_.emplace_back(std::move(key), std::move(value));
      return true;
    }
    // Out of order: from now on every key is looked up.
    increasing_ = false;
    keys_.reserve(rows_.size() * 2);
    for (const auto& row : rows_) keys_.insert(row.first);
  }
  if (!keys_.insert(key).second) return false;
  rows_.emplace_back(std::move(key), std::move(value));
  return true;
}

std::vector<std::pair<std::string, std::string>> CopyBulkRows::TakeSorted() {
  if (!increasing_) {
    std::sort(rows_.begin(), rows_.end(),
              [](const auto& a, const auto& b) { return Compare(a.first, b.first) < 0; });
  }
  std::vector<std::pair<std::string, std::string>> out = std::move(rows_);
  rows_.clear();
  keys_.clear();
  increasing_ = true;
  return out;
}

}  // namespace strata::sql
