// ProtobufArena (see protobuf_arena.h).
#include "sql/parser/protobuf_arena.h"

#include <algorithm>
#include <new>

namespace strata::sql::parser {

namespace {

constexpr size_t kAlignment = alignof(std::max_align_t);
constexpr size_t kMaxChunk = 1024 * 1024;

}  // namespace

ProtobufArena::ProtobufArena() {
  allocator_.alloc = &ProtobufArena::Alloc;
  allocator_.free = &ProtobufArena::Free;
  allocator_.allocator_data = this;
}

void* ProtobufArena::Alloc(void* arena, size_t size) {
  return static_cast<ProtobufArena*>(arena)->Allocate(size);
}

// Memory goes back with the whole arena.
void ProtobufArena::Free(void* /*arena*/, void* /*pointer*/) {}

void* ProtobufArena::Allocate(size_t size) {
  size = (std::max<size_t>(size, 1) + kAlignment - 1) & ~(kAlignment - 1);
  if (size > left_) {
    // A request larger than a chunk gets a chunk of its own; the current
    // chunk's free space stays usable for later small requests.
    if (size > chunk_size_ / 2) {
      chunks_.push_back(std::unique_ptr<std::byte[]>(new std::byte[size]));
      return chunks_.back().get();
    }
    chunks_.push_back(std::unique_ptr<std::byte[]>(new std::byte[chunk_size_]));
    next_ = chunks_.back().get();
    left_ = chunk_size_;
    chunk_size_ = std::min(chunk_size_ * 2, kMaxChunk);
  }
  void* out = next_;
  next_ += size;
  left_ -= size;
  return out;
}

}  // namespace strata::sql::parser
