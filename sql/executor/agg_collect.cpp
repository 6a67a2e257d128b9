// The aggregates that collect their inputs -- string_agg, array_agg,
// json_agg, jsonb_agg -- the variance / stddev family, and ORDER BY inside
// an aggregate call (inputs kept, sorted stably at the end, then fed to the
// ordinary transition in that order). Results follow PostgreSQL 15:
// float inputs use float8_accum's Youngs-Cramer sums, integer and numeric
// inputs exact, unbounded sums finished as numeric_stddev_internal does
// (N*sumX2 - sumX^2 over N*(N-1) or N*N, at select_div_scale; the square
// root correctly rounded at that scale).
#include <algorithm>
#include <cmath>
#include <string>

#include "common/sql_error.h"
#include "sql/types/range_value.h"
#include "sql/executor/agg_transition.h"
#include "sql/json/jsonb.h"
#include "sql/json/value_json.h"
#include "sql/types/array_value.h"
#include "sql/types/numeric_math.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

bool IsFloatInput(const AggregateCall& call) {
  const Oid in = call.arg->type().oid;
  return in == type_oid::kFloat4 || in == type_oid::kFloat8;
}

Numeric ToNumeric(const Value& v) {
  return v.type() == type_oid::kNumeric ? v.numeric_value() : Numeric::FromInt64(v.int_value());
}

Value FinishVariance(const AggregateCall& call, const AggState& st) {
  const bool sample = call.kind == AggKind::kVarSamp || call.kind == AggKind::kStddevSamp;
  const bool stddev = call.kind == AggKind::kStddevSamp || call.kind == AggKind::kStddevPop;
  if (IsFloatInput(call)) {
    const double n = st.float_n;
    if (n == 0 || (sample && n <= 1.0)) return Value::Null(type_oid::kFloat8);
    double numerator = st.float_sxx;
    if (numerator < 0) numerator = 0;  // roundoff
    const double var = numerator / (sample ? n - 1.0 : n);
    return Value::Float8(stddev ? std::sqrt(var) : var);
  }
  const int64_t count = st.count;
  if (count == 0 || (sample && count <= 1)) return Value::Null(type_oid::kNumeric);
  if (st.var_special) return Value::FromNumeric(Numeric::NaN());
  // numeric_stddev_internal: (N * sumX2 - sumX^2) / (N * (N - 1)) or N * N,
  // exact until the division, which rounds at select_div_scale's scale.
  const NumericVar n = NumericVar::FromInt(count);
  const NumericVar numerator = Sub(Mul(n, st.var_sx2), Mul(st.var_sx, st.var_sx));
  if (numerator.is_zero() || numerator.negative) return Value::FromNumeric(Numeric());
  const NumericVar denominator = Mul(n, sample ? NumericVar::FromInt(count - 1) : n);
  // select_div_scale(): the numerator's scale is twice the inputs'.
  int qweight = numerator.weight - denominator.weight;
  if (numerator.digits[0] <= denominator.digits[0]) --qweight;
  int rscale = Numeric::kMinSigDigits - qweight * Numeric::kDecDigits;
  rscale = std::clamp(std::max(rscale, 2 * st.var_dscale), 0, Numeric::kMaxDisplayScale);
  // Quotient digits truncated one place past rscale round correctly.
  const Numeric var =
      Div(numerator, denominator, (rscale + 1) / Numeric::kDecDigits + 1).ToNumeric(rscale);
  if (!stddev) return Value::FromNumeric(var);
  return Value::FromNumeric(NumericSqrtAtScale(var, rscale));
}

}  // namespace

bool IsCollectingAggregate(AggKind kind) {
  switch (kind) {
    case AggKind::kStringAgg:
    case AggKind::kArrayAgg:
    case AggKind::kJsonAgg:
    case AggKind::kJsonbAgg:
    case AggKind::kVarSamp:
    case AggKind::kVarPop:
    case AggKind::kStddevSamp:
    case AggKind::kStddevPop:
    case AggKind::kRangeAgg:
      return true;
    default:
      return false;
  }
}

void AdvanceRow(const AggregateCall& call, AggState& st, EvalContext& ctx) {
  if (call.filter) {
    const Value keep = call.filter->Evaluate(ctx);
    if (keep.is_null() || !keep.bool_value()) return;
  }
  Value v = call.arg ? call.arg->Evaluate(ctx) : Value();
  Value v2 = call.arg2 ? call.arg2->Evaluate(ctx) : Value();
  if (!call.order.empty()) {
    AggState::Ordered o;
    for (const AggregateCall::OrderKey& k : call.order) o.keys.push_back(k.expr->Evaluate(ctx));
    o.v = std::move(v);
    o.v2 = std::move(v2);
    st.ordered.push_back(std::move(o));
    return;
  }
  Advance(call, st, v, v2);
}

