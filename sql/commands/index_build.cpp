// BuildIndex: filling a new index from its table (CREATE INDEX, REINDEX, a
// table rewrite), as PostgreSQL's B-tree build does: scan, sort, load.
//
//  1. Scan. Participants -- the session's thread (the leader) and, for a
//     large enough table, up to max_parallel_maintenance_workers workers
//     (StatementWorker threads; no more than the machine has other cores,
//     and within max_parallel_workers) -- take chunks of rows from one table
//     iterator in turn (SharedTableScan; the iterator is not thread-safe,
//     the chunks are copied out under its mutex) and turn each row into its
//     index entry in their own IndexEntryBuffer. Workers start only once the
//     leader has read kParallelMinRows rows and the scan goes on, so a small
//     table never pays for a thread. Each participant owns an equal share of
//     maintenance_work_mem; a full buffer is sorted and spilled as a run
//     (PostgreSQL's external tuplesort), and what is left at the end stays
//     in memory, sorted.
//  2. Load. With nothing spilled, the sorted buffers are merged into one
//     sorted vector and ingested (Engine::IngestSortedRows, which writes a
//     large one as two tables on two threads and logs it for WAL archiving).
//     Otherwise the sorted sources (runs and buffers) are cut into as many
//     key ranges as there were participants, at quantiles of keys sampled
//     every kSampleEvery entries, and each range is merged from every
//     source and written as its own table on its own thread, all ingested
//     as one (Engine::IngestSortedParts).
//
// Uniqueness: two equal keys are found when a participant sorts a buffer,
// or when a range's merge meets the same key twice (equal keys always fall
// into one range) -- 23505 `could not create unique index`, raised by the
// leader, which alone may read the catalog for the error's DETAIL.
//
// Only indexes of plain columns of built-in types are built in parallel: an
// expression or a predicate may call SQL functions, and a user-defined type
// (an enum) is encoded with the statement's catalog, both of which must stay
// on the session's thread (sql/executor/statement_worker.h). Those, and
// max_parallel_maintenance_workers = 0, build serially: one participant, one
// range.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include "common/coding.h"
#include "common/interrupts.h"
#include "sql/backend_status.h"
#include "sql/commands/index_entry_buffer.h"
#include "sql/commands/index_maintenance.h"
#include "sql/executor/node_gather.h"
#include "sql/executor/spill_file.h"
#include "sql/executor/statement_worker.h"
#include "sql/settings/session_settings.h"
#include "sql/table_stats.h"

namespace strata::sql {

namespace {

// PostgreSQL's phase names of a B-tree build (pg_stat_progress_create_index).
constexpr std::string_view kPhaseScanning = "building index: scanning table";
constexpr std::string_view kPhaseSorting = "building index: sorting live tuples";
constexpr std::string_view kPhaseLoading = "building index: loading tuples in tree";

std::atomic<int64_t> workers_started{0};

// Rows per chunk of the shared scan.
constexpr size_t kChunkRows = 1024;
// Rows the leader reads alone before workers join.
constexpr int64_t kParallelMinRows = 16 * static_cast<int64_t>(kChunkRows);
// A sorted source keeps one key of every this many entries, for choosing
// range splitters and seeking in runs.
constexpr size_t kSampleEvery = 1024;

// The table as chunks of (key, value) rows handed out to the participants.
class SharedTableScan {
 public:
  // Rows back to back in `bytes`: row i's key is [ends[2i-1], ends[2i]),
  // its value [ends[2i], ends[2i+1]) (ends[-1] = 0).
  struct Chunk {
    std::string bytes;
    std::vector<size_t> ends;
    size_t rows() const { return ends.size() / 2; }
    std::string_view key(size_t i) const {
      const size_t begin = i == 0 ? 0 : ends[2 * i - 1];
      return std::string_view(bytes).substr(begin, ends[2 * i] - begin);
    }
    std::string_view value(size_t i) const {
      return std::string_view(bytes).substr(ends[2 * i], ends[2 * i + 1] - ends[2 * i]);
    }
  };

