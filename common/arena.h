// Arena: bump allocator for memtables and per-statement scratch space.
//
// Memory is returned all at once when the arena is destroyed. Allocate() is not
// thread-safe: one writer allocates at a time (the memtable's writer is
// serialized by the write path). MemoryUsage() may be read from any thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <vector>

namespace strata {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Returns bytes aligned for any scalar type.
  char* AllocateAligned(size_t bytes);
  char* Allocate(size_t bytes);
  size_t MemoryUsage() const { return memory_usage_.load(std::memory_order_relaxed); }

 private:
  static constexpr size_t kBlockSize = 4096 * 16;
  char* AllocateFallback(size_t bytes);
  char* AllocateNewBlock(size_t bytes);

  char* alloc_ptr_ = nullptr;
  size_t alloc_bytes_remaining_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::atomic<size_t> memory_usage_{0};
};

}  // namespace strata
