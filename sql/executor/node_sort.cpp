// Limit (Sort is in external_sort.cpp).
#include <algorithm>

#include "sql/executor/plan_node.h"

namespace strata::sql {

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
