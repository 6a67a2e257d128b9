// TableCodec: how one table version's rows map to its tree's keys and values
// (key_codec and row_codec bound to a catalog::TableDesc). A Row here holds
// one Value per attribute slot (columns[i] <-> attnum i + 1), dropped slots NULL.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/storage_format/key_codec.h"
#include "sql/storage_format/row_codec.h"
#include "sql/types/value.h"

namespace strata::sql {

using Row = std::vector<Value>;

// A column's missing value (catalog::ColumnDesc::missing_value) <-> bytes:
// a one-column row. REQUIRES for Encode: value's payload is its type's.
std::string EncodeMissingValue(const Value& value);
Value DecodeMissingValue(Oid type, std::string_view bytes);

class TableCodec {
 public:
  // LIFETIME: `table` outlives the codec.
  explicit TableCodec(const catalog::TableDesc& table);

  const catalog::TableDesc& table() const { return *table_; }
  bool has_primary_key() const { return !key_columns_.empty(); }
  // Slots of the primary-key columns, in key order.
  const std::vector<int>& key_slots() const { return key_slots_; }
  const std::vector<KeyColumn>& key_columns() const { return key_columns_; }

  // REQUIRES: has_primary_key().
  std::string EncodeKey(const Row& row) const;
  std::string EncodeValue(const Row& row) const { return EncodeRow(layout_, row); }
  Row DecodeValue(std::string_view bytes) const { return DecodeRow(layout_, bytes); }
  // DecodeRowInto (row_codec.h): only the columns `decode` marks (empty: all).
  void DecodeValueInto(std::string_view bytes, const std::vector<bool>& decode, Row* row) const {
    DecodeRowInto(layout_, bytes, decode, row);
  }

 private:
  const catalog::TableDesc* table_;
  RowLayout layout_;
  std::vector<int> key_slots_;
  std::vector<KeyColumn> key_columns_;
};

}  // namespace strata::sql
