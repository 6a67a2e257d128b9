// Construction, canonicalization, ordering and the row form of range and
// multirange values (see range_value.h).
#include "sql/types/range_value.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "common/sql_error.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

using namespace range_oid;

constexpr std::array<RangeTypeInfo, 6> kRangeTypes = {{
    {kInt4Range, type_oid::kInt4, kInt4Multirange, 3905, 6150, true},
    {kNumRange, type_oid::kNumeric, kNumMultirange, 3907, 6151, false},
    {kTsRange, type_oid::kTimestamp, kTsMultirange, 3909, 6152, false},
    {kTstzRange, type_oid::kTimestampTz, kTstzMultirange, 3911, 6153, false},
    {kDateRange, type_oid::kDate, kDateMultirange, 3913, 6155, true},
    {kInt8Range, type_oid::kInt8, kInt8Multirange, 3927, 6157, true},
}};

// The next value of a discrete subtype (int4pl / int8pl / date_pli by 1).
Value NextValue(const Value& v) {
  const int64_t x = v.int_value();
  switch (v.type()) {
    case type_oid::kInt4:
      if (x >= INT32_MAX) throw SqlError(SqlState::kNumericValueOutOfRange, "integer out of range");
      return Value::Int4(x + 1);
    case type_oid::kInt8:
      if (x == INT64_MAX) throw SqlError(SqlState::kNumericValueOutOfRange, "bigint out of range");
      return Value::Int8(x + 1);
    default:  // date
      if (x + 1 >= INT32_MAX) throw SqlError(SqlState::kDatetimeValueOutOfRange, "date out of range");
      return Value::Date(static_cast<int32_t>(x + 1));
  }
}

// Whether a discrete bound value steps to its successor: not the date
// infinities (daterange_canonical leaves them and their inclusivity alone).
bool Steps(const Value& v) {
  return !v.is_null() &&
         !(v.type() == type_oid::kDate && (v.int_value() == INT32_MAX || v.int_value() == INT32_MIN));
}

// range_serialize's checks: reversed bounds fail, equal ones that are not
// both inclusive make the range empty.
bool CheckBounds(const Value& lower, const Value& upper, bool lower_inc, bool upper_inc) {
  if (lower.is_null() || upper.is_null()) return false;
  const int c = CompareValues(lower, upper);
  if (c > 0) {
    throw SqlError(SqlState::kDataException,
                   "range lower bound must be less than or equal to range upper bound");
  }
  return c == 0 && !(lower_inc && upper_inc);
}

void PutU32(std::string* out, uint32_t v) {
  char buf[4];
  std::memcpy(buf, &v, 4);
  out->append(buf, 4);
}
uint32_t GetU32(std::string_view* in) {
  if (in->size() < 4) throw SqlError(SqlState::kDataCorrupted, "malformed range value");
  uint32_t v;
  std::memcpy(&v, in->data(), 4);
  in->remove_prefix(4);
  return v;
}
std::string_view GetBytes(std::string_view* in, uint32_t n) {
  if (in->size() < n) throw SqlError(SqlState::kDataCorrupted, "malformed range value");
  std::string_view s = in->substr(0, n);
  in->remove_prefix(n);
  return s;
}

enum RowFlag : uint8_t {
  kEmpty = 0x01,
  kLowerInc = 0x02,
  kUpperInc = 0x04,
  kLowerInf = 0x08,
  kUpperInf = 0x10,
};

void PutBound(const Value& v, std::string* out) {
  if (v.type() == type_oid::kNumeric) {
    const std::string s = v.numeric_value().ToString();
    PutU32(out, static_cast<uint32_t>(s.size()));
    out->append(s);
    return;
  }
  const int64_t x = v.int_value();
  PutU32(out, 8);
  char buf[8];
  std::memcpy(buf, &x, 8);
  out->append(buf, 8);
}

Value GetBound(Oid subtype, std::string_view* in) {
  const std::string_view bytes = GetBytes(in, GetU32(in));
  if (subtype == type_oid::kNumeric) return Value::FromNumeric(Numeric::Parse(bytes));
  if (bytes.size() != 8) throw SqlError(SqlState::kDataCorrupted, "malformed range value");
  int64_t x;
  std::memcpy(&x, bytes.data(), 8);
  if (subtype == type_oid::kDate) return Value::Date(static_cast<int32_t>(x));
  return Value::Integer(subtype, x);
}

