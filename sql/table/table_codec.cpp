// TableCodec (see table_codec.h).
#include "sql/table/table_codec.h"

namespace strata::sql {

namespace {

RowLayout MakeLayout(const catalog::TableDesc& table) {
  std::vector<RowColumn> columns;
  columns.reserve(table.columns.size());
  for (const catalog::ColumnDesc& c : table.columns) {
    RowColumn rc;
    rc.type = c.type;
    rc.dropped = c.dropped;
    rc.missing_default = Value::Null(c.type);
    columns.push_back(std::move(rc));
  }
  return RowLayout(std::move(columns));
}

}  // namespace

TableCodec::TableCodec(const catalog::TableDesc& table)
    : table_(&table), layout_(MakeLayout(table)) {
  for (int16_t attnum : table.primary_key) {
    const int slot = attnum - 1;
    key_slots_.push_back(slot);
    key_columns_.emplace_back(table.columns[static_cast<size_t>(slot)].type);
  }
}

std::string TableCodec::EncodeKey(const Row& row) const {
  std::string key;
  for (size_t i = 0; i < key_slots_.size(); ++i) {
    AppendKeyDatum(key_columns_[i], row[static_cast<size_t>(key_slots_[i])], &key);
  }
  return key;
}

}  // namespace strata::sql