  // LIFETIME: the iterator is created and destroyed on the leader's thread.
  explicit SharedTableScan(std::unique_ptr<txn::TxnIterator> it) : it_(std::move(it)) {}

  // The next chunk; false once every row was handed out.
  bool Next(Chunk* out) {
    out->bytes.clear();
    out->ends.clear();
    std::lock_guard<std::mutex> lock(mu_);
    if (done_) return false;
    for (size_t n = 0; n < kChunkRows; ++n) {
      if (!started_) {
        it_->SeekToFirst();
        started_ = true;
      } else {
        it_->Next();
      }
      if (!it_->Valid()) {
        done_ = true;
        if (Status s = it_->status(); !s.ok()) ThrowStatus(s);
        break;
      }
      out->bytes.append(it_->key().data(), it_->key().size());
      out->ends.push_back(out->bytes.size());
      out->bytes.append(it_->value().data(), it_->value().size());
      out->ends.push_back(out->bytes.size());
    }
    rows_.fetch_add(static_cast<int64_t>(out->rows()), std::memory_order_relaxed);
    return out->rows() > 0;
  }
  bool done() {
    std::lock_guard<std::mutex> lock(mu_);
    return done_;
  }
  int64_t rows() const { return rows_.load(std::memory_order_relaxed); }

 private:
  std::mutex mu_;
  std::unique_ptr<txn::TxnIterator> it_;  // GUARDED_BY(mu_)
  bool started_ = false;                  // GUARDED_BY(mu_)
  bool done_ = false;                     // GUARDED_BY(mu_)
  std::atomic<int64_t> rows_{0};
};

// A sorted run in a spill file, with a sample of its keys.
struct SortedRun {
  std::unique_ptr<SpillFile> file;
  // Entry i * kSampleEvery's key and byte offset.
  std::vector<std::pair<std::string, uint64_t>> samples;
  std::string largest;
};

// One participant's share of the build.
struct Participant {
  IndexEntryBuffer buffer;  // entries not spilled; sorted once the scan ends
  std::vector<SortedRun> runs;
  std::optional<std::string> duplicate;  // a key found twice
};

// What every participant reads (not changed during the scan).
struct BuildSpec {
  const TableCodec* table_codec;
  const IndexCodec* codec;
  // Predicates and expressions are evaluated by the leader only (serial
  // builds): evaluating them is not thread-safe.
  IndexPredicate* predicate;            // may be null
  const IndexExpressions* expressions;  // may be null
  std::vector<bool> decode;             // columns to decode (empty: all)
  size_t budget;                        // bytes of each participant's buffer
};

// Sorts p's buffer; false (p->duplicate set) on two equal keys.
bool SortBuffer(Participant* p) {
  p->buffer.Sort();
  const size_t dup = p->buffer.FindDuplicate();
  if (dup == p->buffer.size()) return true;
  p->duplicate = std::string(p->buffer.key(dup));
  return false;
}

// Sorts p's buffer and writes it as a run; false on a duplicate.
bool SpillRun(Participant* p) {
  if (!SortBuffer(p)) return false;
  SortedRun run{std::make_unique<SpillFile>(), {}, {}};
  const IndexEntryBuffer& b = p->buffer;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i % kSampleEvery == 0) run.samples.emplace_back(std::string(b.key(i)), run.file->bytes());
    run.file->WriteKeyValue(b.key(i), b.value(i));
  }
  run.largest = std::string(b.key(b.size() - 1));
  run.file->FinishWrites();
  p->runs.push_back(std::move(run));
  p->buffer.Reset();
  return true;
}

