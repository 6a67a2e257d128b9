// HashAgg and HashDistinct: grouping and the aggregates' transition and final functions
// (PostgreSQL's int4_sum/int8_avg_accum/numeric_avg/float8_accum/...:
// sum(int2/int4) accumulates in int8, sum(int8) and every avg of integers in
// numeric, avg(float) in float8; min/max use the type's btree order).
#include <cmath>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "catalog/builtin_types.h"
#include "common/sql_error.h"
#include "sql/expr/range_functions.h"
#include "sql/executor/agg_transition.h"
#include "sql/executor/key_hash.h"
#include "sql/expr/builtin_function.h"
#include "sql/executor/plan_node.h"
#include "sql/executor/spill_file.h"
#include "sql/types/numeric.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

[[noreturn]] void FloatOverflow() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: overflow");
}

// The transition function of bit_and/bit_or/bit_xor over `type` (int2and,
// int4or, bitxor, ...).
const BuiltinFunction* BitwiseAggFunction(AggKind kind, Oid type) {
  static const BuiltinFunction* const kTable[4][3] = {
      {FindBuiltinFunction("int2and"), FindBuiltinFunction("int2or"),
       FindBuiltinFunction("int2xor")},
      {FindBuiltinFunction("int4and"), FindBuiltinFunction("int4or"),
       FindBuiltinFunction("int4xor")},
      {FindBuiltinFunction("int8and"), FindBuiltinFunction("int8or"),
       FindBuiltinFunction("int8xor")},
      {FindBuiltinFunction("bitand"), FindBuiltinFunction("bitor"),
       FindBuiltinFunction("bitxor")}};
  const int op = kind == AggKind::kBitAnd ? 0 : (kind == AggKind::kBitOr ? 1 : 2);
  int row = 3;  // bit
  if (type == type_oid::kInt2) row = 0;
  if (type == type_oid::kInt4) row = 1;
  if (type == type_oid::kInt8) row = 2;
  return kTable[row][op];
}

}  // namespace

void Advance(const AggregateCall& call, AggState& st, const Value& v, const Value& v2) {
  if (call.kind == AggKind::kCountStar) {
    ++st.count;
    return;
  }
  // array_agg and json(b)_agg keep NULL inputs; the others skip them.
  const bool keeps_nulls = call.kind == AggKind::kArrayAgg || call.kind == AggKind::kJsonAgg ||
                           call.kind == AggKind::kJsonbAgg;
  if (v.is_null() && !keeps_nulls) return;
  if (call.distinct) {
    std::string key;
    AppendKeyDatum(KeyColumn(call.arg->type().oid), v, &key);
    if (call.arg2) AppendKeyDatum(KeyColumn(call.arg2->type().oid), v2, &key);
    if (!st.seen.Insert(key)) return;
  }
  if (IsCollectingAggregate(call.kind)) {
    AdvanceCollecting(call, st, v, v2);
    ++st.count;
    return;
  }
  const Oid in = call.arg->type().oid;
  switch (call.kind) {
    case AggKind::kCountStar:
    case AggKind::kCount:
      break;
    case AggKind::kSum:
    case AggKind::kAvg:
      if (in == type_oid::kInt2 || in == type_oid::kInt4) {
        if (call.kind == AggKind::kSum) {
          st.int_sum += v.int_value();  // int8 cannot overflow from int4 inputs in practice
        } else {
          st.numeric_sum = st.numeric_sum.Add(Numeric::FromInt64(v.int_value()));
        }
      } else if (in == type_oid::kInt8) {
        st.numeric_sum = st.numeric_sum.Add(Numeric::FromInt64(v.int_value()));
      } else if (in == type_oid::kNumeric) {
        st.numeric_sum = st.numeric_sum.Add(v.numeric_value());
      } else if (in == type_oid::kInterval) {
        // interval_pl's own overflow check ("interval out of range").
        static const BuiltinFunction* const plus = FindBuiltinFunction("interval_pl");
        const Value args[] = {st.interval_sum, v};
        st.interval_sum = st.count == 0 ? v : plus->fn(std::span<const Value>(args));
      } else if (in == type_oid::kFloat4 && call.kind == AggKind::kSum) {
        const float r = static_cast<float>(st.float_sum) + static_cast<float>(v.float_value());
        if (std::isinf(r) && !std::isinf(st.float_sum) && !std::isinf(v.float_value())) {
          FloatOverflow();
        }
        st.float_sum = r;
      } else {
        const double r = st.float_sum + v.float_value();
        if (std::isinf(r) && !std::isinf(st.float_sum) && !std::isinf(v.float_value())) {
          FloatOverflow();
        }
        st.float_sum = r;
      }
      break;
    case AggKind::kMin:
    case AggKind::kMax:
      if (st.count == 0) {
        st.extreme = v;
      } else {
        const int c = CompareValues(v, st.extreme);
        if (call.kind == AggKind::kMin ? c < 0 : c > 0) st.extreme = v;
      }
      break;
    case AggKind::kBoolAnd:
      st.bool_result = st.count == 0 ? v.bool_value() : (st.bool_result && v.bool_value());
      break;
    case AggKind::kBitAnd:
    case AggKind::kBitOr:
    case AggKind::kBitXor:
      if (st.count == 0) {
        st.extreme = v;
      } else {
        const Value args[] = {st.extreme, v};
        st.extreme = BitwiseAggFunction(call.kind, in)->fn(std::span<const Value>(args));
      }
      break;
    case AggKind::kBoolOr:
      st.bool_result = st.count == 0 ? v.bool_value() : (st.bool_result || v.bool_value());
      break;
    case AggKind::kRangeIntersectAgg:  // range_intersect / multirange_intersect
      if (st.count == 0) {
        st.extreme = v;
      } else if (IsMultirangeType(in)) {
        st.extreme = MakeMultirange(
            in, IntersectMultiranges(st.extreme.multirange_value(), v.multirange_value()));
      } else {
        st.extreme = MakeRange(in, IntersectRanges(st.extreme.range_value(), v.range_value()));
      }
      break;
    default:  // the collecting kinds, handled above
      break;
  }
  ++st.count;
}

