// Implementations of the range and multirange functions and operators (see
// range_functions.h). Arguments arrive coerced to the declared types, the
// polymorphic ones (anyrange, anyelement) resolved by the binder, so the
// range type is the argument's own. A multirange's ranges are sorted, non-empty
// and neither overlap nor touch (range_value.h), which the set operations
// below rely on.
#include "sql/expr/range_functions.h"

#include <string>

#include "common/sql_error.h"
#include "sql/expr/ordered_comparison.h"
#include "sql/expr/sql_function_rows.h"
#include "sql/types/array_value.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

using Args = std::span<const Value>;
using namespace range_oid;

const RangeValue& R(const Value& v) { return v.range_value(); }
const MultirangeValue& M(const Value& v) { return v.multirange_value(); }

// ---- Range algebra (rangetypes.c's *_internal functions) ----

bool ContainsElem(const RangeValue& r, const Value& v) {
  if (r.empty) return false;
  if (!r.lower.is_null()) {
    const int c = CompareValues(r.lower, v);
    if (c > 0 || (c == 0 && !r.lower_inc)) return false;
  }
  if (!r.upper.is_null()) {
    const int c = CompareValues(r.upper, v);
    if (c < 0 || (c == 0 && !r.upper_inc)) return false;
  }
  return true;
}

bool Contains(const RangeValue& a, const RangeValue& b) {
  if (b.empty) return true;
  if (a.empty) return false;
  return CompareRangeBounds(LowerBound(a), LowerBound(b)) <= 0 &&
         CompareRangeBounds(UpperBound(a), UpperBound(b)) >= 0;
}

bool Overlaps(const RangeValue& a, const RangeValue& b) {
  if (a.empty || b.empty) return false;
  if (CompareRangeBounds(LowerBound(a), LowerBound(b)) >= 0 &&
      CompareRangeBounds(LowerBound(a), UpperBound(b)) <= 0) {
    return true;
  }
  return CompareRangeBounds(LowerBound(b), LowerBound(a)) >= 0 &&
         CompareRangeBounds(LowerBound(b), UpperBound(a)) <= 0;
}

bool Before(const RangeValue& a, const RangeValue& b) {
  if (a.empty || b.empty) return false;
  return CompareRangeBounds(UpperBound(a), LowerBound(b)) < 0;
}

bool OverLeft(const RangeValue& a, const RangeValue& b) {
  if (a.empty || b.empty) return false;
  return CompareRangeBounds(UpperBound(a), UpperBound(b)) <= 0;
}

bool OverRight(const RangeValue& a, const RangeValue& b) {
  if (a.empty || b.empty) return false;
  return CompareRangeBounds(LowerBound(a), LowerBound(b)) >= 0;
}

// An upper bound directly followed by a lower bound, nothing between them.
// Discrete ranges are in [) form, so only equal values can touch there too.
bool BoundsAdjacent(const RangeBound& upper, const RangeBound& lower) {
  if (CompareRangeBoundValues(upper, lower) != 0) return false;
  if (upper.value == nullptr || lower.value == nullptr) return false;
  return upper.inclusive != lower.inclusive;
}

bool Adjacent(const RangeValue& a, const RangeValue& b) {
  if (a.empty || b.empty) return false;
  return BoundsAdjacent(UpperBound(a), LowerBound(b)) ||
         BoundsAdjacent(UpperBound(b), LowerBound(a));
}

// The smallest range covering both (range_union without the contiguity check).
RangeValue Span(const RangeValue& a, const RangeValue& b) {
  if (a.empty) return b;
  if (b.empty) return a;
  RangeValue r = a;
  if (CompareRangeBounds(LowerBound(b), LowerBound(a)) < 0) {
    r.lower = b.lower;
    r.lower_inc = b.lower_inc;
  }
  if (CompareRangeBounds(UpperBound(b), UpperBound(a)) > 0) {
    r.upper = b.upper;
    r.upper_inc = b.upper_inc;
  }
  return r;
}

