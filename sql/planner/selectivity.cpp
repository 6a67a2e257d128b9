// SelectivityEstimator (see selectivity.h).
#include "sql/planner/selectivity.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

using Op = ColumnRestriction::Op;

double Clamp(double s) { return std::clamp(s, 0.0, 1.0); }

// A value's position on a line, for interpolating within a histogram bin
// (PostgreSQL's convert_to_scalar for numbers, dates and times); nullopt
// for types that have none.
std::optional<double> NumericPosition(const Value& v) {
  if (v.is_null()) return std::nullopt;
  switch (v.type()) {
    case type_oid::kInt2: case type_oid::kInt4: case type_oid::kInt8: case type_oid::kOid:
    case type_oid::kDate: case type_oid::kTime: case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
      return static_cast<double>(v.int_value());
    case type_oid::kFloat4: case type_oid::kFloat8:
      return v.float_value();
    case type_oid::kNumeric:
      return std::strtod(v.numeric_value().ToString().c_str(), nullptr);
    default:
      return std::nullopt;
  }
}

bool IsStringValue(const Value& v) {
  return !v.is_null() && (v.type() == type_oid::kText || v.type() == type_oid::kVarchar ||
                          v.type() == type_oid::kBpchar || v.type() == type_oid::kName);
}

// Where `v` falls between `lo` and `hi` (0..1), strings compared as
// base-256 fractions after their common prefix (a simpler cousin of
// PostgreSQL's convert_string_to_scalar); 0.5 when there is no measure.
double BinFraction(const Value& v, const Value& lo, const Value& hi) {
  if (auto x = NumericPosition(v)) {
    auto a = NumericPosition(lo), b = NumericPosition(hi);
    if (!a || !b || *b <= *a) return 0.5;
    return std::clamp((*x - *a) / (*b - *a), 0.0, 1.0);
  }
  if (IsStringValue(v) && IsStringValue(lo) && IsStringValue(hi)) {
    const std::string& s = v.string_value();
    const std::string& a = lo.string_value();
    const std::string& b = hi.string_value();
    size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && prefix < s.size() && a[prefix] == b[prefix] &&
           a[prefix] == s[prefix]) {
      ++prefix;
    }
    auto scalar = [prefix](const std::string& str) {
      double x = 0, scale = 1;
      for (size_t i = prefix; i < str.size() && i < prefix + 8; ++i) {
        scale /= 256;
        x += static_cast<unsigned char>(str[i]) * scale;
      }
      return x;
    };
    const double x = scalar(s), l = scalar(a), h = scalar(b);
    if (h <= l) return 0.5;
    return std::clamp((x - l) / (h - l), 0.0, 1.0);
  }
  return 0.5;
}

// Whether `a op b` holds for the comparison result `cmp` of a vs b.
bool Holds(int cmp, bool greater, bool inclusive) {
  if (cmp == 0) return inclusive;
  return greater ? cmp > 0 : cmp < 0;
}

// Values that do not compare are taken as equal (an estimate only).
int Compare(const Value& a, const Value& b) { return CompareIfComparable(a, b).value_or(0); }

}  // namespace

std::optional<int> CompareIfComparable(const Value& a, const Value& b) {
  try {
    return CompareValues(a, b);
  } catch (...) {  // SqlError, or a payload of another type than expected
    return std::nullopt;
  }
}

double ClampRowEstimate(double rows) { return rows <= 1.0 ? 1.0 : std::rint(rows); }

SelectivityEstimator::SelectivityEstimator(const RelationEstimate& rel,
                                           const std::vector<const ast::Expr*>& conjuncts,
                                           const std::vector<ColumnRestriction>& restrictions,
                                           const std::string& scope_alias)
    : rel_(rel), conjuncts_(conjuncts), restrictions_(restrictions), alias_(scope_alias) {}

bool SelectivityEstimator::IsUniqueColumn(int slot) const {
  const catalog::TableDesc& table = rel_.table();
  const auto attnum = table.columns[static_cast<size_t>(slot)].attnum;
  if (table.primary_key.size() == 1 && table.primary_key[0] == attnum) return true;
  for (const catalog::IndexDesc& index : table.indexes) {
    if (index.unique && index.predicate.empty() && index.keys.size() == 1 &&
        index.keys[0].attnum == attnum) {
      return true;
    }
  }
  return false;
}

double SelectivityEstimator::NumDistinct(int slot, bool* is_default) const {
  *is_default = false;
  const ColumnEstimate& c = rel_.Column(slot);
  const double tuples = rel_.tuples();
  if (c.analyzed && c.n_distinct > 0) return std::min(c.n_distinct, std::max(tuples, 1.0));
  if (IsUniqueColumn(slot)) return std::max(tuples, 1.0);
  if (rel_.table().columns[static_cast<size_t>(slot)].type == type_oid::kBool) return 2;
  *is_default = true;
  return kDefaultNumDistinct;
}

