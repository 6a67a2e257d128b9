// Sort (see plan_node.h): PostgreSQL's tuplesort reduced to its two cases.
// Rows are keyed by their memcomparable sort-key encoding. While the rows
// read so far fit in work_mem they are sorted in memory (SortByKey, stable,
// so equal keys keep input order). Past it, each full buffer is sorted and
// written as a run to a SpillFile; at the end the runs are merged with a
// heap, ties going to the earlier run, which keeps the sort stable. More
// than kMaxFanIn runs are first merged in groups of consecutive runs (still
// stable) -- just enough of them to leave kMaxFanIn -- so a tiny work_mem
// never needs thousands of open files.
// Computed keys (SortKey::expr) are evaluated once per row, before the row
// is kept.
#include <algorithm>
#include <queue>

#include "common/interrupts.h"
#include "sql/executor/plan_node.h"
#include "sql/executor/sort_by_key.h"
#include "sql/executor/spill_file.h"

namespace strata::sql {

namespace {

constexpr size_t kMaxFanIn = 64;
constexpr size_t kEntryOverhead = 64;  // the pair, the key string header

using Run = std::unique_ptr<SpillFile>;

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
  bool Next(std::string* key, Row* row) {
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
    if (runs_[i]->ReadKeyedRow(&heads_[i].first, &heads_[i].second)) heap_.push(i);
  }
  // Orders runs by their head rows' keys (one memcmp), the earlier run
  // first on ties. A run's head changes only while the run is out of the
  // heap (popped, then advanced), so the heap holds just run numbers, not
  // copies of the keys (an allocation per row for keys past 15 bytes).
  struct Greater {
    const std::vector<std::pair<std::string, Row>>* heads;
    bool operator()(size_t a, size_t b) const {
      const int c = (*heads)[a].first.compare((*heads)[b].first);
      if (c != 0) return c > 0;
      return a > b;
    }
  };
  std::vector<Run> runs_;
  std::vector<std::pair<std::string, Row>> heads_;
  std::priority_queue<size_t, std::vector<size_t>, Greater> heap_;
};

}  // namespace

struct Sort::Merge {
  std::unique_ptr<RunMerger> merger;
  std::string key;  // the last row's key (its buffer goes back to a run)
  Row compact;      // with cleared columns: the last row as stored
};

Sort::Sort(PlanNodePtr child, std::vector<SortKey> keys, size_t keep_columns)
    : child_(std::move(child)), keys_(std::move(keys)), keep_columns_(keep_columns) {}

Sort::~Sort() = default;

void Sort::Close() {
  rows_.clear();
  merge_.reset();
  child_->Close();
}

void Sort::Init() {
  child_->Init();
  rows_.clear();
  merge_.reset();
  next_ = 0;
  spilled_runs_ = 0;
  const int64_t budget = work_mem_ >= 0 ? work_mem_ : WorkMemBytes();
  std::vector<Run> runs;
  int64_t used = 0;
  const auto write_run = [&]() {
    SortByKey(&rows_);
    auto run = std::make_unique<SpillFile>();
    for (const auto& [key, row] : rows_) run->WriteKeyedRow(key, row);
    runs.push_back(std::move(run));
    rows_.clear();
    used = 0;
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
  while (child_->Next(&row)) {
    std::string key;
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
    if (stored_.empty()) {
      row.resize(keep_columns_);
    } else {
      Row compact;
      compact.reserve(stored_.size());
      for (size_t c : stored_) compact.push_back(c < row.size() ? std::move(row[c]) : Value());
      row = std::move(compact);
    }
    used += static_cast<int64_t>(key.capacity() + RowMemory(row) + kEntryOverhead);
    rows_.emplace_back(std::move(key), std::move(row));
    row = Row();
    if (used > budget) write_run();
  }
  if (runs.empty()) {
    // Stable, so rows with equal keys keep their scan (key) order.
    SortByKey(&rows_);
    return;
  }
  if (!rows_.empty()) write_run();
  spilled_runs_ = runs.size();
  // Merge groups of consecutive runs (each into one, in its place: ties
  // still go to the earlier row) until one merge pass can take all runs --
  // only as many runs as that needs, so that most rows are written once:
  // 100 runs merge 37 of them, not all 100 in two groups. Each group starts
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
    std::string key;
    Row r;
    while (m.Next(&key, &r)) {
      CheckForInterrupts();
      out->WriteKeyedRow(key, r);
    }
    runs.erase(runs.begin() + static_cast<std::ptrdiff_t>(cursor + 1),
               runs.begin() + static_cast<std::ptrdiff_t>(cursor + take));
    runs[cursor] = std::move(out);
    ++cursor;
  }
  merge_ = std::make_unique<Merge>();
  merge_->merger = std::make_unique<RunMerger>(std::move(runs));
}

bool Sort::Next(Row* row) {
  if (stored_.empty()) {
    if (merge_) return merge_->merger->Next(&merge_->key, row);
    if (next_ >= rows_.size()) return false;
    *row = std::move(rows_[next_++].second);
    return true;
  }
  Row* compact = nullptr;
  if (merge_) {
    if (!merge_->merger->Next(&merge_->key, &merge_->compact)) return false;
    compact = &merge_->compact;
  } else {
    if (next_ >= rows_.size()) return false;
    compact = &rows_[next_++].second;
  }
  row->clear();
  row->resize(keep_columns_);
  for (size_t i = 0; i < stored_.size(); ++i) (*row)[stored_[i]] = std::move((*compact)[i]);
  return true;
}

}  // namespace strata::sql
