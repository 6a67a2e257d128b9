// Compaction (see compaction.h).
#include "storage/compaction/compaction.h"

#include <algorithm>
#include <cstdio>

namespace strata::storage {

const char* CompactionReasonName(CompactionReason reason) {
  switch (reason) {
    case CompactionReason::kL0FileCount:
      return "l0-file-count";
    case CompactionReason::kLevelSize:
      return "level-size";
    case CompactionReason::kUniversalSizeAmplification:
      return "universal-size-amplification";
    case CompactionReason::kUniversalSizeRatio:
      return "universal-size-ratio";
    case CompactionReason::kUniversalSortedRunCount:
      return "universal-sorted-run-count";
    case CompactionReason::kManual:
      return "manual";
  }
  return "unknown";
}

Compaction::Compaction(std::shared_ptr<const Version> input_version, const TreeCompactionOptions& options,
                       std::vector<CompactionInputLevel> inputs, int output_level, Version::FileList grandparents,
                       CompactionReason reason, double score)
    : input_version_(std::move(input_version)),
      inputs_(std::move(inputs)),
      output_level_(output_level),
      grandparents_(std::move(grandparents)),
      reason_(reason),
      score_(score),
      max_output_file_size_(options.target_file_size),
      max_grandparent_overlap_bytes_(options.MaxGrandparentOverlapBytes()) {
  bool first = true;
  for (const auto& in : inputs_) {
    for (const auto& f : in.files) {
      if (first || Compare(f->smallest_user_key(), smallest_user_key_) < 0) {
        smallest_user_key_ = std::string(f->smallest_user_key());
      }
      if (first || Compare(f->largest_user_key(), largest_user_key_) > 0) {
        largest_user_key_ = std::string(f->largest_user_key());
      }
      first = false;
    }
  }
  bottommost_level_ = !OverlapsOlderNonInputs(smallest_user_key_, largest_user_key_);
}

uint64_t Compaction::TotalInputBytes() const {
  uint64_t sum = 0;
  for (const auto& in : inputs_) {
    for (const auto& f : in.files) sum += f->file_size;
  }
  return sum;
}

size_t Compaction::NumInputFiles() const {
  size_t n = 0;
  for (const auto& in : inputs_) n += in.files.size();
  return n;
}

bool Compaction::OverlapsOlderNonInputs(Slice smallest, Slice largest) const {
  const Version& v = *input_version_;
  if (output_level_ == 0) {
    // L0 is newest first: files after the last input are older than the output.
    const auto& l0 = v.files(0);
    size_t last_input = 0;
    bool found = false;
    for (size_t i = 0; i < l0.size(); ++i) {
      if (IsInputFile(l0[i]->number)) {
        last_input = i;
        found = true;
      }
    }
    for (size_t i = found ? last_input + 1 : 0; i < l0.size(); ++i) {
      const FileMetaData& f = *l0[i];
      if (Compare(f.largest_user_key(), smallest) >= 0 && Compare(f.smallest_user_key(), largest) <= 0) {
        return true;
      }
    }
  }
  for (int level = output_level_ + 1; level < kNumLevels; ++level) {
    if (v.OverlapInLevel(level, smallest, largest)) return true;
  }
  return false;
}

bool Compaction::KeyNotExistsBeyondOutputLevel(Slice user_key) const {
  if (bottommost_level_) return true;
  return !OverlapsOlderNonInputs(user_key, user_key);
}

void Compaction::MarkFilesBeingCompacted(bool value) const {
  for (const auto& in : inputs_) {
    for (const auto& f : in.files) f->being_compacted = value;
  }
}

void Compaction::AddInputDeletions(VersionEdit* edit) const {
  for (const auto& in : inputs_) {
    for (const auto& f : in.files) edit->DeleteFile(tree_id(), in.level, f->number);
  }
}

bool Compaction::IsInputFile(uint64_t number) const {
  for (const auto& in : inputs_) {
    for (const auto& f : in.files) {
      if (f->number == number) return true;
    }
  }
  return false;
}

std::string Compaction::DebugString() const {
  auto file_list = [](const Version::FileList& files) {
    std::string s;
    for (const auto& f : files) {
      char buf[32];
      std::snprintf(buf, sizeof(buf), " %06llu", static_cast<unsigned long long>(f->number));
      s += buf;
    }
    return s.empty() ? std::string(" (none)") : s;
  };
  char score[32];
  std::snprintf(score, sizeof(score), "%.2f", score_);
  std::string out = "L" + std::to_string(start_level()) + " -> L" + std::to_string(output_level_) +
                    " reason=" + CompactionReasonName(reason_) + " score=" + score + "\n";
  for (const auto& in : inputs_) out += "  L" + std::to_string(in.level) + ":" + file_list(in.files) + "\n";
  out += "  grandparents:" + file_list(grandparents_) + "\n";
  out += std::string("  trivial_move=") + (trivial_move_ ? "true" : "false") +
         " bottommost=" + (bottommost_level_ ? "true" : "false") + "\n";
  return out;
}

}  // namespace strata::storage
