// WindowAgg (see node_window_agg.h): sorting per window, peer groups, frames
// and the window functions' values (PostgreSQL's nodeWindowAgg.c and
// windowfuncs.c, with their runtime errors).
#include "sql/executor/sort_by_key.h"
#include "sql/executor/node_window_agg.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalog/builtin_types.h"
#include "common/sql_error.h"
#include "sql/executor/agg_transition.h"
#include "sql/storage_format/key_codec.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

// One partition's rows in window order, with their peer groups.
struct Partition {
  std::vector<size_t> rows;     // indexes into the node's rows
  std::vector<size_t> group;    // group number of each position
  std::vector<size_t> g_start;  // first position of each group
  std::vector<size_t> g_end;    // last position of each group
};

// Frame offsets, evaluated once (they cannot name columns).
struct Offsets {
  int64_t start = 0;
  int64_t end = 0;
  Value start_value;  // RANGE
  Value end_value;
};

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

}  // namespace

void WindowAgg::Init() {
  child_->Init();
  rows_.clear();
  order_.clear();
  next_ = 0;
  Row row;
  while (child_->Next(&row)) rows_.push_back(std::move(row));
  // Nothing to compute (PostgreSQL evaluates nothing either: no offset errors).
  if (rows_.empty()) return;
  EvalContext ctx(params_);
  std::vector<std::vector<Value>> outputs(calls_->size(), std::vector<Value>(rows_.size()));

  for (size_t c = 0; c < calls_->size(); ++c) {
    const WindowCall& call = (*calls_)[c];
    const BoundWindow& w = call.window;
    const int opts = w.frame_options;
    const bool is_range = (opts & frame::kRange) != 0;
    const bool is_groups = (opts & frame::kGroups) != 0;

    // Sort keys: partition (any consistent order), then the window's ORDER BY.
    std::vector<KeyColumn> part_cols;
    for (const BoundExprPtr& p : w.partition) part_cols.emplace_back(p->type().oid);
    std::vector<KeyColumn> order_cols;
    for (const WindowOrderKey& k : w.order) {
      order_cols.emplace_back(
          k.expr->type().oid,
          k.descending ? SortDirection::kDescending : SortDirection::kAscending,
          k.nulls == 1 ? NullsOrder::kFirst : k.nulls == 2 ? NullsOrder::kLast : NullsOrder::kDefault);
    }
    std::vector<std::string> pkey(rows_.size()), okey(rows_.size());
    std::vector<Value> first_order(rows_.size());
    for (size_t r = 0; r < rows_.size(); ++r) {
      ctx.SetRow(&rows_[r]);
      for (size_t i = 0; i < w.partition.size(); ++i) {
        AppendKeyDatum(part_cols[i], w.partition[i]->Evaluate(ctx), &pkey[r]);
      }
      for (size_t i = 0; i < w.order.size(); ++i) {
        Value v = w.order[i].expr->Evaluate(ctx);
        AppendKeyDatum(order_cols[i], v, &okey[r]);
        if (i == 0) first_order[r] = std::move(v);
      }
    }
    // Partition key then order key: both are memcomparable encodings, which
    // are self-delimiting, so their concatenation orders as the pair does.
    std::vector<size_t> idx(rows_.size());
    {
      std::vector<std::pair<std::string, size_t>> keyed(rows_.size());
      for (size_t r = 0; r < rows_.size(); ++r) {
        keyed[r].first.reserve(pkey[r].size() + okey[r].size());
        keyed[r].first.append(pkey[r]).append(okey[r]);
        keyed[r].second = r;
      }
      SortByKey(&keyed);  // stable: peers keep their input order
      for (size_t r = 0; r < idx.size(); ++r) idx[r] = keyed[r].second;
    }

    // Frame offsets.
    Offsets off;
    if (w.start_offset) {
      ctx.SetRow(nullptr);
      off.start_value = EvalOffset(*w.start_offset, ctx, true, is_range);
      if (!is_range) off.start = off.start_value.int_value();
    }
    if (w.end_offset) {
      ctx.SetRow(nullptr);
      off.end_value = EvalOffset(*w.end_offset, ctx, false, is_range);
      if (!is_range) off.end = off.end_value.int_value();
    }
    // RANGE: the compare-typed order value of every row.
    std::vector<Value> cmp(rows_.size());
    if (is_range && w.range_compare) {
      for (size_t r = 0; r < rows_.size(); ++r) {
        Row one{first_order[r]};
        ctx.SetRow(&one);
        cmp[r] = first_order[r].is_null() ? first_order[r] : w.range_compare->Evaluate(ctx);
      }
    }
    const bool nulls_first = !order_cols.empty() && order_cols[0].nulls_first;
    const bool desc = !w.order.empty() && w.order[0].descending;

    size_t p0 = 0;
    while (p0 < idx.size()) {
      size_t p1 = p0 + 1;
      while (p1 < idx.size() && pkey[idx[p1]] == pkey[idx[p0]]) ++p1;
      Partition part;
      part.rows.assign(idx.begin() + static_cast<std::ptrdiff_t>(p0),
                       idx.begin() + static_cast<std::ptrdiff_t>(p1));
      const size_t n = part.rows.size();
      part.group.resize(n);
      for (size_t i = 0; i < n; ++i) {
        if (i > 0 && okey[part.rows[i]] == okey[part.rows[i - 1]]) {
          part.group[i] = part.group[i - 1];
          part.g_end.back() = i;
        } else {
          part.group[i] = part.g_start.size();
          part.g_start.push_back(i);
          part.g_end.push_back(i);
        }
      }
      const int64_t groups = static_cast<int64_t>(part.g_start.size());

      // RANGE offset bound for row i: the value v -/+ offset.
      // An overflowing bound lies beyond every value (in_range's rule):
      // `infinite` is then +1 (above all) or -1 (below all).
      int infinite = 0;
      auto range_bound = [&](size_t i, const Value& offset, bool add) {
        Row two{cmp[part.rows[i]], offset};
        ctx.SetRow(&two);
        infinite = 0;
        try {
          return (add ? w.range_add : w.range_sub)->Evaluate(ctx);
        } catch (const SqlError& e) {
          if (e.sqlstate() != SqlState::kNumericValueOutOfRange &&
              e.sqlstate() != SqlState::kDatetimeFieldOverflow) {
            throw;
          }
          infinite = add ? 1 : -1;
          return Value();
        }
      };
      // Frame [fs, fe] (positions; empty when fs > fe) of position i.
      auto frame_of = [&](size_t i, int64_t* fs, int64_t* fe) {
        const int64_t ii = static_cast<int64_t>(i);
        const int64_t g = static_cast<int64_t>(part.group[i]);
        const int64_t last = static_cast<int64_t>(n) - 1;
        // start
        if ((opts & frame::kStartUnboundedPreceding) != 0) {
          *fs = 0;
        } else if ((opts & frame::kStartCurrentRow) != 0) {
          *fs = (is_range || is_groups) ? static_cast<int64_t>(part.g_start[part.group[i]]) : ii;
        } else {
          const bool preceding = (opts & frame::kStartOffsetPreceding) != 0;
          if (is_groups) {
            const int64_t tg = preceding ? g - off.start : g + off.start;
            *fs = tg < 0 ? 0 : tg >= groups ? last + 1 : static_cast<int64_t>(part.g_start[static_cast<size_t>(tg)]);
          } else if (!is_range) {
            *fs = preceding ? ii - off.start : ii + off.start;
            if (*fs < 0) *fs = 0;
          } else if (first_order[part.rows[i]].is_null()) {
            *fs = static_cast<int64_t>(part.g_start[part.group[i]]);
          } else {
            // asc: first row with value >= v -/+ off; desc: <= v +/- off.
            const Value bound = range_bound(i, off.start_value, preceding == desc);
            *fs = last + 1;
            for (size_t r = 0; r < n; ++r) {
              const Value& x = cmp[part.rows[r]];
              if (x.is_null()) {
                if (nulls_first) continue;
                *fs = static_cast<int64_t>(r);
                break;
              }
              const int c = infinite != 0 ? -infinite : CompareRange(x, bound);
              if (desc ? c <= 0 : c >= 0) {
                *fs = static_cast<int64_t>(r);
                break;
              }
            }
          }
        }
        // end
        if ((opts & frame::kEndUnboundedFollowing) != 0) {
          *fe = last;
        } else if ((opts & frame::kEndCurrentRow) != 0) {
          *fe = (is_range || is_groups) ? static_cast<int64_t>(part.g_end[part.group[i]]) : ii;
        } else {
          const bool preceding = (opts & frame::kEndOffsetPreceding) != 0;
          if (is_groups) {
            const int64_t tg = preceding ? g - off.end : g + off.end;
            *fe = tg < 0 ? -1 : tg >= groups ? last : static_cast<int64_t>(part.g_end[static_cast<size_t>(tg)]);
          } else if (!is_range) {
            *fe = preceding ? ii - off.end : ii + off.end;
            if (*fe > last) *fe = last;
          } else if (first_order[part.rows[i]].is_null()) {
            *fe = static_cast<int64_t>(part.g_end[part.group[i]]);
          } else {
            const Value bound = range_bound(i, off.end_value, preceding == desc);
            *fe = -1;
            for (size_t r = n; r-- > 0;) {
              const Value& x = cmp[part.rows[r]];
              if (x.is_null()) {
                if (!nulls_first) continue;
                *fe = static_cast<int64_t>(r);
                break;
              }
              const int c = infinite != 0 ? -infinite : CompareRange(x, bound);
              if (desc ? c >= 0 : c <= 0) {
                *fe = static_cast<int64_t>(r);
                break;
              }
            }
          }
        }
      };
      auto excluded = [&](size_t i, size_t r) {
        if ((opts & frame::kExcludeCurrentRow) != 0) return r == i;
        if ((opts & frame::kExcludeGroup) != 0) return part.group[r] == part.group[i];
        if ((opts & frame::kExcludeTies) != 0) return r != i && part.group[r] == part.group[i];
        return false;
      };

      std::vector<Value>& out = outputs[c];
      switch (call.kind) {
        case WindowFuncKind::kRowNumber:
          for (size_t i = 0; i < n; ++i) out[part.rows[i]] = Value::Int8(static_cast<int64_t>(i + 1));
          break;
        case WindowFuncKind::kRank:
          for (size_t i = 0; i < n; ++i) {
            out[part.rows[i]] = Value::Int8(static_cast<int64_t>(part.g_start[part.group[i]] + 1));
          }
          break;
        case WindowFuncKind::kDenseRank:
          for (size_t i = 0; i < n; ++i) {
            out[part.rows[i]] = Value::Int8(static_cast<int64_t>(part.group[i] + 1));
          }
          break;
        case WindowFuncKind::kPercentRank:
          for (size_t i = 0; i < n; ++i) {
            const double rank = static_cast<double>(part.g_start[part.group[i]]);
            out[part.rows[i]] = Value::Float8(n <= 1 ? 0.0 : rank / static_cast<double>(n - 1));
          }
          break;
        case WindowFuncKind::kCumeDist:
          for (size_t i = 0; i < n; ++i) {
            out[part.rows[i]] = Value::Float8(static_cast<double>(part.g_end[part.group[i]] + 1) /
                                              static_cast<double>(n));
          }
          break;
        case WindowFuncKind::kNtile: {
          ctx.SetRow(&rows_[part.rows[0]]);
          const Value k = call.args[0]->Evaluate(ctx);
          if (k.is_null()) {
            for (size_t i = 0; i < n; ++i) out[part.rows[i]] = Value::Null(type_oid::kInt4);
            break;
          }
          if (k.int_value() <= 0) {
            throw SqlError(SqlState::kInvalidArgumentForNtile,
                           "argument of ntile must be greater than zero");
          }
          const int64_t buckets = k.int_value();
          const int64_t total = static_cast<int64_t>(n);
          const int64_t per = total / buckets;
          const int64_t extra = total % buckets;
          // The first `extra` buckets hold per + 1 rows.
          for (int64_t i = 0; i < total; ++i) {
            int64_t b;
            if (i < extra * (per + 1)) {
              b = i / (per + 1);
            } else {
              b = extra + (per == 0 ? 0 : (i - extra * (per + 1)) / per);
            }
            out[part.rows[static_cast<size_t>(i)]] = Value::Int4(static_cast<int32_t>(b + 1));
          }
          break;
        }
        case WindowFuncKind::kLag:
        case WindowFuncKind::kLead:
          for (size_t i = 0; i < n; ++i) {
            ctx.SetRow(&rows_[part.rows[i]]);
            int64_t offset = 1;
            if (call.args.size() >= 2) {
              const Value o = call.args[1]->Evaluate(ctx);
              if (o.is_null()) {
                out[part.rows[i]] = Value::Null(call.type.oid);
                continue;
              }
              offset = o.int_value();
            }
            const int64_t target = call.kind == WindowFuncKind::kLag
                                       ? static_cast<int64_t>(i) - offset
                                       : static_cast<int64_t>(i) + offset;
            if (target < 0 || target >= static_cast<int64_t>(n)) {
              out[part.rows[i]] = call.args.size() == 3 ? call.args[2]->Evaluate(ctx)
                                                        : Value::Null(call.type.oid);
              continue;
            }
            ctx.SetRow(&rows_[part.rows[static_cast<size_t>(target)]]);
            out[part.rows[i]] = call.args[0]->Evaluate(ctx);
          }
          break;
        case WindowFuncKind::kFirstValue:
        case WindowFuncKind::kLastValue:
        case WindowFuncKind::kNthValue:
          for (size_t i = 0; i < n; ++i) {
            int64_t nth = 1;
            if (call.kind == WindowFuncKind::kNthValue) {
              ctx.SetRow(&rows_[part.rows[i]]);
              const Value v = call.args[1]->Evaluate(ctx);
              if (v.is_null()) {
                out[part.rows[i]] = Value::Null(call.type.oid);
                continue;
              }
              nth = v.int_value();
              if (nth <= 0) {
                throw SqlError(SqlState::kInvalidArgumentForNthValue,
                               "argument of nth_value must be greater than zero");
              }
            }
            int64_t fs = 0, fe = 0;
            frame_of(i, &fs, &fe);
            std::vector<size_t> in_frame;
            for (int64_t r = std::max<int64_t>(fs, 0); r <= fe && r < static_cast<int64_t>(n); ++r) {
              if (!excluded(i, static_cast<size_t>(r))) in_frame.push_back(static_cast<size_t>(r));
            }
            size_t pick = SIZE_MAX;
            if (call.kind == WindowFuncKind::kFirstValue && !in_frame.empty()) pick = in_frame.front();
            if (call.kind == WindowFuncKind::kLastValue && !in_frame.empty()) pick = in_frame.back();
            if (call.kind == WindowFuncKind::kNthValue &&
                static_cast<size_t>(nth) <= in_frame.size()) {
              pick = in_frame[static_cast<size_t>(nth - 1)];
            }
            if (pick == SIZE_MAX) {
              out[part.rows[i]] = Value::Null(call.type.oid);
            } else {
              ctx.SetRow(&rows_[part.rows[pick]]);
              out[part.rows[i]] = call.args[0]->Evaluate(ctx);
            }
          }
          break;
        case WindowFuncKind::kAggregate: {
          auto advance = [&](AggState& st, size_t r) {
            ctx.SetRow(&rows_[part.rows[r]]);
            if (call.filter && !EvaluatePredicate(*call.filter, rows_[part.rows[r]], ctx)) return;
            ctx.SetRow(&rows_[part.rows[r]]);
            AdvanceRow(call.agg, st, ctx);
          };
          const bool running = (opts & frame::kStartUnboundedPreceding) != 0 &&
                               (opts & frame::kExclusion) == 0;
          AggState running_state;
          int64_t added = -1;  // last position added to running_state
          for (size_t i = 0; i < n; ++i) {
            int64_t fs = 0, fe = 0;
            frame_of(i, &fs, &fe);
            fe = std::min<int64_t>(fe, static_cast<int64_t>(n) - 1);
            if (running && fe >= added) {
              while (added < fe) advance(running_state, static_cast<size_t>(++added));
              out[part.rows[i]] = Finish(call.agg, running_state);
              continue;
            }
            AggState st;
            for (int64_t r = std::max<int64_t>(fs, 0); r <= fe; ++r) {
              if (!excluded(i, static_cast<size_t>(r))) advance(st, static_cast<size_t>(r));
            }
            out[part.rows[i]] = Finish(call.agg, st);
          }
          break;
        }
      }
      p0 = p1;
    }
    if (c + 1 == calls_->size()) order_ = std::move(idx);
  }
  for (size_t r = 0; r < rows_.size(); ++r) {
    for (size_t c = 0; c < calls_->size(); ++c) rows_[r].push_back(std::move(outputs[c][r]));
  }
}

bool WindowAgg::Next(Row* row) {
  if (next_ >= order_.size()) return false;
  *row = std::move(rows_[order_[next_++]]);
  return true;
}

}  // namespace strata::sql
