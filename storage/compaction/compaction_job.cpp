// CompactionJob (see compaction_job.h for the steps).
#include "storage/compaction/compaction_job.h"

#include <algorithm>

#include "storage/compaction/compaction_output_cutter.h"
#include "storage/compaction/new_table_meta.h"
#include "storage/merging_iterator.h"
#include "storage/sstable/table_file_writer.h"

namespace strata::storage {

namespace {

// Rate-limiter requests are batched to this many bytes.
constexpr uint64_t kRateLimitChunk = 64 << 10;

}  // namespace

class CompactionJob::Output {
 public:
  uint64_t number = 0;
  std::optional<std::string> lower_bound;  // inclusive start of the key span; nullopt = -inf
  std::unique_ptr<TableFileWriter> writer;
};

CompactionJob::CompactionJob(const Compaction& compaction, CompactionJobOptions options)
    : c_(compaction), options_(std::move(options)) {}

CompactionJob::~CompactionJob() = default;

Status CompactionJob::Run() {
  for (const auto& in : c_.inputs()) {
    for (const auto& f : in.files) {
      ++stats_.input_files;
      stats_.input_bytes += f->file_size;
    }
  }
  Status s = c_.is_trivial_move() ? RunTrivialMove() : RunMerge();
  if (!s.ok()) {
    output_.reset();  // an uncommitted writer deletes its temp file
    DeleteOutputs();
    edit_ = VersionEdit();
    outputs_.clear();
  }
  return s;
}

Status CompactionJob::RunTrivialMove() {
  const CompactionInputLevel* source = nullptr;
  for (const auto& in : c_.inputs()) {
    if (in.files.empty()) continue;
    if (source != nullptr || in.files.size() != 1) {
      return Status::InvalidArgument("trivial move needs exactly one input file");
    }
    source = &in;
  }
  if (source == nullptr) return Status::InvalidArgument("trivial move without an input file");
  const FileMetaData& f = *source->files[0];
  edit_.DeleteFile(c_.tree_id(), source->level, f.number);
  edit_.AddFile(c_.tree_id(), c_.output_level(), f);
  return Status::OK();
}

Status CompactionJob::RunMerge() {
  if (options_.fs == nullptr || options_.table_cache == nullptr || !options_.new_file_number) {
    return Status::InvalidArgument("compaction job needs fs, table_cache and new_file_number");
  }
  TableReadOptions read_options;
  read_options.fill_cache = false;
  std::vector<std::unique_ptr<Iterator>> children;
  std::vector<RangeTombstone> all_tombstones;
  for (const auto& in : c_.inputs()) {
    for (const auto& f : in.files) {
      auto reader = options_.table_cache->FindTable(f->number, f->file_size);
      if (!reader.ok()) return reader.status();
      for (const auto& t : (*reader)->range_tombstones().tombstones()) {
        all_tombstones.push_back(RangeTombstone{t.start, t.end, t.seq});
      }
      auto it = options_.table_cache->NewIterator(read_options, f->number, f->file_size);
      if (!it.ok()) return it.status();
      children.push_back(std::move(*it));
    }
  }
  stats_.range_tombstones_in = all_tombstones.size();

  // Tombstones in the oldest snapshot stripe have nothing left to delete at the bottom.
  const auto& snaps = options_.snapshots;
  const SequenceNumber earliest_snapshot = snaps.empty() ? kMaxSequenceNumber : *std::min_element(snaps.begin(), snaps.end());
  for (const auto& t : all_tombstones) {
    const bool oldest_stripe = snaps.empty() || t.seq <= earliest_snapshot;
    if (c_.bottommost_level() && oldest_stripe) continue;
    range_tombstones_.push_back(t);
  }

  FragmentedRangeTombstones fragments(all_tombstones);
  std::unique_ptr<Iterator> input = NewMergingIterator(std::move(children));
  CompactionIteratorOptions iter_options;
  iter_options.tree_id = c_.tree_id();
  iter_options.snapshots = options_.snapshots;
  iter_options.range_tombstones = &fragments;
  iter_options.key_not_in_lower_levels = [this](Slice user_key) {
    return c_.KeyNotExistsBeyondOutputLevel(user_key);
  };
  iter_options.bottommost_level = c_.bottommost_level();
  iter_options.filter = options_.filter;
  CompactionIterator it(input.get(), std::move(iter_options));
  CompactionOutputCutter cutter(c_);

  for (it.SeekToFirst(); it.Valid(); it.Next()) {
    const Slice key = it.key();
    ParsedInternalKey parsed;
    if (!ParseInternalKey(key, &parsed)) return Status::Corruption("compaction output: malformed key");
    if (parsed.type == ValueType::kRangeDeletion) {
      // Table iterators yield point entries only; keep any in-stream tombstone anyway.
      range_tombstones_.push_back(RangeTombstone{std::string(parsed.user_key), std::string(it.value()), parsed.sequence});
      continue;
    }
    const bool open = output_ != nullptr;
    const uint64_t open_bytes = open ? output_->writer->builder()->EstimatedFileSize() : 0;
    if (cutter.ShouldCutBefore(key, open, open_bytes)) {
      std::string boundary(parsed.user_key);
      STRATA_RETURN_IF_ERROR(FinishOutput(boundary));
      STRATA_RETURN_IF_ERROR(OpenOutput(boundary));
    } else if (!open) {
      STRATA_RETURN_IF_ERROR(OpenOutput(std::nullopt));
    }
    TableBuilder* builder = output_->writer->builder();
    STRATA_RETURN_IF_ERROR(builder->Add(key, it.value()));
    if (options_.rate_limiter != nullptr) {
      const uint64_t estimate = builder->EstimatedFileSize();
      if (estimate >= rate_limited_bytes_ + kRateLimitChunk) {
        options_.rate_limiter->Request(static_cast<int64_t>(estimate - rate_limited_bytes_));
        rate_limited_bytes_ = estimate;
      }
    }
  }
  STRATA_RETURN_IF_ERROR(it.status());
  stats_.entries = it.stats();
  if (output_ == nullptr && !range_tombstones_.empty()) STRATA_RETURN_IF_ERROR(OpenOutput(std::nullopt));
  if (output_ != nullptr) STRATA_RETURN_IF_ERROR(FinishOutput(std::nullopt));

  c_.AddInputDeletions(&edit_);
  for (const FileMetaData& m : outputs_) edit_.AddFile(c_.tree_id(), c_.output_level(), m);
  return Status::OK();
}

Status CompactionJob::OpenOutput(std::optional<std::string> lower_bound) {
  const uint64_t number = options_.new_file_number();
  auto writer = TableFileWriter::Create(options_.fs, TableFileName(options_.dir, number), options_.table_options);
  if (!writer.ok()) return writer.status();
  output_ = std::make_unique<Output>();
  output_->number = number;
  output_->lower_bound = std::move(lower_bound);
  output_->writer = std::move(*writer);
  rate_limited_bytes_ = 0;
  return Status::OK();
}

Status CompactionJob::FinishOutput(std::optional<std::string> upper_bound) {
  TableBuilder* builder = output_->writer->builder();
  for (const RangeTombstone& t : range_tombstones_) {
    Slice start = t.start;
    Slice end = t.end;
    if (output_->lower_bound && Compare(start, *output_->lower_bound) < 0) start = *output_->lower_bound;
    if (upper_bound && Compare(end, *upper_bound) > 0) end = *upper_bound;
    if (Compare(start, end) >= 0) continue;
    STRATA_RETURN_IF_ERROR(builder->AddRangeDeletion(start, end, t.seq));
    ++stats_.range_tombstones_out;
  }
  auto props = output_->writer->Commit();
  if (!props.ok()) return props.status();
  FileMetaData meta = NewTableMeta(output_->number, builder->file_size(), *props);
  if (options_.rate_limiter != nullptr && meta.file_size > rate_limited_bytes_) {
    options_.rate_limiter->Request(static_cast<int64_t>(meta.file_size - rate_limited_bytes_));
  }
  ++stats_.output_files;
  stats_.output_bytes += meta.file_size;
  outputs_.push_back(std::move(meta));
  output_.reset();
  return Status::OK();
}

void CompactionJob::DeleteOutputs() {
  for (const FileMetaData& m : outputs_) (void)options_.fs->DeleteFile(TableFileName(options_.dir, m.number));
}

}  // namespace strata::storage
