// IndexEntryBuffer (see index_entry_buffer.h).
#include "sql/commands/index_entry_buffer.h"

#include <algorithm>

#include "common/coding.h"

namespace strata::sql {

void IndexEntryBuffer::Add(std::string_view key, std::string_view value) {
  const size_t need = 8 + key.size() + value.size();
  char* at;
  if (need > kBlockSize / 4) {
    large_.push_back(std::make_unique_for_overwrite<char[]>(need));
    large_bytes_ += need;
    at = large_.back().get();
  } else {
    if (blocks_.empty() || kBlockSize - block_used_ < need) {
      if (!blocks_.empty() && current_ + 1 < blocks_.size()) {
        ++current_;  // a block kept by Reset()
      } else {
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockSize));
        current_ = blocks_.size() - 1;
      }
      block_used_ = 0;
    }
    at = blocks_[current_].get() + block_used_;
    block_used_ += need;
  }
  const auto key_size = static_cast<uint32_t>(key.size());
  const auto value_size = static_cast<uint32_t>(value.size());
  std::memcpy(at, &key_size, 4);
  std::memcpy(at + 4, &value_size, 4);
  std::memcpy(at + 8, key.data(), key.size());
  std::memcpy(at + 8 + key.size(), value.data(), value.size());
  slots_.push_back(Slot{OrderedPrefix64(Slice(key.data(), key.size())), at});
  entry_bytes_ += need;
}

void IndexEntryBuffer::ReserveFor(size_t budget) {
  if (slots_.empty()) return;
  const size_t per_entry = entry_bytes_ / slots_.size() + sizeof(Slot);
  const size_t fit = budget / per_entry;
  if (fit > slots_.capacity()) slots_.reserve(fit + fit / 32);
}

std::string_view IndexEntryBuffer::value(size_t i) const {
  const char* entry = slots_[i].entry;
  uint32_t key_size, value_size;
  std::memcpy(&key_size, entry, 4);
  std::memcpy(&value_size, entry + 4, 4);
  return std::string_view(entry + 8 + key_size, value_size);
}

void IndexEntryBuffer::Sort() {
  std::sort(slots_.begin(), slots_.end(), [](const Slot& a, const Slot& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return KeyOf(a.entry) < KeyOf(b.entry);
  });
}

size_t IndexEntryBuffer::FindDuplicate() const {
  for (size_t i = 1; i < slots_.size(); ++i) {
    if (slots_[i].prefix == slots_[i - 1].prefix && key(i) == key(i - 1)) return i;
  }
  return slots_.size();
}

size_t IndexEntryBuffer::LowerBound(std::string_view key) const {
  const uint64_t prefix = OrderedPrefix64(Slice(key.data(), key.size()));
  auto it = std::lower_bound(slots_.begin(), slots_.end(), key, [prefix](const Slot& s,
                                                                        std::string_view k) {
    if (s.prefix != prefix) return s.prefix < prefix;
    return KeyOf(s.entry) < k;
  });
  return static_cast<size_t>(it - slots_.begin());
}

void IndexEntryBuffer::Reset() {
  current_ = 0;
  block_used_ = blocks_.empty() ? kBlockSize : 0;
  large_.clear();
  large_bytes_ = 0;
  entry_bytes_ = 0;
  slots_.clear();
}

void IndexEntryBuffer::Clear() {
  blocks_.clear();
  current_ = 0;
  large_.clear();
  block_used_ = kBlockSize;
  large_bytes_ = 0;
  entry_bytes_ = 0;
  slots_ = {};
}

}  // namespace strata::sql
