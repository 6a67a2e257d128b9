// IndexMaintainer, index builds and unique-violation errors (see
// index_maintenance.h).
#include "sql/commands/index_maintenance.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "common/coding.h"
#include "sql/executor/sort_by_key.h"
#include "common/interrupts.h"
#include "sql/backend_status.h"
#include "sql/commands/column_privileges.h"
#include "sql/commands/insert_lock_escalation.h"
#include "sql/commands/row_locks.h"
#include "sql/executor/spill_file.h"
#include "sql/system_relations/index_catalog.h"
#include "sql/table_stats.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

std::string ValueText(const Value& v) { return v.is_null() ? "null" : OutputValue(v); }

// "Key (a, b)=(1, 2)" of the index columns at the front of `key` (an
// expression key as pg_get_indexdef's pretty form prints it, as
// BuildIndexValueDescription does: "lower(name)", "(a + b)").
std::string KeyText(const CommandContext& ctx, const catalog::TableDesc& table,
                    const catalog::IndexDesc& index, std::string_view key) {
  IndexCodec codec(table, index);
  KeyReader reader(key);
  std::string names, texts;
  for (size_t i = 0; i < codec.key_columns().size(); ++i) {
    if (i > 0) {
      names += ", ";
      texts += ", ";
    }
    names += IndexKeyText(*ctx.catalog, table, index.keys[i], /*pretty=*/true);
    texts += ValueText(reader.Read(codec.key_columns()[i]));
  }
  return "Key (" + names + ")=(" + texts + ")";
}

void SetErrorObject(const CommandContext& ctx, const catalog::TableDesc& table,
                    const std::string& constraint, SqlError* e) {
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(table.namespace_oid);
  e->mutable_fields().schema_name = ns != nullptr ? ns->name : "";
  e->mutable_fields().table_name = table.name;
  e->mutable_fields().constraint_name = constraint;
}

}  // namespace

SqlError IndexDuplicateKeyError(const CommandContext& ctx, const catalog::TableDesc& table,
                                const catalog::IndexDesc& index, std::string_view key) {
  SqlError e(SqlState::kUniqueViolation,
             "duplicate key value violates unique constraint \"" + index.name + "\"");
  // BuildIndexValueDescription: only to a role that may SELECT every key
  // column.
  if (MaySeeColumns(*ctx.catalog, table, IndexAttnums(index))) {
    e.WithDetail(KeyText(ctx, table, index, key) + " already exists.");
  }
  SetErrorObject(ctx, table, index.name, &e);
  return e;
}

IndexMaintainer::IndexMaintainer(const CommandContext& ctx, const catalog::TableDesc& table)
    : ctx_(ctx), table_(table) {
  for (const catalog::IndexDesc& index : table.indexes) {
    codecs_.push_back(std::make_unique<IndexCodec>(table, index));
    predicates_.push_back(MakeIndexPredicate(table, index));
    expressions_.push_back(MakeIndexExpressions(table, index));
    catalog::TableDesc target;
    target.oid = table.oid;
    target.name = table.name;
    target.tree = index.tree;
    lock_targets_.push_back(std::move(target));
  }
}

const IndexCodec* IndexMaintainer::FindByTree(storage::TreeId tree) const {
  for (const auto& codec : codecs_) {
    if (codec->index().tree == tree) return codec.get();
  }
  return nullptr;
}

void IndexMaintainer::InsertEntry(const IndexCodec& codec, size_t i, const Row& row,
                                  const std::string& table_key) {
  const storage::TreeId tree = codec.index().tree;
  std::string key = codec.EncodeKey(row, table_key);
  std::string value = codec.EncodeValue(row, table_key);
  if (!codec.KeyedByColumnsAlone(row)) {
    ctx_.txn->Put(tree, std::move(key), std::move(value));
    return;
  }
  // A concurrent inserter of this value makes us wait for its end (then the
  // commit-time check or the lookup below reports it), as PostgreSQL's
  // unique check waits for the other inserter.
  LockNewKeyForWrite(ctx_, table_, lock_targets_[i], key);
  // Under the lock (which every inserter and remover of this value takes) the
  // latest committed state is the one that counts, whatever our snapshot:
  // a value another transaction removed and committed while we waited is
  // free, as in PostgreSQL's unique check.
  auto latest = ctx_.txn->GetLatest(tree, key);
  if (!latest.ok()) ThrowStatus(latest.status());
  if (latest.value().has_value()) {
    auto seen = ctx_.txn->Get(tree, key);
    if (!seen.ok()) ThrowStatus(seen.status());
    if (seen.value().has_value()) throw IndexDuplicateKeyError(ctx_, table_, codec.index(), key);
    // Committed by another transaction after our snapshot: PutNew's
    // commit-time check reports it, so a READ COMMITTED statement is re-run
    // on a new snapshot (and ON CONFLICT then takes its conflict path).
  }
  ctx_.txn->PutNew(tree, std::move(key), std::move(value));
}

