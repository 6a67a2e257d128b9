// ChooseIndexPath (see index_paths.h).
#include "sql/commands/index_paths.h"

#include "sql/table/index_codec.h"

namespace strata::sql {

namespace {

// Higher is narrower: two points per pinned column, one for a range or IN
// list on the next one.
int Score(const KeyRanges& r) {
  if (r.ranges.empty()) return 0;
  return static_cast<int>(r.pinned) * 2 + (r.in_list || r.bounded ? 1 : 0);
}

}  // namespace

std::optional<IndexPath> ChooseIndexPath(Binder& binder, const TableCodec& codec,
                                         const std::string& scope_alias, const ast::Expr* where,
                                         const std::vector<Value>* params) {
  const catalog::TableDesc& table = codec.table();
  if (where == nullptr || table.indexes.empty()) return std::nullopt;
  int best_score = 0;
  if (codec.has_primary_key()) {
    const KeyRanges pk = KeyRangesFromWhere(binder, table, codec.key_slots(), codec.key_columns(),
                                            true, scope_alias, where, params);
    // Every key column pinned: one Get, nothing beats it.
    if (pk.pinned == codec.key_slots().size()) return std::nullopt;
    best_score = Score(pk);
  }
  std::optional<IndexPath> best;
  for (const catalog::IndexDesc& index : table.indexes) {
    if (!index.predicate.empty()) continue;
    IndexCodec index_codec(table, index);
    KeyRanges r = KeyRangesFromWhere(binder, table, index_codec.key_slots(),
                                     index_codec.key_columns(), false, scope_alias, where, params);
    const int score = Score(r);
    if (score <= best_score) continue;
    best_score = score;
    best = IndexPath{&index, std::move(r.ranges)};
  }
  return best;
}

std::unique_ptr<IndexScan> MakeIndexScan(const CommandContext& ctx, const TableCodec& codec,
                                         IndexPath path, const std::string& alias) {
  std::vector<IndexScan::Range> ranges;
  for (KeyRange& r : path.ranges) ranges.emplace_back(std::move(r.lower), std::move(r.upper));
  auto scan = std::make_unique<IndexScan>(ctx.txn, &codec, path.index->tree, std::move(ranges),
                                          path.index->oid);
  scan->set_names(path.index->name, alias);
  return scan;
}

}  // namespace strata::sql
