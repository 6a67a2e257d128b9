// VersionEdit encoding and decoding (format: storage/docs/manifest_format.md).
#include "storage/version/version_edit.h"

#include <cstdio>

#include "common/coding.h"

namespace strata::storage {

namespace {

// Top-level field tags. Written to disk: never renumber, never reuse.
enum class Tag : uint32_t {
  kLogNumber = 1,
  kNextFileNumber = 2,
  kLastSequence = 3,
  kCreateTree = 4,
  kDropTree = 5,
  kAddFile = 6,
  kDeleteFile = 7,
  kTreeLogNumber = 8,
};

// Sub-field tags inside a CreateTree record's options. Written to disk: never
// renumber. Each payload is one varint64.
enum class OptionTag : uint32_t {
  kCompactionStyle = 1,
  kLevel0FileNumCompactionTrigger = 2,
  kMaxBytesForLevelBase = 3,
  kMaxBytesForLevelMultiplier = 4,
  kLevelCompactionDynamicLevelBytes = 5,
  kTargetFileSize = 6,
  kMaxCompactionBytes = 7,
  kUniversalSizeRatio = 8,
  kUniversalMinMergeWidth = 9,
  kUniversalMaxMergeWidth = 10,
  kUniversalMaxSizeAmplificationPercent = 11,
};

// No AddFile sub-fields are defined yet; the encoding leaves room for them
// after the fixed part (see manifest_format.md).

void PutField(std::string* dst, uint32_t tag, Slice payload) {
  PutVarint32(dst, tag);
  PutLengthPrefixedSlice(dst, payload);
}

void PutVarint64Field(std::string* dst, uint32_t tag, uint64_t v) {
  std::string payload;
  PutVarint64(&payload, v);
  PutField(dst, tag, payload);
}

std::string EncodeTreeCompactionOptions(const TreeCompactionOptions& o) {
  std::string out;
  auto put = [&out](OptionTag tag, uint64_t v) { PutVarint64Field(&out, static_cast<uint32_t>(tag), v); };
  put(OptionTag::kCompactionStyle, static_cast<uint64_t>(o.compaction_style));
  put(OptionTag::kLevel0FileNumCompactionTrigger, o.level0_file_num_compaction_trigger);
  put(OptionTag::kMaxBytesForLevelBase, o.max_bytes_for_level_base);
  put(OptionTag::kMaxBytesForLevelMultiplier, o.max_bytes_for_level_multiplier);
  put(OptionTag::kLevelCompactionDynamicLevelBytes, o.level_compaction_dynamic_level_bytes ? 1 : 0);
  put(OptionTag::kTargetFileSize, o.target_file_size);
  put(OptionTag::kMaxCompactionBytes, o.max_compaction_bytes);
  put(OptionTag::kUniversalSizeRatio, o.universal_size_ratio);
  put(OptionTag::kUniversalMinMergeWidth, o.universal_min_merge_width);
  put(OptionTag::kUniversalMaxMergeWidth, o.universal_max_merge_width);
  put(OptionTag::kUniversalMaxSizeAmplificationPercent, o.universal_max_size_amplification_percent);
  return out;
}

Status Bad(const char* what) { return Status::Corruption(std::string("version edit: ") + what); }

// Reads one field header and payload; false when truncated.
bool GetField(Slice* input, uint32_t* tag, Slice* payload) {
  return GetVarint32(input, tag) && GetLengthPrefixedSlice(input, payload);
}

Status UnknownTag(const char* where, uint32_t tag) {
  return Status::Corruption(std::string("version edit: unknown ") + where + " tag " + std::to_string(tag));
}

Status DecodeTreeCompactionOptions(Slice in, TreeCompactionOptions* o) {
  while (!in.empty()) {
    uint32_t tag;
    Slice payload;
    if (!GetField(&in, &tag, &payload)) return Bad("truncated tree option");
    if ((tag & kTagSafeToIgnoreMask) != 0) continue;
    uint64_t v;
    if (!GetVarint64(&payload, &v) || !payload.empty()) return Bad("malformed tree option value");
    auto need = [](bool ok) { return ok ? Status::OK() : Bad("tree option out of range"); };
    switch (static_cast<OptionTag>(tag)) {
      case OptionTag::kCompactionStyle:
        STRATA_RETURN_IF_ERROR(need(v <= static_cast<uint8_t>(CompactionStyle::kUniversal)));
        o->compaction_style = static_cast<CompactionStyle>(v);
        break;
      case OptionTag::kLevel0FileNumCompactionTrigger:
        STRATA_RETURN_IF_ERROR(need(v >= 1 && v <= UINT32_MAX));
        o->level0_file_num_compaction_trigger = static_cast<uint32_t>(v);
        break;
      case OptionTag::kMaxBytesForLevelBase:
        STRATA_RETURN_IF_ERROR(need(v >= 1));
        o->max_bytes_for_level_base = v;
        break;
      case OptionTag::kMaxBytesForLevelMultiplier:
        STRATA_RETURN_IF_ERROR(need(v >= 2 && v <= UINT32_MAX));
        o->max_bytes_for_level_multiplier = static_cast<uint32_t>(v);
        break;
      case OptionTag::kLevelCompactionDynamicLevelBytes:
        STRATA_RETURN_IF_ERROR(need(v <= 1));
        o->level_compaction_dynamic_level_bytes = v == 1;
        break;
      case OptionTag::kTargetFileSize:
        STRATA_RETURN_IF_ERROR(need(v >= 1));
        o->target_file_size = v;
        break;
      case OptionTag::kMaxCompactionBytes:
        o->max_compaction_bytes = v;
        break;
      case OptionTag::kUniversalSizeRatio:
        STRATA_RETURN_IF_ERROR(need(v <= UINT32_MAX));
        o->universal_size_ratio = static_cast<uint32_t>(v);
        break;
      case OptionTag::kUniversalMinMergeWidth:
        STRATA_RETURN_IF_ERROR(need(v >= 2 && v <= UINT32_MAX));
        o->universal_min_merge_width = static_cast<uint32_t>(v);
        break;
      case OptionTag::kUniversalMaxMergeWidth:
        STRATA_RETURN_IF_ERROR(need(v >= 2 && v <= UINT32_MAX));
        o->universal_max_merge_width = static_cast<uint32_t>(v);
        break;
      case OptionTag::kUniversalMaxSizeAmplificationPercent:
        STRATA_RETURN_IF_ERROR(need(v <= UINT32_MAX));
        o->universal_max_size_amplification_percent = static_cast<uint32_t>(v);
        break;
      default:
        return UnknownTag("tree option", tag);
    }
  }
  return Status::OK();
}

bool ValidInternalKey(Slice key) {
  ParsedInternalKey parsed;
  return ParseInternalKey(key, &parsed);
}

std::string FileNumberString(uint64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%06llu", static_cast<unsigned long long>(number));
  return buf;
}

}  // namespace

void VersionEdit::CreateTree(uint32_t tree_id, std::string name, const TreeCompactionOptions& options) {
  created_trees_.push_back(TreeCreation{tree_id, std::move(name), options});
}

void VersionEdit::DropTree(uint32_t tree_id) { dropped_trees_.push_back(tree_id); }

void VersionEdit::SetTreeLogNumber(uint32_t tree_id, uint64_t log_number) {
  tree_log_numbers_.push_back(TreeLogNumber{tree_id, log_number});
}

void VersionEdit::AddFile(uint32_t tree_id, int level, const FileMetaData& meta) {
  NewFile f{tree_id, level, meta};
  f.meta.being_compacted = false;
  new_files_.push_back(std::move(f));
}

void VersionEdit::DeleteFile(uint32_t tree_id, int level, uint64_t file_number) {
  deleted_files_.push_back(DeletedFile{tree_id, level, file_number});
}

bool VersionEdit::empty() const {
  return !log_number_ && !next_file_number_ && !last_sequence_ && created_trees_.empty() &&
         dropped_trees_.empty() && tree_log_numbers_.empty() && new_files_.empty() &&
         deleted_files_.empty();
}

void VersionEdit::EncodeTo(std::string* dst) const {
  PutVarint32(dst, kVersionEditFormatVersion);
  if (log_number_) PutVarint64Field(dst, static_cast<uint32_t>(Tag::kLogNumber), *log_number_);
  if (next_file_number_) {
    PutVarint64Field(dst, static_cast<uint32_t>(Tag::kNextFileNumber), *next_file_number_);
  }
  if (last_sequence_) PutVarint64Field(dst, static_cast<uint32_t>(Tag::kLastSequence), *last_sequence_);
  std::string payload;
  for (const auto& t : created_trees_) {
    payload.clear();
    PutVarint32(&payload, t.tree_id);
    PutLengthPrefixedSlice(&payload, t.name);
    PutLengthPrefixedSlice(&payload, EncodeTreeCompactionOptions(t.options));
    PutField(dst, static_cast<uint32_t>(Tag::kCreateTree), payload);
  }
  for (const auto& d : deleted_files_) {
    payload.clear();
    PutVarint32(&payload, d.tree_id);
    PutVarint32(&payload, static_cast<uint32_t>(d.level));
    PutVarint64(&payload, d.number);
    PutField(dst, static_cast<uint32_t>(Tag::kDeleteFile), payload);
  }
  for (const auto& f : new_files_) {
    payload.clear();
    PutVarint32(&payload, f.tree_id);
    PutVarint32(&payload, static_cast<uint32_t>(f.level));
    PutVarint64(&payload, f.meta.number);
    PutVarint64(&payload, f.meta.file_size);
    PutLengthPrefixedSlice(&payload, f.meta.smallest);
    PutLengthPrefixedSlice(&payload, f.meta.largest);
    PutVarint64(&payload, f.meta.smallest_seqno);
    PutVarint64(&payload, f.meta.largest_seqno);
    PutVarint64(&payload, f.meta.num_entries);
    PutVarint64(&payload, f.meta.num_deletions);
    PutField(dst, static_cast<uint32_t>(Tag::kAddFile), payload);
  }
  for (const auto& t : tree_log_numbers_) {
    payload.clear();
    PutVarint32(&payload, t.tree_id);
    PutVarint64(&payload, t.log_number);
    PutField(dst, static_cast<uint32_t>(Tag::kTreeLogNumber), payload);
  }
  for (uint32_t id : dropped_trees_) {
    payload.clear();
    PutVarint32(&payload, id);
    PutField(dst, static_cast<uint32_t>(Tag::kDropTree), payload);
  }
}

Result<VersionEdit> VersionEdit::Decode(Slice input) {
  VersionEdit edit;
  uint32_t format;
  if (!GetVarint32(&input, &format)) return Bad("missing format version");
  if (format == 0) return Bad("format version 0");
  if (format > kVersionEditFormatVersion) {
    return Status::NotSupported("version edit format " + std::to_string(format) +
                                " is newer than this binary supports (" +
                                std::to_string(kVersionEditFormatVersion) + ")");
  }
  while (!input.empty()) {
    uint32_t tag;
    Slice p;
    if (!GetField(&input, &tag, &p)) return Bad("truncated field");
    switch (static_cast<Tag>(tag)) {
      case Tag::kLogNumber:
      case Tag::kNextFileNumber:
      case Tag::kLastSequence: {
        uint64_t v;
        if (!GetVarint64(&p, &v) || !p.empty()) return Bad("malformed counter field");
        if (static_cast<Tag>(tag) == Tag::kLogNumber) {
          edit.log_number_ = v;
        } else if (static_cast<Tag>(tag) == Tag::kNextFileNumber) {
          edit.next_file_number_ = v;
        } else {
          if (v > kMaxSequenceNumber) return Bad("last sequence out of range");
          edit.last_sequence_ = v;
        }
        break;
      }
      case Tag::kCreateTree: {
        TreeCreation t;
        Slice name, options;
        if (!GetVarint32(&p, &t.tree_id) || !GetLengthPrefixedSlice(&p, &name) ||
            !GetLengthPrefixedSlice(&p, &options) || !p.empty()) {
          return Bad("malformed create-tree field");
        }
        t.name.assign(name.data(), name.size());
        STRATA_RETURN_IF_ERROR(DecodeTreeCompactionOptions(options, &t.options));
        edit.created_trees_.push_back(std::move(t));
        break;
      }
      case Tag::kDropTree: {
        uint32_t id;
        if (!GetVarint32(&p, &id) || !p.empty()) return Bad("malformed drop-tree field");
        edit.dropped_trees_.push_back(id);
        break;
      }
      case Tag::kAddFile: {
        NewFile f;
        uint32_t level;
        Slice smallest, largest;
        FileMetaData& m = f.meta;
        if (!GetVarint32(&p, &f.tree_id) || !GetVarint32(&p, &level) || !GetVarint64(&p, &m.number) ||
            !GetVarint64(&p, &m.file_size) || !GetLengthPrefixedSlice(&p, &smallest) ||
            !GetLengthPrefixedSlice(&p, &largest) || !GetVarint64(&p, &m.smallest_seqno) ||
            !GetVarint64(&p, &m.largest_seqno) || !GetVarint64(&p, &m.num_entries) ||
            !GetVarint64(&p, &m.num_deletions)) {
          return Bad("malformed add-file field");
        }
        if (level >= static_cast<uint32_t>(kNumLevels)) return Bad("add-file level out of range");
        if (!ValidInternalKey(smallest) || !ValidInternalKey(largest)) {
          return Bad("add-file with a malformed boundary key");
        }
        if (m.smallest_seqno > m.largest_seqno) return Bad("add-file with smallest_seqno > largest_seqno");
        // Optional sub-fields after the fixed part; none are defined yet.
        while (!p.empty()) {
          uint32_t sub;
          Slice sub_payload;
          if (!GetField(&p, &sub, &sub_payload)) return Bad("truncated add-file sub-field");
          if ((sub & kTagSafeToIgnoreMask) == 0) return UnknownTag("add-file sub-field", sub);
        }
        f.level = static_cast<int>(level);
        m.smallest.assign(smallest.data(), smallest.size());
        m.largest.assign(largest.data(), largest.size());
        edit.new_files_.push_back(std::move(f));
        break;
      }
      case Tag::kDeleteFile: {
        DeletedFile d;
        uint32_t level;
        if (!GetVarint32(&p, &d.tree_id) || !GetVarint32(&p, &level) || !GetVarint64(&p, &d.number) ||
            !p.empty()) {
          return Bad("malformed delete-file field");
        }
        if (level >= static_cast<uint32_t>(kNumLevels)) return Bad("delete-file level out of range");
        d.level = static_cast<int>(level);
        edit.deleted_files_.push_back(d);
        break;
      }
      case Tag::kTreeLogNumber: {
        TreeLogNumber t;
        if (!GetVarint32(&p, &t.tree_id) || !GetVarint64(&p, &t.log_number) || !p.empty()) {
          return Bad("malformed tree-log-number field");
        }
        edit.tree_log_numbers_.push_back(t);
        break;
      }
      default:
        if ((tag & kTagSafeToIgnoreMask) != 0) break;  // a newer writer's optional field
        return UnknownTag("field", tag);
    }
  }
  return edit;
}

std::string VersionEdit::DebugString() const {
  std::string out;
  if (log_number_) out += "log_number: " + std::to_string(*log_number_) + "\n";
  if (next_file_number_) out += "next_file_number: " + std::to_string(*next_file_number_) + "\n";
  if (last_sequence_) out += "last_sequence: " + std::to_string(*last_sequence_) + "\n";
  for (const auto& t : created_trees_) {
    out += "create_tree: " + std::to_string(t.tree_id) + " \"" + t.name + "\" " + t.options.DebugString() + "\n";
  }
  for (const auto& d : deleted_files_) {
    out += "delete_file: tree=" + std::to_string(d.tree_id) + " L" + std::to_string(d.level) + " " +
           FileNumberString(d.number) + "\n";
  }
  for (const auto& f : new_files_) {
    out += "add_file: tree=" + std::to_string(f.tree_id) + " L" + std::to_string(f.level) + " " +
           f.meta.DebugString() + " entries=" + std::to_string(f.meta.num_entries) +
           " deletions=" + std::to_string(f.meta.num_deletions) + "\n";
  }
  for (const auto& t : tree_log_numbers_) {
    out += "tree_log_number: tree=" + std::to_string(t.tree_id) + " " + std::to_string(t.log_number) + "\n";
  }
  for (uint32_t id : dropped_trees_) out += "drop_tree: " + std::to_string(id) + "\n";
  return out;
}

bool VersionEdit::operator==(const VersionEdit& o) const {
  if (log_number_ != o.log_number_ || next_file_number_ != o.next_file_number_ ||
      last_sequence_ != o.last_sequence_ || created_trees_ != o.created_trees_ ||
      dropped_trees_ != o.dropped_trees_ || tree_log_numbers_ != o.tree_log_numbers_ ||
      deleted_files_ != o.deleted_files_ || new_files_.size() != o.new_files_.size()) {
    return false;
  }
  for (size_t i = 0; i < new_files_.size(); ++i) {
    const auto& a = new_files_[i];
    const auto& b = o.new_files_[i];
    if (a.tree_id != b.tree_id || a.level != b.level || a.meta.number != b.meta.number ||
        a.meta.file_size != b.meta.file_size || a.meta.smallest != b.meta.smallest ||
        a.meta.largest != b.meta.largest || a.meta.smallest_seqno != b.meta.smallest_seqno ||
        a.meta.largest_seqno != b.meta.largest_seqno || a.meta.num_entries != b.meta.num_entries ||
        a.meta.num_deletions != b.meta.num_deletions) {
      return false;
    }
  }
  return true;
}

}  // namespace strata::storage