void IndexMaintainer::Insert(const Row& row, const std::string& table_key) {
  for (size_t i = 0; i < codecs_.size(); ++i) {
    Row scratch;
    if (Covers(i, row)) InsertEntry(*codecs_[i], i, Keyed(i, row, &scratch), table_key);
  }
}

void IndexMaintainer::RemoveEntry(const IndexCodec& codec, size_t i, const Row& row,
                                  std::string key) {
  // Removing a unique value locks it too: an inserter of the value waits
  // for us to end, then finds it free (we committed) or taken (rolled back).
  if (codec.KeyedByColumnsAlone(row)) {
    LockRowForWrite(ctx_, lock_targets_[i], key, txn::RowLockMode::kUpdate);
  }
  ctx_.txn->Delete(codec.index().tree, std::move(key));
}

void IndexMaintainer::Delete(const Row& row, const std::string& table_key) {
  for (size_t i = 0; i < codecs_.size(); ++i) {
    if (!Covers(i, row)) continue;
    Row scratch;
    const Row& keyed = Keyed(i, row, &scratch);
    RemoveEntry(*codecs_[i], i, keyed, codecs_[i]->EncodeKey(keyed, table_key));
  }
}

void IndexMaintainer::Update(const Row& old_table_row, const std::string& old_key,
                             const Row& new_table_row, const std::string& new_key) {
  for (size_t i = 0; i < codecs_.size(); ++i) {
    const IndexCodec& codec = *codecs_[i];
    // An expression key's value moves with the columns it reads: both rows'
    // keys are computed, and a changed one moves the entry below.
    Row old_scratch, new_scratch;
    const Row& old_row = Keyed(i, old_table_row, &old_scratch);
    const Row& new_row = Keyed(i, new_table_row, &new_scratch);
    if (predicates_[i] != nullptr) {
      // A partial index: the row may enter or leave it.
      const bool had = predicates_[i]->Holds(old_table_row);
      const bool has = predicates_[i]->Holds(new_table_row);
      if (!had && !has) continue;
      if (had != has) {
        if (had) RemoveEntry(codec, i, old_row, codec.EncodeKey(old_row, old_key));
        if (has) InsertEntry(codec, i, new_row, new_key);
        continue;
      }
    }
    const std::string before = codec.EncodeKey(old_row, old_key);
    const std::string after = codec.EncodeKey(new_row, new_key);
    if (before == after) {
      std::string value = codec.EncodeValue(new_row, new_key);
      if (value != codec.EncodeValue(old_row, old_key)) {
        ctx_.txn->Put(codec.index().tree, after, std::move(value));
      }
      continue;
    }
    RemoveEntry(codec, i, old_row, before);
    InsertEntry(codec, i, new_row, new_key);
  }
}

