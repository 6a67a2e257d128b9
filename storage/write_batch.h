// WriteBatch: puts, deletes and range deletes across any number of trees,
// applied atomically with one contiguous range of sequence numbers. Its
// encoding is exactly the payload of a WAL record (storage/docs/wal_format.md).
//
// Format (written to disk inside WAL records; never renumber the tags):
//
//   batch  := sequence:fixed64  count:fixed32  record{count}
//   record := kTagValue          tree:varint32  key:bytes    value:bytes
//           | kTagDeletion       tree:varint32  key:bytes
//           | kTagRangeDeletion  tree:varint32  begin:bytes  end:bytes
//   bytes  := length:varint32  byte{length}
//
// A batch as written to the WAL by the group-commit leader may end with a
// trailer after its records (format addition, WAL file version 2):
//   trailer := kCommitTimeTag(0x80)  commit_time_us:fixed64
// the wall-clock time (microseconds since the epoch) the group was logged:
// its commit time, used by point-in-time restore. Batches without it
// (version-1 logs, batches built in memory) read as before.
//
// WAL file version 3 adds "logged operation" records: batches with count 0
// carrying before the commit-time trailer one of
//   tree_edit := kTreeEditTag(0x81)  length:varint32  version_edit{length}
//   ingestion := kIngestTag(0x82)  tree:varint32  rows:varint32  (key:bytes value:bytes){rows}
// The engine makes tree creations / drops and ingestions durable in its
// manifest and logs them here as well, so that archived WAL holds every
// change for point-in-time restore (Engine::ReplayLoggedRecord). The
// engine's own recovery ignores them. A tree edit's sequence is the last
// sequence number published when it was logged (it takes none); an
// ingestion's is the one sequence number the ingestion took.
//
// Fixed-width integers are little-endian. Tags equal the ValueType values of
// dbformat.h (kTagDeletion = 0, kTagValue = 1, kTagRangeDeletion = 2). The
// i-th record (0-based) gets sequence number `sequence + i`; a range deletion
// removes [begin, end) of its tree for every version below its sequence. The
// format version is carried by the WAL file header, not by each batch.
//
// Limits: keys and values are shorter than 4 GiB (varint32 lengths); a batch
// holds fewer than 2^32 records.
//
// Thread safety: none. A batch is built by one thread and then handed over;
// const methods may be called concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/slice.h"
#include "common/status.h"
#include "storage/dbformat.h"

namespace strata::storage {

class WriteBatch {
 public:
  static constexpr size_t kHeaderSize = 12;  // fixed64 sequence + fixed32 count

  // Record tags; written to disk, never renumber.
  enum class Tag : uint8_t {
    kDeletion = static_cast<uint8_t>(ValueType::kDeletion),
    kValue = static_cast<uint8_t>(ValueType::kValue),
    kRangeDeletion = static_cast<uint8_t>(ValueType::kRangeDeletion),
  };

  // Receives the records of a batch in order, each with its own sequence
  // number. A non-OK return stops Iterate, which returns that status.
  class Handler {
   public:
    virtual ~Handler() = default;
    virtual Status Put(SequenceNumber seq, uint32_t tree_id, Slice key, Slice value) = 0;
    virtual Status Delete(SequenceNumber seq, uint32_t tree_id, Slice key) = 0;
    virtual Status DeleteRange(SequenceNumber seq, uint32_t tree_id, Slice begin, Slice end) = 0;
    // The commit-time trailer, after the records, when the batch has one.
    virtual Status CommitTime(int64_t /*unix_us*/) { return Status::OK(); }
    // A logged tree creation or drop (an encoded VersionEdit).
    virtual Status TreeEdit(Slice /*version_edit*/) { return Status::OK(); }
    // A logged ingestion of `count` rows into `tree` (DecodeIngestedRows).
    virtual Status IngestedRows(uint32_t /*tree*/, uint32_t /*count*/, Slice /*rows*/) {
      return Status::OK();
    }
  };

  // The trailer tags; written to disk, never reuse.
  static constexpr uint8_t kCommitTimeTag = 0x80;
  static constexpr uint8_t kTreeEditTag = 0x81;
  static constexpr uint8_t kIngestTag = 0x82;
  static constexpr size_t kCommitTimeTrailerSize = 9;
  // Appends the commit-time trailer to an encoded batch (a WAL payload).
  static void AppendCommitTime(std::string* encoded, int64_t unix_us);
  // Append the logged-operation trailers (see the format above).
  static void AppendTreeEdit(std::string* encoded, Slice version_edit);
  static void AppendIngestedRows(std::string* encoded, uint32_t tree,
                                 const std::vector<std::pair<std::string, std::string>>& rows);
  // The rows of an IngestedRows callback. Corruption if malformed.
  [[nodiscard]] static Status DecodeIngestedRows(
      Slice rows, uint32_t count, std::vector<std::pair<std::string, std::string>>* out);

  WriteBatch();

  void Put(uint32_t tree_id, Slice key, Slice value);
  void Delete(uint32_t tree_id, Slice key);
  // Deletes every key k of the tree with begin <= k < end.
  void DeleteRange(uint32_t tree_id, Slice begin, Slice end);
  // Removes all records; keeps the sequence number.
  void Clear();
  // Appends other's records after this batch's; this batch's sequence stays.
  void Append(const WriteBatch& other);

  uint32_t Count() const;
  // Bytes of the encoding (what the WAL record payload will be).
  size_t ApproximateSize() const { return rep_.size(); }
  SequenceNumber Sequence() const;
  void SetSequence(SequenceNumber seq);

  // The encoded batch. LIFETIME: valid until the batch is next modified.
  Slice Data() const { return rep_; }
  // Replaces the contents with an encoded batch (a WAL record payload).
  // Returns Corruption, leaving the batch empty, if it is shorter than the
  // header; records are validated by Iterate.
  [[nodiscard]] Status SetData(Slice data);

  // Calls handler for every record. Corruption if a record is malformed, a
  // tag is unknown, or the record count disagrees with the header.
  [[nodiscard]] Status Iterate(Handler* handler) const;

 private:
  void SetCount(uint32_t count);

  std::string rep_;
};

}  // namespace strata::storage
