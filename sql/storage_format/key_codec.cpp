// Key codec: encoders and the KeyReader decoder for the format in key_codec.h.
// Encoders write the ascending form and invert the column's bytes in place for
// DESC; the reader instead XORs every byte it reads with the column's mask
// (0x00 ASC, 0xFF DESC), so neither direction copies the key.
#include "sql/storage_format/key_codec.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstring>

#include "common/coding.h"
#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/types/range_value.h"
#include "sql/types/composite_type.h"
#include "sql/types/record_value.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

constexpr uint8_t kStringEscape = 0xFF;  // after a 0x00 content byte
constexpr uint8_t kStringEnd = 0x01;     // after the 0x00 that ends a string
constexpr uint8_t kDigitsEnd = 0x00;     // after the last numeric digit
constexpr uint16_t kDigitBias = 0x0100;
constexpr uint16_t kWeightBias = 0x8000;

constexpr uint64_t kSign64 = uint64_t{1} << 63;
constexpr uint32_t kSign32 = uint32_t{1} << 31;
constexpr uint64_t kCanonicalNaN64 = 0x7FF8000000000000;
constexpr uint32_t kCanonicalNaN32 = 0x7FC00000;

[[noreturn]] void ThrowMalformed(const char* what) {
  throw SqlError(SqlState::kDataCorrupted, std::string("malformed key: ") + what);
}

void PutByte(std::string* dst, uint8_t b) { dst->push_back(static_cast<char>(b)); }

void InvertFrom(std::string* dst, size_t start) {
  char* p = dst->data();
  const size_t n = dst->size();
  for (size_t i = start; i < n; ++i) p[i] = static_cast<char>(~p[i]);
}

// Nulls sort below values in the ascending (pre-inversion) form.
bool NullsLow(const KeyColumn& column) { return column.nulls_first != column.descending; }

// Order-preserving unsigned images of IEEE floats: positives get the sign bit
// set, negatives are inverted (so larger magnitudes sort lower).
uint64_t Float8KeyBits(double v) {
  uint64_t bits = kCanonicalNaN64;
  if (!std::isnan(v)) bits = v == 0 ? 0 : std::bit_cast<uint64_t>(v);
  return (bits & kSign64) != 0 ? ~bits : bits | kSign64;
}
double Float8FromKeyBits(uint64_t k) {
  return std::bit_cast<double>((k & kSign64) != 0 ? k ^ kSign64 : ~k);
}
uint32_t Float4KeyBits(float v) {
  uint32_t bits = kCanonicalNaN32;
  if (!std::isnan(v)) bits = v == 0 ? 0 : std::bit_cast<uint32_t>(v);
  return (bits & kSign32) != 0 ? ~bits : bits | kSign32;
}
float Float4FromKeyBits(uint32_t k) {
  return std::bit_cast<float>((k & kSign32) != 0 ? k ^ kSign32 : ~k);
}

// Weight and digits of a nonzero finite numeric's magnitude, ascending form.
void AppendNumericMagnitude(const Numeric& n, std::string* dst) {
  std::span<const int16_t> digits = n.digits();
  const size_t start = dst->size();
  dst->resize(start + 2 + 2 * digits.size() + 1);
  char* p = dst->data() + start;
  EncodeBigEndian16(p, static_cast<uint16_t>(n.weight() + kWeightBias));
  p += 2;
  for (int16_t d : digits) {
    EncodeBigEndian16(p, static_cast<uint16_t>(d + kDigitBias));
    p += 2;
  }
  *p = static_cast<char>(kDigitsEnd);
}

void AppendNumeric(const Numeric& n, std::string* dst) {
  if (n.is_nan()) {
    PutByte(dst, static_cast<uint8_t>(NumericKeyClass::kNaN));
  } else if (n.is_infinite()) {
    PutByte(dst, static_cast<uint8_t>(n.Sign() < 0 ? NumericKeyClass::kNegInfinity
                                                   : NumericKeyClass::kPosInfinity));
  } else if (n.is_zero()) {
    PutByte(dst, static_cast<uint8_t>(NumericKeyClass::kZero));
  } else if (n.Sign() > 0) {
    PutByte(dst, static_cast<uint8_t>(NumericKeyClass::kPositive));
    AppendNumericMagnitude(n, dst);
  } else {
    PutByte(dst, static_cast<uint8_t>(NumericKeyClass::kNegative));
    const size_t start = dst->size();
    AppendNumericMagnitude(n, dst);
    InvertFrom(dst, start);
  }
}