Value Finish(const AggregateCall& call, const AggState& st) {
  if ((!call.order.empty() && !st.replayed) || IsCollectingAggregate(call.kind)) {
    return FinishCollecting(call, st);
  }
  const Oid out = call.type.oid;
  switch (call.kind) {
    case AggKind::kCountStar:
    case AggKind::kCount:
      return Value::Int8(st.count);
    default:
      break;
  }
  if (st.count == 0) return Value::Null(out);
  const Oid in = call.arg->type().oid;
  switch (call.kind) {
    case AggKind::kSum:
      if (out == type_oid::kInt8) return Value::Int8(st.int_sum);
      if (out == type_oid::kInterval) return st.interval_sum;
      if (out == type_oid::kNumeric) return Value::FromNumeric(st.numeric_sum);
      if (out == type_oid::kFloat4) return Value::Float4(static_cast<float>(st.float_sum));
      return Value::Float8(st.float_sum);
    case AggKind::kAvg:
      if (in == type_oid::kInterval) {
        // interval_avg: the sum divided by the count, as interval_div does.
        static const BuiltinFunction* const divide = FindBuiltinFunction("interval_div");
        const Value args[] = {st.interval_sum, Value::Float8(static_cast<double>(st.count))};
        return divide->fn(std::span<const Value>(args));
      }
      if (in == type_oid::kFloat4 || in == type_oid::kFloat8) {
        return Value::Float8(st.float_sum / static_cast<double>(st.count));
      }
      return Value::FromNumeric(st.numeric_sum.Div(Numeric::FromInt64(st.count)));
    case AggKind::kMin:
    case AggKind::kMax:
    case AggKind::kBitAnd:
    case AggKind::kBitOr:
    case AggKind::kBitXor:
    case AggKind::kRangeIntersectAgg:
      return st.extreme;
    case AggKind::kBoolAnd:
    case AggKind::kBoolOr:
      return Value::Bool(st.bool_result);
    default:
      return Value::Null(out);
  }
}

namespace {

constexpr size_t kAggPartitions = 16;
constexpr int kMaxSpillDepth = 4;  // deeper partitions just use more memory

size_t PartitionOf(const std::string& key, int depth, size_t n) {
  return (std::hash<std::string>{}(key) + static_cast<size_t>(depth) * 0x9E3779B97F4A7C15ULL) % n;
}

}  // namespace

void HashAgg::Init() {
  child_->Init();
  groups_.clear();
  next_ = 0;
  spilled_partitions_ = 0;
  const int64_t budget = work_mem_ >= 0 ? work_mem_ : WorkMemBytes();
  AggregatePass([this](Row* row) { return child_->Next(row); }, 0, budget);
}

