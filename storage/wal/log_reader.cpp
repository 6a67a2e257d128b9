// WAL block-format reader with torn-tail detection (see log_reader.h).
#include "storage/wal/log_reader.h"

#include "common/coding.h"
#include "common/hash.h"

namespace strata::storage::wal {

namespace {

struct RawHeader {
  uint32_t checksum;
  uint32_t length;
  uint8_t type;
};

RawHeader ParseHeader(const char* h) {
  return RawHeader{DecodeFixed32(h),
                   static_cast<uint32_t>(static_cast<uint8_t>(h[4])) |
                       (static_cast<uint32_t>(static_cast<uint8_t>(h[5])) << 8),
                   static_cast<uint8_t>(h[6])};
}

bool ChecksumMatches(const char* h, const RawHeader& rh) {
  return Checksum32(Slice(h + 6, 1 + rh.length)) == rh.checksum;
}

// Whether `b`, parsed from its start, holds an intact physical record that
// begins a logical record (kFull or kFirst). Intact continuation fragments
// are walked over but do not count by themselves: after a torn multi-block
// record, its own later fragments may have reached the disk. Parsing stops at
// the first damaged record, since its length cannot be trusted.
bool ContainsIntactRecord(Slice b) {
  while (b.size() >= kHeaderSize) {
    RawHeader rh = ParseHeader(b.data());
    if (kHeaderSize + rh.length > b.size()) return false;
    if (rh.type == 0 || rh.type > kMaxRecordType || !ChecksumMatches(b.data(), rh)) return false;
    if (rh.type == static_cast<uint8_t>(RecordType::kFull) ||
        rh.type == static_cast<uint8_t>(RecordType::kFirst)) {
      return true;
    }
    b.remove_prefix(kHeaderSize + rh.length);
  }
  return false;
}

}  // namespace

LogReader::LogReader(std::unique_ptr<SequentialFile> file, std::string file_name, Options options)
    : file_(std::move(file)),
      file_name_(std::move(file_name)),
      options_(options),
      backing_(std::make_unique<char[]>(kBlockSize)) {}

LogReader::~LogReader() = default;

bool LogReader::ReadBlock() {
  Slice got;
  Status s = file_->Read(kBlockSize, &got, backing_.get());
  if (!s.ok()) {
    status_ = s;
    block_ = Slice();
    eof_ = true;
    return false;
  }
  block_ = got;
  end_of_buffer_offset_ += got.size();
  if (got.size() < kBlockSize) eof_ = true;
  return true;
}

LogReader::Physical LogReader::ReadPhysicalRecord(Slice* fragment, RecordType* type,
                                                  uint64_t* offset, const char** bad_reason) {
  while (true) {
    if (block_.size() < kHeaderSize) {
      if (!eof_) {
        // The rest is a block trailer (or nothing): move to the next block.
        if (!ReadBlock()) return Physical::kIoError;
        continue;
      }
      if (block_.empty()) return Physical::kEof;
      *offset = end_of_buffer_offset_ - block_.size();
      block_ = Slice();
      return Physical::kTornTail;  // a header cut short by end of file
    }
    *offset = end_of_buffer_offset_ - block_.size();
    const RawHeader rh = ParseHeader(block_.data());
    if (kHeaderSize + rh.length > block_.size()) {
      block_ = Slice();
      if (eof_) return Physical::kTornTail;  // a payload cut short by end of file
      *bad_reason = "record length exceeds its block";
      return Physical::kBad;
    }
    if (rh.type == 0 && rh.length == 0) {
      block_ = Slice();  // zero-filled space runs to the end of the block
      *bad_reason = "zero-filled record header";
      return Physical::kBad;
    }
    if (!ChecksumMatches(block_.data(), rh)) {
      // The length may be the damaged part, so the rest of the block is
      // untrustworthy; keep it only as evidence for IntactRecordFollows.
      block_.remove_prefix(kHeaderSize + rh.length);
      *bad_reason = "checksum mismatch";
      return Physical::kBad;
    }
    if (rh.type == 0 || rh.type > kMaxRecordType) {
      block_.remove_prefix(kHeaderSize + rh.length);
      *bad_reason = "unknown record type";
      return Physical::kBad;
    }
    *fragment = Slice(block_.data() + kHeaderSize, rh.length);
    *type = static_cast<RecordType>(rh.type);
    block_.remove_prefix(kHeaderSize + rh.length);
    return Physical::kRecord;
  }
}

bool LogReader::IntactRecordFollows(Slice rest) {
  if (ContainsIntactRecord(rest)) return true;
  while (!eof_) {
    if (!ReadBlock()) return false;
    if (ContainsIntactRecord(block_)) return true;
  }
  block_ = Slice();
  return false;
}

bool LogReader::OnTornTail(uint64_t bytes) {
  done_ = true;
  torn_tail_ = true;
  dropped_bytes_ += bytes;
  if (options_.mode == RecoveryMode::kAbsoluteConsistency) {
    status_ = Status::Corruption(file_name_ + ": incomplete record at end of log (" +
                                 std::to_string(bytes) + " bytes)");
  }
  return false;
}

bool LogReader::OnDamage(uint64_t offset, uint64_t drop_start, uint64_t skip_bytes,
                         const std::string& reason, bool intact_follows) {
  switch (options_.mode) {
    case RecoveryMode::kSkipCorrupted:
      dropped_bytes_ += skip_bytes;
      return true;
    case RecoveryMode::kPointInTime:
      done_ = true;
      while (!eof_ && ReadBlock()) {
      }  // find the file size, so dropped_bytes() is exact
      dropped_bytes_ += end_of_buffer_offset_ - drop_start;
      block_ = Slice();
      return false;
    case RecoveryMode::kTolerateTornTail:
    case RecoveryMode::kAbsoluteConsistency:
      if (!intact_follows) return OnTornTail(end_of_buffer_offset_ - drop_start);
      done_ = true;
      status_ = Status::Corruption(file_name_ + ": " + reason + " at offset " +
                                   std::to_string(offset) + " in the middle of the log");
      return false;
  }
  return false;
}

bool LogReader::ReadRecord(Slice* record, std::string* scratch) {
  if (done_) return false;
  scratch->clear();
  bool in_fragmented = false;
  uint64_t record_start = 0;  // offset of the first fragment being assembled

  while (true) {
    Slice fragment;
    RecordType type = RecordType::kZero;
    uint64_t offset = 0;
    const char* bad_reason = "";
    const Physical p = ReadPhysicalRecord(&fragment, &type, &offset, &bad_reason);

    switch (p) {
      case Physical::kIoError:
        done_ = true;
        return false;
      case Physical::kEof:
        if (in_fragmented) return OnTornTail(end_of_buffer_offset_ - record_start);
        done_ = true;
        return false;
      case Physical::kTornTail:
        return OnTornTail(end_of_buffer_offset_ - (in_fragmented ? record_start : offset));
      case Physical::kBad: {
        const uint64_t start = in_fragmented ? record_start : offset;
        const uint64_t block_end = end_of_buffer_offset_;  // before any scan ahead
        bool follows = false;
        if (options_.mode == RecoveryMode::kTolerateTornTail ||
            options_.mode == RecoveryMode::kAbsoluteConsistency) {
          follows = IntactRecordFollows(block_);
          if (!status_.ok()) {
            done_ = true;
            return false;  // I/O error while looking ahead
          }
        }
        block_ = Slice();  // skip mode resumes at the next block
        if (!OnDamage(offset, start, block_end - start, bad_reason, follows)) return false;
        in_fragmented = false;
        scratch->clear();
        continue;
      }
      case Physical::kRecord:
        break;
    }

    // An intact physical record; check that it fits the fragment sequence.
    // Damage detected here always has an intact record (this one) after it.
    if (offset == 0 && type != RecordType::kFileHeader) {
      // Every log starts with a header; without it the format is unknown.
      if (!OnDamage(0, 0, kHeaderSize + fragment.size(), "missing file header", true)) return false;
      continue;
    }
    switch (type) {
      case RecordType::kFileHeader:
        if (offset != 0) {
          if (!OnDamage(offset, offset, kHeaderSize + fragment.size(), "file header record",
                        true)) {
            return false;
          }
          continue;
        }
        if (fragment.size() < kFileHeaderPayloadSize) {
          if (!OnDamage(offset, offset, kHeaderSize + fragment.size(), "short file header", true)) {
            return false;
          }
          continue;
        }
        format_version_ = DecodeFixed32(fragment.data());
        log_number_ = DecodeFixed64(fragment.data() + 4);
        if (format_version_ < kMinLogFormatVersion || format_version_ > kLogFormatVersion) {
          done_ = true;
          status_ = Status::NotSupported(file_name_ + ": WAL format version " +
                                         std::to_string(format_version_) + " (this build reads " +
                                         std::to_string(kLogFormatVersion) + ")");
          return false;
        }
        continue;

      case RecordType::kFull:
        if (in_fragmented && !OnDamage(record_start, record_start, offset - record_start,
                                       "record without its last fragment", true)) {
          return false;
        }
        scratch->clear();
        *record = fragment;
        last_record_offset_ = offset;
        return true;

      case RecordType::kFirst:
        if (in_fragmented && !OnDamage(record_start, record_start, offset - record_start,
                                       "record without its last fragment", true)) {
          return false;
        }
        scratch->assign(fragment.data(), fragment.size());
        in_fragmented = true;
        record_start = offset;
        continue;

      case RecordType::kMiddle:
      case RecordType::kLast:
        if (!in_fragmented) {
          if (!OnDamage(offset, offset, kHeaderSize + fragment.size(),
                        "fragment without its first part", true)) {
            return false;
          }
          continue;
        }
        scratch->append(fragment.data(), fragment.size());
        if (type == RecordType::kLast) {
          *record = *scratch;
          last_record_offset_ = record_start;
          return true;
        }
        continue;

      case RecordType::kZero:
        break;  // excluded by ReadPhysicalRecord
    }
  }
}

}  // namespace strata::storage::wal