RangeValue EmptyValue(const RangeValue& like) {
  RangeValue r;
  r.empty = true;
  r.lower = Value::Null(like.lower.type());
  r.upper = Value::Null(like.upper.type());
  return r;
}

// a minus b as up to two pieces (empty ones dropped).
std::vector<RangeValue> MinusPieces(Oid range_type, const RangeValue& a, const RangeValue& b) {
  if (a.empty) return {};
  if (b.empty || !Overlaps(a, b)) return {a};
  std::vector<RangeValue> out;
  if (CompareRangeBounds(LowerBound(a), LowerBound(b)) < 0) {
    RangeValue left = MakeRangeValue(range_type, a.lower, b.lower, a.lower_inc, !b.lower_inc);
    if (!left.empty) out.push_back(std::move(left));
  }
  if (CompareRangeBounds(UpperBound(a), UpperBound(b)) > 0) {
    RangeValue right = MakeRangeValue(range_type, b.upper, a.upper, !b.upper_inc, a.upper_inc);
    if (!right.empty) out.push_back(std::move(right));
  }
  return out;
}

Value RangeResult(Oid type, RangeValue r) { return MakeRange(type, std::move(r)); }

// ---- Constructors and accessors ----

template <Oid kRange>
Value Construct2(Args a) {
  return MakeRange(kRange, a[0], a[1], true, false);
}

template <Oid kRange>
Value Construct3(Args a) {
  if (a[2].is_null()) {
    throw SqlError(SqlState::kDataException, "range constructor flags argument must not be null");
  }
  const std::string& flags = a[2].string_value();
  if (flags.size() != 2 || (flags[0] != '[' && flags[0] != '(') ||
      (flags[1] != ']' && flags[1] != ')')) {
    throw SqlError(SqlState::kSyntaxError, "invalid range bound flags")
        .WithHint("Valid values are \"[]\", \"[)\", \"(]\", and \"()\".");
  }
  return MakeRange(kRange, a[0], a[1], flags[0] == '[', flags[1] == ']');
}

Value Lower(Args a) {
  const RangeValue& r = R(a[0]);
  return r.empty ? Value::Null(r.lower.type()) : r.lower;
}
Value Upper(Args a) {
  const RangeValue& r = R(a[0]);
  return r.empty ? Value::Null(r.upper.type()) : r.upper;
}
Value IsEmpty(Args a) { return Value::Bool(R(a[0]).empty); }
Value LowerInc(Args a) { return Value::Bool(!R(a[0]).empty && R(a[0]).lower_inc); }
Value UpperInc(Args a) { return Value::Bool(!R(a[0]).empty && R(a[0]).upper_inc); }
Value LowerInf(Args a) { return Value::Bool(R(a[0]).lower_inf()); }
Value UpperInf(Args a) { return Value::Bool(R(a[0]).upper_inf()); }

// ---- Range operators ----

Value RangeContainsElem(Args a) { return Value::Bool(ContainsElem(R(a[0]), a[1])); }
Value ElemContainedByRange(Args a) { return Value::Bool(ContainsElem(R(a[1]), a[0])); }
Value RangeContains(Args a) { return Value::Bool(Contains(R(a[0]), R(a[1]))); }
Value RangeContainedBy(Args a) { return Value::Bool(Contains(R(a[1]), R(a[0]))); }
Value RangeOverlaps(Args a) { return Value::Bool(Overlaps(R(a[0]), R(a[1]))); }
Value RangeBefore(Args a) { return Value::Bool(Before(R(a[0]), R(a[1]))); }
Value RangeAfter(Args a) { return Value::Bool(Before(R(a[1]), R(a[0]))); }
Value RangeOverLeft(Args a) { return Value::Bool(OverLeft(R(a[0]), R(a[1]))); }
Value RangeOverRight(Args a) { return Value::Bool(OverRight(R(a[0]), R(a[1]))); }
Value RangeAdjacent(Args a) { return Value::Bool(Adjacent(R(a[0]), R(a[1]))); }

