// ON CONFLICT arbiters and conflict lookup (see on_conflict_arbiter.h).
#include "sql/commands/on_conflict_arbiter.h"

#include <set>

namespace strata::sql {

namespace {

std::optional<std::string> Read(const CommandContext& ctx, storage::TreeId tree,
                                const std::string& key) {
  Result<std::optional<std::string>> got = ctx.txn->Get(tree, key);
  if (!got.ok()) ThrowStatus(got.status());
  std::optional<std::string> value = got.value();
  return value;
}

}  // namespace

ConflictArbiters ResolveConflictArbiters(const CommandContext& ctx, const catalog::TableDesc& table,
                                         const ast::InsertStatement& stmt) {
  ConflictArbiters out;
  auto add_index = [&](const catalog::IndexDesc& ix) {
    out.indexes.push_back(std::make_unique<IndexCodec>(table, ix));
  };
  if (!stmt.conflict_constraint.empty()) {
    if (!table.primary_key.empty() && table.primary_key_name == stmt.conflict_constraint) {
      out.primary_key = true;
      return out;
    }
    for (const catalog::IndexDesc& ix : table.indexes) {
      if (ix.is_constraint && ix.name == stmt.conflict_constraint) {
        add_index(ix);
        return out;
      }
    }
    throw SqlError(SqlState::kUndefinedObject, "constraint \"" + stmt.conflict_constraint +
                                                   "\" for table \"" + table.name +
                                                   "\" does not exist");
  }
  if (stmt.conflict_columns.empty()) {
    out.primary_key = !table.primary_key.empty();
    for (const catalog::IndexDesc& ix : table.indexes) {
      if (ix.unique && ix.predicate.empty()) add_index(ix);
    }
    return out;
  }
  std::set<int16_t> wanted;
  for (const ast::TargetColumn& c : stmt.conflict_columns) {
    const int slot = table.FindColumn(c.name);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn, "column \"" + c.name + "\" does not exist")
          .WithPosition(ctx.Position(c.location));
    }
    wanted.insert(static_cast<int16_t>(slot + 1));
  }
  if (!table.primary_key.empty() &&
      std::set<int16_t>(table.primary_key.begin(), table.primary_key.end()) == wanted) {
    out.primary_key = true;
  }
  for (const catalog::IndexDesc& ix : table.indexes) {
    if (!ix.unique || !ix.predicate.empty()) continue;
    std::set<int16_t> keys;
    for (const catalog::IndexKeyColumn& k : ix.keys) keys.insert(k.attnum);
    if (keys == wanted) add_index(ix);
  }
  if (out.empty()) {
    throw SqlError(SqlState::kInvalidColumnReference,
                   "there is no unique or exclusion constraint matching the ON CONFLICT "
                   "specification");
  }
  return out;
}

std::optional<std::pair<std::string, std::string>> FindConflict(const CommandContext& ctx,
                                                                const TableCodec& codec,
                                                                const ConflictArbiters& arbiters,
                                                                const Row& row) {
  const storage::TreeId table_tree = codec.table().tree;
  if (arbiters.primary_key) {
    std::string key = codec.EncodeKey(row);
    std::optional<std::string> existing = Read(ctx, table_tree, key);
    if (existing) return std::make_pair(std::move(key), std::move(*existing));
  }
  for (const auto& index : arbiters.indexes) {
    // Entries that may repeat (a NULL key column, NULLS DISTINCT) never conflict.
    if (!index->KeyedByColumnsAlone(row)) continue;
    std::optional<std::string> entry = Read(ctx, index->index().tree, index->EncodeColumns(row));
    if (!entry) continue;
    std::string key = IndexCodec::TableKeyOf(*entry);
    std::optional<std::string> existing = Read(ctx, table_tree, key);
    if (existing) return std::make_pair(std::move(key), std::move(*existing));
  }
  return std::nullopt;
}

}  // namespace strata::sql