double SelectivityEstimator::EqualitySelectivity(int slot, const Value& v) const {
  if (v.is_null()) return 0;
  if (IsUniqueColumn(slot) && rel_.tuples() >= 1) return 1.0 / rel_.tuples();
  const ColumnEstimate& c = rel_.Column(slot);
  bool is_default = false;
  if (!c.analyzed) return Clamp(1.0 / NumDistinct(slot, &is_default));
  double sum_common = 0;
  for (size_t i = 0; i < c.most_common_vals.size(); ++i) {
    if (Compare(c.most_common_vals[i], v) == 0) return c.most_common_freqs[i];
    sum_common += c.most_common_freqs[i];
  }
  // Not a common value: an equal share of what the common values leave.
  double s = Clamp(1.0 - sum_common - c.null_frac);
  const double other = NumDistinct(slot, &is_default) -
                       static_cast<double>(c.most_common_freqs.size());
  if (other > 1) s /= other;
  if (!c.most_common_freqs.empty() && s > c.most_common_freqs.back()) {
    s = c.most_common_freqs.back();
  }
  return Clamp(s);
}

double SelectivityEstimator::InequalitySelectivity(int slot, bool greater, bool inclusive,
                                                   const Value& v) const {
  const ColumnEstimate& c = rel_.Column(slot);
  if (!c.analyzed) return kDefaultIneqSel;
  double mcv_selec = 0, sum_common = 0;
  for (size_t i = 0; i < c.most_common_vals.size(); ++i) {
    if (Holds(Compare(c.most_common_vals[i], v), greater, inclusive)) {
      mcv_selec += c.most_common_freqs[i];
    }
    sum_common += c.most_common_freqs[i];
  }
  double hist_selec = 0.5;  // no histogram: half of the rest
  if (c.histogram_bounds.size() >= 2) {
    // The histogram, with an end the search reaches replaced by the
    // column's actual current minimum or maximum when an index has it
    // (PostgreSQL's get_actual_variable_range): rows added since ANALYZE
    // beyond the old ends count. Copied only when an end is replaced.
    const std::vector<Value>* bounds = &c.histogram_bounds;
    std::vector<Value> updated;
    bool have_end = false;
    auto replace_end = [&](bool low, bool high) {
      std::optional<Value> min, max;
      if (low) min = rel_.ActualEndpoint(slot, false);
      if (high) max = rel_.ActualEndpoint(slot, true);
      have_end = (!low || min.has_value()) && (!high || max.has_value());
      if (!have_end) return;
      if (updated.empty()) updated = c.histogram_bounds;
      if (low) updated.front() = std::move(*min);
      if (high) updated.back() = std::move(*max);
      bounds = &updated;
    };
    if (c.histogram_bounds.size() == 2) replace_end(true, true);
    // The fraction of the histogram below v.
    size_t lo = 0, hi = c.histogram_bounds.size();
    while (lo < hi) {  // first bound above v (at or above for a strict `<`)
      const size_t mid = (lo + hi) / 2;
      if (c.histogram_bounds.size() > 2) {
        if (mid == 0) replace_end(true, false);
        if (mid == c.histogram_bounds.size() - 1) replace_end(false, true);
      }
      const int cmp = Compare((*bounds)[mid], v);
      const bool below = greater ? (inclusive ? cmp < 0 : cmp <= 0) : (inclusive ? cmp <= 0 : cmp < 0);
      if (below) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const std::vector<Value>& h = *bounds;
    double frac;
    const double bins = static_cast<double>(h.size() - 1);
    if (lo == 0) {
      frac = 0;
    } else if (lo >= h.size()) {
      frac = 1;
    } else {
      // h[lo-1] <= v <= h[lo]. The histogram's fraction estimates `x <= v`;
      // the first bin is narrower by one value's share (its first entry is
      // its leftmost value), and `<` / `>=` exclude v itself.
      const bool less_or_ge = greater == inclusive;
      double eq_selec = 0;
      if (lo == 1 || less_or_ge) {
        bool is_default = false;
        const double other = NumDistinct(slot, &is_default) -
                             static_cast<double>(c.most_common_freqs.size());
        if (other > 1) eq_selec = 1.0 / other;
      }
      const double binfrac = BinFraction(v, h[lo - 1], h[lo]);
      frac = (static_cast<double>(lo - 1) + binfrac) / bins;
      if (lo == 1) frac += eq_selec * (1.0 - binfrac);
      if (less_or_ge) frac -= eq_selec;
    }
    hist_selec = greater ? 1.0 - frac : frac;
    // Histogram ends are approximate: never quite 0 or 1 -- unless an end
    // is the actual current one.
    if (!have_end) {
      const double cutoff = 0.01 / bins;
      hist_selec = std::clamp(hist_selec, cutoff, 1.0 - cutoff);
    }
  }
  return Clamp(mcv_selec + Clamp(1.0 - c.null_frac - sum_common) * hist_selec);
}

double SelectivityEstimator::RestrictionSelectivity(const ColumnRestriction& r) const {
  const ColumnEstimate& c = rel_.Column(r.slot);
  switch (r.op) {
    case Op::kEq:
      return EqualitySelectivity(r.slot, r.values[0]);
    case Op::kIn: {
      double s = 0;
      for (const Value& v : r.values) s += EqualitySelectivity(r.slot, v);
      return Clamp(s);
    }
    case Op::kIsNull:
      return c.analyzed ? c.null_frac : kDefaultUnknownSel;
    case Op::kIsNotNull:
      return c.analyzed ? 1.0 - c.null_frac : 1.0 - kDefaultUnknownSel;
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
      return InequalitySelectivity(r.slot, r.op == Op::kGt || r.op == Op::kGe,
                                   r.op == Op::kLe || r.op == Op::kGe, r.values[0]);
  }
  return 1;
}

double SelectivityEstimator::ShapeSelectivity(const ast::Expr& e) const {
  switch (e.kind) {
    case ast::ExprKind::kBool: {
      const auto& b = static_cast<const ast::BoolExpr&>(e);
      if (b.op == ast::BoolExpr::Op::kNot) return 1.0 - ShapeSelectivity(*b.args[0]);
      double s = b.op == ast::BoolExpr::Op::kAnd ? 1.0 : 0.0;
      for (const auto& a : b.args) {
        const double x = ShapeSelectivity(*a);
        s = b.op == ast::BoolExpr::Op::kAnd ? s * x : s + x - s * x;
      }
      return s;
    }
    case ast::ExprKind::kOperator: {
      const auto& op = static_cast<const ast::OperatorExpr&>(e);
      const std::string& name = op.name.back();
      if (name == "=") return kDefaultEqSel;
      if (name == "<>" || name == "!=") return 1.0 - kDefaultEqSel;
      if (name == "<" || name == "<=" || name == ">" || name == ">=") return kDefaultIneqSel;
      if (name == "~~" || name == "~~*" || name == "~" || name == "~*") return kDefaultMatchSel;
      if (name == "!~~" || name == "!~~*" || name == "!~" || name == "!~*") {
        return 1.0 - kDefaultMatchSel;
      }
      return kDefaultIneqSel;
    }
    case ast::ExprKind::kNullTest:
      return static_cast<const ast::NullTestExpr&>(e).is_not_null ? 1.0 - kDefaultUnknownSel
                                                                  : kDefaultUnknownSel;
    case ast::ExprKind::kBetween:
      return kDefaultRangeIneqSel;
    case ast::ExprKind::kInList: {
      const auto& in = static_cast<const ast::InListExpr&>(e);
      const double s = Clamp(kDefaultEqSel * static_cast<double>(in.list.size()));
      return in.negated ? 1.0 - s : s;
    }
    case ast::ExprKind::kColumnRef:
      return 0.5;
    default:
      return kDefaultIneqSel;
  }
}

double SelectivityEstimator::Of(const std::vector<bool>& include) const {
  auto included = [&](size_t i) { return include.empty() || (i < include.size() && include[i]); };
  double s = 1;
  std::vector<bool> described(conjuncts_.size(), false);
  // Per column: the tightest lower and upper bound selectivities.
  struct Range {
    double lo = -1, hi = -1;
  };
  std::map<int, Range> ranges;
  for (const ColumnRestriction& r : restrictions_) {
    if (!included(r.conjunct)) continue;
    described[r.conjunct] = true;
    if (r.op == Op::kLt || r.op == Op::kLe || r.op == Op::kGt || r.op == Op::kGe) {
      const double x = RestrictionSelectivity(r);
      Range& range = ranges[r.slot];
      double& side = (r.op == Op::kGt || r.op == Op::kGe) ? range.lo : range.hi;
      side = side < 0 ? x : std::min(side, x);
      continue;
    }
    s *= RestrictionSelectivity(r);
  }
  for (const auto& [slot, range] : ranges) {
    if (range.lo < 0 || range.hi < 0) {
      s *= range.lo < 0 ? range.hi : range.lo;
      continue;
    }
    // Both sides: the rows between them (each side's estimate excludes NULLs once).
    const ColumnEstimate& c = rel_.Column(slot);
    if (!c.analyzed) {
      s *= kDefaultRangeIneqSel;
      continue;
    }
    double both = range.hi + range.lo - 1.0 + c.null_frac;
    if (both <= 0) both = both < -0.01 ? kDefaultRangeIneqSel : 1.0e-10;
    s *= both;
  }
  for (size_t i = 0; i < conjuncts_.size(); ++i) {
    if (included(i) && !described[i]) s *= ShapeSelectivity(*conjuncts_[i]);
  }
  return Clamp(s);
}

}  // namespace strata::sql