namespace {

// The in-memory footprint of one entry, for the maintenance_work_mem budget.
size_t EntryMemory(const std::pair<std::string, std::string>& e) {
  return sizeof(e) + e.first.size() + e.second.size();
}

[[noreturn]] void ThrowDuplicate(const CommandContext& ctx, const catalog::TableDesc& table,
                                 const catalog::IndexDesc& index, const std::string& key) {
  SqlError e(SqlState::kUniqueViolation, "could not create unique index \"" + index.name + "\"");
  e.WithDetail(KeyText(ctx, table, index, key) + " is duplicated.");
  SetErrorObject(ctx, table, index.name, &e);
  throw e;
}

// One sorted run of an external build, read back one entry at a time.
struct RunHead {
  std::unique_ptr<SpillFile> file;
  std::string key;
  std::string value;
  bool Advance() { return file->ReadKeyValue(&key, &value); }
};

// Merges the sorted runs into the (new, empty) index tree as one ingested
// table set: a heap of the runs' current entries, smallest key first.
void IngestRuns(const CommandContext& ctx, const catalog::TableDesc& table,
                const catalog::IndexDesc& index, std::vector<RunHead>* runs,
                const std::string& smallest, const std::string& largest) {
  auto later = [runs](size_t a, size_t b) { return (*runs)[a].key > (*runs)[b].key; };
  std::vector<size_t> heap;
  for (size_t i = 0; i < runs->size(); ++i) {
    if ((*runs)[i].Advance()) heap.push_back(i);
  }
  std::make_heap(heap.begin(), heap.end(), later);
  // Errors inside `produce` go back as a Status (the engine's ingest runs
  // under its commit lock and must not be left by an exception); they are
  // raised here once it has cleaned up.
  std::optional<std::string> duplicate;
  std::optional<SqlError> failure;
  storage::IngestTreeRange range{index.tree, smallest, largest};
  Status s = ctx.db->engine()->IngestRowStream(
      {range}, [&](const storage::IngestEmit& emit) -> Status {
        try {
          std::string previous;
          bool have_previous = false;
          while (!heap.empty()) {
            std::pop_heap(heap.begin(), heap.end(), later);
            RunHead& head = (*runs)[heap.back()];
            if (have_previous && head.key == previous) {
              duplicate = head.key;
              return Status::Aborted("duplicate index entry");
            }
            const Slice value(head.value);
            if (Status e = emit(index.tree, head.key, &value); !e.ok()) return e;
            previous.swap(head.key);
            have_previous = true;
            if (head.Advance()) {
              std::push_heap(heap.begin(), heap.end(), later);
            } else {
              heap.pop_back();
            }
          }
          return Status::OK();
        } catch (const SqlError& e) {
          failure = e;
          return Status::Aborted(e.what());
        }
      });
  if (duplicate) ThrowDuplicate(ctx, table, index, *duplicate);
  if (failure) throw *failure;
  if (!s.ok()) ThrowStatus(s);
}

}  // namespace

// PostgreSQL's phase names of a B-tree build (pg_stat_progress_create_index).
constexpr std::string_view kPhaseScanning = "building index: scanning table";
constexpr std::string_view kPhaseSorting = "building index: sorting live tuples";
constexpr std::string_view kPhaseLoading = "building index: loading tuples in tree";

