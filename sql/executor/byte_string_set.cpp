// ByteStringSet (see byte_string_set.h).
#include "sql/executor/byte_string_set.h"

#include "sql/executor/key_hash.h"

#include <cstring>

namespace strata::sql {

std::string_view ByteStringSet::At(uint64_t ref) const {
  const size_t offset = ref - 1;
  uint32_t n = 0;
  std::memcpy(&n, arena_.data() + offset, sizeof(n));
  return std::string_view(arena_).substr(offset + sizeof(n), n);
}

void ByteStringSet::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{0, 0});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.ref == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].ref != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

bool ByteStringSet::Insert(std::string_view key) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const uint64_t hash = HashKeyBytes(key);
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].ref != 0) {
    if (slots_[i].hash == hash && At(slots_[i].ref) == key) return false;
    i = (i + 1) & mask;
  }
  const auto n = static_cast<uint32_t>(key.size());
  slots_[i] = Slot{hash, arena_.size() + 1};
  arena_.append(reinterpret_cast<const char*>(&n), sizeof(n));
  arena_.append(key);
  ++size_;
  return true;
}

void ByteStringSet::clear() {
  slots_.clear();
  arena_.clear();
  size_ = 0;
}

}  // namespace strata::sql
