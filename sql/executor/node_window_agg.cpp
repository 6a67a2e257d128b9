// WindowAgg (see node_window_agg.h): partitions of sorted input, peer
// groups, frames and the window functions' values (PostgreSQL's
// nodeWindowAgg.c and windowfuncs.c, with their runtime errors).
#include "sql/executor/node_window_agg.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "catalog/builtin_types.h"
#include "common/interrupts.h"
#include "common/sql_error.h"
#include "sql/executor/agg_transition.h"
#include "sql/executor/spill_file.h"
#include "sql/storage_format/key_codec.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

// The rows of one partition, by position. In memory until they outgrow the
// budget; then all of them go to a spill file, and Get() reads them back a
// chunk of kChunk consecutive rows at a time into a small cache (least
// recently used chunk evicted), so a frame moving forward reads each chunk
// about once.
class PartitionRows {
 public:
  // Empties it for a new partition with this budget (bytes).
  void Reset(int64_t budget) {
    budget_ = budget;
    mem_.clear();
    used_ = 0;
    count_ = 0;
    file_.reset();
    chunk_offsets_.clear();
    cache_.clear();
  }
  size_t size() const { return count_; }
  bool spilled() const { return file_ != nullptr; }

  void Append(Row row) {
    ++count_;
    if (file_ != nullptr) {
      Write(row, count_ - 1);
      return;
    }
    used_ += static_cast<int64_t>(RowMemory(row) + kRowOverhead);
    mem_.push_back(std::move(row));
    if (used_ > budget_) Spill();
  }

  // REQUIRES: i < size(). The reference is valid until the next call.
  const Row& Get(size_t i) {
    if (file_ == nullptr) return mem_[i];
    return Chunk(i / kChunk)[i % kChunk];
  }

  // Row i, to return. `last_use`: it is not read again (moved out).
  void Take(size_t i, bool last_use, Row* out) {
    if (file_ == nullptr && last_use) {
      *out = std::move(mem_[i]);
      return;
    }
    *out = Get(i);
  }

 private:
  static constexpr size_t kChunk = 128;
  static constexpr size_t kRowOverhead = 32;  // the Row header in the vector
  struct Cached {
    size_t chunk = SIZE_MAX;
    uint64_t last_use = 0;
    std::vector<Row> rows;
  };

  void Write(const Row& row, size_t i) {
    if (i % kChunk == 0) chunk_offsets_.push_back(file_->bytes());
    file_->WriteRow(row);
  }

  void Spill() {
    // Rows held per cached chunk, from what they took in memory.
    const int64_t per_row = used_ / static_cast<int64_t>(std::max<size_t>(mem_.size(), 1));
    const int64_t chunk_bytes = per_row * static_cast<int64_t>(kChunk);
    max_cached_ = static_cast<size_t>(std::max<int64_t>(4, budget_ / std::max<int64_t>(chunk_bytes, 1)));
    cache_.reserve(max_cached_);  // no reallocation: Get()'s reference stays put
    file_ = std::make_unique<SpillFile>();
    for (size_t i = 0; i < mem_.size(); ++i) Write(mem_[i], i);
    mem_.clear();
    mem_.shrink_to_fit();
    used_ = 0;
  }

  const std::vector<Row>& Chunk(size_t c) {
    ++clock_;
    for (Cached& e : cache_) {
      if (e.chunk == c) {
        e.last_use = clock_;
        return e.rows;
      }
    }
    Cached* slot = nullptr;
    if (cache_.size() < max_cached_) {
      slot = &cache_.emplace_back();
    } else {
      slot = &*std::min_element(cache_.begin(), cache_.end(), [](const Cached& a, const Cached& b) {
        return a.last_use < b.last_use;
      });
    }
    CheckForInterrupts();
    slot->chunk = c;
    slot->last_use = clock_;
    const size_t n = std::min(kChunk, count_ - c * kChunk);
    slot->rows.resize(n);
    file_->SeekRead(chunk_offsets_[c]);
    for (size_t i = 0; i < n; ++i) {
      if (!file_->ReadRow(&slot->rows[i])) {
        throw SqlError(SqlState::kIoError, "could not read from temporary file: unexpected end");
      }
    }
    return slot->rows;
  }

