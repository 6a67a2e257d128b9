// KeyBuffer: a growable byte buffer with inline storage, used by iterators to
// rebuild prefix-compressed keys and by lookups to build internal keys
// without touching the heap for keys up to kInlineSize bytes.
//
// Thread safety: none. Not copyable (iterators own one each).
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>

#include "common/slice.h"

namespace strata::storage {

class KeyBuffer {
 public:
  static constexpr size_t kInlineSize = 112;

  KeyBuffer() = default;
  KeyBuffer(const KeyBuffer&) = delete;
  KeyBuffer& operator=(const KeyBuffer&) = delete;

  const char* data() const { return data_; }
  size_t size() const { return size_; }
  Slice slice() const { return Slice(data_, size_); }
  void clear() { size_ = 0; }

  // REQUIRES: n <= size()
  void Truncate(size_t n) { size_ = n; }
  void Append(const char* p, size_t n) {
    if (size_ + n > capacity_) Grow(size_ + n);
    std::memcpy(data_ + size_, p, n);
    size_ += n;
  }
  // REQUIRES: [p, p+n) does not overlap this buffer.
  void Assign(const char* p, size_t n) {
    size_ = 0;
    Append(p, n);
  }

 private:
  void Grow(size_t need) {
    size_t cap = capacity_ * 2;
    while (cap < need) cap *= 2;
    auto heap = std::make_unique_for_overwrite<char[]>(cap);
    std::memcpy(heap.get(), data_, size_);
    heap_ = std::move(heap);
    data_ = heap_.get();
    capacity_ = cap;
  }

  char inline_[kInlineSize];
  std::unique_ptr<char[]> heap_;
  char* data_ = inline_;
  size_t size_ = 0;
  size_t capacity_ = kInlineSize;
};

}  // namespace strata::storage