void EncodeOneRange(const RangeValue& r, std::string* out) {
  uint8_t flags = 0;
  if (r.empty) flags |= kEmpty;
  if (r.lower_inc) flags |= kLowerInc;
  if (r.upper_inc) flags |= kUpperInc;
  if (!r.empty && r.lower.is_null()) flags |= kLowerInf;
  if (!r.empty && r.upper.is_null()) flags |= kUpperInf;
  out->push_back(static_cast<char>(flags));
  if (!r.lower.is_null()) PutBound(r.lower, out);
  if (!r.upper.is_null()) PutBound(r.upper, out);
}

RangeValue DecodeOneRange(Oid subtype, std::string_view* in) {
  const std::string_view f = GetBytes(in, 1);
  const auto flags = static_cast<uint8_t>(f[0]);
  RangeValue r;
  r.empty = (flags & kEmpty) != 0;
  r.lower_inc = (flags & kLowerInc) != 0;
  r.upper_inc = (flags & kUpperInc) != 0;
  r.lower = Value::Null(subtype);
  r.upper = Value::Null(subtype);
  if (r.empty) return r;
  if ((flags & kLowerInf) == 0) r.lower = GetBound(subtype, in);
  if ((flags & kUpperInf) == 0) r.upper = GetBound(subtype, in);
  return r;
}

}  // namespace

const RangeTypeInfo* FindRangeType(Oid type) {
  for (const RangeTypeInfo& info : kRangeTypes) {
    if (info.range == type || info.multirange == type) return &info;
  }
  return nullptr;
}

bool IsRangeType(Oid type) {
  const RangeTypeInfo* info = FindRangeType(type);
  return info != nullptr && info->range == type;
}

bool IsMultirangeType(Oid type) {
  const RangeTypeInfo* info = FindRangeType(type);
  return info != nullptr && info->multirange == type;
}

std::span<const RangeTypeInfo> AllRangeTypes() { return kRangeTypes; }

RangeValue MakeRangeValue(Oid range_type, Value lower, Value upper, bool lower_inc,
                          bool upper_inc) {
  const RangeTypeInfo* info = FindRangeType(range_type);
  RangeValue r;
  if (lower.is_null()) lower_inc = false;
  if (upper.is_null()) upper_inc = false;
  if (CheckBounds(lower, upper, lower_inc, upper_inc)) {
    r.empty = true;
  } else if (info != nullptr && info->discrete) {
    if (Steps(lower) && !lower_inc) {
      lower = NextValue(lower);
      lower_inc = true;
    }
    if (Steps(upper) && upper_inc) {
      upper = NextValue(upper);
      upper_inc = false;
    }
    r.empty = CheckBounds(lower, upper, lower_inc, upper_inc);
  }
  const Oid subtype = info != nullptr ? info->subtype : type_oid::kInvalid;
  if (r.empty) {
    r.lower = Value::Null(subtype);
    r.upper = Value::Null(subtype);
    return r;
  }
  r.lower = std::move(lower);
  r.upper = std::move(upper);
  r.lower_inc = lower_inc;
  r.upper_inc = upper_inc;
  return r;
}

Value MakeRange(Oid range_type, Value lower, Value upper, bool lower_inc, bool upper_inc) {
  return Value::Range(range_type,
                      std::make_shared<const RangeValue>(MakeRangeValue(
                          range_type, std::move(lower), std::move(upper), lower_inc, upper_inc)));
}

Value MakeRange(Oid range_type, RangeValue range) {
  if (range.empty) return EmptyRange(range_type);
  return MakeRange(range_type, std::move(range.lower), std::move(range.upper), range.lower_inc,
                   range.upper_inc);
}

Value EmptyRange(Oid range_type) {
  const RangeTypeInfo* info = FindRangeType(range_type);
  auto r = std::make_shared<RangeValue>();
  r->empty = true;
  r->lower = Value::Null(info->subtype);
  r->upper = Value::Null(info->subtype);
  return Value::Range(range_type, std::move(r));
}