  int64_t budget_ = 0;
  std::vector<Row> mem_;
  int64_t used_ = 0;
  size_t count_ = 0;
  std::unique_ptr<SpillFile> file_;
  std::vector<uint64_t> chunk_offsets_;  // file offset of each chunk's first row
  std::vector<Cached> cache_;
  size_t max_cached_ = 4;
  uint64_t clock_ = 0;
};

namespace {

// Ordering for RANGE bounds: intervals by their span (interval_cmp: a month
// is 30 days, a day 24 hours), everything else as the btree orders it.
__int128 IntervalSpan(const Interval& iv) {
  constexpr __int128 kDay = 86400LL * 1000000LL;
  return static_cast<__int128>(iv.time) + iv.day * kDay + static_cast<__int128>(iv.month) * 30 * kDay;
}

int CompareRange(const Value& a, const Value& b) {
  if (a.type() == type_oid::kInterval && b.type() == type_oid::kInterval) {
    const __int128 x = IntervalSpan(a.interval_value());
    const __int128 y = IntervalSpan(b.interval_value());
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const Oid t = a.type();
  if (t == b.type() && (t == type_oid::kTimestamp || t == type_oid::kTimestampTz ||
                        t == type_oid::kTime || t == type_oid::kDate)) {
    return a.int_value() < b.int_value() ? -1 : a.int_value() > b.int_value() ? 1 : 0;
  }
  return CompareValues(a, b);
}

Value EvalOffset(const BoundExpr& expr, EvalContext& ctx, bool start, bool range) {
  Value v = expr.Evaluate(ctx);
  const char* which = start ? "starting" : "ending";
  if (v.is_null()) {
    throw SqlError(SqlState::kNullValueNotAllowed,
                   std::string("frame ") + which + " offset must not be null");
  }
  bool negative = false;
  if (!range || v.type() == type_oid::kInt8) {
    negative = v.int_value() < 0;
  } else if (v.type() == type_oid::kNumeric) {
    negative = v.numeric_value().Sign() < 0;
  } else if (v.type() == type_oid::kFloat8) {
    negative = v.float_value() < 0 || std::isnan(v.float_value());
  } else if (v.type() == type_oid::kInterval) {
    negative = IntervalSpan(v.interval_value()) < 0;
  }
  if (negative) {
    if (range) {
      throw SqlError(SqlState::kInvalidPrecedingOrFollowingSize,
                     "invalid preceding or following size in window function");
    }
    throw SqlError(SqlState::kInvalidPrecedingOrFollowingSize,
                   std::string("frame ") + which + " offset must not be negative");
  }
  return v;
}

bool IsRanking(WindowFuncKind kind) {
  switch (kind) {
    case WindowFuncKind::kRowNumber:
    case WindowFuncKind::kRank:
    case WindowFuncKind::kDenseRank:
    case WindowFuncKind::kPercentRank:
    case WindowFuncKind::kCumeDist:
    case WindowFuncKind::kNtile:
      return true;
    default:
      return false;
  }
}

}  // namespace

struct WindowAgg::CallState {
  AggState running;    // aggregates with a running frame
  int64_t added = -1;  // last position added to `running`
  bool ntile_null = false;
  int64_t buckets = 0;  // ntile
};

WindowAgg::WindowAgg(PlanNodePtr child, const std::vector<WindowCall>* calls,
                     std::vector<size_t> members, std::vector<WindowKeySource> keys, int base,
                     const std::vector<Value>* params)
    : child_(std::move(child)),
      calls_(calls),
      members_(std::move(members)),
      keys_(std::move(keys)),
      base_(base),
      width_(static_cast<size_t>(base) + calls->size()),
      ctx_(params),
      window_((*calls)[members_.front()].window),
      rows_(std::make_unique<PartitionRows>()) {
  partition_keys_ = window_.partition.size();
  for (const BoundExprPtr& p : window_.partition) key_columns_.emplace_back(p->type().oid);
  for (const WindowOrderKey& k : window_.order) {
    key_columns_.emplace_back(
        k.expr->type().oid, k.descending ? SortDirection::kDescending : SortDirection::kAscending,
        k.nulls == 1 ? NullsOrder::kFirst : k.nulls == 2 ? NullsOrder::kLast : NullsOrder::kDefault);
  }
  opts_ = window_.frame_options;
  is_range_ = (opts_ & frame::kRange) != 0;
  is_groups_ = (opts_ & frame::kGroups) != 0;
  range_values_ = is_range_ && window_.range_compare != nullptr;
  nulls_first_ = key_columns_.size() > partition_keys_ && key_columns_[partition_keys_].nulls_first;
  desc_ = !window_.order.empty() && window_.order[0].descending;
  // A returned row is read again only by lag (earlier rows), by frames that
  // do not start at the partition's start, by first/nth_value, and by a
  // running aggregate whose frame ends before the current row.
  move_rows_ = true;
  for (size_t j : members_) {
    const WindowCall& call = (*calls_)[j];
    if (IsRanking(call.kind)) continue;
    const bool running = call.kind == WindowFuncKind::kAggregate &&
                         (opts_ & frame::kStartUnboundedPreceding) != 0 &&
                         (opts_ & frame::kExclusion) == 0 &&
                         (opts_ & frame::kEndOffsetPreceding) == 0;
    if (!running) move_rows_ = false;
  }
  states_.resize(members_.size());
}

WindowAgg::~WindowAgg() = default;

void WindowAgg::Close() {
  rows_->Reset(0);
  g_start_.clear();
  cmp_.clear();
  pending_ = Row();
  have_pending_ = false;
  child_->Close();
}

void WindowAgg::Init() {
  child_->Init();
  budget_ = work_mem_ >= 0 ? work_mem_ : WorkMemBytes();
  rows_->Reset(budget_);
  g_start_.clear();
  cmp_.clear();
  pos_ = 0;
  group_ = 0;
  have_pending_ = false;
  input_done_ = false;
  offsets_done_ = false;
  spilled_partitions_ = 0;
}

bool WindowAgg::ReadInput() {
  if (!child_->Next(&pending_)) return false;
  pending_pkey_.clear();
  pending_okey_.clear();
  for (size_t k = 0; k < keys_.size(); ++k) {
    std::string* out = k < partition_keys_ ? &pending_pkey_ : &pending_okey_;
    const WindowKeySource& src = keys_[k];
    if (src.slot >= 0) {
      const Value& v = pending_[static_cast<size_t>(src.slot)];
      AppendKeyDatum(key_columns_[k], v, out);
      if (k == partition_keys_ && range_values_) pending_first_ = v;
    } else {
      ctx_.SetRow(&pending_);
      Value v = src.expr->Evaluate(ctx_);
      AppendKeyDatum(key_columns_[k], v, out);
      if (k == partition_keys_ && range_values_) pending_first_ = std::move(v);
    }
  }
  // Computed keys (past width_) are dropped; call slots exist.
  pending_.resize(width_);
  for (int c : cleared_) pending_[static_cast<size_t>(c)] = Value();
  return true;
}

bool WindowAgg::LoadPartition() {
  if (!have_pending_) {
    if (input_done_ || !ReadInput()) {
      input_done_ = true;
      return false;
    }
  }
  rows_->Reset(budget_);
  g_start_.clear();
  cmp_.clear();
  pos_ = 0;
  group_ = 0;
  const std::string pkey = pending_pkey_;
  std::string prev_okey;
  size_t n = 0;
  while (true) {
    if (n == 0 || pending_okey_ != prev_okey) g_start_.push_back(n);
    prev_okey.swap(pending_okey_);
    if (range_values_) {
      if (pending_first_.is_null()) {
        cmp_.push_back(pending_first_);
      } else {
        Row one{pending_first_};
        ctx_.SetRow(&one);
        cmp_.push_back(window_.range_compare->Evaluate(ctx_));
      }
    }
    rows_->Append(std::move(pending_));
    pending_ = Row();
    ++n;
    if (!ReadInput()) {
      have_pending_ = false;
      input_done_ = true;
      break;
    }
    if (pending_pkey_ != pkey) {
      have_pending_ = true;
      break;
    }
  }
  if (rows_->spilled()) ++spilled_partitions_;
  return true;
}

void WindowAgg::StartPartition() {
  // Frame offsets: evaluated once (they cannot name columns), when there is
  // a row (PostgreSQL evaluates nothing for no input: no offset errors).
  if (!offsets_done_) {
    offsets_done_ = true;
    ctx_.SetRow(nullptr);
    if (window_.start_offset) {
      off_start_value_ = EvalOffset(*window_.start_offset, ctx_, true, is_range_);
      if (!is_range_) off_start_ = off_start_value_.int_value();
    }
    if (window_.end_offset) {
      off_end_value_ = EvalOffset(*window_.end_offset, ctx_, false, is_range_);
      if (!is_range_) off_end_ = off_end_value_.int_value();
    }
  }
  for (size_t m = 0; m < members_.size(); ++m) {
    const WindowCall& call = (*calls_)[members_[m]];
    CallState& st = states_[m];
    st = CallState();
    if (call.kind == WindowFuncKind::kNtile) {
      ctx_.SetRow(&rows_->Get(0));
      const Value k = call.args[0]->Evaluate(ctx_);
      if (k.is_null()) {
        st.ntile_null = true;
      } else {
        if (k.int_value() <= 0) {
          throw SqlError(SqlState::kInvalidArgumentForNtile,
                         "argument of ntile must be greater than zero");
        }
        st.buckets = k.int_value();
      }
    }
  }
}

Value WindowAgg::RangeBound(size_t i, const Value& offset, bool add, int* infinite) {
  // The value v -/+ offset. An overflowing bound lies beyond every value
  // (in_range's rule): `infinite` is then +1 (above all) or -1 (below all).
  Row two{cmp_[i], offset};
  ctx_.SetRow(&two);
  *infinite = 0;
  try {
    return (add ? window_.range_add : window_.range_sub)->Evaluate(ctx_);
  } catch (const SqlError& e) {
    if (e.sqlstate() != SqlState::kNumericValueOutOfRange &&
        e.sqlstate() != SqlState::kDatetimeFieldOverflow) {
      throw;
    }
    *infinite = add ? 1 : -1;
    return Value();
  }
}

// Frame [fs, fe] (positions; empty when fs > fe) of position i, the current
// row (its group is group_).
void WindowAgg::FrameOf(size_t i, int64_t* fs, int64_t* fe) {
  const size_t n = rows_->size();
  const int64_t ii = static_cast<int64_t>(i);
  const int64_t g = static_cast<int64_t>(group_);
  const int64_t groups = static_cast<int64_t>(g_start_.size());
  const int64_t last = static_cast<int64_t>(n) - 1;
  auto g_end = [&](size_t grp) -> int64_t {
    return static_cast<int64_t>(grp + 1 < g_start_.size() ? g_start_[grp + 1] : n) - 1;
  };
  // The first position in [0, n) where `pred` holds, for a predicate false
  // then true along the partition (n when it never holds).
  auto first_true = [&](auto pred) -> int64_t {
    size_t lo = 0, hi = n;
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (pred(mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return static_cast<int64_t>(lo);
  };
  // A position plus a (non-negative) offset; offsets reach INT64_MAX
  // (ROWS BETWEEN ... AND 9223372036854775807 FOLLOWING): saturate.
  auto plus = [](int64_t a, int64_t b) {
    int64_t sum = 0;
    return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<int64_t>::max() : sum;
  };
  // start
  if ((opts_ & frame::kStartUnboundedPreceding) != 0) {
    *fs = 0;
  } else if ((opts_ & frame::kStartCurrentRow) != 0) {
    *fs = (is_range_ || is_groups_) ? static_cast<int64_t>(g_start_[group_]) : ii;
  } else {
    const bool preceding = (opts_ & frame::kStartOffsetPreceding) != 0;
    if (is_groups_) {
      const int64_t tg = preceding ? g - off_start_ : plus(g, off_start_);
      *fs = tg < 0 ? 0 : tg >= groups ? last + 1 : static_cast<int64_t>(g_start_[static_cast<size_t>(tg)]);
    } else if (!is_range_) {
      *fs = preceding ? ii - off_start_ : plus(ii, off_start_);
      if (*fs < 0) *fs = 0;
    } else if (cmp_[i].is_null()) {
      *fs = static_cast<int64_t>(g_start_[group_]);
    } else {
      // asc: first row with value >= v -/+ off; desc: <= v +/- off. NULLs
      // first never qualify (they precede every value); NULLs last do.
      int infinite = 0;
      const Value bound = RangeBound(i, off_start_value_, preceding == desc_, &infinite);
      *fs = first_true([&](size_t r) {
        const Value& x = cmp_[r];
        if (x.is_null()) return !nulls_first_;
        const int c = infinite != 0 ? -infinite : CompareRange(x, bound);
        return desc_ ? c <= 0 : c >= 0;
      });
    }
  }
  // end
  if ((opts_ & frame::kEndUnboundedFollowing) != 0) {
    *fe = last;
  } else if ((opts_ & frame::kEndCurrentRow) != 0) {
    *fe = (is_range_ || is_groups_) ? g_end(group_) : ii;
  } else {
    const bool preceding = (opts_ & frame::kEndOffsetPreceding) != 0;
    if (is_groups_) {
      const int64_t tg = preceding ? g - off_end_ : plus(g, off_end_);
      *fe = tg < 0 ? -1 : tg >= groups ? last : g_end(static_cast<size_t>(tg));
    } else if (!is_range_) {
      *fe = preceding ? ii - off_end_ : plus(ii, off_end_);
      if (*fe > last) *fe = last;
    } else if (cmp_[i].is_null()) {
      *fe = g_end(group_);
    } else {
      // The last row with value <= v +/- off (asc; >= desc): the one before
      // the first that is past it.
      int infinite = 0;
      const Value bound = RangeBound(i, off_end_value_, preceding == desc_, &infinite);
      *fe = first_true([&](size_t r) {
              const Value& x = cmp_[r];
              if (x.is_null()) return !nulls_first_;
              const int c = infinite != 0 ? -infinite : CompareRange(x, bound);
              return desc_ ? c < 0 : c > 0;
            }) -
            1;
    }
  }
}

void WindowAgg::ComputeRow(size_t i, Row* out) {
  const size_t n = rows_->size();
  const size_t g_first = g_start_[group_];
  const size_t g_last = (group_ + 1 < g_start_.size() ? g_start_[group_ + 1] : n) - 1;
  auto excluded = [&](size_t r) {
    if ((opts_ & frame::kExcludeCurrentRow) != 0) return r == i;
    if ((opts_ & frame::kExcludeGroup) != 0) return r >= g_first && r <= g_last;
    if ((opts_ & frame::kExcludeTies) != 0) return r != i && r >= g_first && r <= g_last;
    return false;
  };
  const bool exclusion = (opts_ & frame::kExclusion) != 0;
  out->resize(members_.size());
  for (size_t m = 0; m < members_.size(); ++m) {
    const WindowCall& call = (*calls_)[members_[m]];
    CallState& st = states_[m];
    Value& result = (*out)[m];
    switch (call.kind) {
      case WindowFuncKind::kRowNumber:
        result = Value::Int8(static_cast<int64_t>(i + 1));
        break;
      case WindowFuncKind::kRank:
        result = Value::Int8(static_cast<int64_t>(g_first + 1));
        break;
      case WindowFuncKind::kDenseRank:
        result = Value::Int8(static_cast<int64_t>(group_ + 1));
        break;
      case WindowFuncKind::kPercentRank:
        result = Value::Float8(n <= 1 ? 0.0 : static_cast<double>(g_first) / static_cast<double>(n - 1));
        break;
      case WindowFuncKind::kCumeDist:
        result = Value::Float8(static_cast<double>(g_last + 1) / static_cast<double>(n));
        break;
      case WindowFuncKind::kNtile: {
        if (st.ntile_null) {
          result = Value::Null(type_oid::kInt4);
          break;
        }
        // The first `extra` buckets hold per + 1 rows.
        const int64_t total = static_cast<int64_t>(n);
        const int64_t per = total / st.buckets;
        const int64_t extra = total % st.buckets;
        const int64_t ii = static_cast<int64_t>(i);
        int64_t b;
        if (ii < extra * (per + 1)) {
          b = ii / (per + 1);
        } else {
          b = extra + (per == 0 ? 0 : (ii - extra * (per + 1)) / per);
        }
        result = Value::Int4(static_cast<int32_t>(b + 1));
        break;
      }
      case WindowFuncKind::kLag:
      case WindowFuncKind::kLead: {
        ctx_.SetRow(&rows_->Get(i));
        int64_t offset = 1;
        if (call.args.size() >= 2) {
          const Value o = call.args[1]->Evaluate(ctx_);
          if (o.is_null()) {
            result = Value::Null(call.type.oid);
            break;
          }
          offset = o.int_value();
        }
        const int64_t target = call.kind == WindowFuncKind::kLag ? static_cast<int64_t>(i) - offset
                                                                 : static_cast<int64_t>(i) + offset;
        if (target < 0 || target >= static_cast<int64_t>(n)) {
          result = call.args.size() == 3 ? call.args[2]->Evaluate(ctx_) : Value::Null(call.type.oid);
          break;
        }
        ctx_.SetRow(&rows_->Get(static_cast<size_t>(target)));
        result = call.args[0]->Evaluate(ctx_);
        break;
      }
      case WindowFuncKind::kFirstValue:
      case WindowFuncKind::kLastValue:
      case WindowFuncKind::kNthValue: {
        int64_t nth = 1;
        if (call.kind == WindowFuncKind::kNthValue) {
          ctx_.SetRow(&rows_->Get(i));
          const Value v = call.args[1]->Evaluate(ctx_);
          if (v.is_null()) {
            result = Value::Null(call.type.oid);
            break;
          }
          nth = v.int_value();
          if (nth <= 0) {
            throw SqlError(SqlState::kInvalidArgumentForNthValue,
                           "argument of nth_value must be greater than zero");
          }
        }
        int64_t fs = 0, fe = 0;
        FrameOf(i, &fs, &fe);
        fs = std::max<int64_t>(fs, 0);
        fe = std::min<int64_t>(fe, static_cast<int64_t>(n) - 1);
        int64_t pick = -1;
        if (!exclusion) {
          if (fs <= fe) {
            if (call.kind == WindowFuncKind::kFirstValue) pick = fs;
            if (call.kind == WindowFuncKind::kLastValue) pick = fe;
            if (call.kind == WindowFuncKind::kNthValue && nth - 1 <= fe - fs) pick = fs + nth - 1;
          }
        } else if (call.kind == WindowFuncKind::kLastValue) {
          for (int64_t r = fe; r >= fs; --r) {
            if (!excluded(static_cast<size_t>(r))) {
              pick = r;
              break;
            }
          }
        } else {
          int64_t seen = 0;
          for (int64_t r = fs; r <= fe; ++r) {
            if (excluded(static_cast<size_t>(r))) continue;
            if (++seen == nth) {
              pick = r;
              break;
            }
          }
        }
        if (pick < 0) {
          result = Value::Null(call.type.oid);
        } else {
          ctx_.SetRow(&rows_->Get(static_cast<size_t>(pick)));
          result = call.args[0]->Evaluate(ctx_);
        }
        break;
      }
      case WindowFuncKind::kAggregate: {
        auto advance = [&](AggState& state, size_t r) {
          const Row& row = rows_->Get(r);
          ctx_.SetRow(&row);
          if (call.filter && !EvaluatePredicate(*call.filter, row, ctx_)) return;
          ctx_.SetRow(&row);
          AdvanceRow(call.agg, state, ctx_);
        };
        const bool running = (opts_ & frame::kStartUnboundedPreceding) != 0 && !exclusion;
        int64_t fs = 0, fe = 0;
        FrameOf(i, &fs, &fe);
        fe = std::min<int64_t>(fe, static_cast<int64_t>(n) - 1);
        if (running && fe >= st.added) {
          while (st.added < fe) advance(st.running, static_cast<size_t>(++st.added));
          result = Finish(call.agg, st.running);
          break;
        }
        AggState state;
        for (int64_t r = std::max<int64_t>(fs, 0); r <= fe; ++r) {
          if (!excluded(static_cast<size_t>(r))) advance(state, static_cast<size_t>(r));
        }
        result = Finish(call.agg, state);
        break;
      }
    }
  }
}

bool WindowAgg::Next(Row* row) {
  while (pos_ >= rows_->size()) {
    if (!LoadPartition()) return false;
    StartPartition();
  }
  const size_t i = pos_++;
  while (group_ + 1 < g_start_.size() && g_start_[group_ + 1] <= i) ++group_;
  ComputeRow(i, &values_);
  rows_->Take(i, move_rows_, row);
  for (size_t m = 0; m < members_.size(); ++m) {
    (*row)[static_cast<size_t>(base_) + members_[m]] = std::move(values_[m]);
  }
  return true;
}

}  // namespace strata::sql
