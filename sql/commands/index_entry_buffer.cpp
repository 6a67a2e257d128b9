// IndexEntryBuffer (see index_entry_buffer.h).
#include "sql/commands/index_entry_buffer.h"

#include <algorithm>
#include <array>

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
  const size_t n = slots_.size();
  auto by_key = [](const Slot& a, const Slot& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return KeyOf(a.entry) < KeyOf(b.entry);
  };
  if (n < kRadixMinEntries) {
    std::sort(slots_.begin(), slots_.end(), by_key);
    return;
  }
  // LSD radix sort of the prefixes, a byte per pass, skipping the bytes all
  // prefixes share (an int key's type tag and high bytes): a few linear
  // passes instead of ~20 comparisons per entry. The scratch array is
  // transient, the size of the slots (a third of an entry's ~48 bytes).
  std::vector<std::array<size_t, 256>> counts(8);
  for (auto& c : counts) c.fill(0);
  for (const Slot& slot : slots_) {
    for (int d = 0; d < 8; ++d) ++counts[d][(slot.prefix >> (8 * d)) & 0xff];
  }
  std::vector<Slot> scratch(n);
  Slot* src = slots_.data();
  Slot* dst = scratch.data();
  for (int d = 0; d < 8; ++d) {
    std::array<size_t, 256>& c = counts[d];
    if (*std::max_element(c.begin(), c.end()) == n) continue;  // one value: order kept
    size_t offset = 0;
    for (size_t& bucket : c) {
      const size_t count = bucket;
      bucket = offset;
      offset += count;
    }
    for (size_t i = 0; i < n; ++i) dst[c[(src[i].prefix >> (8 * d)) & 0xff]++] = src[i];
    std::swap(src, dst);
  }
  if (src != slots_.data()) std::copy(src, src + n, slots_.data());
  // Equal prefixes: whole keys decide.
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && slots_[j].prefix == slots_[i].prefix) ++j;
    if (j - i > 1) std::sort(slots_.begin() + i, slots_.begin() + j, by_key);
    i = j;
  }
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
