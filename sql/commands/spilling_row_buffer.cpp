// SpillingRowBuffer (see spilling_row_buffer.h).
#include "sql/commands/spilling_row_buffer.h"

#include <utility>

namespace strata::sql {

void SpillingRowBuffer::Add(Row&& row) {
  if (file_) {
    file_->WriteRow(row);
    return;
  }
  memory_bytes_ += RowMemory(row);
  memory_.push_back(std::move(row));
  if (static_cast<int64_t>(memory_bytes_) > WorkMemBytes()) {
    // Past work_mem: everything so far and everything after goes to disk.
    file_ = std::make_unique<SpillFile>();
    for (const Row& r : memory_) file_->WriteRow(r);
    memory_.clear();
    memory_.shrink_to_fit();
    memory_bytes_ = 0;
  }
}

bool SpillingRowBuffer::Next(Row* row) {
  if (!reading_) {
    reading_ = true;
    if (file_) file_->Rewind();
  }
  if (file_) return file_->ReadRow(row);
  if (next_ >= memory_.size()) return false;
  *row = std::move(memory_[next_++]);
  return true;
}

}  // namespace strata::sql
