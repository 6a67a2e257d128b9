// Reading, verifying and decompressing SSTable blocks (see block_fetcher.h and
// the trailer format in block_trailer.h).
#include "storage/sstable/block_fetcher.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "common/coding.h"
#include "common/hash.h"
#include "storage/sstable/block_compression.h"

namespace strata::storage {

namespace {

// Larger blocks are treated as corruption rather than allocated.
constexpr uint64_t kMaxBlockSize = uint64_t{1} << 30;

std::string BlockContext(std::string_view file_label, const BlockHandle& handle) {
  char buf[96];
  std::snprintf(buf, sizeof(buf), " block at offset %" PRIu64 " size %" PRIu64, handle.offset,
                handle.size);
  return std::string(file_label) + buf;
}

Status ShortRead(std::string_view file_label, const BlockHandle& handle, size_t got) {
  return Status::Corruption(BlockContext(file_label, handle) + ": truncated read (" +
                            std::to_string(got) + " bytes)");
}

}  // namespace

std::string TableFileLabel(uint64_t file_number) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%06" PRIu64 ".sst", file_number);
  return buf;
}

Status CheckBlockHandle(const BlockHandle& handle, uint64_t limit, std::string_view file_label) {
  if (handle.size > kMaxBlockSize || handle.offset > limit ||
      limit - handle.offset < handle.size + kBlockTrailerSize) {
    return Status::Corruption(BlockContext(file_label, handle) + ": block handle out of range");
  }
  return Status::OK();
}

Result<BlockContents> VerifyAndDecodeBlock(std::unique_ptr<char[]> buffer, Slice raw,
                                           const BlockHandle& handle, std::string_view file_label,
                                           CompressionType* stored_type) {
  const size_t n = static_cast<size_t>(handle.size);
  if (raw.size() != n + kBlockTrailerSize) return ShortRead(file_label, handle, raw.size());
  const char* data = raw.data();
  const uint64_t expected = DecodeFixed64(data + n + 1);
  if (XxHash64(Slice(data, n + 1)) != expected) {
    return Status::Corruption(BlockContext(file_label, handle) + ": block checksum mismatch");
  }
  const auto type = static_cast<uint8_t>(data[n]);
  if (stored_type != nullptr) *stored_type = static_cast<CompressionType>(type);
  switch (static_cast<CompressionType>(type)) {
    case CompressionType::kNone: {
      if (buffer == nullptr) return BlockContents::Copy(Slice(data, n));
      BlockContents out;
      out.owned = std::move(buffer);
      out.data = Slice(data, n);
      return out;
    }
    case CompressionType::kLz4:
      return Lz4UncompressBlock(Slice(data, n), BlockContext(file_label, handle));
  }
  return Status::Corruption(BlockContext(file_label, handle) + ": unknown compression type " +
                            std::to_string(type));
}

Result<BlockContents> ReadBlock(const RandomAccessFile& file, const BlockHandle& handle,
                                std::string_view file_label) {
  if (handle.size > kMaxBlockSize) {
    return Status::Corruption(BlockContext(file_label, handle) + ": implausible block size");
  }
  const size_t len = static_cast<size_t>(handle.size) + kBlockTrailerSize;
  auto buffer = std::make_unique_for_overwrite<char[]>(len);
  Slice result;
  STRATA_RETURN_IF_ERROR(file.Read(handle.offset, len, &result, buffer.get()));
  if (result.size() == len && result.data() != buffer.get()) {
    // The file handed back its own memory; copy so the block owns its bytes.
    std::memcpy(buffer.get(), result.data(), len);
    result = Slice(buffer.get(), len);
  }
  return VerifyAndDecodeBlock(std::move(buffer), result, handle, file_label);
}

void ReadBlocks(const RandomAccessFile& file, std::span<const BlockHandle> handles,
                std::string_view file_label, std::vector<Result<BlockContents>>* out) {
  out->clear();
  out->reserve(handles.size());
  std::vector<std::unique_ptr<char[]>> buffers(handles.size());
  std::vector<ReadRequest> requests(handles.size());
  for (size_t i = 0; i < handles.size(); ++i) {
    const size_t len =
        static_cast<size_t>(std::min(handles[i].size, kMaxBlockSize)) + kBlockTrailerSize;
    buffers[i] = std::make_unique_for_overwrite<char[]>(len);
    requests[i].offset = handles[i].offset;
    requests[i].length = len;
    requests[i].scratch = buffers[i].get();
  }
  // Per-request statuses carry the errors; the aggregate adds nothing.
  (void)file.MultiRead(&requests);
  for (size_t i = 0; i < handles.size(); ++i) {
    ReadRequest& req = requests[i];
    if (handles[i].size > kMaxBlockSize) {
      out->push_back(
          Status::Corruption(BlockContext(file_label, handles[i]) + ": implausible block size"));
      continue;
    }
    if (!req.status.ok()) {
      out->push_back(req.status);
      continue;
    }
    if (req.result.size() == req.length && req.result.data() != req.scratch) {
      std::memcpy(req.scratch, req.result.data(), req.length);
      req.result = Slice(req.scratch, req.length);
    }
    out->push_back(VerifyAndDecodeBlock(std::move(buffers[i]), req.result, handles[i], file_label));
  }
}

}  // namespace strata::storage
