// IndexCodec: how a table row maps to its entry in one secondary index's tree
// (catalog::IndexDesc bound to the table's TableCodec).
//
// Entry format (written to disk; key columns in the key codec's format
// version 1, see storage_format/key_codec.h):
//
//   key   := index_columns [table_key]
//   value := table_key:lpstr [include_row]
//
// `table_key` is the row's key in the table tree (primary key or hidden row
// id). It is appended to the key for every entry of a non-unique index (so
// equal index values stay distinct entries, ordered by table key), and for a
// unique index only when the entry may duplicate another one by PostgreSQL's
// rules (NULLS DISTINCT and some key column NULL). A unique index's other
// entries are keyed by the index columns alone: two rows with one value then
// collide on one engine key, so the transaction layer's PutNew check (the
// commit-time re-check in the commit gate) makes uniqueness race-free
// exactly as for primary keys. That is why the table key is always in the
// value too (not only "INCLUDE columns or empty" as the architecture guide
// sketches): a reader finds the row from any entry the same way.
// `include_row` holds the INCLUDE columns (row_codec format) when there are any.
//
// Expression keys (catalog::IndexKeyColumn::is_expression): the codec reads
// key position i of an expression key from row slot `ncolumns + i`, past
// the table's columns, where the caller put the expression's value -- rows
// given to an index with expressions are the table row extended by
// IndexExpressions::Extend (sql/commands/index_expressions.h). The codec
// itself never evaluates SQL.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/storage_format/key_codec.h"
#include "sql/storage_format/row_codec.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

// The key columns of `index` over `table` as IndexCodec::key_slots() and
// key_columns() give them, without building a codec (the planner weighs
// every index of a table at every statement).
void IndexKeyLayout(const catalog::TableDesc& table, const catalog::IndexDesc& index,
                    std::vector<int>* key_slots, std::vector<KeyColumn>* key_columns);

class IndexCodec {
 public:
  // LIFETIME: `table` and `index` outlive the codec.
  IndexCodec(const catalog::TableDesc& table, const catalog::IndexDesc& index);

  const catalog::IndexDesc& index() const { return *index_; }
  const catalog::TableDesc& table() const { return *table_; }
  // Slots (attnum - 1) of the key columns, in key order (an expression key
  // at position i: ncolumns + i, see above).
  const std::vector<int>& key_slots() const { return key_slots_; }
  const std::vector<KeyColumn>& key_columns() const { return key_columns_; }

  // The encoded index columns of `row` (the key without any table-key suffix).
  std::string EncodeColumns(const Row& row) const;
  // Whether the entry of a row whose index columns are `row`'s is keyed by
  // the index columns alone (a unique index's collision key).
  bool KeyedByColumnsAlone(const Row& row) const;
  // The entry of `row`, stored under the table key `table_key`.
  std::string EncodeKey(const Row& row, std::string_view table_key) const;
  std::string EncodeValue(const Row& row, std::string_view table_key) const;
  // The table key an entry's value points to (XX001 on malformed bytes).
  static std::string TableKeyOf(std::string_view value);

 private:
  const catalog::TableDesc* table_;
  const catalog::IndexDesc* index_;
  std::vector<int> key_slots_;
  std::vector<KeyColumn> key_columns_;
  std::vector<int> include_slots_;
  RowLayout include_layout_;
};

}  // namespace strata::sql
