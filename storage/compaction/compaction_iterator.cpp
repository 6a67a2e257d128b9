// CompactionIterator (see compaction_iterator.h for the rules).
#include "storage/compaction/compaction_iterator.h"

#include <algorithm>

namespace strata::storage {

CompactionIterator::CompactionIterator(Iterator* input, CompactionIteratorOptions options)
    : input_(input), options_(std::move(options)) {
  auto& snaps = options_.snapshots;
  std::sort(snaps.begin(), snaps.end());
  snaps.erase(std::unique(snaps.begin(), snaps.end()), snaps.end());
}

SequenceNumber CompactionIterator::StripeOf(SequenceNumber seq) const {
  const auto& snaps = options_.snapshots;
  auto it = std::lower_bound(snaps.begin(), snaps.end(), seq);
  return it == snaps.end() ? kNoSnapshotStripe : *it;
}

bool CompactionIterator::InOldestStripe(SequenceNumber stripe) const {
  return options_.snapshots.empty() || stripe == options_.snapshots.front();
}

void CompactionIterator::SeekToFirst() {
  status_ = Status::OK();
  has_current_user_key_ = false;
  has_last_stripe_ = false;
  input_->SeekToFirst();
  FindNextOutput();
}

void CompactionIterator::Next() {
  input_->Next();
  FindNextOutput();
}

void CompactionIterator::FindNextOutput() {
  valid_ = false;
  for (; input_->Valid(); input_->Next()) {
    const Slice ikey = input_->key();
    ParsedInternalKey parsed;
    if (!ParseInternalKey(ikey, &parsed)) {
      status_ = Status::Corruption("compaction input: malformed internal key");
      return;
    }
    ++stats_.input_entries;

    if (parsed.type == ValueType::kRangeDeletion) {
      // Passed through; only an oldest-stripe tombstone at the bottom goes.
      if (options_.bottommost_level && InOldestStripe(StripeOf(parsed.sequence))) {
        ++stats_.dropped_tombstones;
        continue;
      }
      key_ = ikey;
      value_ = input_->value();
      valid_ = true;
      ++stats_.output_entries;
      return;
    }

    if (!has_current_user_key_ || Compare(parsed.user_key, current_user_key_) != 0) {
      if (has_current_user_key_ && Compare(parsed.user_key, current_user_key_) < 0) {
        status_ = Status::Corruption("compaction input: user keys out of order");
        return;
      }
      current_user_key_.assign(parsed.user_key.data(), parsed.user_key.size());
      has_current_user_key_ = true;
      has_last_stripe_ = false;
    } else if (parsed.sequence > last_sequence_) {
      status_ = Status::Corruption("compaction input: sequence numbers out of order");
      return;
    }
    last_sequence_ = parsed.sequence;

    const SequenceNumber stripe = StripeOf(parsed.sequence);
    if (has_last_stripe_ && stripe == last_stripe_) {  // rule 1
      ++stats_.dropped_shadowed;
      continue;
    }
    last_stripe_ = stripe;
    has_last_stripe_ = true;

    if (options_.range_tombstones != nullptr &&
        options_.range_tombstones->Covers(parsed.user_key, parsed.sequence,
                                          stripe == kNoSnapshotStripe ? kMaxSequenceNumber : stripe)) {
      ++stats_.dropped_range_deleted;  // rule 2
      continue;
    }

    ValueType type = parsed.type;
    key_ = ikey;
    value_ = input_->value();
    if (type == ValueType::kValue && options_.filter != nullptr && stripe == kNoSnapshotStripe &&
        options_.filter->Filter(options_.tree_id, parsed.user_key, value_, parsed.sequence)) {
      ++stats_.filtered;  // rule 4
      type = ValueType::kDeletion;
      rewritten_key_.clear();
      AppendInternalKey(&rewritten_key_, parsed.user_key, parsed.sequence, ValueType::kDeletion);
      key_ = rewritten_key_;
      value_ = Slice();
    }

    if (type == ValueType::kDeletion && InOldestStripe(stripe) && options_.key_not_in_lower_levels &&
        options_.key_not_in_lower_levels(parsed.user_key)) {
      ++stats_.dropped_tombstones;  // rule 3
      continue;
    }

    valid_ = true;
    ++stats_.output_entries;
    return;
  }
  if (status_.ok()) status_ = input_->status();
}

}  // namespace strata::storage
