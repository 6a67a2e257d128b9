// IndexCodec (see index_codec.h).
#include "sql/table/index_codec.h"

#include "common/coding.h"
#include "common/sql_error.h"

namespace strata::sql {

namespace {

RowLayout IncludeLayout(const catalog::TableDesc& table, const catalog::IndexDesc& index) {
  std::vector<RowColumn> columns;
  for (int16_t attnum : index.include) {
    const Oid type = table.columns[static_cast<size_t>(attnum - 1)].type;
    columns.push_back(RowColumn{type, false, Value::Null(type)});
  }
  return RowLayout(std::move(columns));
}

}  // namespace

IndexCodec::IndexCodec(const catalog::TableDesc& table, const catalog::IndexDesc& index)
    : table_(&table), index_(&index), include_layout_(IncludeLayout(table, index)) {
  IndexKeyLayout(table, index, &key_slots_, &key_columns_);
  for (int16_t attnum : index.include) include_slots_.push_back(attnum - 1);
}

void IndexKeyLayout(const catalog::TableDesc& table, const catalog::IndexDesc& index,
                    std::vector<int>* key_slots, std::vector<KeyColumn>* key_columns) {
  key_slots->clear();
  key_columns->clear();
  key_slots->reserve(index.keys.size());
  key_columns->reserve(index.keys.size());
  for (const catalog::IndexKeyColumn& k : index.keys) {
    const bool expression = k.is_expression();
    const int slot = expression ? static_cast<int>(table.columns.size() + key_slots->size())
                                : k.attnum - 1;
    key_slots->push_back(slot);
    key_columns->emplace_back(expression ? k.expr_type : table.columns[static_cast<size_t>(slot)].type,
                              k.descending ? SortDirection::kDescending : SortDirection::kAscending,
                              k.nulls_first ? NullsOrder::kFirst : NullsOrder::kLast);
  }
}

std::string IndexCodec::EncodeColumns(const Row& row) const {
  std::string key;
  for (size_t i = 0; i < key_slots_.size(); ++i) {
    AppendKeyDatum(key_columns_[i], row[static_cast<size_t>(key_slots_[i])], &key);
  }
  return key;
}

bool IndexCodec::KeyedByColumnsAlone(const Row& row) const {
  if (!index_->unique) return false;
  if (index_->nulls_not_distinct) return true;
  for (int slot : key_slots_) {
    if (row[static_cast<size_t>(slot)].is_null()) return false;
  }
  return true;
}

std::string IndexCodec::EncodeKey(const Row& row, std::string_view table_key) const {
  std::string key = EncodeColumns(row);
  if (!KeyedByColumnsAlone(row)) key.append(table_key);
  return key;
}

std::string IndexCodec::EncodeValue(const Row& row, std::string_view table_key) const {
  std::string value;
  PutLengthPrefixedSlice(&value, Slice(table_key.data(), table_key.size()));
  if (!include_slots_.empty()) {
    std::vector<Value> included;
    for (int slot : include_slots_) included.push_back(row[static_cast<size_t>(slot)]);
    AppendRow(include_layout_, included, &value);
  }
  return value;
}

std::string IndexCodec::TableKeyOf(std::string_view value) {
  Slice in(value.data(), value.size());
  Slice key;
  if (!GetLengthPrefixedSlice(&in, &key)) {
    throw SqlError(SqlState::kDataCorrupted, "malformed index entry");
  }
  return std::string(key.data(), key.size());
}

}  // namespace strata::sql
