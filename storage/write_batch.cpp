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

void WriteBatch::AppendTreeEdit(std::string* encoded, Slice version_edit) {
  encoded->push_back(static_cast<char>(kTreeEditTag));
  PutLengthPrefixedSlice(encoded, version_edit);
}

void WriteBatch::AppendIngestedRows(std::string* encoded, uint32_t tree,
                                    const std::vector<std::pair<std::string, std::string>>& rows) {
  encoded->push_back(static_cast<char>(kIngestTag));
  PutVarint32(encoded, tree);
  PutVarint32(encoded, static_cast<uint32_t>(rows.size()));
  for (const auto& [key, value] : rows) {
    PutLengthPrefixedSlice(encoded, key);
    PutLengthPrefixedSlice(encoded, value);
  }
}

Status WriteBatch::DecodeIngestedRows(Slice rows, uint32_t count,
                                      std::vector<std::pair<std::string, std::string>>* out) {
  out->clear();
  out->reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    Slice key;
    Slice value;
    if (!GetLengthPrefixedSlice(&rows, &key) || !GetLengthPrefixedSlice(&rows, &value))
      return Status::Corruption("write batch: truncated ingested row");
    out->emplace_back(std::string(key), std::string(value));
  }
  if (!rows.empty()) return Status::Corruption("write batch: bytes after the ingested rows");
  return Status::OK();
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
      const uint8_t trailer = static_cast<uint8_t>(input[0]);
      if (input.size() == kCommitTimeTrailerSize && trailer == kCommitTimeTag) {
        STRATA_RETURN_IF_ERROR(
            handler->CommitTime(static_cast<int64_t>(DecodeFixed64(input.data() + 1))));
        break;
      }
      if (trailer == kTreeEditTag) {
        input.remove_prefix(1);
        Slice edit;
        if (!GetLengthPrefixedSlice(&input, &edit)) return bad("truncated tree edit");
        STRATA_RETURN_IF_ERROR(handler->TreeEdit(edit));
        continue;
      }
      if (trailer == kIngestTag) {
        input.remove_prefix(1);
        uint32_t tree = 0;
        uint32_t rows = 0;
        if (!GetVarint32(&input, &tree) || !GetVarint32(&input, &rows))
          return bad("truncated ingestion");
        const char* start = input.data();
        for (uint32_t i = 0; i < rows; ++i) {
          Slice key;
          Slice value;
          if (!GetLengthPrefixedSlice(&input, &key) || !GetLengthPrefixedSlice(&input, &value))
            return bad("truncated ingested row");
        }
        STRATA_RETURN_IF_ERROR(
            handler->IngestedRows(tree, rows, Slice(start, static_cast<size_t>(input.data() - start))));
        continue;
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
