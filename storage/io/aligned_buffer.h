// AlignedBuffer: heap memory aligned for O_DIRECT transfers.
//
// O_DIRECT requires the user buffer, the file offset and the length to be
// multiples of the device's logical block size. We use kDirectIoAlignment
// (4096), which satisfies every common device (512e and 4Kn) and page-cache
// bypass on ext4/xfs/btrfs/tmpfs.
// Thread safety: none; a buffer belongs to one owner.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace strata::storage {

inline constexpr size_t kDirectIoAlignment = 4096;

inline constexpr uint64_t AlignDown(uint64_t v, uint64_t align) { return v - (v % align); }
inline constexpr uint64_t AlignUp(uint64_t v, uint64_t align) {
  return AlignDown(v + align - 1, align);
}

class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  // Capacity is rounded up to a multiple of kDirectIoAlignment. On allocation
  // failure data() is null and capacity() is 0.
  explicit AlignedBuffer(size_t capacity) {
    size_t cap = AlignUp(capacity == 0 ? 1 : capacity, kDirectIoAlignment);
    void* p = std::aligned_alloc(kDirectIoAlignment, cap);
    if (p != nullptr) {
      data_.reset(static_cast<char*>(p));
      capacity_ = cap;
    }
  }

  char* data() const { return data_.get(); }
  size_t capacity() const { return capacity_; }

 private:
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<char, Free> data_;
  size_t capacity_ = 0;
};

}  // namespace strata::storage
