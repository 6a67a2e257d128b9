// CombineAggStates (see agg_combine.h).
#include "sql/executor/agg_combine.h"

#include <cmath>
#include <span>

#include "catalog/builtin_types.h"
#include "common/sql_error.h"
#include "sql/expr/builtin_function.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

bool IsCombinableAggregate(const AggregateCall& call) {
  if (call.distinct || !call.order.empty()) return false;
  switch (call.kind) {
    case AggKind::kCountStar:
    case AggKind::kCount:
    case AggKind::kSum:
    case AggKind::kAvg:
    case AggKind::kMin:
    case AggKind::kMax:
    case AggKind::kBoolAnd:
    case AggKind::kBoolOr:
    case AggKind::kBitAnd:
    case AggKind::kBitOr:
    case AggKind::kBitXor:
      return true;
    default:
      return false;
  }
}

namespace {

const BuiltinFunction* BitwiseCombine(AggKind kind, Oid type) {
  const char* op = kind == AggKind::kBitAnd ? "and" : kind == AggKind::kBitOr ? "or" : "xor";
  std::string name = type == type_oid::kInt2   ? "int2"
                     : type == type_oid::kInt4 ? "int4"
                     : type == type_oid::kInt8 ? "int8"
                                               : "bit";
  return FindBuiltinFunction(name + op);
}

}  // namespace

void CombineAggStates(const AggregateCall& call, AggState& dst, AggState& src) {
  if (src.count == 0) return;
  if (dst.count == 0) {
    dst = std::move(src);
    return;
  }
  const Oid in = call.arg != nullptr ? call.arg->type().oid : 0;
  switch (call.kind) {
    case AggKind::kCountStar:
    case AggKind::kCount:
      break;
    case AggKind::kSum:
    case AggKind::kAvg:
      if ((in == type_oid::kInt2 || in == type_oid::kInt4) && call.kind == AggKind::kSum) {
        dst.int_sum += src.int_sum;
      } else if (in == type_oid::kInt2 || in == type_oid::kInt4 || in == type_oid::kInt8 ||
                 in == type_oid::kNumeric) {
        dst.numeric_sum = dst.numeric_sum.Add(src.numeric_sum);
      } else if (in == type_oid::kInterval) {
        static const BuiltinFunction* const plus = FindBuiltinFunction("interval_pl");
        const Value args[] = {dst.interval_sum, src.interval_sum};
        dst.interval_sum = plus->fn(std::span<const Value>(args));
      } else {
        const bool float4 = in == type_oid::kFloat4 && call.kind == AggKind::kSum;
        const double r = float4 ? static_cast<double>(static_cast<float>(dst.float_sum) +
                                                      static_cast<float>(src.float_sum))
                                : dst.float_sum + src.float_sum;
        if (std::isinf(r) && !std::isinf(dst.float_sum) && !std::isinf(src.float_sum)) {
          throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: overflow");
        }
        dst.float_sum = r;
      }
      break;
    case AggKind::kMin:
    case AggKind::kMax: {
      const int c = CompareValues(src.extreme, dst.extreme);
      if (call.kind == AggKind::kMin ? c < 0 : c > 0) dst.extreme = src.extreme;
      break;
    }
    case AggKind::kBoolAnd:
      dst.bool_result = dst.bool_result && src.bool_result;
      break;
    case AggKind::kBoolOr:
      dst.bool_result = dst.bool_result || src.bool_result;
      break;
    case AggKind::kBitAnd:
    case AggKind::kBitOr:
    case AggKind::kBitXor: {
      const Value args[] = {dst.extreme, src.extreme};
      dst.extreme = BitwiseCombine(call.kind, in)->fn(std::span<const Value>(args));
      break;
    }
    default:
      break;
  }
  dst.count += src.count;
}

}  // namespace strata::sql