Value RangeUnion(Args a) {
  const RangeValue& x = R(a[0]);
  const RangeValue& y = R(a[1]);
  if (!x.empty && !y.empty && !Overlaps(x, y) && !Adjacent(x, y)) {
    throw SqlError(SqlState::kDataException, "result of range union would not be contiguous");
  }
  return RangeResult(a[0].type(), Span(x, y));
}

Value RangeMerge(Args a) { return RangeResult(a[0].type(), Span(R(a[0]), R(a[1]))); }

Value RangeIntersect(Args a) { return RangeResult(a[0].type(), IntersectRanges(R(a[0]), R(a[1]))); }

Value RangeMinus(Args a) {
  const RangeValue& x = R(a[0]);
  const RangeValue& y = R(a[1]);
  if (!x.empty && !y.empty && CompareRangeBounds(LowerBound(x), LowerBound(y)) < 0 &&
      CompareRangeBounds(UpperBound(x), UpperBound(y)) > 0) {
    throw SqlError(SqlState::kDataException, "result of range difference would not be contiguous");
  }
  std::vector<RangeValue> pieces = MinusPieces(a[0].type(), x, y);
  if (pieces.empty()) return EmptyRange(a[0].type());
  return RangeResult(a[0].type(), std::move(pieces[0]));
}

// ---- Multiranges ----

Oid RangeTypeOf(const Value& multirange) { return FindRangeType(multirange.type())->range; }

// The span of a non-empty multirange: its first lower to its last upper bound.
RangeValue SpanOf(const MultirangeValue& m) {
  if (m.ranges.empty()) {
    RangeValue r;
    r.empty = true;
    return r;
  }
  RangeValue r = m.ranges.front();
  r.upper = m.ranges.back().upper;
  r.upper_inc = m.ranges.back().upper_inc;
  return r;
}

template <Oid kMultirange>
Value ConstructMultirange(Args a) {
  std::vector<RangeValue> ranges;
  for (const Value& v : a) {
    if (v.is_null()) {
      throw SqlError(SqlState::kNullValueNotAllowed,
                     "multirange values cannot contain null members");
    }
    ranges.push_back(R(v));
  }
  return MakeMultirange(kMultirange, std::move(ranges));
}

// multirange_constructor2: f(VARIADIC ranges[]); the multirange type is the
// one of the array's element type.
Value MultirangeFromArray(Args a) {
  const ArrayValue& array = a[0].array_value();
  std::vector<RangeValue> ranges;
  for (const Value& v : array.elements) {
    if (v.is_null()) {
      throw SqlError(SqlState::kNullValueNotAllowed,
                     "multirange values cannot contain null members");
    }
    ranges.push_back(R(v));
  }
  return MakeMultirange(FindRangeType(array.element_type)->multirange, std::move(ranges));
}

Value MultirangeOfRange(Args a) {
  return MakeMultirange(FindRangeType(a[0].type())->multirange, {R(a[0])});
}

Value MrLower(Args a) {
  const MultirangeValue& m = M(a[0]);
  const Oid subtype = FindRangeType(a[0].type())->subtype;
  return m.ranges.empty() ? Value::Null(subtype) : m.ranges.front().lower;
}
Value MrUpper(Args a) {
  const MultirangeValue& m = M(a[0]);
  const Oid subtype = FindRangeType(a[0].type())->subtype;
  return m.ranges.empty() ? Value::Null(subtype) : m.ranges.back().upper;
}
Value MrIsEmpty(Args a) { return Value::Bool(M(a[0]).ranges.empty()); }
Value MrLowerInc(Args a) {
  const MultirangeValue& m = M(a[0]);
  return Value::Bool(!m.ranges.empty() && m.ranges.front().lower_inc);
}
Value MrUpperInc(Args a) {
  const MultirangeValue& m = M(a[0]);
  return Value::Bool(!m.ranges.empty() && m.ranges.back().upper_inc);
}
Value MrLowerInf(Args a) {
  const MultirangeValue& m = M(a[0]);
  return Value::Bool(!m.ranges.empty() && m.ranges.front().lower.is_null());
}
Value MrUpperInf(Args a) {
  const MultirangeValue& m = M(a[0]);
  return Value::Bool(!m.ranges.empty() && m.ranges.back().upper.is_null());
}
Value MrMerge(Args a) {
  const MultirangeValue& m = M(a[0]);
  if (m.ranges.empty()) return EmptyRange(RangeTypeOf(a[0]));
  return MakeRange(RangeTypeOf(a[0]), SpanOf(m));
}

