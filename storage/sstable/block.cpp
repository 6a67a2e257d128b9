// Block parsing and BlockIter (block format in block_builder.h).
#include "storage/sstable/block.h"

#include "common/coding.h"

namespace strata::storage {

namespace {

// Decodes an entry header at p. Returns the first key byte or nullptr when the
// header or the key/value bytes it announces run past limit.
inline const char* DecodeEntry(const char* p, const char* limit, uint32_t* shared,
                               uint32_t* non_shared, uint32_t* value_size) {
  if (limit - p < 3) return nullptr;
  const auto a = static_cast<uint8_t>(p[0]);
  const auto b = static_cast<uint8_t>(p[1]);
  const auto c = static_cast<uint8_t>(p[2]);
  if ((a | b | c) < 128) {  // fast path: all three lengths fit in one byte
    *shared = a;
    *non_shared = b;
    *value_size = c;
    p += 3;
  } else {
    if ((p = GetVarint32Ptr(p, limit, shared)) == nullptr) return nullptr;
    if ((p = GetVarint32Ptr(p, limit, non_shared)) == nullptr) return nullptr;
    if ((p = GetVarint32Ptr(p, limit, value_size)) == nullptr) return nullptr;
  }
  if (static_cast<uint64_t>(limit - p) < uint64_t{*non_shared} + *value_size) return nullptr;
  return p;
}

}  // namespace

Result<std::shared_ptr<const Block>> Block::Create(BlockContents contents) {
  const size_t size = contents.data.size();
  if (size < sizeof(uint32_t) || size > UINT32_MAX) {
    return Status::Corruption("block too small or too large");
  }
  const uint32_t num_restarts = DecodeFixed32(contents.data.data() + size - sizeof(uint32_t));
  const uint64_t max_restarts = (size - sizeof(uint32_t)) / sizeof(uint32_t);
  if (num_restarts == 0 || num_restarts > max_restarts) {
    return Status::Corruption("bad block restart count");
  }
  const auto restarts_offset =
      static_cast<uint32_t>(size - (1 + uint64_t{num_restarts}) * sizeof(uint32_t));
  return std::make_shared<const Block>(PrivateTag{}, std::move(contents), restarts_offset,
                                       num_restarts);
}

std::unique_ptr<Iterator> Block::NewIterator(KeyComparator cmp) const {
  auto it = std::make_unique<BlockIter>();
  it->Init(this, cmp);
  return it;
}

void BlockIter::Init(const Block* block, KeyComparator cmp) {
  data_ = block->contents_.data.data();
  cmp_ = cmp;
  restarts_offset_ = block->restarts_offset_;
  num_restarts_ = block->num_restarts_;
  current_ = restarts_offset_;
  next_ = restarts_offset_;
  restart_index_ = 0;
  key_ = Slice();
  value_ = Slice();
  status_ = Status::OK();
  prev_entries_.clear();
  prev_pos_ = -1;
}

void BlockIter::Reset() {
  data_ = nullptr;
  restarts_offset_ = 0;
  num_restarts_ = 0;
  current_ = 0;
  next_ = 0;
  key_ = Slice();
  value_ = Slice();
  status_ = Status::OK();
  prev_entries_.clear();
  prev_pos_ = -1;
}

void BlockIter::CorruptionError(const char* what) {
  MarkInvalid();
  next_ = restarts_offset_;
  key_ = Slice();
  value_ = Slice();
  prev_pos_ = -1;
  if (status_.ok()) status_ = Status::Corruption(what);
}

uint32_t Block::restart_point(uint32_t index) const {
  return DecodeFixed32(contents_.data.data() + restarts_offset_ + index * sizeof(uint32_t));
}

bool Block::RestartEntry(uint32_t index, Slice* key, Slice* value, uint32_t* end) const {
  if (index >= num_restarts_) return false;
  const char* data = contents_.data.data();
  const uint32_t offset = restart_point(index);
  if (offset >= restarts_offset_) return false;
  uint32_t shared, non_shared, value_size;
  const char* p = DecodeEntry(data + offset, data + restarts_offset_, &shared, &non_shared,
                              &value_size);
  if (p == nullptr || shared != 0) return false;
  *key = Slice(p, non_shared);
  *value = Slice(p + non_shared, value_size);
  *end = static_cast<uint32_t>(p + non_shared + value_size - data);
  return true;
}

uint32_t BlockIter::RestartPoint(uint32_t index) const {
  return DecodeFixed32(data_ + restarts_offset_ + index * sizeof(uint32_t));
}

void BlockIter::SeekToRestartPoint(uint32_t index) {
  key_ = Slice();
  restart_index_ = index;
  next_ = RestartPoint(index);
  prev_pos_ = -1;
  if (next_ > restarts_offset_) CorruptionError("bad restart point in block");
}

bool BlockIter::ParseNextEntry() {
  current_ = next_;
  if (current_ >= restarts_offset_) {  // ran off the end: not an error
    MarkInvalid();
    return false;
  }
  const char* limit = data_ + restarts_offset_;
  uint32_t shared, non_shared, value_size;
  const char* p = DecodeEntry(data_ + current_, limit, &shared, &non_shared, &value_size);
  if (p == nullptr || shared > key_.size()) {
    CorruptionError("bad entry in block");
    return false;
  }
  if (shared == 0) {
    key_ = Slice(p, non_shared);  // points into the block: no copy
  } else {
    if (key_.data() != key_buf_.data()) {
      key_buf_.Assign(key_.data(), shared);
    } else {
      key_buf_.Truncate(shared);
    }
    key_buf_.Append(p, non_shared);
    key_ = key_buf_.slice();
  }
  value_ = Slice(p + non_shared, value_size);
  next_ = static_cast<uint32_t>(p + non_shared + value_size - data_);
  while (restart_index_ + 1 < num_restarts_ && RestartPoint(restart_index_ + 1) <= current_) {
    ++restart_index_;
  }
  return true;
}

void BlockIter::SeekToFirst() {
  if (data_ == nullptr) return;
  status_ = Status::OK();
  SeekToRestartPoint(0);
  ParseNextEntry();
}

void BlockIter::Next() {
  prev_pos_ = -1;
  ParseNextEntry();
}

void BlockIter::Seek(Slice target) {
  if (data_ == nullptr) return;
  status_ = Status::OK();
  // Binary search for the last restart point whose key is < target.
  uint32_t left = 0;
  uint32_t right = num_restarts_ - 1;
  while (left < right) {
    const uint32_t mid = left + (right - left + 1) / 2;
    const uint32_t offset = RestartPoint(mid);
    uint32_t shared, non_shared, value_size;
    const char* p = offset < restarts_offset_
                        ? DecodeEntry(data_ + offset, data_ + restarts_offset_, &shared,
                                      &non_shared, &value_size)
                        : nullptr;
    if (p == nullptr || shared != 0) {
      CorruptionError("bad restart point in block");
      return;
    }
    if (cmp_(Slice(p, non_shared), target) < 0) {
      left = mid;
    } else {
      right = mid - 1;
    }
  }
  SeekToRestartPoint(left);
  while (ParseNextEntry()) {
    if (cmp_(key_, target) >= 0) return;
  }
}

void BlockIter::SeekForPrev(Slice target) {
  Seek(target);
  if (!status_.ok()) return;
  if (!Valid()) {
    SeekToLast();
  } else if (cmp_(key_, target) > 0) {
    Prev();
  }
}

void BlockIter::SeekToLast() {
  if (data_ == nullptr) return;
  status_ = Status::OK();
  prev_pos_ = -1;
  PositionBefore(restarts_offset_);
}

void BlockIter::Prev() { PositionBefore(current_); }

void BlockIter::LoadCached(size_t index) {
  const CachedEntry& e = prev_entries_[index];
  prev_pos_ = static_cast<int64_t>(index);
  current_ = e.offset;
  next_ = e.next;
  restart_index_ = prev_restart_;
  key_ = Slice(prev_keys_.data() + e.key_offset, e.key_size);
  value_ = e.value;
}

void BlockIter::PositionBefore(uint32_t limit) {
  // Fast path: the entry before the current one is already decoded.
  if (prev_pos_ > 0 && prev_entries_[static_cast<size_t>(prev_pos_)].offset == limit) {
    LoadCached(static_cast<size_t>(prev_pos_ - 1));
    return;
  }
  if (limit == 0 || num_restarts_ == 0) {  // nothing before the first entry
    MarkInvalid();
    prev_pos_ = -1;
    return;
  }
  // The restart interval holding the entry just before `limit`.
  uint32_t r =
      (limit == current_ && current_ < restarts_offset_) ? restart_index_ : num_restarts_ - 1;
  while (r > 0 && RestartPoint(r) >= limit) --r;
  uint32_t offset = RestartPoint(r);
  if (offset >= limit) {
    CorruptionError("bad restart point in block");
    return;
  }
  // Decode the interval [RestartPoint(r), limit) into the cache.
  prev_entries_.clear();
  prev_keys_.clear();
  prev_restart_ = r;
  const char* end = data_ + restarts_offset_;
  uint32_t prev_key_offset = 0;
  uint32_t prev_key_size = 0;
  while (offset < limit) {
    uint32_t shared, non_shared, value_size;
    const char* p = DecodeEntry(data_ + offset, end, &shared, &non_shared, &value_size);
    if (p == nullptr || shared > prev_key_size) {
      CorruptionError("bad entry in block");
      return;
    }
    const auto key_offset = static_cast<uint32_t>(prev_keys_.size());
    prev_keys_.reserve(prev_keys_.size() + shared + non_shared);
    // No reallocation after reserve(), so the self-append reads stable bytes.
    prev_keys_.append(prev_keys_.data() + prev_key_offset, shared);
    prev_keys_.append(p, non_shared);
    const auto next = static_cast<uint32_t>(p + non_shared + value_size - data_);
    prev_entries_.push_back(CachedEntry{offset, next, key_offset, shared + non_shared,
                                        Slice(p + non_shared, value_size)});
    prev_key_offset = key_offset;
    prev_key_size = shared + non_shared;
    offset = next;
  }
  LoadCached(prev_entries_.size() - 1);
}

}  // namespace strata::storage
