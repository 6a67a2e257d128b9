// RangeValue and MultirangeValue: the payloads of PostgreSQL's built-in range
// types (int4range, int8range, numrange, tsrange, tstzrange, daterange) and
// their multiranges, shared and immutable once built, as ArrayValue is.
//
// Invariants of every RangeValue built by MakeRange() (range_serialize +
// the canonical functions of PostgreSQL 15):
//   - an empty range has no bounds (lower/upper NULL, flags false);
//   - an infinite bound is a NULL Value and never inclusive;
//   - lower <= upper, and lower == upper only when both are inclusive;
//   - discrete ranges (int4range, int8range, daterange) are in [) form.
// A MultirangeValue holds non-empty ranges sorted by lower bound, neither
// overlapping nor adjacent (multirange_canonicalize); '{}' holds none.
//
// Row form (written to disk inside rows, see storage_format/storage_type.h;
// never change it without a new row format version):
//   range      := flags(1 byte) bound? bound?   lower first, finite ones only
//   flags      := 0x01 empty | 0x02 lower inclusive | 0x04 upper inclusive
//                 | 0x08 lower infinite | 0x10 upper infinite
//   bound      := uint32 LE length, then the value: int64 LE for int4/int8/
//                 date/timestamp/timestamptz, numeric_out's text for numeric
//   multirange := uint32 LE count, then each range as uint32 LE length + range
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sql/types/value.h"

namespace strata::sql {

// pg_type OIDs of the built-in range and multirange types (wire-visible).
namespace range_oid {
inline constexpr Oid kInt4Range = 3904;
inline constexpr Oid kNumRange = 3906;
inline constexpr Oid kTsRange = 3908;
inline constexpr Oid kTstzRange = 3910;
inline constexpr Oid kDateRange = 3912;
inline constexpr Oid kInt8Range = 3926;
inline constexpr Oid kInt4Multirange = 4451;
inline constexpr Oid kNumMultirange = 4532;
inline constexpr Oid kTsMultirange = 4533;
inline constexpr Oid kTstzMultirange = 4534;
inline constexpr Oid kDateMultirange = 4535;
inline constexpr Oid kInt8Multirange = 4536;
}  // namespace range_oid

// One built-in range type (PostgreSQL's pg_range row).
struct RangeTypeInfo {
  Oid range;
  Oid subtype;
  Oid multirange;
  Oid range_array;
  Oid multirange_array;
  bool discrete;  // has a canonical function: bounds are kept in [) form
};

// The pg_range row of a range type, or of the range type of a multirange
// type; nullptr for any other type.
const RangeTypeInfo* FindRangeType(Oid range_or_multirange);
bool IsRangeType(Oid type);
bool IsMultirangeType(Oid type);
// The range types, in OID order.
std::span<const RangeTypeInfo> AllRangeTypes();

struct RangeValue {
  bool empty = false;
  bool lower_inc = false;
  bool upper_inc = false;
  Value lower;  // NULL: -infinity (or empty)
  Value upper;  // NULL: +infinity (or empty)

  bool lower_inf() const { return !empty && lower.is_null(); }
  bool upper_inf() const { return !empty && upper.is_null(); }
};

struct MultirangeValue {
  std::vector<RangeValue> ranges;  // see the invariants above
};

// One bound of a range, as range_cmp_bounds sees it.
struct RangeBound {
  const Value* value;  // nullptr: infinite
  bool inclusive;
  bool lower;
};
inline RangeBound LowerBound(const RangeValue& r) {
  return {r.lower.is_null() ? nullptr : &r.lower, r.lower_inc, true};
}
inline RangeBound UpperBound(const RangeValue& r) {
  return {r.upper.is_null() ? nullptr : &r.upper, r.upper_inc, false};
}

// make_range: validates and canonicalizes. Throws 22000 "range lower bound
// must be less than or equal to range upper bound" and the subtype's own
// out-of-range errors (canonicalizing int4range(1, 2147483647, '[]')).
// `lower`/`upper` NULL mean infinite.
RangeValue MakeRangeValue(Oid range_type, Value lower, Value upper, bool lower_inc,
                          bool upper_inc);
Value MakeRange(Oid range_type, Value lower, Value upper, bool lower_inc, bool upper_inc);
Value MakeRange(Oid range_type, RangeValue range);
Value EmptyRange(Oid range_type);
// multirange_canonicalize: drops empty ranges, sorts, merges overlapping and
// adjacent ones.
Value MakeMultirange(Oid multirange_type, std::vector<RangeValue> ranges);

// range_cmp_bounds / range_cmp_bound_values (<0, 0, >0).
int CompareRangeBounds(const RangeBound& a, const RangeBound& b);
int CompareRangeBoundValues(const RangeBound& a, const RangeBound& b);
// range_cmp: empty first, then by lower bound, then by upper bound.
int CompareRanges(const RangeValue& a, const RangeValue& b);
// multirange_cmp: range by range; a proper prefix sorts first.
int CompareMultiranges(const MultirangeValue& a, const MultirangeValue& b);

// range_in / range_out. Errors as PostgreSQL's: 22P02 "malformed range
// literal: ..." with a DETAIL; the subtype's input errors; 22000 for
// reversed bounds.
Value ParseRange(Oid range_type, std::string_view text);
std::string FormatRange(const Value& range);
std::string FormatRangeValue(const RangeValue& range);
// multirange_in / multirange_out ('{[1,3), [5,7)}').
Value ParseMultirange(Oid multirange_type, std::string_view text);
std::string FormatMultirange(const Value& multirange);

// The row form above.
std::string EncodeRangeRow(const Value& value);
Value DecodeRangeRow(Oid type, std::string_view bytes);

}  // namespace strata::sql
