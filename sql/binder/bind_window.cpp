// Window function calls (PostgreSQL's transformWindowFuncCall,
// transformWindowDefinitions and transformFrameOffset): which function, its
// argument and result types (pg_proc: row_number/rank/dense_rank bigint,
// percent_rank/cume_dist float8, ntile int4, lag/lead/first_value/... the
// argument's type), the window it runs over (WINDOW clause references with
// their copy rules) and the frame offsets. See window.h for the slots.
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/builtin_types.h"
#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"

namespace strata::sql {

namespace {

const std::string& BareName(const std::vector<std::string>& name) { return name.back(); }

bool IsCatalogName(const std::vector<std::string>& name) {
  return name.size() == 1 || (name.size() == 2 && name[0] == "pg_catalog");
}

struct WindowFuncInfo {
  const char* name;
  WindowFuncKind kind;
  size_t min_args;
  size_t max_args;
};

constexpr WindowFuncInfo kWindowFuncs[] = {
    {"row_number", WindowFuncKind::kRowNumber, 0, 0},
    {"rank", WindowFuncKind::kRank, 0, 0},
    {"dense_rank", WindowFuncKind::kDenseRank, 0, 0},
    {"percent_rank", WindowFuncKind::kPercentRank, 0, 0},
    {"cume_dist", WindowFuncKind::kCumeDist, 0, 0},
    {"ntile", WindowFuncKind::kNtile, 1, 1},
    {"lag", WindowFuncKind::kLag, 1, 3},
    {"lead", WindowFuncKind::kLead, 1, 3},
    {"first_value", WindowFuncKind::kFirstValue, 1, 1},
    {"last_value", WindowFuncKind::kLastValue, 1, 1},
    {"nth_value", WindowFuncKind::kNthValue, 2, 2},
};

const WindowFuncInfo* FindWindowFunc(const std::vector<std::string>& name) {
  if (!IsCatalogName(name)) return nullptr;
  for (const WindowFuncInfo& f : kWindowFuncs) {
    if (BareName(name) == f.name) return &f;
  }
  return nullptr;
}

// PostgreSQL 15 aggregates we do not evaluate: with OVER they are 0A000, not
// "not an aggregate function".
bool IsOtherAggregateName(const std::string& name) {
  static const char* const kNames[] = {
      "array_agg", "string_agg", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg",
      "variance", "var_samp", "var_pop", "stddev",
      "stddev_samp", "stddev_pop", "corr", "covar_pop", "covar_samp", "regr_avgx", "regr_avgy",
      "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy",
      "regr_syy", "xmlagg", "range_agg", "range_intersect_agg"};
  for (const char* n : kNames) {
    if (name == n) return true;
  }
  return false;
}

// A window definition with its references resolved (pointers into the AST).
struct ResolvedWindow {
  const std::vector<ast::ExprPtr>* partition = nullptr;
  const std::vector<ast::WindowSortItem>* order = nullptr;
  int frame_options = frame::kDefaults;
  const ast::Expr* start_offset = nullptr;
  const ast::Expr* end_offset = nullptr;
  int location = -1;
};

}  // namespace

bool IsWindowOnlyName(const std::vector<std::string>& name) { return FindWindowFunc(name) != nullptr; }

void FinishWindowSlots(WindowState& state, int base) {
  for (size_t j = 0; j < state.calls.size(); ++j) {
    if (state.calls[j].result != nullptr) state.calls[j].result->set_slot(base + static_cast<int>(j));
  }
}

namespace {

// transformWindowDefinitions' copy rules for `def` referring to `refname`.
// `named` entries before `limit` are visible (all of them for an OVER clause).
ResolvedWindow ResolveWindow(const Binder& binder,
                             const std::vector<std::shared_ptr<const ast::WindowDef>>* named,
                             const ast::WindowDef& def, size_t limit);

const ast::WindowDef* FindNamed(const Binder& binder,
                                const std::vector<std::shared_ptr<const ast::WindowDef>>* named,
                                const std::string& name, size_t limit, size_t* index, int location) {
  if (named != nullptr) {
    for (size_t i = 0; i < named->size() && i < limit; ++i) {
      if ((*named)[i]->name == name) {
        *index = i;
        return (*named)[i].get();
      }
    }
  }
  throw binder.ErrorAt(SqlState::kUndefinedObject, "window \"" + name + "\" does not exist",
                       location);
}

ResolvedWindow ResolveWindow(const Binder& binder,
                             const std::vector<std::shared_ptr<const ast::WindowDef>>* named,
                             const ast::WindowDef& def, size_t limit) {
  ResolvedWindow out;
  out.partition = &def.partition;
  out.order = &def.order;
  out.frame_options = def.frame_options;
  out.start_offset = def.start_offset.get();
  out.end_offset = def.end_offset.get();
  out.location = def.location;
  if (def.refname.empty()) return out;
  size_t index = 0;
  const ast::WindowDef* ref = FindNamed(binder, named, def.refname, limit, &index, def.location);
  const ResolvedWindow base = ResolveWindow(binder, named, *ref, index);
  if (!def.partition.empty()) {
    throw binder.ErrorAt(SqlState::kWindowingError,
                         "cannot override PARTITION BY clause of window \"" + def.refname + "\"",
                         def.location);
  }
  out.partition = base.partition;
  if (!def.order.empty() && !base.order->empty()) {
    throw binder.ErrorAt(SqlState::kWindowingError,
                         "cannot override ORDER BY clause of window \"" + def.refname + "\"",
                         def.location);
  }
  if (def.order.empty()) out.order = base.order;
  if (base.frame_options != frame::kDefaults) {
    SqlError error = binder.ErrorAt(
        SqlState::kWindowingError,
        "cannot copy window \"" + def.refname + "\" because it has a frame clause", def.location);
    if (def.partition.empty() && def.order.empty() && def.frame_options == frame::kDefaults) {
      error.WithHint("Omit the parentheses in this OVER clause.");
    }
    throw error;
  }
  return out;
}

}  // namespace

BoundExprPtr Binder::BindWindowCall(const ast::FuncCallExpr& expr) {
  const std::string& name = BareName(expr.name);
  const WindowFuncInfo* info = FindWindowFunc(expr.name);
  const bool aggregate = !expr.is_sql_value_function && IsAggregateName(expr.name);
  if (expr.over == nullptr) {
    throw ErrorAt(SqlState::kWrongObjectType,
                  "window function " + name + " requires an OVER clause", expr.location);
  }
  if (info == nullptr && !aggregate && IsCatalogName(expr.name) && IsOtherAggregateName(name)) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "aggregate function " + name + " is not supported yet", expr.location);
  }
  if (info == nullptr && !aggregate) {
    throw ErrorAt(SqlState::kWrongObjectType,
                  "OVER specified, but " + name +
                      " is not a window function nor an aggregate function",
                  expr.location);
  }
  if (window_ == nullptr && agg_forbidden_ == nullptr) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "window functions are not supported in this statement yet", expr.location);
  }
  if (agg_forbidden_ != nullptr || window_->forbidden != nullptr) {
    const char* clause = agg_forbidden_ != nullptr ? agg_forbidden_ : window_->forbidden;
    throw ErrorAt(SqlState::kWindowingError,
                  std::string("window functions are not allowed in ") + clause, expr.location);
  }
  if (grouping_ != nullptr && grouping_->in_agg_arg) {
    throw ErrorAt(SqlState::kGroupingError,
                  "aggregate function calls cannot contain window function calls",
                  expr.location);
  }
  if (window_->in_window_def) {
    throw ErrorAt(SqlState::kWindowingError,
                  "window functions are not allowed in window definitions", expr.location);
  }
  if (window_->in_window_arg) {
    throw ErrorAt(SqlState::kWindowingError, "window function calls cannot be nested",
                  expr.location);
  }
  if (expr.agg_distinct) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "DISTINCT is not implemented for window functions", expr.location);
  }
  if (expr.has_decorations) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "aggregate ORDER BY is not implemented for window functions", expr.location);
  }
  if (expr.filter && !aggregate) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "FILTER is not implemented for non-aggregate window functions", expr.location);
  }

  WindowState* state = window_;
  state->in_window_arg = true;
  WindowCall call;
  try {
    // Arguments, then the window (PostgreSQL binds the arguments first).
    std::vector<BoundExprPtr> args;
    std::string signature = name + "(";
    for (size_t i = 0; i < expr.args.size(); ++i) {
      args.push_back(BindExpr(*expr.args[i]));
      if (i > 0) signature += ", ";
      signature += FormatTypeName(args.back()->type().oid);
    }
    signature += ")";
    auto no_such_function = [&] {
      return ErrorAt(SqlState::kUndefinedFunction, "function " + signature + " does not exist",
                     expr.location)
          .WithHint(
              "No function matches the given name and argument types. You might need to add "
              "explicit type casts.");
    };
    if (aggregate) {
      call.kind = WindowFuncKind::kAggregate;
      if (expr.agg_star) {
        if (name != "count") throw no_such_function();
        call.agg.kind = AggKind::kCountStar;
        call.agg.type = DataType{type_oid::kInt8, -1};
      } else {
        ResolveAggregateCall(expr, signature, std::move(args), &call.agg);
      }
      call.type = call.agg.type;
      if (expr.filter) {
        call.filter = CoerceToBoolean(BindExpr(*expr.filter), "FILTER");
      }
    } else {
      const bool hypothetical = info->kind == WindowFuncKind::kRank ||
                                info->kind == WindowFuncKind::kDenseRank ||
                                info->kind == WindowFuncKind::kPercentRank ||
                                info->kind == WindowFuncKind::kCumeDist;
      if (hypothetical && !args.empty()) {
        throw ErrorAt(SqlState::kWrongObjectType,
                      "WITHIN GROUP is required for ordered-set aggregate " + name, expr.location);
      }
      if (expr.agg_star || args.size() < info->min_args || args.size() > info->max_args) {
        throw no_such_function();
      }
      call.kind = info->kind;
      auto to_type = [&](BoundExprPtr arg, Oid type) {
        if (!CanCoerceType(arg->type().oid, type, CoercionContext::kImplicit)) {
          throw no_such_function();
        }
        const int loc = arg->location();
        return CoerceType(std::move(arg), type, CoercionContext::kImplicit, loc);
      };
      switch (call.kind) {
        case WindowFuncKind::kRowNumber:
        case WindowFuncKind::kRank:
        case WindowFuncKind::kDenseRank:
          call.type = DataType{type_oid::kInt8, -1};
          break;
        case WindowFuncKind::kPercentRank:
        case WindowFuncKind::kCumeDist:
          call.type = DataType{type_oid::kFloat8, -1};
          break;
        case WindowFuncKind::kNtile:
          args[0] = to_type(std::move(args[0]), type_oid::kInt4);
          call.type = DataType{type_oid::kInt4, -1};
          break;
        case WindowFuncKind::kLag:
        case WindowFuncKind::kLead: {
          if (args.size() >= 2) args[1] = to_type(std::move(args[1]), type_oid::kInt4);
          if (args.size() == 3) {
            // lag(anycompatible, int4, anycompatible)
            const Oid common = SelectCommonType({args[0].get(), args[2].get()}, nullptr);
            if (common == type_oid::kInvalid) throw no_such_function();
            Oid target = common == type_oid::kUnknown ? type_oid::kText : common;
            args[0] = CoerceToCommonType(std::move(args[0]), target, expr.name.back().c_str());
            args[2] = CoerceToCommonType(std::move(args[2]), target, expr.name.back().c_str());
          } else {
            args[0] = ResolveUnknownToText(std::move(args[0]));
          }
          call.type = DataType{args[0]->type().oid, -1};
          break;
        }
        case WindowFuncKind::kNthValue:
          args[1] = to_type(std::move(args[1]), type_oid::kInt4);
          [[fallthrough]];
        default:
          args[0] = ResolveUnknownToText(std::move(args[0]));
          call.type = args[0]->type();
          break;
      }
      call.args = std::move(args);
    }

    // The window.
    state->in_window_arg = false;
    state->in_window_def = true;
    const ast::WindowDef& def = *expr.over;
    ResolvedWindow rw;
    if (!def.name.empty() && def.refname.empty() && def.partition.empty() && def.order.empty() &&
        def.frame_options == frame::kDefaults) {
      // OVER w: exactly window w.
      size_t index = 0;
      const ast::WindowDef* ref =
          FindNamed(*this, state->named, def.name, SIZE_MAX, &index, def.location);
      rw = ResolveWindow(*this, state->named, *ref, index);
      call.window.named_index = static_cast<int>(index);
    } else {
      rw = ResolveWindow(*this, state->named, def, SIZE_MAX);
    }
    BoundWindow& w = call.window;
    for (const ast::ExprPtr& p : *rw.partition) {
      w.partition.push_back(ResolveUnknownToText(BindExpr(*p)));
    }
    for (const ast::WindowSortItem& item : *rw.order) {
      WindowOrderKey key;
      key.expr = ResolveUnknownToText(BindExpr(*item.expr));
      key.descending = item.descending;
      key.nulls = item.nulls;
      w.order.push_back(std::move(key));
    }
    w.frame_options = rw.frame_options;
    const int opts = rw.frame_options;
    if ((opts & frame::kGroups) != 0 && w.order.empty()) {
      throw ErrorAt(SqlState::kWindowingError, "GROUPS mode requires an ORDER BY clause",
                    rw.location);
    }
    auto bind_offset = [&](const ast::Expr* offset_ast) -> BoundExprPtr {
      if (offset_ast == nullptr) return nullptr;
      // Offsets are evaluated once: no column of the row, no aggregate.
      const BindScope* scope = scope_;
      scope_ = nullptr;
      BoundExprPtr offset;
      try {
        offset = BindExpr(*offset_ast);
      } catch (const SqlError& e) {
        scope_ = scope;
        if (e.sqlstate() == SqlState::kUndefinedColumn ||
            e.sqlstate() == SqlState::kUndefinedTable) {
          const char* what = (opts & frame::kRows) != 0 ? "ROWS" : (opts & frame::kRange) != 0 ? "RANGE" : "GROUPS";
          throw ErrorAt(SqlState::kInvalidColumnReference,
                        std::string("argument of ") + what + " must not contain variables",
                        offset_ast->location);
        }
        throw;
      }
      scope_ = scope;
      if ((opts & frame::kRange) == 0) {
        const char* what = (opts & frame::kRows) != 0 ? "ROWS" : "GROUPS";
        if (!CanCoerceType(offset->type().oid, type_oid::kInt8, CoercionContext::kAssignment)) {
          throw ErrorAt(SqlState::kDatatypeMismatch,
                        std::string("argument of ") + what + " must be type bigint, not type " +
                            FormatTypeName(offset->type().oid),
                        offset->location());
        }
        const int loc = offset->location();
        return CoerceType(std::move(offset), type_oid::kInt8, CoercionContext::kAssignment, loc);
      }
      if (w.order.size() != 1) {
        throw ErrorAt(SqlState::kWindowingError,
                      "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                      rw.location);
      }
      // in_range(column type, offset type): the column value is compared in
      // `compare` (integers as bigint, floats as float8, date as timestamp).
      const Oid column = w.order[0].expr->type().oid;
      Oid compare = column;
      Oid offset_type = column;
      switch (column) {
        case type_oid::kInt2:
        case type_oid::kInt4:
        case type_oid::kInt8:
          compare = offset_type = type_oid::kInt8;
          break;
        case type_oid::kFloat4:
        case type_oid::kFloat8:
          compare = offset_type = type_oid::kFloat8;
          break;
        case type_oid::kNumeric:
          break;
        case type_oid::kDate:
          compare = type_oid::kTimestamp;
          offset_type = type_oid::kInterval;
          break;
        case type_oid::kTime:
        case type_oid::kTimestamp:
        case type_oid::kTimestampTz:
        case type_oid::kInterval:
          offset_type = type_oid::kInterval;
          break;
        default:
          offset_type = type_oid::kInvalid;
          break;
      }
      const Oid given = offset->type().oid;
      if (offset_type == type_oid::kInvalid) {
        throw ErrorAt(SqlState::kFeatureNotSupported,
                      "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " +
                          FormatTypeName(column),
                      offset->location());
      }
      if (!CanCoerceType(given, offset_type, CoercionContext::kImplicit)) {
        throw ErrorAt(SqlState::kFeatureNotSupported,
                      "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " +
                          FormatTypeName(column) + " and offset type " + FormatTypeName(given),
                      offset->location())
            .WithHint("Cast the offset value to an appropriate type.");
      }
      const int loc = offset->location();
      offset = CoerceType(std::move(offset), offset_type, CoercionContext::kImplicit, loc);
      if (!w.range_compare) {
        w.range_compare = CoerceType(
            std::make_unique<BoundColumnRef>(0, DataType{column, -1}, -1), compare,
            CoercionContext::kImplicit, -1);
        auto make = [&](const char* op) {
          return MakeOperator({op}, std::make_unique<BoundColumnRef>(0, DataType{compare, -1}, -1),
                              std::make_unique<BoundColumnRef>(1, DataType{offset_type, -1}, -1),
                              -1);
        };
        w.range_add = make("+");
        w.range_sub = make("-");
      }
      return offset;
    };
    w.start_offset = bind_offset((opts & frame::kStartOffset) != 0 ? rw.start_offset : nullptr);
    w.end_offset = bind_offset((opts & frame::kEndOffset) != 0 ? rw.end_offset : nullptr);
  } catch (...) {
    state->in_window_arg = false;
    state->in_window_def = false;
    throw;
  }
  state->in_window_arg = false;
  state->in_window_def = false;
  auto ref = std::make_unique<BoundColumnRef>(-1, call.type, expr.location);
  call.result = ref.get();
  state->calls.push_back(std::move(call));
  return ref;
}

}  // namespace strata::sql
