// Secondary-index maintenance: every row write of a table also writes its
// index entries, into the same transaction (so the same WriteBatch at commit,
// undone with the write set by savepoint rollback), plus the index build
// (backfill) of CREATE INDEX / REINDEX and the unique-violation errors.
//
// Uniqueness: a unique index's entry of a row with no NULL key column (or
// any row, NULLS NOT DISTINCT) is keyed by the index columns alone
// (sql/table/index_codec.h). An insert or removal of such an entry locks that
// key in the lock table (a second writer of the value waits for the first to
// end); an insert then looks the key up in its write set and the latest
// committed state (23505 if present) and writes it with PutNew, whose
// commit-time re-check is the last line of defence.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/commands/command_context.h"
#include "sql/commands/index_expressions.h"
#include "sql/commands/index_predicate.h"
#include "sql/table/index_codec.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

class IndexMaintainer {
 public:
  // LIFETIME: ctx and table outlive the maintainer.
  IndexMaintainer(const CommandContext& ctx, const catalog::TableDesc& table);

  bool empty() const { return codecs_.empty(); }
  // The entries of a new row stored under `table_key` (23505 on a duplicate).
  void Insert(const Row& row, const std::string& table_key);
  // Removes the entries of a row being deleted.
  void Delete(const Row& row, const std::string& table_key);
  // An updated row: entries whose key or value changes are replaced.
  void Update(const Row& old_row, const std::string& old_key, const Row& new_row,
              const std::string& new_key);
  // The index of this table a unique violation on `tree` refers to, or null.
  const IndexCodec* FindByTree(storage::TreeId tree) const;

 private:
  void InsertEntry(const IndexCodec& codec, size_t i, const Row& row,
                   const std::string& table_key);
  void RemoveEntry(const IndexCodec& codec, size_t i, const Row& row, std::string key);

  const CommandContext& ctx_;
  const catalog::TableDesc& table_;
  std::vector<std::unique_ptr<IndexCodec>> codecs_;
  // Per index: its partial-index predicate, or null (every row has an entry).
  std::vector<std::unique_ptr<IndexPredicate>> predicates_;
  bool Covers(size_t i, const Row& row) const {
    return predicates_[i] == nullptr || predicates_[i]->Holds(row);
  }
  // Per index: its expression keys, or null (rows go to the codec as they are).
  std::vector<std::unique_ptr<IndexExpressions>> expressions_;
  const Row& Keyed(size_t i, const Row& row, Row* scratch) const {
    return IndexRow(expressions_[i].get(), row, scratch);
  }
  // Lock-table targets (tree and name) for the unique indexes' keys.
  std::vector<catalog::TableDesc> lock_targets_;
};

// 23505 `duplicate key value violates unique constraint "<index>"` with
// DETAIL `Key (a, b)=(1, 2) already exists.`; `key` is an entry key of the
// index (its leading index columns are decoded).
SqlError IndexDuplicateKeyError(const CommandContext& ctx, const catalog::TableDesc& table,
                                const catalog::IndexDesc& index, std::string_view key);

// 23505 `could not create unique index "<name>"` with DETAIL `Key (a)=(1)
// is duplicated.`: an index build found the entry key `key` twice.
SqlError IndexBuildDuplicateError(const CommandContext& ctx, const catalog::TableDesc& table,
                                  const catalog::IndexDesc& index, std::string_view key);

// Builds `index` (whose tree is new and empty) from the table's rows as the
// transaction sees them over the LATEST committed state (the caller holds a
// lock that keeps writers out): one scan, sorted entries, one ingested
// SSTable set, not row-by-row writes (sql/commands/index_build.cpp). Entries
// that fit maintenance_work_mem are sorted in memory
// (Engine::IngestSortedRows); beyond it, sorted runs go to spill files and
// are merged into the ingestion (Engine::IngestSortedParts), so memory stays
// bounded whatever the table's size. A large plain-column index is scanned,
// sorted and written by up to max_parallel_maintenance_workers + 1 threads.
// A unique index with two equal entries: IndexBuildDuplicateError.
void BuildIndex(const CommandContext& ctx, const catalog::TableDesc& table,
                const catalog::IndexDesc& index);

// Workers that index builds have started since the process began (tests).
int64_t IndexBuildWorkersStarted();

}  // namespace strata::sql

namespace strata::sql {

// Gives every index of `table` a new tree (the old ones are dropped after
// commit) and, when `build`, fills it from the table's rows (BuildIndex):
// after a table rewrite (ALTER TABLE) or, without `build`, TRUNCATE.
void RebuildIndexes(const CommandContext& ctx, catalog::TableDesc* table, bool build = true);

// ALTER TABLE DROP COLUMN: indexes using the column go with it (as in
// PostgreSQL), their trees dropped after commit.
void DropIndexesUsing(catalog::TableDesc* table, int16_t attnum, txn::Transaction* txn);

}  // namespace strata::sql