bool MrContainsElem(const MultirangeValue& m, const Value& v) {
  for (const RangeValue& r : m.ranges) {
    if (ContainsElem(r, v)) return true;
  }
  return false;
}
bool MrContainsRange(const MultirangeValue& m, const RangeValue& r) {
  if (r.empty) return true;
  for (const RangeValue& x : m.ranges) {
    if (Contains(x, r)) return true;
  }
  return false;
}
bool RangeContainsMr(const RangeValue& r, const MultirangeValue& m) {
  if (m.ranges.empty()) return true;
  return Contains(r, SpanOf(m));
}
bool MrContainsMr(const MultirangeValue& a, const MultirangeValue& b) {
  for (const RangeValue& r : b.ranges) {
    if (!MrContainsRange(a, r)) return false;
  }
  return true;
}
bool MrOverlapsRange(const MultirangeValue& m, const RangeValue& r) {
  for (const RangeValue& x : m.ranges) {
    if (Overlaps(x, r)) return true;
  }
  return false;
}
bool MrOverlapsMr(const MultirangeValue& a, const MultirangeValue& b) {
  for (const RangeValue& r : b.ranges) {
    if (MrOverlapsRange(a, r)) return true;
  }
  return false;
}
// A range is adjacent to a multirange when it ends where the multirange's
// first range starts or starts where its last range ends.
bool MrAdjacentRange(const MultirangeValue& m, const RangeValue& r) {
  if (m.ranges.empty() || r.empty) return false;
  return BoundsAdjacent(UpperBound(r), LowerBound(m.ranges.front())) ||
         BoundsAdjacent(UpperBound(m.ranges.back()), LowerBound(r));
}
bool MrAdjacentMr(const MultirangeValue& a, const MultirangeValue& b) {
  if (a.ranges.empty() || b.ranges.empty()) return false;
  return BoundsAdjacent(UpperBound(a.ranges.back()), LowerBound(b.ranges.front())) ||
         BoundsAdjacent(UpperBound(b.ranges.back()), LowerBound(a.ranges.front()));
}

Value MrContainsElemFn(Args a) { return Value::Bool(MrContainsElem(M(a[0]), a[1])); }
Value ElemContainedByMr(Args a) { return Value::Bool(MrContainsElem(M(a[1]), a[0])); }
Value MrContainsRangeFn(Args a) { return Value::Bool(MrContainsRange(M(a[0]), R(a[1]))); }
Value RangeContainedByMr(Args a) { return Value::Bool(MrContainsRange(M(a[1]), R(a[0]))); }
Value RangeContainsMrFn(Args a) { return Value::Bool(RangeContainsMr(R(a[0]), M(a[1]))); }
Value MrContainedByRange(Args a) { return Value::Bool(RangeContainsMr(R(a[1]), M(a[0]))); }
Value MrContainsMrFn(Args a) { return Value::Bool(MrContainsMr(M(a[0]), M(a[1]))); }
Value MrContainedByMr(Args a) { return Value::Bool(MrContainsMr(M(a[1]), M(a[0]))); }
Value RangeOverlapsMr(Args a) { return Value::Bool(MrOverlapsRange(M(a[1]), R(a[0]))); }
Value MrOverlapsRangeFn(Args a) { return Value::Bool(MrOverlapsRange(M(a[0]), R(a[1]))); }
Value MrOverlapsMrFn(Args a) { return Value::Bool(MrOverlapsMr(M(a[0]), M(a[1]))); }
Value RangeAdjacentMr(Args a) { return Value::Bool(MrAdjacentRange(M(a[1]), R(a[0]))); }
Value MrAdjacentRangeFn(Args a) { return Value::Bool(MrAdjacentRange(M(a[0]), R(a[1]))); }
Value MrAdjacentMrFn(Args a) { return Value::Bool(MrAdjacentMr(M(a[0]), M(a[1]))); }