int CompareRangeBoundValues(const RangeBound& a, const RangeBound& b) {
  if (a.value == nullptr && b.value == nullptr) {
    if (a.lower == b.lower) return 0;
    return a.lower ? -1 : 1;
  }
  if (a.value == nullptr) return a.lower ? -1 : 1;
  if (b.value == nullptr) return b.lower ? 1 : -1;
  return CompareValues(*a.value, *b.value);
}

int CompareRangeBounds(const RangeBound& a, const RangeBound& b) {
  const int c = CompareRangeBoundValues(a, b);
  if (c != 0 || a.value == nullptr || b.value == nullptr) return c;
  // Equal values: an exclusive lower bound lies just above the value, an
  // exclusive upper bound just below it.
  if (!a.inclusive && !b.inclusive) {
    if (a.lower == b.lower) return 0;
    return a.lower ? 1 : -1;
  }
  if (!a.inclusive) return a.lower ? 1 : -1;
  if (!b.inclusive) return b.lower ? -1 : 1;
  return 0;
}

int CompareRanges(const RangeValue& a, const RangeValue& b) {
  if (a.empty || b.empty) {
    if (a.empty && b.empty) return 0;
    return a.empty ? -1 : 1;
  }
  const int c = CompareRangeBounds(LowerBound(a), LowerBound(b));
  if (c != 0) return c;
  return CompareRangeBounds(UpperBound(a), UpperBound(b));
}

int CompareMultiranges(const MultirangeValue& a, const MultirangeValue& b) {
  const size_t n = std::min(a.ranges.size(), b.ranges.size());
  for (size_t i = 0; i < n; ++i) {
    const int c = CompareRanges(a.ranges[i], b.ranges[i]);
    if (c != 0) return c;
  }
  if (a.ranges.size() == b.ranges.size()) return 0;
  return a.ranges.size() < b.ranges.size() ? -1 : 1;
}

Value MakeMultirange(Oid multirange_type, std::vector<RangeValue> ranges) {
  std::erase_if(ranges, [](const RangeValue& r) { return r.empty; });
  std::stable_sort(ranges.begin(), ranges.end(), [](const RangeValue& a, const RangeValue& b) {
    return CompareRanges(a, b) < 0;
  });
  auto out = std::make_shared<MultirangeValue>();
  for (RangeValue& r : ranges) {
    if (!out->ranges.empty()) {
      RangeValue& last = out->ranges.back();
      const RangeBound last_upper = UpperBound(last);
      const RangeBound next_lower = LowerBound(r);
      const bool touches =
          CompareRangeBounds(next_lower, last_upper) <= 0 ||
          (last_upper.value != nullptr && next_lower.value != nullptr &&
           CompareValues(*last_upper.value, *next_lower.value) == 0 &&
           last_upper.inclusive != next_lower.inclusive);
      if (touches) {
        if (CompareRangeBounds(UpperBound(r), last_upper) > 0) {
          last.upper = std::move(r.upper);
          last.upper_inc = r.upper_inc;
        }
        continue;
      }
    }
    out->ranges.push_back(std::move(r));
  }
  return Value::Multirange(multirange_type, std::move(out));
}

std::string EncodeRangeRow(const Value& value) {
  std::string out;
  if (IsMultirangeType(value.type())) {
    const MultirangeValue& mr = value.multirange_value();
    PutU32(&out, static_cast<uint32_t>(mr.ranges.size()));
    for (const RangeValue& r : mr.ranges) {
      std::string one;
      EncodeOneRange(r, &one);
      PutU32(&out, static_cast<uint32_t>(one.size()));
      out.append(one);
    }
    return out;
  }
  EncodeOneRange(value.range_value(), &out);
  return out;
}

Value DecodeRangeRow(Oid type, std::string_view bytes) {
  const RangeTypeInfo* info = FindRangeType(type);
  if (info == nullptr) throw SqlError(SqlState::kDataCorrupted, "malformed range value");
  if (info->multirange == type) {
    auto mr = std::make_shared<MultirangeValue>();
    const uint32_t n = GetU32(&bytes);
    for (uint32_t i = 0; i < n; ++i) {
      std::string_view one = GetBytes(&bytes, GetU32(&bytes));
      mr->ranges.push_back(DecodeOneRange(info->subtype, &one));
    }
    return Value::Multirange(type, std::move(mr));
  }
  return Value::Range(type, std::make_shared<const RangeValue>(DecodeOneRange(info->subtype, &bytes)));
}

}  // namespace strata::sql
