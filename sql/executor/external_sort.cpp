// Sort (see plan_node.h): PostgreSQL's tuplesort reduced to its two cases.
// Rows are keyed by their memcomparable sort-key encoding. In memory each
// row is its key followed by its row bytes (row_bytes.h) in one arena, with
// a 24-byte entry (8-byte key prefix, position, lengths) per row: no
// allocation per row, and about a sixth of the memory a vector of Values
// takes, so work_mem holds that many more rows per run. While the rows read
// so far fit in work_mem they are sorted in memory (stable: equal keys keep
// input order, which the arena position records). Past it, each full buffer
// is sorted and written as a run of (key, row bytes) pairs to a SpillFile;
// at the end the runs are merged with a heap, ties going to the earlier
// run, which keeps the sort stable. More than kMaxFanIn runs are first
// merged in groups of consecutive runs (still stable) -- just enough of them
// to leave kMaxFanIn -- so a tiny work_mem never needs thousands of open
// files. Computed keys (SortKey::expr) are evaluated once per row, before
// the row is kept.
//
// Runs are sorted and written by a StatementWorker while this thread reads
// the next buffer's rows (at most one run in flight, so two buffers of
// work_mem, as PostgreSQL's parallel sort gives each process its own). A run
// whose rows hold values kept aside is written here: their text form may
// read settings a function in the input could be changing.
#include <algorithm>
#include <queue>

#include "common/coding.h"
#include "common/interrupts.h"
#include "sql/executor/plan_node.h"
#include "sql/executor/row_bytes.h"
#include "sql/executor/spill_file.h"
#include "sql/executor/statement_worker.h"

namespace strata::sql {

namespace {

// Runs merged at once: each open run holds a 64 KB read buffer (16 MB at
// most). A 10M-row sort with the default work_mem writes some 170 runs: one
// pass merges them all.
constexpr size_t kMaxFanIn = 256;

using Run = std::unique_ptr<SpillFile>;

// Sorts entries by key, then by position (input order: stable). E is
// Sort::Entry.
template <typename E>
void SortByKey(std::string_view arena, std::vector<E>& entries) {
  std::sort(entries.begin(), entries.end(), [arena](const E& a, const E& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    const int c = arena.substr(a.offset, a.key_size).compare(arena.substr(b.offset, b.key_size));
    if (c != 0) return c < 0;
    return a.offset < b.offset;
  });
}

// Writes sorted entries to `run` as (key, row bytes) pairs; values kept
// aside in `side` (if any) are written as text, the rows anew.
template <typename E>
void WriteRun(std::string_view arena, const std::vector<E>& entries,
              const std::vector<Value>& side, SpillFile* run) {
  Row decoded;
  std::string bytes;
  for (const E& e : entries) {
    std::string_view row_bytes = arena.substr(e.offset + e.key_size, e.size - e.key_size);
    if (!side.empty()) {
      ReadRowBytes(&row_bytes, &decoded, &side);
      bytes.clear();
      AppendRowBytes(decoded, &bytes);
      row_bytes = bytes;
    }
    run->WriteKeyValue(arena.substr(e.offset, e.key_size), row_bytes);
  }
}

// Reads runs in parallel, smallest key first (earlier run on ties).
class RunMerger {
 public:
  explicit RunMerger(std::vector<Run> runs)
      : runs_(std::move(runs)), heads_(runs_.size()), heap_(Greater{&heads_}) {
    for (size_t i = 0; i < runs_.size(); ++i) {
      runs_[i]->Rewind();
      Advance(i);
    }
  }
  // The next (key, row bytes) pair.
  bool Next(std::string* key, std::string* row) {
    if (heap_.empty()) return false;
    const size_t i = heap_.top();
    heap_.pop();
    // Swapped, not moved: the run's head takes the caller's old buffers,
    // which the next read reuses (no allocation per row for either).
    key->swap(heads_[i].first);
    row->swap(heads_[i].second);
    Advance(i);
    return true;
  }