// <<, >>, &<, &> see a multirange as its span.
RangeValue SpanArg(const Value& v) { return IsMultirangeType(v.type()) ? SpanOf(M(v)) : R(v); }
Value AnyBefore(Args a) { return Value::Bool(Before(SpanArg(a[0]), SpanArg(a[1]))); }
Value AnyAfter(Args a) { return Value::Bool(Before(SpanArg(a[1]), SpanArg(a[0]))); }
Value AnyOverLeft(Args a) { return Value::Bool(OverLeft(SpanArg(a[0]), SpanArg(a[1]))); }
Value AnyOverRight(Args a) { return Value::Bool(OverRight(SpanArg(a[0]), SpanArg(a[1]))); }

Value MrUnion(Args a) {
  std::vector<RangeValue> ranges = M(a[0]).ranges;
  ranges.insert(ranges.end(), M(a[1]).ranges.begin(), M(a[1]).ranges.end());
  return MakeMultirange(a[0].type(), std::move(ranges));
}

Value MrMinus(Args a) {
  const Oid range_type = RangeTypeOf(a[0]);
  std::vector<RangeValue> out;
  for (const RangeValue& r : M(a[0]).ranges) {
    std::vector<RangeValue> pieces{r};
    for (const RangeValue& s : M(a[1]).ranges) {
      std::vector<RangeValue> next;
      for (const RangeValue& p : pieces) {
        std::vector<RangeValue> cut = MinusPieces(range_type, p, s);
        next.insert(next.end(), cut.begin(), cut.end());
      }
      pieces = std::move(next);
    }
    out.insert(out.end(), pieces.begin(), pieces.end());
  }
  return MakeMultirange(a[0].type(), std::move(out));
}

Value MrIntersect(Args a) {
  return MakeMultirange(a[0].type(), IntersectMultiranges(M(a[0]), M(a[1])));
}