void AppendEscapedBytes(std::string_view s, std::string* dst) {
  while (true) {
    const void* zero = std::memchr(s.data(), 0, s.size());
    if (zero == nullptr) {
      dst->append(s);
      break;
    }
    const size_t n = static_cast<size_t>(static_cast<const char*>(zero) - s.data()) + 1;
    dst->append(s.data(), n);  // through the 0x00
    PutByte(dst, kStringEscape);
    s.remove_prefix(n);
  }
  const char end[2] = {0x00, static_cast<char>(kStringEnd)};
  dst->append(end, 2);
}

void AppendRangeKey(Oid type, const Value& value, std::string* dst);

// The ascending form of a non-NULL value. New fixed-width types (date, time,
// timestamp: see storage_type.h) reuse the sign-flipped big-endian integer
// cases; uuid appends its 16 bytes unchanged.
void AppendValue(const KeyColumn& column, const Value& value, std::string* dst) {
  char buf[8];
  switch (column.storage) {
    case StorageType::kBool:
      PutByte(dst, value.bool_value() ? 1 : 0);
      return;
    case StorageType::kInt2:
      EncodeBigEndian16(
          buf, static_cast<uint16_t>(static_cast<int16_t>(value.int_value())) ^ uint16_t{0x8000});
      dst->append(buf, 2);
      return;
    case StorageType::kInt4:
      EncodeBigEndian32(buf,
                        static_cast<uint32_t>(static_cast<int32_t>(value.int_value())) ^ kSign32);
      dst->append(buf, 4);
      return;
    case StorageType::kInt8:
      EncodeBigEndian64(buf, static_cast<uint64_t>(value.int_value()) ^ kSign64);
      dst->append(buf, 8);
      return;
    case StorageType::kFloat4:
      EncodeBigEndian32(buf, Float4KeyBits(static_cast<float>(value.float_value())));
      dst->append(buf, 4);
      return;
    case StorageType::kFloat8:
      EncodeBigEndian64(buf, Float8KeyBits(value.float_value()));
      dst->append(buf, 8);
      return;
    case StorageType::kNumeric:
      AppendNumeric(value.numeric_value(), dst);
      return;
    case StorageType::kBytes:
      if (column.is_enum) {
        EncodeBigEndian32(buf, Float4KeyBits(EnumSortOrder(column.type, value.string_value())));
        dst->append(buf, 4);
        return;
      }
      if (column.type == type_oid::kBpchar) {
        // bpchar compares without trailing spaces: 'a' and 'a  ' are one key.
        const std::string& s = value.string_value();
        const size_t end = s.find_last_not_of(' ');
        AppendEscapedBytes(end == std::string::npos ? std::string_view()
                                                    : std::string_view(s).substr(0, end + 1),
                           dst);
        return;
      }
      AppendEscapedBytes(value.string_value(), dst);
      return;
    case StorageType::kArray:
      // A composite value: each field as an ascending key column of its
      // own type (NULL fields after values, as record_cmp orders them),
      // then 0x00, below every marker, so a record sorts before longer ones.
      if (value.is_record()) {
        for (const Value& field : value.record_value().fields) {
          AppendKeyDatum(KeyColumn(field.type()), field, dst);
        }
        PutByte(dst, 0x00);
      }
      return;  // arrays are rejected by KeyColumn
    case StorageType::kRange:
      AppendRangeKey(column.type, value, dst);
      return;
    case StorageType::kInterval: {
      const auto v = static_cast<unsigned __int128>(datetime::IntervalCmpValue(
                         value.interval_value())) ^
                     (static_cast<unsigned __int128>(1) << 127);
      EncodeBigEndian64(buf, static_cast<uint64_t>(v >> 64));
      dst->append(buf, 8);
      EncodeBigEndian64(buf, static_cast<uint64_t>(v));
      dst->append(buf, 8);
      return;
    }
  }
}

// Byte reads for KeyReader: `in` is consumed from the front, each byte XORed
// with `mask` on the way out.
class MaskedInput {
 public:
  MaskedInput(std::string_view* in, uint8_t mask) : in_(in), mask_(mask) {}

