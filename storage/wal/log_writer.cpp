// WAL block-format writer (see log_writer.h and log_format.h).
#include "storage/wal/log_writer.h"

#include <algorithm>

#include "common/coding.h"
#include "common/hash.h"

namespace strata::storage::wal {

LogWriter::LogWriter(std::unique_ptr<WritableFile> dest, uint64_t log_number)
    : dest_(std::move(dest)),
      log_number_(log_number),
      block_offset_(dest_->Size() % kBlockSize),
      header_written_(dest_->Size() > 0) {}

LogWriter::~LogWriter() = default;

Status LogWriter::Check(Status s) {
  if (!s.ok() && error_.ok()) error_ = s;
  return s;
}

void LogWriter::EmitPhysicalRecord(RecordType type, const char* data, size_t length) {
  // REQUIRES: the record fits in the current block.
  const size_t start = buf_.size();
  buf_.resize(start + kHeaderSize);
  buf_.append(data, length);
  char* header = buf_.data() + start;
  header[4] = static_cast<char>(length & 0xff);
  header[5] = static_cast<char>(length >> 8);
  header[6] = static_cast<char>(type);
  // Checksum over type + payload, which are contiguous after the length.
  const uint32_t checksum = Checksum32(Slice(header + 6, 1 + length));
  EncodeFixed32(header, checksum);
  block_offset_ += kHeaderSize + length;
}

Status LogWriter::AddRecord(Slice payload) {
  STRATA_RETURN_IF_ERROR(error_);
  buf_.clear();
  if (!header_written_) {
    char header[kFileHeaderPayloadSize];
    EncodeFixed32(header, kLogFormatVersion);
    EncodeFixed64(header + 4, log_number_);
    EmitPhysicalRecord(RecordType::kFileHeader, header, sizeof(header));
  }
  const char* ptr = payload.data();
  size_t left = payload.size();
  bool begin = true;
  do {
    const size_t leftover = kBlockSize - block_offset_;
    if (leftover < kHeaderSize) {
      buf_.append(leftover, '\0');  // block trailer
      block_offset_ = 0;
    }
    const size_t avail = kBlockSize - block_offset_ - kHeaderSize;
    const size_t fragment = std::min(left, avail);
    const bool end = fragment == left;
    RecordType type = begin && end ? RecordType::kFull
                      : begin      ? RecordType::kFirst
                      : end        ? RecordType::kLast
                                   : RecordType::kMiddle;
    EmitPhysicalRecord(type, ptr, fragment);
    ptr += fragment;
    left -= fragment;
    begin = false;
  } while (left > 0);
  STRATA_RETURN_IF_ERROR(Check(dest_->Append(buf_)));
  header_written_ = true;
  return Status::OK();
}

Status LogWriter::Flush() {
  STRATA_RETURN_IF_ERROR(error_);
  return Check(dest_->Flush());
}

Status LogWriter::Sync() {
  STRATA_RETURN_IF_ERROR(error_);
  return Check(dest_->Sync());
}

Status LogWriter::Close() { return Check(dest_->Close()); }

}  // namespace strata::storage::wal
