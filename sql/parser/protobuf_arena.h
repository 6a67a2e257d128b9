// ProtobufArena: a bump allocator for protobuf-c's unpack of libpg_query's
// parse tree.
//
// Unpacking a parse tree makes one malloc per message, string and repeated
// field (hundreds for a short UPDATE), and free_unpacked walks the tree again
// to free each one: at simple-query rates (pgbench sends every statement as
// text) that was several percent of the server's CPU. With an arena, unpack
// takes memory from a few large chunks, the tree is never freed node by
// node, and the chunks go when the arena does.
//
// REQUIRES: the unpacked tree is not used after the arena is destroyed, and
// is never passed to free_unpacked. One arena per parse; not thread-safe.
#pragma once

#include <protobuf-c/protobuf-c.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace strata::sql::parser {

class ProtobufArena {
 public:
  ProtobufArena();
  ProtobufArena(const ProtobufArena&) = delete;
  ProtobufArena& operator=(const ProtobufArena&) = delete;

  // The allocator to pass to a generated *__unpack function.
  ProtobufCAllocator* allocator() { return &allocator_; }

 private:
  static void* Alloc(void* arena, size_t size);
  static void Free(void* arena, void* pointer);
  void* Allocate(size_t size);

  ProtobufCAllocator allocator_;
  std::vector<std::unique_ptr<std::byte[]>> chunks_;
  std::byte* next_ = nullptr;  // free space in the newest chunk
  size_t left_ = 0;
  size_t chunk_size_ = 16 * 1024;  // doubles per chunk, up to kMaxChunk
};

}  // namespace strata::sql::parser