  uint8_t Byte() {
    if (in_->empty()) ThrowMalformed("truncated");
    const uint8_t b = static_cast<uint8_t>(in_->front()) ^ mask_;
    in_->remove_prefix(1);
    return b;
  }
  // The next n bytes, unmasked, in big-endian order.
  uint64_t BigEndian(size_t n) {
    if (in_->size() < n) ThrowMalformed("truncated");
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | (static_cast<uint8_t>((*in_)[i]) ^ mask_);
    in_->remove_prefix(n);
    return v;
  }
  // An escaped string; appends its bytes to *out unless out is null.
  void EscapedBytes(std::string* out) {
    const char escape = static_cast<char>(mask_);  // a 0x00 byte, masked
    while (true) {
      const void* hit = std::memchr(in_->data(), escape, in_->size());
      if (hit == nullptr) ThrowMalformed("unterminated string");
      const size_t n = static_cast<size_t>(static_cast<const char*>(hit) - in_->data());
      if (n + 1 >= in_->size()) ThrowMalformed("unterminated string");
      if (out != nullptr) {
        const size_t at = out->size();
        out->append(in_->data(), n);
        if (mask_ != 0) InvertFrom(out, at);
      }
      const uint8_t next = static_cast<uint8_t>((*in_)[n + 1]) ^ mask_;
      in_->remove_prefix(n + 2);
      if (next == kStringEnd) return;
      if (next != kStringEscape) ThrowMalformed("bad string escape");
      if (out != nullptr) out->push_back('\0');
    }
  }

  void set_mask(uint8_t mask) { mask_ = mask; }

 private:
  std::string_view* in_;
  uint8_t mask_;
};

// Up to kInline digits on the stack; longer numerics spill to the heap.
class DigitBuffer {
 public:
  void Push(int16_t d) {
    if (size_ < kInline) {
      inline_[size_] = d;
    } else {
      if (size_ == kInline) heap_.assign(inline_.begin(), inline_.end());
      heap_.push_back(d);
    }
    ++size_;
  }
  size_t size() const { return size_; }
  std::span<const int16_t> view() const {
    if (size_ <= kInline) return std::span<const int16_t>(inline_.data(), size_);
    return heap_;
  }

 private:
  static constexpr size_t kInline = 64;
  std::array<int16_t, kInline> inline_;
  std::vector<int16_t> heap_;
  size_t size_ = 0;
};

// Reads a numeric encoded with `mask`; builds the value unless `skip`.
Numeric ReadNumeric(MaskedInput* in, uint8_t mask, bool skip) {
  bool negative = false;
  switch (static_cast<NumericKeyClass>(in->Byte())) {
    case NumericKeyClass::kNegInfinity:
      return Numeric::Infinity(true);
    case NumericKeyClass::kPosInfinity:
      return Numeric::Infinity(false);
    case NumericKeyClass::kNaN:
      return Numeric::NaN();
    case NumericKeyClass::kZero:
      return Numeric();
    case NumericKeyClass::kPositive:
      break;
    case NumericKeyClass::kNegative:
      negative = true;
      break;
    default:
      ThrowMalformed("bad numeric class");
  }
  // A negative magnitude is stored inverted: undo that on top of DESC's mask.
  in->set_mask(negative ? mask ^ 0xFF : mask);
  const int weight = static_cast<int>(in->BigEndian(2)) - kWeightBias;
  DigitBuffer digits;
  size_t count = 0;
  int last = 0;
  while (true) {
    const uint8_t hi = in->Byte();
    if (hi == kDigitsEnd) break;
    last = ((hi << 8) | in->Byte()) - kDigitBias;
    if (last < 0 || last >= Numeric::kBase) ThrowMalformed("bad numeric digit");
    if (count == 0 && last == 0) ThrowMalformed("leading zero numeric digit");
    if (!skip) digits.Push(static_cast<int16_t>(last));
    ++count;
  }
  in->set_mask(mask);
  if (count == 0 || last == 0) ThrowMalformed("bad numeric digits");
  if (skip) return Numeric();
  // The smallest display scale that shows every digit: decimal places of the
  // last base-10000 digit, less its trailing decimal zeros.
  const int64_t last_power = weight - static_cast<int64_t>(count) + 1;
  int64_t dscale = 0;
  if (last_power < 0) {
    dscale = -last_power * Numeric::kDecDigits;
    for (int d = last; d % 10 == 0; d /= 10) --dscale;
  }
  if (dscale > Numeric::kMaxDscale) ThrowMalformed("numeric scale out of range");
  return Numeric::FromDigits(negative, weight, digits.view(), static_cast<int>(dscale));
}

Value ReadRangeKey(std::string_view* key, const KeyColumn& column, bool skip);