constexpr BuiltinFunction kFunctions[] = {
    {"range_eq", CompareOrdered<Comparison::kEq>},
    {"range_ne", CompareOrdered<Comparison::kNe>},
    {"range_lt", CompareOrdered<Comparison::kLt>},
    {"range_le", CompareOrdered<Comparison::kLe>},
    {"range_gt", CompareOrdered<Comparison::kGt>},
    {"range_ge", CompareOrdered<Comparison::kGe>},
    {"multirange_eq", CompareOrdered<Comparison::kEq>},
    {"multirange_ne", CompareOrdered<Comparison::kNe>},
    {"multirange_lt", CompareOrdered<Comparison::kLt>},
    {"multirange_le", CompareOrdered<Comparison::kLe>},
    {"multirange_gt", CompareOrdered<Comparison::kGt>},
    {"multirange_ge", CompareOrdered<Comparison::kGe>},
    {"range_contains_elem", RangeContainsElem},
    {"elem_contained_by_range", ElemContainedByRange},
    {"range_contains", RangeContains},
    {"range_contained_by", RangeContainedBy},
    {"range_overlaps", RangeOverlaps},
    {"range_before", RangeBefore},
    {"range_after", RangeAfter},
    {"range_overleft", RangeOverLeft},
    {"range_overright", RangeOverRight},
    {"range_adjacent", RangeAdjacent},
    {"range_union", RangeUnion},
    {"range_intersect", RangeIntersect},
    {"range_minus", RangeMinus},
    {"range_merge", RangeMerge},
    {"range_lower", Lower},
    {"range_upper", Upper},
    {"range_empty", IsEmpty},
    {"range_lower_inc", LowerInc},
    {"range_upper_inc", UpperInc},
    {"range_lower_inf", LowerInf},
    {"range_upper_inf", UpperInf},
    {"int4range_constructor2", Construct2<kInt4Range>, false},
    {"int4range_constructor3", Construct3<kInt4Range>, false},
    {"int8range_constructor2", Construct2<kInt8Range>, false},
    {"int8range_constructor3", Construct3<kInt8Range>, false},
    {"numrange_constructor2", Construct2<kNumRange>, false},
    {"numrange_constructor3", Construct3<kNumRange>, false},
    {"tsrange_constructor2", Construct2<kTsRange>, false},
    {"tsrange_constructor3", Construct3<kTsRange>, false},
    {"tstzrange_constructor2", Construct2<kTstzRange>, false},
    {"tstzrange_constructor3", Construct3<kTstzRange>, false},
    {"daterange_constructor2", Construct2<kDateRange>, false},
    {"daterange_constructor3", Construct3<kDateRange>, false},
    {"int4multirange_constructor", ConstructMultirange<kInt4Multirange>},
    {"int8multirange_constructor", ConstructMultirange<kInt8Multirange>},
    {"nummultirange_constructor", ConstructMultirange<kNumMultirange>},
    {"tsmultirange_constructor", ConstructMultirange<kTsMultirange>},
    {"tstzmultirange_constructor", ConstructMultirange<kTstzMultirange>},
    {"datemultirange_constructor", ConstructMultirange<kDateMultirange>},
    {"multirange", MultirangeOfRange},
    {"multirange_constructor2", MultirangeFromArray},
    {"multirange_lower", MrLower},
    {"multirange_upper", MrUpper},
    {"multirange_empty", MrIsEmpty},
    {"multirange_lower_inc", MrLowerInc},
    {"multirange_upper_inc", MrUpperInc},
    {"multirange_lower_inf", MrLowerInf},
    {"multirange_upper_inf", MrUpperInf},
    {"range_merge_from_multirange", MrMerge},
    {"multirange_contains_elem", MrContainsElemFn},
    {"elem_contained_by_multirange", ElemContainedByMr},
    {"multirange_contains_range", MrContainsRangeFn},
    {"range_contained_by_multirange", RangeContainedByMr},
    {"range_contains_multirange", RangeContainsMrFn},
    {"multirange_contained_by_range", MrContainedByRange},
    {"multirange_contains_multirange", MrContainsMrFn},
    {"multirange_contained_by_multirange", MrContainedByMr},
    {"range_overlaps_multirange", RangeOverlapsMr},
    {"multirange_overlaps_range", MrOverlapsRangeFn},
    {"multirange_overlaps_multirange", MrOverlapsMrFn},
    {"range_adjacent_multirange", RangeAdjacentMr},
    {"multirange_adjacent_range", MrAdjacentRangeFn},
    {"multirange_adjacent_multirange", MrAdjacentMrFn},
    {"range_before_multirange", AnyBefore},
    {"multirange_before_range", AnyBefore},
    {"multirange_before_multirange", AnyBefore},
    {"range_after_multirange", AnyAfter},
    {"multirange_after_range", AnyAfter},
    {"multirange_after_multirange", AnyAfter},
    {"range_overleft_multirange", AnyOverLeft},
    {"multirange_overleft_range", AnyOverLeft},
    {"multirange_overleft_multirange", AnyOverLeft},
    {"range_overright_multirange", AnyOverRight},
    {"multirange_overright_range", AnyOverRight},
    {"multirange_overright_multirange", AnyOverRight},
    {"multirange_union", MrUnion},
    {"multirange_minus", MrMinus},
    {"multirange_intersect", MrIntersect},
};