 private:
  void Advance(size_t i) {
    if (runs_[i]->ReadKeyValue(&heads_[i].first, &heads_[i].second)) heap_.push(i);
  }
  // Orders runs by their head rows' keys (one memcmp), the earlier run
  // first on ties. A run's head changes only while the run is out of the
  // heap (popped, then advanced), so the heap holds just run numbers, not
  // copies of the keys (an allocation per row for keys past 15 bytes).
  struct Greater {
    const std::vector<std::pair<std::string, std::string>>* heads;
    bool operator()(size_t a, size_t b) const {
      const int c = (*heads)[a].first.compare((*heads)[b].first);
      if (c != 0) return c > 0;
      return a > b;
    }
  };
  std::vector<Run> runs_;
  std::vector<std::pair<std::string, std::string>> heads_;
  std::priority_queue<size_t, std::vector<size_t>, Greater> heap_;
};

}  // namespace

// The state Init leaves for Next (behind plan_node.h's pointer).
struct Sort::Merge {
  // The values of the rows in the arena that row bytes keep aside rather
  // than as text (row_bytes.h): an in-memory sort never needs their text
  // form (some types have no input function). A run written to disk takes
  // them as text, as every spill file does.
  std::vector<Value> side;
  size_t side_bytes = 0;  // a rough size of `side`, for work_mem
  std::unique_ptr<RunMerger> merger;  // null: sorted in memory
  std::string key;    // the last merged row's key (its buffer goes back to a run)
  std::string bytes;  // and its row bytes
};

Sort::Sort(PlanNodePtr child, std::vector<SortKey> keys, size_t keep_columns)
    : child_(std::move(child)), keys_(std::move(keys)), keep_columns_(keep_columns) {}

Sort::~Sort() = default;

void Sort::Close() {
  arena_.clear();
  arena_.shrink_to_fit();
  entries_.clear();
  entries_.shrink_to_fit();
  merge_.reset();
  child_->Close();
}

void Sort::SortEntries() { SortByKey(arena_, entries_); }

void Sort::Init() {
  child_->Init();
  arena_.clear();
  entries_.clear();
  merge_ = std::make_unique<Merge>();
  std::vector<Value>& side = merge_->side;
  next_ = 0;
  spilled_runs_ = 0;
  const int64_t budget = work_mem_ >= 0 ? work_mem_ : WorkMemBytes();
  std::vector<Run> runs;
  // The buffer a worker is sorting and writing as runs.back().
  std::string spare_arena;
  std::vector<Entry> spare_entries;
  // Declared after what it uses: stopped and joined first if Init throws.
  std::unique_ptr<StatementWorker> writer;
  const auto wait_writer = [&]() {
    if (writer == nullptr) return;
    writer->Wait();
    writer.reset();
  };
  const auto write_run = [&]() {
    wait_writer();
    runs.push_back(std::make_unique<SpillFile>());
    if (side.empty()) {
      arena_.swap(spare_arena);
      entries_.swap(spare_entries);
      writer = std::make_unique<StatementWorker>(
          [&spare_arena, &spare_entries, run = runs.back().get()](const std::atomic<bool>&) {
            SortByKey(spare_arena, spare_entries);
            WriteRun(spare_arena, spare_entries, {}, run);
          });
    } else {
      SortEntries();
      WriteRun(arena_, entries_, side, runs.back().get());
    }
    arena_.clear();
    entries_.clear();
    side.clear();
    merge_->side_bytes = 0;
  };
  // Cleared columns are not held at all: rows keep the other columns only
  // (stored_) and get NULLs back in the cleared ones on the way out.
  stored_.clear();
  if (!cleared_.empty()) {
    for (size_t c = 0; c < keep_columns_; ++c) {
      if (std::find(cleared_.begin(), cleared_.end(), static_cast<int>(c)) == cleared_.end()) {
        stored_.push_back(c);
      }
    }
  }
  EvalContext ctx(params_);
  Row row;
  Row compact;
  std::string key;
  while (child_->Next(&row)) {
    key.clear();
    for (const SortKey& k : keys_) {
      const size_t column = static_cast<size_t>(k.column);
      if (k.expr != nullptr) {
        ctx.SetRow(&row);
        Value v = k.expr->Evaluate(ctx);
        if (row.size() <= column) row.resize(column + 1);
        row[column] = std::move(v);
      }
      AppendKeyDatum(k.key, row[column], &key);
    }
    Entry e;
    e.prefix = OrderedPrefix64(key);
    e.offset = arena_.size();
    e.key_size = static_cast<uint32_t>(key.size());
    arena_.append(key);
    const size_t side_before = side.size();
    if (stored_.empty()) {
      row.resize(keep_columns_);
      AppendRowBytes(row, &arena_, &side);
    } else {
      compact.clear();
      for (size_t c : stored_) compact.push_back(c < row.size() ? std::move(row[c]) : Value());
      AppendRowBytes(compact, &arena_, &side);
    }
    // Each value kept aside: its Value and some payload (as RowMemory guesses).
    merge_->side_bytes += (side.size() - side_before) * (sizeof(Value) + 32);
    e.size = static_cast<uint32_t>(arena_.size() - e.offset);
    entries_.push_back(e);
    if (static_cast<int64_t>(arena_.size() + entries_.size() * sizeof(Entry) +
                             merge_->side_bytes) > budget) {
      write_run();
    }
  }
  if (runs.empty()) {
    SortEntries();
    return;
  }
  if (!entries_.empty()) write_run();
  wait_writer();
  arena_.shrink_to_fit();
  entries_.shrink_to_fit();
  spilled_runs_ = runs.size();
  // Merge groups of consecutive runs (each into one, in its place: ties
  // still go to the earlier row) until one merge pass can take all runs --
  // only as many runs as that needs, so that most rows are written once:
  // 300 runs merge 45 of them, not all 300 in two groups. Each group starts
  // after the last merged one, so merged runs are rewritten only when the
  // runs far outnumber the fan-in.
  size_t cursor = 0;
  while (runs.size() > kMaxFanIn) {
    const size_t take = std::min(kMaxFanIn, runs.size() - kMaxFanIn + 1);
    if (cursor + take > runs.size()) cursor = 0;
    std::vector<Run> group;
    for (size_t j = cursor; j < cursor + take; ++j) group.push_back(std::move(runs[j]));
    RunMerger m(std::move(group));
    auto out = std::make_unique<SpillFile>();
    std::string k;
    std::string bytes;
    while (m.Next(&k, &bytes)) {
      CheckForInterrupts();
      out->WriteKeyValue(k, bytes);
    }
    runs.erase(runs.begin() + static_cast<std::ptrdiff_t>(cursor + 1),
               runs.begin() + static_cast<std::ptrdiff_t>(cursor + take));
    runs[cursor] = std::move(out);
    ++cursor;
  }
  merge_->merger = std::make_unique<RunMerger>(std::move(runs));
}

bool Sort::Next(Row* row) {
  if (!merge_) return false;
  std::string_view bytes;
  const std::vector<Value>* side = nullptr;  // runs on disk hold every value themselves
  if (merge_->merger) {
    if (!merge_->merger->Next(&merge_->key, &merge_->bytes)) return false;
    bytes = merge_->bytes;
  } else {
    if (next_ >= entries_.size()) return false;
    const Entry& e = entries_[next_++];
    bytes = std::string_view(arena_).substr(e.offset + e.key_size, e.size - e.key_size);
    side = &merge_->side;
  }
  if (stored_.empty()) {
    ReadRowBytes(&bytes, row, side);
    return true;
  }
  ReadRowBytes(&bytes, &compact_, side);
  row->clear();
  row->resize(keep_columns_);
  for (size_t i = 0; i < stored_.size(); ++i) (*row)[stored_[i]] = std::move(compact_[i]);
  return true;
}

}  // namespace strata::sql