// One participant's scan: entries of the chunks it takes, spilled as runs
// when its buffer passes its budget, the rest sorted in memory. Returns on
// the scan's end, on `stop`, or on a duplicate (p->duplicate). `after_chunk`
// (the leader's) runs after each chunk.
void CollectEntries(const BuildSpec& spec, SharedTableScan* scan, Participant* p,
                    const std::atomic<bool>& stop, const std::function<void()>& after_chunk) {
  SharedTableScan::Chunk chunk;
  Row row;
  while (!stop.load(std::memory_order_relaxed) && scan->Next(&chunk)) {
    for (size_t i = 0; i < chunk.rows(); ++i) {
      spec.table_codec->DecodeValueInto(chunk.value(i), spec.decode, &row);
      if (spec.predicate != nullptr && !spec.predicate->Holds(row)) continue;
      Row scratch;
      const Row& keyed = IndexRow(spec.expressions, row, &scratch);
      const std::string_view table_key = chunk.key(i);
      p->buffer.Add(spec.codec->EncodeKey(keyed, table_key),
                    spec.codec->EncodeValue(keyed, table_key));
    }
    // After the first chunk, the slots are sized for the budget at once.
    if (p->buffer.size() == chunk.rows()) p->buffer.ReserveFor(spec.budget);
    if (p->buffer.memory() > spec.budget && !SpillRun(p)) return;
    if (after_chunk) after_chunk();
  }
  if (!stop.load(std::memory_order_relaxed)) SortBuffer(p);
}

// How many workers may join a build of `index` (0: serial).
int PlannedWorkers(const catalog::TableDesc& table, const catalog::IndexDesc& index) {
  if (!index.predicate.empty()) return 0;
  // A user-defined type (an enum's sort order, a domain, a composite) is
  // looked up in the statement's catalog while encoding, which only the
  // session's thread sees.
  auto user_type = [&](int16_t attnum) {
    return attnum < 1 || static_cast<size_t>(attnum) > table.columns.size() ||
           table.columns[static_cast<size_t>(attnum - 1)].type >= catalog::kFirstNormalObjectId;
  };
  for (const catalog::IndexKeyColumn& k : index.keys) {
    if (k.is_expression() || user_type(k.attnum)) return 0;
  }
  for (int16_t attnum : index.include) {
    if (user_type(attnum)) return 0;
  }
  int64_t wanted = 2;
  if (const SessionSettings* s = CurrentSessionSettingsOrNull(); s != nullptr) {
    wanted = s->IntValue("max_parallel_maintenance_workers");
  }
  const int64_t cores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<int>(std::clamp<int64_t>(std::min(wanted, cores - 1), 0, 64));
}

int MaxParallelWorkers() {
  const SessionSettings* s = CurrentSessionSettingsOrNull();
  return s == nullptr ? 8 : static_cast<int>(s->IntValue("max_parallel_workers"));
}

// Workers reserved against max_parallel_workers, released on scope exit.
class ReservedWorkers {
 public:
  ReservedWorkers() = default;
  ReservedWorkers(const ReservedWorkers&) = delete;
  ReservedWorkers& operator=(const ReservedWorkers&) = delete;
  ~ReservedWorkers() {
    if (n_ > 0) ReleaseParallelWorkers(n_);
  }
  int Reserve(int wanted) {
    n_ = ReserveParallelWorkers(wanted, MaxParallelWorkers());
    return n_;
  }

 private:
  int n_ = 0;
};

// A sorted source of the merge: a run read through a cursor, or a sorted
// buffer read in place.
struct MergeHead {
  std::unique_ptr<SpillFile::KeyValueCursor> cursor;  // a run's
  const IndexEntryBuffer* buffer = nullptr;           // or a buffer's
  size_t index = 0;
  std::string key_bytes, value_bytes;  // a run's current entry
  std::string_view key, value;
  uint64_t prefix = 0;  // key's first 8 bytes (OrderedPrefix64): most compares end there

  bool Advance() {
    if (buffer != nullptr) {
      if (index == buffer->size()) return false;
      key = buffer->key(index);
      value = buffer->value(index);
      ++index;
    } else {
      if (!cursor->Next(&key_bytes, &value_bytes)) return false;
      key = key_bytes;
      value = value_bytes;
    }
    prefix = OrderedPrefix64(Slice(key.data(), key.size()));
    return true;
  }
  bool After(const MergeHead& other) const {
    if (prefix != other.prefix) return prefix > other.prefix;
    return key > other.key;
  }
};