constexpr Oid kAnyRange = type_oid::kAnyRange;
constexpr Oid kAnyMr = type_oid::kAnyMultirange;
constexpr Oid kAnyElem = type_oid::kAnyElement;
constexpr Oid kBool = type_oid::kBool;
constexpr Oid kText = type_oid::kText;

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}
const SqlFunctionRow kRows[] = {
    {"lower", ARGS(kAnyRange), 1, kAnyElem, "range_lower", nullptr},
    {"upper", ARGS(kAnyRange), 1, kAnyElem, "range_upper", nullptr},
    {"isempty", ARGS(kAnyRange), 1, kBool, "range_empty", nullptr},
    {"lower_inc", ARGS(kAnyRange), 1, kBool, "range_lower_inc", nullptr},
    {"upper_inc", ARGS(kAnyRange), 1, kBool, "range_upper_inc", nullptr},
    {"lower_inf", ARGS(kAnyRange), 1, kBool, "range_lower_inf", nullptr},
    {"upper_inf", ARGS(kAnyRange), 1, kBool, "range_upper_inf", nullptr},
    {"range_merge", ARGS(kAnyRange, kAnyRange), 2, kAnyRange, "range_merge", nullptr},
    {"lower", ARGS(kAnyMr), 1, kAnyElem, "multirange_lower", nullptr},
    {"upper", ARGS(kAnyMr), 1, kAnyElem, "multirange_upper", nullptr},
    {"isempty", ARGS(kAnyMr), 1, kBool, "multirange_empty", nullptr},
    {"lower_inc", ARGS(kAnyMr), 1, kBool, "multirange_lower_inc", nullptr},
    {"upper_inc", ARGS(kAnyMr), 1, kBool, "multirange_upper_inc", nullptr},
    {"lower_inf", ARGS(kAnyMr), 1, kBool, "multirange_lower_inf", nullptr},
    {"upper_inf", ARGS(kAnyMr), 1, kBool, "multirange_upper_inf", nullptr},
    {"range_merge", ARGS(kAnyMr), 1, kAnyRange, "range_merge_from_multirange", nullptr},
    {"multirange", ARGS(kAnyRange), 1, kAnyMr, "multirange", nullptr},
    {"int4range", ARGS(type_oid::kInt4, type_oid::kInt4), 2, kInt4Range,
     "int4range_constructor2", nullptr},
    {"int4range", ARGS(type_oid::kInt4, type_oid::kInt4, kText), 3, kInt4Range,
     "int4range_constructor3", nullptr},
    {"int8range", ARGS(type_oid::kInt8, type_oid::kInt8), 2, kInt8Range,
     "int8range_constructor2", nullptr},
    {"int8range", ARGS(type_oid::kInt8, type_oid::kInt8, kText), 3, kInt8Range,
     "int8range_constructor3", nullptr},
    {"numrange", ARGS(type_oid::kNumeric, type_oid::kNumeric), 2, kNumRange,
     "numrange_constructor2", nullptr},
    {"numrange", ARGS(type_oid::kNumeric, type_oid::kNumeric, kText), 3, kNumRange,
     "numrange_constructor3", nullptr},
    {"tsrange", ARGS(type_oid::kTimestamp, type_oid::kTimestamp), 2, kTsRange,
     "tsrange_constructor2", nullptr},
    {"tsrange", ARGS(type_oid::kTimestamp, type_oid::kTimestamp, kText), 3, kTsRange,
     "tsrange_constructor3", nullptr},
    {"tstzrange", ARGS(type_oid::kTimestampTz, type_oid::kTimestampTz), 2, kTstzRange,
     "tstzrange_constructor2", nullptr},
    {"tstzrange", ARGS(type_oid::kTimestampTz, type_oid::kTimestampTz, kText), 3, kTstzRange,
     "tstzrange_constructor3", nullptr},
    {"daterange", ARGS(type_oid::kDate, type_oid::kDate), 2, kDateRange,
     "daterange_constructor2", nullptr},
    {"daterange", ARGS(type_oid::kDate, type_oid::kDate, kText), 3, kDateRange,
     "daterange_constructor3", nullptr},
};
#undef ARGS