void HashAgg::AggregatePass(const std::function<bool(Row*)>& next_row, int depth,
                            int64_t budget) {
  std::vector<KeyColumn> key_columns;
  for (const BoundExprPtr& k : *keys_) key_columns.emplace_back(k->type().oid);
  std::unordered_map<std::string, size_t, KeyBytesHash> index;
  std::vector<Row> groups;
  std::vector<std::vector<AggState>> states;
  if (keys_->empty()) {
    groups.emplace_back();
    states.emplace_back(aggs_->size());
  }
  std::vector<std::unique_ptr<SpillFile>> partitions;
  int64_t used = 0;
  const auto per_group =
      static_cast<int64_t>(96 + aggs_->size() * sizeof(AggState) + keys_->size() * sizeof(Value));
  EvalContext ctx(params_);
  Row row;
  Row key_values;
  while (next_row(&row)) {
    ctx.SetRow(&row);
    size_t g = 0;
    if (!keys_->empty()) {
      key_values.clear();
      std::string key;
      for (size_t i = 0; i < keys_->size(); ++i) {
        key_values.push_back((*keys_)[i]->Evaluate(ctx));
        AppendKeyDatum(key_columns[i], key_values.back(), &key);
      }
      auto it = index.find(key);
      if (it == index.end()) {
        if (used > budget && depth < kMaxSpillDepth) {
          // A new group that does not fit: its rows wait in a partition.
          if (partitions.empty()) {
            for (size_t p = 0; p < kAggPartitions; ++p) {
              partitions.push_back(std::make_unique<SpillFile>());
            }
            spilled_partitions_ += kAggPartitions;
          }
          partitions[PartitionOf(key, depth, kAggPartitions)]->WriteRow(row);
          continue;
        }
        used += per_group + static_cast<int64_t>(2 * key.capacity() + RowMemory(key_values));
        it = index.emplace(std::move(key), groups.size()).first;
        groups.push_back(key_values);
        states.emplace_back(aggs_->size());
      }
      g = it->second;
    }
    for (size_t a = 0; a < aggs_->size(); ++a) AdvanceRow((*aggs_)[a], states[g][a], ctx);
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t a = 0; a < aggs_->size(); ++a) {
      groups[g].push_back(Finish((*aggs_)[a], states[g][a]));
    }
    groups_.push_back(std::move(groups[g]));
  }
  groups.clear();
  states.clear();
  index.clear();
  for (auto& part : partitions) {
    if (part->rows() == 0) continue;
    part->Rewind();
    SpillFile* file = part.get();
    AggregatePass([file](Row* r) { return file->ReadRow(r); }, depth + 1, budget);
    part.reset();  // its disk space goes as soon as it is done
  }
}

HashDistinct::HashDistinct(PlanNodePtr child, std::vector<KeyColumn> columns)
    : child_(std::move(child)), columns_(std::move(columns)) {}

HashDistinct::~HashDistinct() = default;

void HashDistinct::Init() {
  seen_.clear();
  partitions_.clear();
  used_ = 0;
  child_done_ = false;
  partition_ = 0;
  partition_open_ = false;
  budget_ = work_mem_ >= 0 ? work_mem_ : WorkMemBytes();
  child_->Init();
}

void HashDistinct::Close() {
  seen_.clear();
  partitions_.clear();
  child_->Close();
}

bool HashDistinct::Next(Row* row) {
  while (!child_done_) {
    if (!child_->Next(row)) {
      child_done_ = true;
      break;
    }
    std::string key;
    for (size_t i = 0; i < columns_.size(); ++i) AppendKeyDatum(columns_[i], (*row)[i], &key);
    if (seen_.count(key) > 0) continue;
    if (used_ > budget_) {
      if (partitions_.empty()) {
        for (size_t p = 0; p < kAggPartitions; ++p) {
          partitions_.push_back(std::make_unique<SpillFile>());
        }
      }
      partitions_[PartitionOf(key, 0, kAggPartitions)]->WriteRow(*row);
      continue;
    }
    used_ += static_cast<int64_t>(64 + 2 * key.capacity());
    seen_.insert(std::move(key));
    return true;
  }
  // The spilled rows, one partition at a time, each with a set of its own.
  while (partition_ < partitions_.size()) {
    SpillFile& part = *partitions_[partition_];
    if (!partition_open_) {
      seen_.clear();
      part.Rewind();
      partition_open_ = true;
    }
    while (part.ReadRow(row)) {
      std::string key;
      for (size_t i = 0; i < columns_.size(); ++i) AppendKeyDatum(columns_[i], (*row)[i], &key);
      if (seen_.insert(std::move(key)).second) return true;
    }
    partitions_[partition_].reset();
    ++partition_;
    partition_open_ = false;
  }
  return false;
}

bool HashAgg::Next(Row* row) {
  if (next_ >= groups_.size()) return false;
  *row = std::move(groups_[next_++]);
  return true;
}

}  // namespace strata::sql