// The outcome of merging one key range.
struct PartResult {
  std::optional<std::string> duplicate;
  std::optional<SqlError> failure;
};

// Merges the entries of [lo, hi) (unbounded when absent) of every source
// into `emit`; Aborted (with *out saying why) on a duplicate key, an error,
// or once `cancel` is set. On the leader (`leader`), checks for interrupts.
Status MergeRange(const std::vector<const SortedRun*>& runs,
                  const std::vector<const IndexEntryBuffer*>& buffers,
                  const std::optional<std::string>& lo, const std::optional<std::string>& hi,
                  storage::TreeId tree, const storage::IngestEmit& emit, bool leader,
                  std::atomic<bool>* cancel, PartResult* out) {
  try {
    // Reserved once: a head's key and value may view its own strings, so
    // heads never move once positioned.
    std::vector<MergeHead> heads;
    heads.reserve(runs.size() + buffers.size());
    auto start = [&](MergeHead h) {
      heads.push_back(std::move(h));
      MergeHead& head = heads.back();
      while (head.Advance()) {
        if (lo && head.key < *lo) continue;
        if (hi && head.key >= *hi) break;
        return;
      }
      heads.pop_back();
    };
    for (const SortedRun* run : runs) {
      // From the last sample below lo (the run's start without one).
      uint64_t offset = 0;
      if (lo) {
        auto it = std::lower_bound(
            run->samples.begin(), run->samples.end(), *lo,
            [](const std::pair<std::string, uint64_t>& s, const std::string& k) { return s.first < k; });
        if (it != run->samples.begin()) offset = std::prev(it)->second;
      }
      MergeHead h;
      h.cursor = std::make_unique<SpillFile::KeyValueCursor>(run->file.get(), offset);
      start(std::move(h));
    }
    for (const IndexEntryBuffer* b : buffers) {
      MergeHead h;
      h.buffer = b;
      h.index = lo ? b->LowerBound(*lo) : 0;
      start(std::move(h));
    }
    auto later = [&heads](size_t a, size_t b) { return heads[a].After(heads[b]); };
    std::vector<size_t> heap;
    for (size_t i = 0; i < heads.size(); ++i) heap.push_back(i);
    std::make_heap(heap.begin(), heap.end(), later);
    std::string previous;
    bool have_previous = false;
    uint64_t n = 0;
    while (!heap.empty()) {
      if ((++n & 0xffff) == 0) {
        if (leader) CheckForInterrupts();
        if (cancel->load(std::memory_order_relaxed)) return Status::Aborted("merge cancelled");
      }
      std::pop_heap(heap.begin(), heap.end(), later);
      MergeHead& head = heads[heap.back()];
      if (have_previous && head.key == previous) {
        out->duplicate = previous;
        cancel->store(true, std::memory_order_relaxed);
        return Status::Aborted("duplicate index entry");
      }
      const Slice value(head.value.data(), head.value.size());
      if (Status e = emit(tree, Slice(head.key.data(), head.key.size()), &value); !e.ok()) {
        cancel->store(true, std::memory_order_relaxed);
        return e;
      }
      previous.assign(head.key);
      have_previous = true;
      if (head.Advance() && !(hi && head.key >= *hi)) {
        std::push_heap(heap.begin(), heap.end(), later);
      } else {
        heap.pop_back();
      }
    }
    return Status::OK();
  } catch (const SqlError& e) {
    out->failure = e;
    cancel->store(true, std::memory_order_relaxed);
    return Status::Aborted(e.what());
  }
}