// Reads (skip = false) or steps over (skip = true) one column's value.
Value ReadColumn(std::string_view* key, const KeyColumn& column, bool skip) {
  const uint8_t mask = column.descending ? 0xFF : 0x00;
  MaskedInput in(key, mask);
  const auto marker = static_cast<KeyMarker>(in.Byte());
  if (marker != KeyMarker::kValue) {
    const KeyMarker null_marker = NullsLow(column) ? KeyMarker::kNullLow : KeyMarker::kNullHigh;
    if (marker != null_marker) ThrowMalformed("bad column marker");
    return Value::Null(column.type);
  }
  switch (column.storage) {
    case StorageType::kBool: {
      const uint8_t b = in.Byte();
      if (b > 1) ThrowMalformed("bad bool");
      return Value::Bool(b != 0);
    }
    case StorageType::kInt2:
      return Value::Integer(column.type, static_cast<int16_t>(in.BigEndian(2) ^ 0x8000));
    case StorageType::kInt4:
      return Value::Integer(column.type, static_cast<int32_t>(in.BigEndian(4) ^ kSign32));
    case StorageType::kInt8:
      return Value::Integer(column.type, static_cast<int64_t>(in.BigEndian(8) ^ kSign64));
    case StorageType::kFloat4:
      return Value::Float4(Float4FromKeyBits(static_cast<uint32_t>(in.BigEndian(4))));
    case StorageType::kFloat8:
      return Value::Float8(Float8FromKeyBits(in.BigEndian(8)));
    case StorageType::kNumeric: {
      Numeric n = ReadNumeric(&in, mask, skip);
      if (skip) return Value();
      return Value::FromNumeric(std::move(n));
    }
    case StorageType::kBytes: {
      if (column.is_enum) {
        const float order = Float4FromKeyBits(static_cast<uint32_t>(in.BigEndian(4)));
        if (skip) return Value();
        return Value::String(column.type, EnumLabelAt(column.type, order));
      }
      if (skip) {
        in.EscapedBytes(nullptr);
        return Value();
      }
      std::string s;
      in.EscapedBytes(&s);
      return Value::String(column.type, std::move(s));
    }
    case StorageType::kArray:
      ThrowMalformed("array in a key");
    case StorageType::kRange:
      return ReadRangeKey(key, column, skip);
    case StorageType::kInterval: {
      unsigned __int128 v = static_cast<unsigned __int128>(in.BigEndian(8)) << 64;
      v |= in.BigEndian(8);
      const auto span = static_cast<__int128>(v ^ (static_cast<unsigned __int128>(1) << 127));
      // Lossy: an equal interval, with as many whole 30-day months and then
      // days as the fields hold (every encoded span fits this way).
      auto clamp32 = [](__int128 x) {
        return static_cast<int32_t>(x < INT32_MIN ? INT32_MIN : (x > INT32_MAX ? INT32_MAX : x));
      };
      const __int128 days = span / datetime::kUsecsPerDay;
      const int32_t month = clamp32(days / datetime::kDaysPerMonth);
      const int32_t day = clamp32(days - static_cast<__int128>(month) * datetime::kDaysPerMonth);
      const __int128 time =
          span - (static_cast<__int128>(month) * datetime::kDaysPerMonth + day) *
                     datetime::kUsecsPerDay;
      if (time < INT64_MIN || time > INT64_MAX) ThrowMalformed("interval out of range");
      return Value::FromInterval(Interval{static_cast<int64_t>(time), day, month});
    }
  }
  return Value();
}

// Ranges (ascending form): 0x00 for empty, else 0x01, the lower bound, the
// upper bound. A bound is the subtype's column encoding with an infinite
// bound as its NULL (lower: NULLS FIRST, 0x00; upper: NULLS LAST, 0x02), a
// finite one followed by 0x00 / 0x01: inclusive lower 0x00, exclusive 0x01;
// exclusive upper 0x00, inclusive 0x01 -- range_cmp_bounds' order.
// Multiranges: each range as 0x01 + its range encoding, then 0x00, so a
// multirange sorts before its extensions as in multirange_cmp.
struct RangeKeyColumns {
  KeyColumn lower;
  KeyColumn upper;
};
const RangeKeyColumns& BoundColumns(Oid subtype, bool descending) {
  static const std::vector<std::pair<Oid, std::array<RangeKeyColumns, 2>>> columns = [] {
    std::vector<std::pair<Oid, std::array<RangeKeyColumns, 2>>> out;
    for (const RangeTypeInfo& info : AllRangeTypes()) {
      const Oid sub = info.subtype;
      out.push_back(
          {sub,
           {RangeKeyColumns{KeyColumn(sub, SortDirection::kAscending, NullsOrder::kFirst),
                            KeyColumn(sub, SortDirection::kAscending, NullsOrder::kLast)},
            // Read back under DESC's mask: the same bytes, inverted.
            RangeKeyColumns{KeyColumn(sub, SortDirection::kDescending, NullsOrder::kLast),
                            KeyColumn(sub, SortDirection::kDescending, NullsOrder::kFirst)}}});
    }
    return out;
  }();
  for (const auto& [sub, cols] : columns) {
    if (sub == subtype) return cols[descending ? 1 : 0];
  }
  ThrowMalformed("range subtype");
}

