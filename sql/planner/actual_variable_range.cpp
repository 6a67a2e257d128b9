// RelationEstimate::ActualEndpoint: a column's current minimum or maximum
// read from an index, for inequality estimates beyond the histogram's ends
// (PostgreSQL's get_actual_variable_range, used by ineq_histogram_selectivity
// in selectivity.cpp): rows added since ANALYZE above the old maximum (a
// growing serial or timestamp) are otherwise estimated as almost none.
//
// The tree is read at its latest committed state merged with this
// transaction's writes (no statement snapshot, no SERIALIZABLE read
// tracking): PostgreSQL reads it with a snapshot that sees every tuple not
// yet removable, and planning must not take part in conflict detection. One
// Seek per call: the first or last entry of the leading column's non-NULL
// part of the key space.
#include <algorithm>

#include "sql/planner/relation_estimate.h"
#include "sql/storage_format/key_codec.h"
#include "sql/table/index_codec.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

namespace {

// The first (or last) non-NULL value of the leading key column `first` in
// `tree`, whose keys all start with that column.
std::optional<Value> LeadingEndpoint(txn::Transaction* txn, storage::TreeId tree,
                                     const KeyColumn& first, bool last) {
  std::string lower;
  AppendKeyMarker(first, /*is_null=*/false, &lower);
  const std::optional<std::string> upper = PrefixSuccessor(lower);
  std::unique_ptr<txn::TxnIterator> it = txn->NewLatestIterator(tree);
  if (last) {
    if (upper) {
      it->SeekForPrev(*upper);
      if (it->Valid() && Compare(it->key(), *upper) >= 0) it->Prev();
    } else {
      it->SeekToLast();
    }
  } else {
    it->Seek(lower);
  }
  if (!it->Valid() || !it->status().ok()) return std::nullopt;
  const Slice key = it->key();
  if (Compare(key, lower) < 0 || (upper && Compare(key, *upper) >= 0)) return std::nullopt;
  try {
    KeyReader reader(std::string_view(key.data(), key.size()));
    Value v = reader.Read(first);
    if (v.is_null()) return std::nullopt;
    return v;
  } catch (...) {  // a key this column cannot decode: no estimate from it
    return std::nullopt;
  }
}

}  // namespace

std::optional<Value> RelationEstimate::ActualEndpoint(int slot, bool max) const {
  if (txn_ == nullptr || slot < 0 || static_cast<size_t>(slot) >= table_->columns.size()) {
    return std::nullopt;
  }
  const catalog::TableDesc& table = *table_;
  const int16_t attnum = table.columns[static_cast<size_t>(slot)].attnum;
  try {
    // The primary key: the table tree is in its order (always ascending).
    if (!table.primary_key.empty() && table.primary_key[0] == attnum) {
      const TableCodec codec(table);
      return LeadingEndpoint(txn_, table.tree, codec.key_columns()[0], max);
    }
    for (const catalog::IndexDesc& index : table.indexes) {
      if (index.hash || !index.predicate.empty() || index.keys.empty() ||
          index.keys[0].attnum != attnum) {
        continue;
      }
      const IndexCodec codec(table, index);
      const KeyColumn& first = codec.key_columns()[0];
      // A descending column keeps its largest value first.
      return LeadingEndpoint(txn_, index.tree, first, max != first.descending);
    }
  } catch (...) {  // a key type the codecs refuse: no index to read
  }
  return std::nullopt;
}

}  // namespace strata::sql