void AdvanceCollecting(const AggregateCall& call, AggState& st, const Value& v, const Value& v2) {
  switch (call.kind) {
    case AggKind::kStringAgg:
      // The delimiter of every input but the first goes before it.
      if (st.count > 0 && !v2.is_null()) st.text += v2.string_value();
      st.text += v.string_value();
      break;
    case AggKind::kArrayAgg:
    case AggKind::kRangeAgg:
      st.elements.push_back(v);
      break;
    case AggKind::kJsonAgg:
    case AggKind::kJsonbAgg:
      if (st.count > 0) st.text += ", ";
      AppendValueAsJson(&st.text, v);
      break;
    default:  // variance / stddev
      if (IsFloatInput(call)) {
        const double x = v.float_value();
        const double old_n = st.float_n;
        const double old_sx = st.float_sx;
        st.float_n += 1.0;
        st.float_sx += x;
        if (old_n > 0.0) {
          const double tmp = x * st.float_n - st.float_sx;
          st.float_sxx += tmp * tmp / (st.float_n * old_n);
          if (std::isinf(st.float_sx) || std::isinf(st.float_sxx)) {
            if (!std::isinf(old_sx) && !std::isinf(x)) {
              throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: overflow");
            }
            st.float_sxx = std::nan("");
          }
        } else if (std::isnan(x) || std::isinf(x)) {
          st.float_sxx = std::nan("");
        }
      } else {
        const Numeric x = ToNumeric(v);
        if (!x.is_finite()) {
          st.var_special = true;
        } else {
          const NumericVar xv = NumericVar::FromNumeric(x);
          st.var_sx = Add(st.var_sx, xv);
          st.var_sx2 = Add(st.var_sx2, Mul(xv, xv));
          st.var_dscale = std::max(st.var_dscale, x.dscale());
        }
      }
      break;
  }
}

Value FinishCollecting(const AggregateCall& call, const AggState& st) {
  if (!call.order.empty() && !st.replayed) {
    std::vector<const AggState::Ordered*> sorted;
    sorted.reserve(st.ordered.size());
    for (const AggState::Ordered& o : st.ordered) sorted.push_back(&o);
    std::stable_sort(sorted.begin(), sorted.end(), [&](const auto* a, const auto* b) {
      for (size_t i = 0; i < call.order.size(); ++i) {
        const AggregateCall::OrderKey& k = call.order[i];
        const Value& x = a->keys[i];
        const Value& y = b->keys[i];
        if (x.is_null() || y.is_null()) {
          if (x.is_null() && y.is_null()) continue;
          return x.is_null() == k.nulls_first;
        }
        const int c = CompareValues(x, y);
        if (c != 0) return k.descending ? c > 0 : c < 0;
      }
      return false;
    });
    AggState replay;
    replay.replayed = true;
    for (const AggState::Ordered* o : sorted) Advance(call, replay, o->v, o->v2);
    return Finish(call, replay);
  }
  const Oid out = call.type.oid;
  switch (call.kind) {
    case AggKind::kStringAgg:
      if (st.count == 0) return Value::Null(out);
      return Value::String(out, st.text);
    case AggKind::kArrayAgg:
      if (st.count == 0) return Value::Null(out);
      return MakeArray(out, call.arg->type().oid, st.elements);
    case AggKind::kJsonAgg:
      if (st.count == 0) return Value::Null(out);
      return Value::String(out, "[" + st.text + "]");
    case AggKind::kJsonbAgg:
      if (st.count == 0) return Value::Null(out);
      return Value::String(out, json::JsonbFromText("[" + st.text + "]"));
    case AggKind::kRangeAgg: {  // range_agg_finalfn: the union of every input
      if (st.count == 0) return Value::Null(out);
      std::vector<RangeValue> ranges;
      for (const Value& v : st.elements) {
        if (IsMultirangeType(v.type())) {
          const std::vector<RangeValue>& rs = v.multirange_value().ranges;
          ranges.insert(ranges.end(), rs.begin(), rs.end());
        } else {
          ranges.push_back(v.range_value());
        }
      }
      return MakeMultirange(out, std::move(ranges));
    }
    default:
      return FinishVariance(call, st);
  }
}

}  // namespace strata::sql
