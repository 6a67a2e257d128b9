// Row codec: RowLayout's precomputed offsets, AppendRow and RowView for the
// format in row_codec.h. Fields are read with memcpy loads straight from the
// row's bytes (they are unaligned), never copied out first.
#include "sql/storage_format/row_codec.h"

#include <array>
#include <bit>
#include <cassert>
#include <cstring>
#include <limits>

#include "common/sql_error.h"
#include "sql/types/array_value.h"
#include "sql/types/range_value.h"
#include "sql/types/composite_type.h"
#include "sql/types/record_value.h"
#include "sql/types/user_types.h"

namespace strata::sql {

static_assert(std::endian::native == std::endian::little,
              "the row format is little-endian: add byte swaps for this host");

namespace {

template <typename T>
T Load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <typename T>
void Store(char* p, T v) {
  std::memcpy(p, &v, sizeof v);
}

[[noreturn]] void ThrowCorrupt(const std::string& what) {
  throw SqlError(SqlState::kDataCorrupted, "invalid row: " + what);
}

size_t BitmapBytes(size_t columns) { return (columns + 7) / 8; }

constexpr size_t kNumericHeaderSize = 5;  // kind, dscale, weight

size_t NumericFieldSize(const Numeric& n) {
  return n.is_finite() ? kNumericHeaderSize + 2 * n.digits().size() : 1;
}

void WriteNumericField(const Numeric& n, char* p) {
  NumericRowKind kind = NumericRowKind::kNonNegative;
  if (n.is_nan()) {
    kind = NumericRowKind::kNaN;
  } else if (n.is_infinite()) {
    kind = n.Sign() < 0 ? NumericRowKind::kNegInfinity : NumericRowKind::kPosInfinity;
  } else if (n.Sign() < 0) {
    kind = NumericRowKind::kNegative;
  }
  p[0] = static_cast<char>(kind);
  if (!n.is_finite()) return;
  Store<uint16_t>(p + 1, static_cast<uint16_t>(n.dscale()));
  Store<int16_t>(p + 3, static_cast<int16_t>(n.weight()));
  std::span<const int16_t> digits = n.digits();
  if (!digits.empty()) std::memcpy(p + kNumericHeaderSize, digits.data(), 2 * digits.size());
}

Numeric ReadNumericField(std::string_view f) {
  if (f.empty()) ThrowCorrupt("empty numeric field");
  bool negative = false;
  switch (static_cast<NumericRowKind>(f[0])) {
    case NumericRowKind::kNaN:
    case NumericRowKind::kPosInfinity:
    case NumericRowKind::kNegInfinity:
      if (f.size() != 1) ThrowCorrupt("bad numeric field size");
      if (static_cast<NumericRowKind>(f[0]) == NumericRowKind::kNaN) return Numeric::NaN();
      return Numeric::Infinity(static_cast<NumericRowKind>(f[0]) == NumericRowKind::kNegInfinity);
    case NumericRowKind::kNonNegative:
      break;
    case NumericRowKind::kNegative:
      negative = true;
      break;
    default:
      ThrowCorrupt("bad numeric kind");
  }
  if (f.size() < kNumericHeaderSize || (f.size() - kNumericHeaderSize) % 2 != 0) {
    ThrowCorrupt("bad numeric field size");
  }
  const int dscale = Load<uint16_t>(f.data() + 1);
  const int weight = Load<int16_t>(f.data() + 3);
  const size_t count = (f.size() - kNumericHeaderSize) / 2;
  // Digits are unaligned in the row: copy them into aligned storage, on the
  // stack for all but very long values.
  constexpr size_t kInline = 64;
  std::array<int16_t, kInline> inline_digits;
  std::vector<int16_t> heap_digits;
  int16_t* digits = inline_digits.data();
  if (count > kInline) {
    heap_digits.resize(count);
    digits = heap_digits.data();
  }
  std::memcpy(digits, f.data() + kNumericHeaderSize, 2 * count);
  for (size_t i = 0; i < count; ++i) {
    if (digits[i] < 0 || digits[i] >= Numeric::kBase) ThrowCorrupt("bad numeric digit");
  }
  if (count == 0) {
    if (negative || weight != 0) ThrowCorrupt("bad numeric zero");
  } else if (digits[0] == 0 || digits[count - 1] == 0) {
    ThrowCorrupt("unnormalized numeric digits");
  }
  // Every nonzero decimal digit must lie within the display scale.
  int64_t needed_scale = 0;
  const int64_t last_power = weight - static_cast<int64_t>(count) + 1;
  if (count > 0 && last_power < 0) {
    needed_scale = -last_power * Numeric::kDecDigits;
    for (int d = digits[count - 1]; d % 10 == 0; d /= 10) --needed_scale;
  }
  if (dscale > Numeric::kMaxDscale || needed_scale > dscale) ThrowCorrupt("bad numeric scale");
  return Numeric::FromDigits(negative, weight, std::span<const int16_t>(digits, count), dscale);
}

}  // namespace

RowLayout::RowLayout(std::vector<RowColumn> columns) : columns_(std::move(columns)) {
  if (columns_.size() > std::numeric_limits<uint16_t>::max()) {
    throw SqlError(SqlState::kTooManyColumns, "tables can have at most 65535 columns");
  }
  slots_.reserve(columns_.size());
  fixed_bytes_.reserve(columns_.size() + 1);
  var_columns_.reserve(columns_.size() + 1);
  uint32_t fixed = 0;
  uint32_t var = 0;
  fixed_bytes_.push_back(0);
  var_columns_.push_back(0);
  // A domain column holds (and reads back) values of its base type.
  for (RowColumn& column : columns_) column.type = RuntimeTypeOf(column.type);
  for (const RowColumn& column : columns_) {
    const StorageType storage = RequireStorageType(column.type);
    const uint32_t width = FixedWidth(storage);
    if (width != 0) {
      slots_.push_back({storage, fixed});
      fixed += width;
    } else {
      slots_.push_back({storage, var});
      ++var;
    }
    fixed_bytes_.push_back(fixed);
    var_columns_.push_back(var);
  }
}

void AppendRow(const RowLayout& layout, std::span<const Value> values, std::string* dst) {
  const size_t n = layout.column_count();
  assert(values.size() == n);
  auto stored = [&](size_t i) { return !layout.columns_[i].dropped && !values[i].is_null(); };

  // Array columns are stored as their text form (array_out), range and
  // multirange columns in range_value.h's row form.
  std::vector<std::string> array_texts;
  auto var_bytes = [&](size_t i) -> std::string_view {
    if (layout.slots_[i].storage == StorageType::kArray ||
        layout.slots_[i].storage == StorageType::kRange) {
      return array_texts[i];
    }
    return values[i].string_value();
  };
  uint64_t var_total = 0;
  for (size_t i = 0; i < n; ++i) {
    if (FixedWidth(layout.slots_[i].storage) != 0 || !stored(i)) continue;
    if (layout.slots_[i].storage == StorageType::kNumeric) {
      var_total += NumericFieldSize(values[i].numeric_value());
      continue;
    }
    if (layout.slots_[i].storage == StorageType::kArray) {
      array_texts.resize(n);
      array_texts[i] = values[i].is_record() ? FormatRecord(values[i]) : FormatArray(values[i]);
    }
    if (layout.slots_[i].storage == StorageType::kRange) {
      array_texts.resize(n);
      array_texts[i] = EncodeRangeRow(values[i]);
    }
    var_total += var_bytes(i).size();
  }
  if (var_total > std::numeric_limits<uint32_t>::max()) {
    throw SqlError(SqlState::kProgramLimitExceeded, "row is too big");
  }
  const bool wide = var_total > std::numeric_limits<uint16_t>::max();
  const size_t fixed_start = kRowHeaderSize + BitmapBytes(n);
  const size_t offsets_start = fixed_start + layout.fixed_bytes_[n];
  const size_t var_start = offsets_start + layout.var_columns_[n] * (wide ? 4 : 2);

  const size_t start = dst->size();
  dst->resize(start + var_start + var_total);  // zero-filled: NULL bits clear, NULL fields 0
  char* row = dst->data() + start;
  row[0] = static_cast<char>(kRowFormatVersion);
  row[1] = static_cast<char>(wide ? static_cast<uint8_t>(RowFlag::kWideOffsets) : 0);
  Store<uint16_t>(row + 2, static_cast<uint16_t>(n));

  uint32_t var_end = 0;
  for (size_t i = 0; i < n; ++i) {
    const RowLayout::Slot slot = layout.slots_[i];
    const bool fixed = FixedWidth(slot.storage) != 0;
    const Value& value = values[i];
    if (!stored(i)) {
      row[kRowHeaderSize + i / 8] |= static_cast<char>(1 << (i % 8));
    } else if (fixed) {
      char* p = row + fixed_start + slot.position;
      switch (slot.storage) {
        case StorageType::kBool:
          *p = value.bool_value() ? 1 : 0;
          break;
        case StorageType::kInt2:
          Store<int16_t>(p, static_cast<int16_t>(value.int_value()));
          break;
        case StorageType::kInt4:
          Store<int32_t>(p, static_cast<int32_t>(value.int_value()));
          break;
        case StorageType::kInt8:
          Store<int64_t>(p, value.int_value());
          break;
        case StorageType::kFloat4:
          Store<float>(p, static_cast<float>(value.float_value()));
          break;
        case StorageType::kFloat8:
          Store<double>(p, value.float_value());
          break;
        case StorageType::kInterval:
          Store<int64_t>(p, value.interval_value().time);
          Store<int32_t>(p + 8, value.interval_value().day);
          Store<int32_t>(p + 12, value.interval_value().month);
          break;
        case StorageType::kNumeric:
        case StorageType::kBytes:
        case StorageType::kArray:
        case StorageType::kRange:
          break;
      }
    } else {
      char* p = row + var_start + var_end;
      if (slot.storage == StorageType::kNumeric) {
        WriteNumericField(value.numeric_value(), p);
        var_end += static_cast<uint32_t>(NumericFieldSize(value.numeric_value()));
      } else {
        const std::string_view s = var_bytes(i);
        std::memcpy(p, s.data(), s.size());
        var_end += static_cast<uint32_t>(s.size());
      }
    }
    if (!fixed) {
      char* entry = row + offsets_start + slot.position * (wide ? 4 : 2);
      if (wide) {
        Store<uint32_t>(entry, var_end);
      } else {
        Store<uint16_t>(entry, static_cast<uint16_t>(var_end));
      }
    }
  }
}

std::string EncodeRow(const RowLayout& layout, std::span<const Value> values) {
  std::string row;
  AppendRow(layout, values, &row);
  return row;
}

RowView::RowView(const RowLayout& layout, std::string_view bytes) : layout_(&layout) {
  if (bytes.size() < kRowHeaderSize) ThrowCorrupt("truncated header");
  if (static_cast<uint8_t>(bytes[0]) != kRowFormatVersion) {
    ThrowCorrupt("unknown row format version " + std::to_string(static_cast<uint8_t>(bytes[0])));
  }
  const uint8_t flags = static_cast<uint8_t>(bytes[1]);
  if ((flags & ~static_cast<uint8_t>(RowFlag::kWideOffsets)) != 0) ThrowCorrupt("unknown flags");
  wide_offsets_ = (flags & static_cast<uint8_t>(RowFlag::kWideOffsets)) != 0;
  count_ = Load<uint16_t>(bytes.data() + 2);
  if (count_ > layout.column_count()) {
    ThrowCorrupt("row has " + std::to_string(count_) + " columns, the table " +
                 std::to_string(layout.column_count()));
  }
  const size_t fixed_start = kRowHeaderSize + BitmapBytes(count_);
  const size_t offsets_start = fixed_start + layout.fixed_bytes_[count_];
  const size_t var_count = layout.var_columns_[count_];
  const size_t var_start = offsets_start + var_count * (wide_offsets_ ? 4 : 2);
  if (var_start > bytes.size()) ThrowCorrupt("truncated");
  bitmap_ = reinterpret_cast<const uint8_t*>(bytes.data() + kRowHeaderSize);
  fixed_ = bytes.data() + fixed_start;
  offsets_ = bytes.data() + offsets_start;
  var_data_ = bytes.substr(var_start);
  const size_t var_end = var_count == 0  ? 0
                         : wide_offsets_ ? Load<uint32_t>(offsets_ + 4 * (var_count - 1))
                                         : Load<uint16_t>(offsets_ + 2 * (var_count - 1));
  if (var_end != var_data_.size()) ThrowCorrupt("size does not match its offsets");
}

bool RowView::IsNull(size_t i) const {
  const RowColumn& column = layout_->columns_[i];
  if (column.dropped) return true;
  if (!Stored(i)) return column.missing_default.is_null();
  return ((bitmap_[i / 8] >> (i % 8)) & 1) != 0;
}

std::string_view RowView::Var(size_t i) const {
  const uint32_t k = layout_->slots_[i].position;
  auto entry = [this](uint32_t j) -> uint32_t {
    return wide_offsets_ ? Load<uint32_t>(offsets_ + 4 * j) : Load<uint16_t>(offsets_ + 2 * j);
  };
  const uint32_t begin = k == 0 ? 0 : entry(k - 1);
  const uint32_t end = entry(k);
  if (begin > end || end > var_data_.size()) ThrowCorrupt("bad field offsets");
  return var_data_.substr(begin, end - begin);
}

bool RowView::GetBool(size_t i) const {
  assert(layout_->slots_[i].storage == StorageType::kBool);
  if (!Stored(i)) return layout_->columns_[i].missing_default.bool_value();
  return *Fixed(i) != 0;
}

int64_t RowView::GetInt(size_t i) const {
  if (!Stored(i)) return layout_->columns_[i].missing_default.int_value();
  switch (layout_->slots_[i].storage) {
    case StorageType::kInt2:
      return Load<int16_t>(Fixed(i));
    case StorageType::kInt4:
      return Load<int32_t>(Fixed(i));
    case StorageType::kInt8:
      return Load<int64_t>(Fixed(i));
    default:
      assert(false && "GetInt on a non-integer column");
      return 0;
  }
}

double RowView::GetFloat(size_t i) const {
  if (!Stored(i)) return layout_->columns_[i].missing_default.float_value();
  switch (layout_->slots_[i].storage) {
    case StorageType::kFloat4:
      return Load<float>(Fixed(i));
    case StorageType::kFloat8:
      return Load<double>(Fixed(i));
    default:
      assert(false && "GetFloat on a non-float column");
      return 0;
  }
}

std::string_view RowView::GetBytes(size_t i) const {
  assert(layout_->slots_[i].storage == StorageType::kBytes);
  if (!Stored(i)) return layout_->columns_[i].missing_default.string_value();
  return Var(i);
}

Interval RowView::GetInterval(size_t i) const {
  assert(layout_->slots_[i].storage == StorageType::kInterval);
  if (!Stored(i)) return layout_->columns_[i].missing_default.interval_value();
  const char* p = Fixed(i);
  return Interval{Load<int64_t>(p), Load<int32_t>(p + 8), Load<int32_t>(p + 12)};
}

Numeric RowView::GetNumeric(size_t i) const {
  assert(layout_->slots_[i].storage == StorageType::kNumeric);
  if (!Stored(i)) return layout_->columns_[i].missing_default.numeric_value();
  return ReadNumericField(Var(i));
}

Value RowView::Get(size_t i) const {
  const Oid type = layout_->columns_[i].type;
  if (IsNull(i)) return Value::Null(type);
  switch (layout_->slots_[i].storage) {
    case StorageType::kBool:
      return Value::Bool(GetBool(i));
    case StorageType::kInt2:
    case StorageType::kInt4:
    case StorageType::kInt8:
      return Value::Integer(type, GetInt(i));
    case StorageType::kFloat4:
      return Value::Float4(static_cast<float>(GetFloat(i)));
    case StorageType::kFloat8:
      return Value::Float8(GetFloat(i));
    case StorageType::kNumeric:
      return Value::FromNumeric(GetNumeric(i));
    case StorageType::kBytes:
      return Value::String(type, std::string(GetBytes(i)));
    case StorageType::kArray:
      if (!Stored(i)) return layout_->columns_[i].missing_default;
      if (IsCompositeType(BaseTypeOf(type))) {
        return ParseRecord(BaseTypeOf(type), Var(i), /*stored=*/true);
      }
      return ParseArray(type, Var(i));
    case StorageType::kRange:
      if (!Stored(i)) return layout_->columns_[i].missing_default;
      return DecodeRangeRow(type, Var(i));
    case StorageType::kInterval:
      return Value::FromInterval(GetInterval(i));
  }
  return Value::Null(type);
}

std::vector<Value> DecodeRow(const RowLayout& layout, std::string_view bytes) {
  RowView view(layout, bytes);
  std::vector<Value> values;
  values.reserve(layout.column_count());
  for (size_t i = 0; i < layout.column_count(); ++i) values.push_back(view.Get(i));
  return values;
}

void DecodeRowInto(const RowLayout& layout, std::string_view bytes,
                   const std::vector<bool>& decode, std::vector<Value>* out) {
  RowView view(layout, bytes);
  const size_t n = layout.column_count();
  out->resize(n);
  if (decode.empty()) {
    for (size_t i = 0; i < n; ++i) (*out)[i] = view.Get(i);
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    if (i >= decode.size() || decode[i]) {
      (*out)[i] = view.Get(i);
      continue;
    }
    // Left NULL: usually it already is, from the previous row.
    Value& v = (*out)[i];
    const Oid type = layout.column(i).type;
    if (!v.is_null() || v.type() != type) v = Value::Null(type);
  }
}

}  // namespace strata::sql
