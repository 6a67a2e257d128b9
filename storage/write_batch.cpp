// WriteBatch encoding and decoding (format in write_batch.h).
#include "storage/write_batch.h"

#include "common/coding.h"

namespace strata::storage {

WriteBatch::WriteBatch() { rep_.assign(kHeaderSize, '\0'); }

uint32_t WriteBatch::Count() const { return DecodeFixed32(rep_.data() + 8); }
void WriteBatch::SetCount(uint32_t count) { EncodeFixed32(rep_.data() + 8, count); }
SequenceNumber WriteBatch::Sequence() const { return DecodeFixed64(rep_.data()); }
void WriteBatch::SetSequence(SequenceNumber seq) { EncodeFixed64(rep_.data(), seq); }

void WriteBatch::Put(uint32_t tree_id, Slice key, Slice value) {
  SetCount(Count() + 1);
  rep_.push_back(static_cast<char>(Tag::kValue));
  PutVarint32(&rep_, tree_id);
  PutLengthPrefixedSlice(&rep_, key);
  PutLengthPrefixedSlice(&rep_, value);
}

void WriteBatch::Delete(uint32_t tree_id, Slice key) {
  SetCount(Count() + 1);
  rep_.push_back(static_cast<char>(Tag::kDeletion));
  PutVarint32(&rep_, tree_id);
  PutLengthPrefixedSlice(&rep_, key);
}

void WriteBatch::DeleteRange(uint32_t tree_id, Slice begin, Slice end) {
  SetCount(Count() + 1);
  rep_.push_back(static_cast<char>(Tag::kRangeDeletion));
  PutVarint32(&rep_, tree_id);
  PutLengthPrefixedSlice(&rep_, begin);
  PutLengthPrefixedSlice(&rep_, end);
}

void WriteBatch::Clear() {
  rep_.resize(kHeaderSize);
  SetCount(0);
}

void WriteBatch::Append(const WriteBatch& other) {
  SetCount(Count() + other.Count());
  rep_.append(other.rep_, kHeaderSize, std::string::npos);
}

Status WriteBatch::SetData(Slice data) {
  if (data.size() < kHeaderSize) {
    rep_.assign(kHeaderSize, '\0');
    return Status::Corruption("write batch shorter than its " + std::to_string(kHeaderSize) +
                              "-byte header (" + std::to_string(data.size()) + " bytes)");
  }
  rep_.assign(data.data(), data.size());
  return Status::OK();
}

void WriteBatch::AppendCommitTime(std::string* encoded, int64_t unix_us) {
  encoded->push_back(static_cast<char>(kCommitTimeTag));
  PutFixed64(encoded, static_cast<uint64_t>(unix_us));
}

Status WriteBatch::Iterate(Handler* handler) const {
  Slice input(rep_);
  input.remove_prefix(kHeaderSize);
  const SequenceNumber base = Sequence();
  const uint32_t expected = Count();
  uint32_t found = 0;
  while (!input.empty()) {
    const size_t offset = rep_.size() - input.size();
    auto bad = [offset](const char* what) {
      return Status::Corruption(std::string("write batch: ") + what + " at byte " +
                                std::to_string(offset));
    };
    if (found == expected) {
      if (input.size() == kCommitTimeTrailerSize &&
          static_cast<uint8_t>(input[0]) == kCommitTimeTag) {
        STRATA_RETURN_IF_ERROR(
            handler->CommitTime(static_cast<int64_t>(DecodeFixed64(input.data() + 1))));
        break;
      }
      return bad("more records than the header count");
    }
    const uint8_t tag = static_cast<uint8_t>(input[0]);
    input.remove_prefix(1);
    uint32_t tree_id = 0;
    Slice a;
    Slice b;
    if (!GetVarint32(&input, &tree_id)) return bad("truncated tree id");
    const SequenceNumber seq = base + found;
    Status s;
    switch (static_cast<Tag>(tag)) {
      case Tag::kValue:
        if (!GetLengthPrefixedSlice(&input, &a) || !GetLengthPrefixedSlice(&input, &b)) {
          return bad("truncated put record");
        }
        s = handler->Put(seq, tree_id, a, b);
        break;
      case Tag::kDeletion:
        if (!GetLengthPrefixedSlice(&input, &a)) return bad("truncated delete record");
        s = handler->Delete(seq, tree_id, a);
        break;
      case Tag::kRangeDeletion:
        if (!GetLengthPrefixedSlice(&input, &a) || !GetLengthPrefixedSlice(&input, &b)) {
          return bad("truncated range deletion record");
        }
        s = handler->DeleteRange(seq, tree_id, a, b);
        break;
      default:
        return bad(("unknown record tag " + std::to_string(tag)).c_str());
    }
    STRATA_RETURN_IF_ERROR(s);
    ++found;
  }
  if (found != expected) {
    return Status::Corruption("write batch: header count " + std::to_string(expected) +
                              " but found " + std::to_string(found) + " records");
  }
  return Status::OK();
}

}  // namespace strata::storage
