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
    rc.missing_default = c.missing_value.has_value() && !c.dropped
                             ? DecodeMissingValue(c.type, *c.missing_value)
                             : Value::Null(c.type);
    columns.push_back(std::move(rc));
  }
  return RowLayout(std::move(columns));
}

}  // namespace

std::string EncodeMissingValue(const Value& value) {
  return EncodeRow(RowLayout({RowColumn{value.type(), false, Value::Null(value.type())}}),
                   std::span<const Value>(&value, 1));
}

Value DecodeMissingValue(Oid type, std::string_view bytes) {
  const RowLayout layout({RowColumn{type, false, Value::Null(type)}});
  std::vector<Value> values = DecodeRow(layout, bytes);
  if (values.size() != 1) throw SqlError(SqlState::kDataCorrupted, "bad missing value");
  return std::move(values[0]);
}

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