void BuildIndex(const CommandContext& ctx, const catalog::TableDesc& table,
                const catalog::IndexDesc& index) {
  TableCodec table_codec(table);
  IndexCodec codec(table, index);
  std::unique_ptr<IndexPredicate> predicate = MakeIndexPredicate(table, index);
  std::unique_ptr<IndexExpressions> expressions = MakeIndexExpressions(table, index);
  // Entries beyond maintenance_work_mem go to sorted runs in spill files
  // (PostgreSQL's external tuplesort), merged at the end; a build that fits
  // is sorted and ingested in memory.
  const size_t budget = static_cast<size_t>(MaintenanceWorkMemBytes());
  std::vector<std::pair<std::string, std::string>> entries;
  size_t entries_memory = 0;
  std::vector<RunHead> runs;
  std::string smallest, largest;  // over all runs
  // Sorts the entries in memory; two equal keys fail a unique build.
  auto sort_checked = [&] {
    SortByKey(&entries);
    for (size_t i = 1; i < entries.size(); ++i) {
      if (entries[i].first == entries[i - 1].first) ThrowDuplicate(ctx, table, index, entries[i].first);
    }
  };
  auto spill_run = [&] {
    sort_checked();
    if (runs.empty() || entries.front().first < smallest) smallest = entries.front().first;
    if (runs.empty() || entries.back().first > largest) largest = entries.back().first;
    RunHead run{std::make_unique<SpillFile>(), {}, {}};
    for (const auto& e : entries) run.file->WriteKeyValue(e.first, e.second);
    run.file->Rewind();
    runs.push_back(std::move(run));
    entries.clear();
    entries_memory = 0;
  };
  // The live-row count is only a hint (it lags and may be gone after a
  // crash), but sizing the vector once saves copying it at every doubling.
  if (const auto counts = GlobalTableStats().Table(table.oid); counts && counts->live_tup > 0) {
    const size_t fit = budget / sizeof(std::pair<std::string, std::string>);
    entries.reserve(std::min(static_cast<size_t>(counts->live_tup) + counts->live_tup / 16, fit));
  }
  // pg_stat_progress_create_index (when a CREATE INDEX / REINDEX reports):
  // rows read against the live-row hint, then sorting, then loading.
  const int64_t rows_hint = [&]() -> int64_t {
    const auto counts = GlobalTableStats().Table(table.oid);
    return counts ? std::max<int64_t>(counts->live_tup, 0) : 0;
  }();
  constexpr int64_t kProgressEvery = 4096;
  ReportCreateIndexProgress(kPhaseScanning, 0, rows_hint);
  int64_t rows = 0;
  auto it = ctx.txn->NewLatestIterator(table.tree);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string table_key(it->key().data(), it->key().size());
    const Row row = table_codec.DecodeValue(std::string_view(it->value().data(), it->value().size()));
    if (predicate != nullptr && !predicate->Holds(row)) continue;
    Row scratch;
    const Row& keyed = IndexRow(expressions.get(), row, &scratch);
    entries.emplace_back(codec.EncodeKey(keyed, table_key), codec.EncodeValue(keyed, table_key));
    entries_memory += EntryMemory(entries.back());
    if (++rows % kProgressEvery == 0) {
      ReportCreateIndexProgress(kPhaseScanning, rows, std::max(rows, rows_hint));
    }
    if (entries_memory > budget) {
      CheckForInterrupts();
      ReportCreateIndexProgress(kPhaseSorting, rows, std::max(rows, rows_hint));
      spill_run();
      ReportCreateIndexProgress(kPhaseScanning, rows, std::max(rows, rows_hint));
    }
  }
  if (Status s = it->status(); !s.ok()) ThrowStatus(s);
  it.reset();
  ReportCreateIndexProgress(kPhaseSorting, rows, rows);
  if (runs.empty()) {
    sort_checked();
    if (entries.empty()) return;
    ReportCreateIndexProgress(kPhaseLoading, 0, rows);
    if (Status s = ctx.db->engine()->IngestSortedRows(index.tree, entries); !s.ok()) ThrowStatus(s);
    ReportCreateIndexProgress(kPhaseLoading, rows, rows);
    return;
  }
  if (!entries.empty()) spill_run();
  entries = {};  // the merge needs none of it
  ReportCreateIndexProgress(kPhaseLoading, 0, rows);
  IngestRuns(ctx, table, index, &runs, smallest, largest);
  ReportCreateIndexProgress(kPhaseLoading, rows, rows);
}

}  // namespace strata::sql

namespace strata::sql {

void RebuildIndexes(const CommandContext& ctx, catalog::TableDesc* table, bool build) {
  for (catalog::IndexDesc& index : table->indexes) {
    const storage::TreeId old_tree = index.tree;
    auto tree = ctx.db->catalog()->CreateTableTree(ctx.txn, index.oid, &index.tree_name);
    if (!tree.ok()) ThrowStatus(tree.status());
    index.tree = tree.value();
    ctx.txn->DropTreeAfterCommit(old_tree);
  }
  if (!build) return;
  for (const catalog::IndexDesc& index : table->indexes) BuildIndex(ctx, *table, index);
}

void DropIndexesUsing(catalog::TableDesc* table, int16_t attnum, txn::Transaction* txn) {
  std::vector<catalog::IndexDesc> kept;
  for (catalog::IndexDesc& index : table->indexes) {
    // An index on the column, or whose expressions or predicate read it,
    // goes with it.
    if (IndexReadsColumn(*table, index, attnum)) {
      txn->DropTreeAfterCommit(index.tree);
    } else {
      kept.push_back(std::move(index));
    }
  }
  table->indexes = std::move(kept);
}

}  // namespace strata::sql