// Up to `parts` - 1 increasing splitting keys, strictly inside
// (smallest, largest], at quantiles of the sources' samples.
std::vector<std::string> ChooseSplitters(const std::vector<const SortedRun*>& runs,
                                         const std::vector<const IndexEntryBuffer*>& buffers,
                                         size_t parts, const std::string& smallest,
                                         const std::string& largest) {
  std::vector<std::string_view> samples;
  for (const SortedRun* r : runs) {
    for (const auto& s : r->samples) samples.push_back(s.first);
  }
  for (const IndexEntryBuffer* b : buffers) {
    for (size_t i = 0; i < b->size(); i += kSampleEvery) samples.push_back(b->key(i));
  }
  std::sort(samples.begin(), samples.end());
  std::vector<std::string> splitters;
  for (size_t t = 1; t < parts && !samples.empty(); ++t) {
    const std::string_view s = samples[samples.size() * t / parts];
    if (s <= smallest || s > largest) continue;
    if (!splitters.empty() && s <= splitters.back()) continue;
    splitters.emplace_back(s);
  }
  return splitters;
}

}  // namespace

int64_t IndexBuildWorkersStarted() { return workers_started.load(std::memory_order_relaxed); }

void BuildIndex(const CommandContext& ctx, const catalog::TableDesc& table,
                const catalog::IndexDesc& index) {
  TableCodec table_codec(table);
  IndexCodec codec(table, index);
  std::unique_ptr<IndexPredicate> predicate = MakeIndexPredicate(table, index);
  std::unique_ptr<IndexExpressions> expressions = MakeIndexExpressions(table, index);
  const int planned_workers = PlannedWorkers(table, index);

  BuildSpec spec{&table_codec, &codec, predicate.get(), expressions.get(), {}, 0};
  if (predicate == nullptr && expressions == nullptr) {
    // A plain index reads only its own columns: the others (a long text
    // beside an int key) are not decoded at all.
    for (size_t c = 0; c < table.columns.size(); ++c) {
      spec.decode.push_back(index.UsesColumn(static_cast<int16_t>(c + 1)));
    }
  }
  // Each participant sorts in an equal share of maintenance_work_mem, as
  // PostgreSQL's parallel tuplesort divides it.
  spec.budget = static_cast<size_t>(MaintenanceWorkMemBytes()) /
                static_cast<size_t>(planned_workers + 1);

  // pg_stat_progress_create_index (when a CREATE INDEX / REINDEX reports):
  // rows read against the live-row hint, then sorting, then loading.
  const int64_t rows_hint = [&]() -> int64_t {
    const auto counts = GlobalTableStats().Table(table.oid);
    return counts ? std::max<int64_t>(counts->live_tup, 0) : 0;
  }();
  ReportCreateIndexProgress(kPhaseScanning, 0, rows_hint);

  // Declared before the workers, which use them: a worker still running when
  // an error leaves is stopped and joined first.
  SharedTableScan scan(ctx.txn->NewLatestIterator(table.tree));
  std::vector<Participant> participants(static_cast<size_t>(planned_workers) + 1);
  ReservedWorkers reserved;
  std::vector<std::unique_ptr<StatementWorker>> workers;
  bool launched = false;
  const std::atomic<bool> leader_stop{false};
  auto after_chunk = [&] {
    CheckForInterrupts();
    const int64_t rows = scan.rows();
    ReportCreateIndexProgress(kPhaseScanning, rows, std::max(rows, rows_hint));
    if (launched || planned_workers == 0 || rows < kParallelMinRows) return;
    launched = true;
    if (scan.done()) return;
    const int n = reserved.Reserve(planned_workers);
    workers_started.fetch_add(n, std::memory_order_relaxed);
    for (int w = 1; w <= n; ++w) {
      Participant* p = &participants[static_cast<size_t>(w)];
      workers.push_back(std::make_unique<StatementWorker>(
          [&spec, &scan, p](const std::atomic<bool>& stop) {
            CollectEntries(spec, &scan, p, stop, nullptr);
          }));
    }
  };
  CollectEntries(spec, &scan, &participants[0], leader_stop, after_chunk);
  if (participants[0].duplicate) {
    workers.clear();  // stops and joins them
    throw IndexBuildDuplicateError(ctx, table, index, *participants[0].duplicate);
  }
  for (auto& w : workers) w->Wait();
  workers.clear();

  const int64_t rows = scan.rows();
  for (const Participant& p : participants) {
    if (p.duplicate) throw IndexBuildDuplicateError(ctx, table, index, *p.duplicate);
  }
  ReportCreateIndexProgress(kPhaseSorting, rows, rows);

  std::vector<const SortedRun*> runs;
  std::vector<const IndexEntryBuffer*> buffers;
  std::optional<std::string> smallest, largest;
  auto widen = [&](std::string_view lo, std::string_view hi) {
    if (!smallest || lo < *smallest) smallest = std::string(lo);
    if (!largest || hi > *largest) largest = std::string(hi);
  };
  for (const Participant& p : participants) {
    for (const SortedRun& r : p.runs) {
      runs.push_back(&r);
      widen(r.samples.front().first, r.largest);
    }
    if (!p.buffer.empty()) {
      buffers.push_back(&p.buffer);
      widen(p.buffer.key(0), p.buffer.key(p.buffer.size() - 1));
    }
  }
  if (!smallest) return;  // no entries
  ReportCreateIndexProgress(kPhaseLoading, 0, rows);
  const storage::TreeId tree = index.tree;

  if (runs.empty()) {
    // All in memory: one sorted vector (with the duplicate check across
    // buffers), ingested and logged as COPY's bulk load is.
    std::vector<std::pair<std::string, std::string>> entries;
    size_t total = 0;
    for (const IndexEntryBuffer* b : buffers) total += b->size();
    entries.reserve(total);
    std::atomic<bool> cancel{false};
    PartResult result;
    Status s = MergeRange({}, buffers, std::nullopt, std::nullopt, tree,
                          [&](storage::TreeId, Slice key, const Slice* value) -> Status {
                            entries.emplace_back(std::string(key.data(), key.size()),
                                                 std::string(value->data(), value->size()));
                            return Status::OK();
                          },
                          /*leader=*/true, &cancel, &result);
    if (result.duplicate) throw IndexBuildDuplicateError(ctx, table, index, *result.duplicate);
    if (result.failure) throw *result.failure;
    if (!s.ok()) ThrowStatus(s);
    for (Participant& p : participants) p.buffer.Clear();
    if (Status in = ctx.db->engine()->IngestSortedRows(tree, entries); !in.ok()) ThrowStatus(in);
    ReportCreateIndexProgress(kPhaseLoading, rows, rows);
    return;
  }

  // External: one key range per participant, merged and written at once.
  const std::vector<std::string> splitters =
      ChooseSplitters(runs, buffers, participants.size(), *smallest, *largest);
  const size_t nparts = splitters.size() + 1;
  std::vector<PartResult> results(nparts);
  std::atomic<bool> cancel{false};
  std::vector<storage::IngestPart> parts(nparts);
  for (size_t t = 0; t < nparts; ++t) {
    storage::IngestPart& part = parts[t];
    std::optional<std::string> lo, hi;
    if (t > 0) lo = splitters[t - 1];
    if (t + 1 < nparts) hi = splitters[t];
    part.smallest = lo ? *lo : *smallest;
    part.largest = hi ? *hi : *largest;
    part.largest_exclusive = hi.has_value();
    part.produce = [&, lo, hi, t](const storage::IngestEmit& emit) -> Status {
      return MergeRange(runs, buffers, lo, hi, tree, emit, /*leader=*/t == 0, &cancel, &results[t]);
    };
  }
  Status s = ctx.db->engine()->IngestSortedParts(tree, parts);

  for (const PartResult& r : results) {
    if (r.duplicate) throw IndexBuildDuplicateError(ctx, table, index, *r.duplicate);
  }
  for (const PartResult& r : results) {
    if (r.failure) throw *r.failure;
  }
  if (!s.ok()) ThrowStatus(s);
  ReportCreateIndexProgress(kPhaseLoading, rows, rows);
}

}  // namespace strata::sql