void AppendOneRange(Oid subtype, const RangeValue& r, std::string* dst) {
  if (r.empty) {
    PutByte(dst, 0x00);
    return;
  }
  PutByte(dst, 0x01);
  const RangeKeyColumns& cols = BoundColumns(subtype, false);
  AppendKeyDatum(cols.lower, r.lower, dst);
  if (!r.lower.is_null()) PutByte(dst, r.lower_inc ? 0x00 : 0x01);
  AppendKeyDatum(cols.upper, r.upper, dst);
  if (!r.upper.is_null()) PutByte(dst, r.upper_inc ? 0x01 : 0x00);
}

void AppendRangeKey(Oid type, const Value& value, std::string* dst) {
  const RangeTypeInfo* info = FindRangeType(type);
  if (info == nullptr) ThrowMalformed("range type");
  if (IsMultirangeType(type)) {
    for (const RangeValue& r : value.multirange_value().ranges) {
      PutByte(dst, 0x01);
      AppendOneRange(info->subtype, r, dst);
    }
    PutByte(dst, 0x00);
    return;
  }
  AppendOneRange(info->subtype, value.range_value(), dst);
}

RangeValue ReadOneRange(std::string_view* key, Oid subtype, bool descending) {
  MaskedInput in(key, descending ? 0xFF : 0x00);
  RangeValue r;
  const uint8_t kind = in.Byte();
  if (kind == 0x00) {
    r.empty = true;
    return r;
  }
  if (kind != 0x01) ThrowMalformed("bad range");
  const RangeKeyColumns& cols = BoundColumns(subtype, descending);
  r.lower = ReadColumn(key, cols.lower, false);
  if (!r.lower.is_null()) r.lower_inc = in.Byte() == 0x00;
  r.upper = ReadColumn(key, cols.upper, false);
  if (!r.upper.is_null()) r.upper_inc = in.Byte() == 0x01;
  return r;
}

Value ReadRangeKey(std::string_view* key, const KeyColumn& column, bool skip) {
  const RangeTypeInfo* info = FindRangeType(column.type);
  if (info == nullptr) ThrowMalformed("range type");
  if (IsMultirangeType(column.type)) {
    MaskedInput in(key, column.descending ? 0xFF : 0x00);
    std::vector<RangeValue> ranges;
    while (true) {
      const uint8_t more = in.Byte();
      if (more == 0x00) break;
      if (more != 0x01) ThrowMalformed("bad multirange");
      ranges.push_back(ReadOneRange(key, info->subtype, column.descending));
    }
    if (skip) return Value();
    auto mr = std::make_shared<MultirangeValue>();
    mr->ranges = std::move(ranges);
    return Value::Multirange(column.type, std::move(mr));
  }
  RangeValue r = ReadOneRange(key, info->subtype, column.descending);
  if (skip) return Value();
  return Value::Range(column.type, std::make_shared<const RangeValue>(std::move(r)));
}

}  // namespace

KeyColumn::KeyColumn(Oid type, SortDirection direction, NullsOrder nulls)
    : type(RuntimeTypeOf(type)),  // a domain's values are its base type's
      storage(RequireStorageType(type)),
      descending(direction == SortDirection::kDescending),
      nulls_first(nulls == NullsOrder::kDefault ? descending : nulls == NullsOrder::kFirst),
      is_enum(storage == StorageType::kBytes && this->type >= catalog::kFirstNormalObjectId &&
              IsEnumType(this->type)) {
  // The geometric types (600-604, 628, 718) have no btree opclass: they
  // cannot be sorted (ORDER BY raises PostgreSQL's error) nor be keys.
  if ((type >= 600 && type <= 604) || type == 628 || type == 718) {
    throw SqlError(SqlState::kUndefinedFunction,
                   "could not identify an ordering operator for type " + FormatTypeName(type))
        .WithHint("Use an explicit ordering operator or modify the query.");
  }
  if ((storage == StorageType::kArray && !IsCompositeType(this->type)) ||
      type == type_oid::kJson || type == type_oid::kJsonb) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "key columns of type " + FormatTypeName(type) + " are not supported yet");
  }
}