// The multirange constructors: f() and f(r1, ..., rn). PostgreSQL declares
// f(VARIADIC anyrange[]); calls with up to seven ranges are declared here
// one by one (the binder has no VARIADIC for these yet).
std::vector<SqlFunction> MultirangeConstructors() {
  struct Ctor {
    std::string_view name;
    std::string_view proname;
    Oid multirange;
    Oid range;
  };
  static constexpr Ctor kCtors[] = {
      {"int4multirange", "int4multirange_constructor", kInt4Multirange, kInt4Range},
      {"int8multirange", "int8multirange_constructor", kInt8Multirange, kInt8Range},
      {"nummultirange", "nummultirange_constructor", kNumMultirange, kNumRange},
      {"tsmultirange", "tsmultirange_constructor", kTsMultirange, kTsRange},
      {"tstzmultirange", "tstzmultirange_constructor", kTstzMultirange, kTstzRange},
      {"datemultirange", "datemultirange_constructor", kDateMultirange, kDateRange},
  };
  std::vector<SqlFunction> out;
  for (const Ctor& c : kCtors) {
    for (size_t n = 0; n <= 7; ++n) {
      SqlFunction f{};
      f.name = c.name;
      for (size_t i = 0; i < n; ++i) f.args[i] = c.range;
      f.nargs = n;
      f.result = c.multirange;
      f.impl = *FindBuiltinFunction(c.proname);
      out.push_back(f);
    }
  }
  return out;
}

// unnest(anymultirange): its ranges in order; the multirange stays alive
// with the generator.
class MultirangeRanges final : public SetGenerator {
 public:
  explicit MultirangeRanges(Value multirange) : multirange_(std::move(multirange)) {}
  bool Next(Value* out) override {
    const std::vector<RangeValue>& ranges = multirange_.multirange_value().ranges;
    if (next_ >= ranges.size()) return false;
    *out = MakeRange(FindRangeType(multirange_.type())->range, ranges[next_++]);
    return true;
  }

 private:
  Value multirange_;
  size_t next_ = 0;
};

std::unique_ptr<SetGenerator> UnnestMultirange(Args a) {
  return std::make_unique<MultirangeRanges>(a[0]);
}

Value NotScalar(Args) {
  throw SqlError(SqlState::kFeatureNotSupported,
                 "set-valued function called in context that cannot accept a set");
}

}  // namespace

RangeValue IntersectRanges(const RangeValue& a, const RangeValue& b) {
  if (a.empty || b.empty || !Overlaps(a, b)) return EmptyValue(a.empty ? a : b);
  RangeValue r = a;
  if (CompareRangeBounds(LowerBound(b), LowerBound(a)) > 0) {
    r.lower = b.lower;
    r.lower_inc = b.lower_inc;
  }
  if (CompareRangeBounds(UpperBound(b), UpperBound(a)) < 0) {
    r.upper = b.upper;
    r.upper_inc = b.upper_inc;
  }
  return r;
}

std::vector<RangeValue> IntersectMultiranges(const MultirangeValue& a, const MultirangeValue& b) {
  std::vector<RangeValue> out;
  for (const RangeValue& x : a.ranges) {
    for (const RangeValue& y : b.ranges) {
      RangeValue r = IntersectRanges(x, y);
      if (!r.empty) out.push_back(std::move(r));
    }
  }
  return out;
}

std::span<const BuiltinFunction> RangeFunctions() { return kFunctions; }

std::span<const SqlFunction> RangeSqlFunctions() {
  static const std::vector<SqlFunction> functions = [] {
    std::vector<SqlFunction> out = SqlFunctionsFromRows(kRows);
    std::vector<SqlFunction> ctors = MultirangeConstructors();
    for (SqlFunction& f : ctors) out.push_back(std::move(f));
    SqlFunction unnest{};
    unnest.name = "unnest";
    unnest.args = {type_oid::kAnyMultirange};
    unnest.nargs = 1;
    unnest.result = type_oid::kAnyRange;
    unnest.impl = BuiltinFunction{"multirange_unnest", NotScalar};
    unnest.set_generator = UnnestMultirange;
    out.push_back(std::move(unnest));
    return out;
  }();
  return functions;
}

}  // namespace strata::sql
