// IndexMaintainer, index builds and unique-violation errors (see
// index_maintenance.h).
#include "sql/commands/index_maintenance.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "common/coding.h"
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

SqlError IndexBuildDuplicateError(const CommandContext& ctx, const catalog::TableDesc& table,
                                  const catalog::IndexDesc& index, std::string_view key) {
  SqlError e(SqlState::kUniqueViolation, "could not create unique index \"" + index.name + "\"");
  e.WithDetail(KeyText(ctx, table, index, key) + " is duplicated.");
  SetErrorObject(ctx, table, index.name, &e);
  return e;
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