bool KeyDecodeIsExact(Oid type) {
  type = RuntimeTypeOf(type);
  if (type == type_oid::kBpchar) return false;  // trailing spaces are dropped
  if (IsCompositeType(type)) return false;       // composites do not decode
  switch (RequireStorageType(type)) {
    case StorageType::kFloat4:
    case StorageType::kFloat8:
    case StorageType::kNumeric:
    case StorageType::kInterval:
      return false;
    case StorageType::kRange:  // numrange bounds lose their display scale
      return FindRangeType(type) == nullptr || FindRangeType(type)->subtype != type_oid::kNumeric;
    default:
      return true;
  }
}

bool KeyEncodingDecidesEquality(Oid type) {
  type = RuntimeTypeOf(type);
  switch (type) {
    case type_oid::kBool:
    case type_oid::kInt2:
    case type_oid::kInt4:
    case type_oid::kInt8:
    case type_oid::kText:
    case type_oid::kVarchar:
    case type_oid::kNumeric:
    case type_oid::kDate:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
    case type_oid::kUuid:
    case 1560:  // bit, varbit: biteq is payload equality (bit_string.h)
    case 1562:
      return true;
    default:
      if (IsEnumType(type)) return true;
      // range_eq / multirange_eq: equal bounds and flags, compared as the
      // subtype compares (all of ours decide equality by their keys).
      if (IsRangeType(type) || IsMultirangeType(type)) return true;
      return false;
  }
}

void AppendKeyMarker(const KeyColumn& column, bool is_null, std::string* dst) {
  KeyMarker marker = KeyMarker::kValue;
  if (is_null) marker = NullsLow(column) ? KeyMarker::kNullLow : KeyMarker::kNullHigh;
  const uint8_t b = static_cast<uint8_t>(marker);
  PutByte(dst, column.descending ? static_cast<uint8_t>(~b) : b);
}

void AppendKeyDatum(const KeyColumn& column, const Value& value, std::string* dst) {
  const size_t start = dst->size();
  AppendKeyMarker(column, value.is_null(), dst);
  if (value.is_null()) return;
  AppendValue(column, value, dst);
  if (column.descending) InvertFrom(dst, start + 1);  // the marker is inverted already
}

void AppendKey(std::span<const KeyColumn> columns, std::span<const Value> values,
               std::string* dst) {
  for (size_t i = 0; i < values.size(); ++i) AppendKeyDatum(columns[i], values[i], dst);
}

std::string EncodeKey(std::span<const KeyColumn> columns, std::span<const Value> values) {
  std::string key;
  AppendKey(columns, values, &key);
  return key;
}

Value KeyReader::Read(const KeyColumn& column) { return ReadColumn(&in_, column, false); }

void KeyReader::Skip(const KeyColumn& column) { ReadColumn(&in_, column, true); }

uint64_t KeyReader::ReadRowId() {
  if (in_.size() < kRowIdKeySize) ThrowMalformed("truncated row id");
  const uint64_t id = DecodeBigEndian64(in_.data());
  in_.remove_prefix(kRowIdKeySize);
  return id;
}

std::vector<Value> DecodeKey(std::span<const KeyColumn> columns, std::string_view key) {
  KeyReader reader(key);
  std::vector<Value> values;
  values.reserve(columns.size());
  for (const KeyColumn& column : columns) values.push_back(reader.Read(column));
  if (!reader.empty()) ThrowMalformed("trailing bytes");
  return values;
}

std::optional<std::string> PrefixSuccessor(std::string_view prefix) {
  while (!prefix.empty() && static_cast<uint8_t>(prefix.back()) == 0xFF) prefix.remove_suffix(1);
  if (prefix.empty()) return std::nullopt;
  std::string next(prefix);
  next.back() = static_cast<char>(static_cast<uint8_t>(next.back()) + 1);
  return next;
}

void AppendRowIdKey(uint64_t row_id, std::string* dst) { PutBigEndian64(dst, row_id); }

uint64_t DecodeRowIdKey(std::string_view key) {
  if (key.size() != kRowIdKeySize) ThrowMalformed("row id key is not 8 bytes");
  return DecodeBigEndian64(key.data());
}

}  // namespace strata::sql
