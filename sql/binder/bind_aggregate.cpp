// Aggregate calls and grouped column references (PostgreSQL's
// transformAggregateCall, check_ungrouped_columns and the aggregates'
// pg_aggregate rows): argument types, result types, and the 42803 errors.
#include <string>
#include <vector>

#include "catalog/builtin_types.h"
#include "common/sql_error.h"
#include "sql/types/range_value.h"
#include "sql/binder/binder.h"
#include "sql/binder/column_use.h"
#include "sql/builtin/type_table.h"
#include "sql/types/bit_string.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

bool SameAstList(const std::vector<ast::ExprPtr>& a, const std::vector<ast::ExprPtr>& b,
                 const ColumnSlotFn* slot_of) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!SameAstExpr(*a[i], *b[i], slot_of)) return false;
  }
  return true;
}

bool SameOptional(const ast::ExprPtr& a, const ast::ExprPtr& b, const ColumnSlotFn* slot_of) {
  if (!a || !b) return !a && !b;
  return SameAstExpr(*a, *b, slot_of);
}

// The aggregate's name without a pg_catalog qualification.
const std::string& BareName(const std::vector<std::string>& name) { return name.back(); }

}  // namespace

bool SameAstExpr(const ast::Expr& a, const ast::Expr& b, const ColumnSlotFn* slot_of) {
  if (&a == &b) return true;  // a GROUP BY position/name standing for a select-list entry
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ast::ExprKind::kConstant: {
      const auto& x = static_cast<const ast::ConstantExpr&>(a);
      const auto& y = static_cast<const ast::ConstantExpr&>(b);
      return x.const_kind == y.const_kind && x.ival == y.ival && x.bval == y.bval &&
             x.text == y.text;
    }
    case ast::ExprKind::kColumnRef: {
      const auto& x = static_cast<const ast::ColumnRefExpr&>(a);
      const auto& y = static_cast<const ast::ColumnRefExpr&>(b);
      if (x.fields == y.fields) return true;
      if (slot_of == nullptr) return false;
      const int slot = (*slot_of)(x);
      return slot >= 0 && slot == (*slot_of)(y);
    }
    case ast::ExprKind::kParamRef:
      return static_cast<const ast::ParamRefExpr&>(a).number ==
             static_cast<const ast::ParamRefExpr&>(b).number;
    case ast::ExprKind::kOperator: {
      const auto& x = static_cast<const ast::OperatorExpr&>(a);
      const auto& y = static_cast<const ast::OperatorExpr&>(b);
      return x.name == y.name && SameOptional(x.left, y.left, slot_of) &&
             SameOptional(x.right, y.right, slot_of);
    }
    case ast::ExprKind::kBool: {
      const auto& x = static_cast<const ast::BoolExpr&>(a);
      const auto& y = static_cast<const ast::BoolExpr&>(b);
      return x.op == y.op && SameAstList(x.args, y.args, slot_of);
    }
    case ast::ExprKind::kNullTest: {
      const auto& x = static_cast<const ast::NullTestExpr&>(a);
      const auto& y = static_cast<const ast::NullTestExpr&>(b);
      return x.is_not_null == y.is_not_null && SameAstExpr(*x.arg, *y.arg, slot_of);
    }
    case ast::ExprKind::kTypeCast: {
      const auto& x = static_cast<const ast::TypeCastExpr&>(a);
      const auto& y = static_cast<const ast::TypeCastExpr&>(b);
      return x.type_name.names == y.type_name.names && x.type_name.typmods.empty() &&
             y.type_name.typmods.empty() &&
             x.type_name.array_bounds == y.type_name.array_bounds &&
             SameAstExpr(*x.arg, *y.arg, slot_of);
    }
    case ast::ExprKind::kFuncCall: {
      const auto& x = static_cast<const ast::FuncCallExpr&>(a);
      const auto& y = static_cast<const ast::FuncCallExpr&>(b);
      return x.name == y.name && x.agg_star == y.agg_star && x.agg_distinct == y.agg_distinct &&
             !x.has_decorations && !y.has_decorations && !x.over && !y.over &&
             x.is_grouping_func == y.is_grouping_func &&
             x.is_sql_value_function == y.is_sql_value_function &&
             SameAstList(x.args, y.args, slot_of);
    }
    case ast::ExprKind::kCoalesce:
      return SameAstList(static_cast<const ast::CoalesceExpr&>(a).args,
                         static_cast<const ast::CoalesceExpr&>(b).args, slot_of);
    default:
      return false;
  }
}

bool IsAggregateName(const std::vector<std::string>& name) {
  if (name.size() == 2 && name[0] != "pg_catalog") return false;
  if (name.size() > 2 || name.empty()) return false;
  const std::string& n = BareName(name);
  return n == "count" || n == "sum" || n == "avg" || n == "min" || n == "max" ||
         n == "bool_and" || n == "bool_or" || n == "every" || n == "string_agg" ||
         n == "array_agg" || n == "json_agg" || n == "jsonb_agg" || n == "variance" ||
         n == "var_samp" || n == "var_pop" || n == "stddev" || n == "stddev_samp" ||
         n == "stddev_pop" || n == "bit_and" || n == "bit_or" || n == "bit_xor" ||
         n == "range_agg" || n == "range_intersect_agg";
}

int Binder::MatchGroupKey(const ast::Expr& expr) {
  if (grouping_ == nullptr || !grouping_->grouped || grouping_->in_agg_arg) return -1;
  // Column references compare by the input slot they resolve to.
  const ColumnSlotFn slot_of = [this](const ast::ColumnRefExpr& ref) {
    grouping_->in_agg_arg = true;  // bind over the input row, no grouping checks
    int slot = -1;
    try {
      BoundExprPtr bound = BindColumnRef(ref);
      if (bound->kind() == BoundExprKind::kColumnRef) {
        slot = static_cast<const BoundColumnRef&>(*bound).slot();
      }
    } catch (const SqlError&) {
      slot = -1;
    }
    grouping_->in_agg_arg = false;
    return slot;
  };
  for (size_t i = 0; i < grouping_->key_asts.size(); ++i) {
    if (SameAstExpr(expr, *grouping_->key_asts[i], &slot_of)) return static_cast<int>(i);
  }
  return -1;
}

BoundExprPtr Binder::MakeColumnRef(const ScopeRelation& rel, const ScopeColumn& column,
                                   int location) {
  NoteColumnUse(column.table_oid, column.attnum);  // column privileges (column_use.h)
  MarkColumnRead(column);                          // column pruning (bind_scope.h)
  if (grouping_ == nullptr || !grouping_->grouped || grouping_->in_agg_arg) {
    return std::make_unique<BoundColumnRef>(column.slot, column.type, location);
  }
  // A column of the input is usable above the Agg only as a GROUP BY key.
  for (size_t i = 0; i < grouping_->keys.size(); ++i) {
    const BoundExpr& key = *grouping_->keys[i];
    if (key.kind() == BoundExprKind::kColumnRef &&
        static_cast<const BoundColumnRef&>(key).slot() == column.slot) {
      return std::make_unique<BoundColumnRef>(static_cast<int>(i), key.type(), location);
    }
  }
  throw ErrorAt(SqlState::kGroupingError,
                "column \"" + rel.alias + "." + column.name +
                    "\" must appear in the GROUP BY clause or be used in an aggregate function",
                location);
}

BoundExprPtr Binder::BindAggregate(const ast::FuncCallExpr& expr) {
  if (agg_forbidden_ != nullptr) {
    throw ErrorAt(SqlState::kGroupingError,
                  std::string("aggregate functions are not allowed in ") + agg_forbidden_,
                  expr.location);
  }
  if (grouping_->in_agg_arg) {
    throw ErrorAt(SqlState::kGroupingError, "aggregate function calls cannot be nested",
                  expr.location);
  }
  const std::string& name = BareName(expr.name);
  if (expr.agg_within_group || expr.func_variadic) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  std::string(expr.agg_within_group ? "WITHIN GROUP" : "VARIADIC") +
                      " on aggregate " + name + " is not supported yet",
                  expr.location);
  }
  AggregateCall call;
  call.distinct = expr.agg_distinct;
  if (expr.agg_star) {
    if (name != "count") {
      throw ErrorAt(SqlState::kFeatureNotSupported, name + "(*) is not supported",
                    expr.location);
    }
    call.kind = AggKind::kCountStar;
    call.type = DataType{type_oid::kInt8, -1};
  } else {
    grouping_->in_agg_arg = true;
    std::vector<BoundExprPtr> args;
    std::string signature = name + "(";
    if (expr.agg_distinct) signature += "DISTINCT ";
    try {
      for (size_t i = 0; i < expr.args.size(); ++i) {
        args.push_back(BindExpr(*expr.args[i]));
        if (i > 0) signature += ", ";
        signature += FormatTypeName(args.back()->type().oid);
      }
    } catch (...) {
      grouping_->in_agg_arg = false;
      throw;
    }
    grouping_->in_agg_arg = false;
    signature += ")";
    ResolveAggregateCall(expr, signature, std::move(args), &call);
  }
  BindAggregateDecorations(expr, &call);
  const int slot = static_cast<int>(grouping_->keys.size() + grouping_->aggs.size());
  const DataType type = call.type;
  grouping_->aggs.push_back(std::move(call));
  return std::make_unique<BoundColumnRef>(slot, type, expr.location);
}

void Binder::BindAggregateDecorations(const ast::FuncCallExpr& expr, AggregateCall* call) {
  // Over the input row, like the arguments; no aggregate inside.
  const char* forbidden = agg_forbidden_;
  grouping_->in_agg_arg = true;
  try {
    if (expr.filter) {
      agg_forbidden_ = "FILTER";
      call->filter = CoerceToBoolean(BindExpr(*expr.filter), "FILTER");
    }
    agg_forbidden_ = forbidden;
    for (const ast::WindowSortItem& item : expr.agg_order) {
      AggregateCall::OrderKey key;
      key.expr = ResolveUnknownToText(BindExpr(*item.expr));
      key.descending = item.descending;
      // PostgreSQL's default: NULLS LAST ascending, NULLS FIRST descending.
      key.nulls_first = item.nulls == 0 ? item.descending : item.nulls == 1;
      call->order.push_back(std::move(key));
    }
  } catch (...) {
    agg_forbidden_ = forbidden;
    grouping_->in_agg_arg = false;
    throw;
  }
  grouping_->in_agg_arg = false;
  if (call->distinct && !call->order.empty()) {
    // PostgreSQL: every ORDER BY expression must be one of the arguments.
    for (size_t i = 0; i < expr.agg_order.size(); ++i) {
      bool found = false;
      for (const ast::ExprPtr& arg : expr.args) found |= SameAstExpr(*arg, *expr.agg_order[i].expr);
      if (!found) {
        throw ErrorAt(SqlState::kInvalidColumnReference,
                      "in an aggregate with DISTINCT, ORDER BY expressions must appear in "
                      "argument list",
                      expr.agg_order[i].expr->location);
      }
    }
  }
}

void Binder::ResolveAggregateCall(const ast::FuncCallExpr& expr, const std::string& signature,
                                  std::vector<BoundExprPtr> args, AggregateCall* out) {
  const std::string& name = BareName(expr.name);
  AggregateCall& call = *out;
  // A domain argument aggregates as its base type (func_select_candidate).
  for (BoundExprPtr& arg : args) {
    const Oid type = arg->type().oid;
    // (Not over an enum: anyenum's aggregates do not take domains.)
    if (type >= catalog::kFirstNormalObjectId && IsDomainType(type) &&
        !IsEnumType(DomainBaseType(type).oid)) {
      arg = CoerceType(std::move(arg), DomainBaseType(type).oid, CoercionContext::kImplicit, -1);
    }
  }
  {
    auto no_such_function = [&] {
      return ErrorAt(SqlState::kUndefinedFunction, "function " + signature + " does not exist",
                     expr.location)
          .WithHint(
              "No function matches the given name and argument types. You might need to add "
              "explicit type casts.");
    };
    if (name == "string_agg") {
      // string_agg(text, text) or (bytea, bytea); unknown literals are text.
      if (args.size() != 2) throw no_such_function();
      Oid target = type_oid::kText;
      if (args[0]->type().oid == type_oid::kBytea || args[1]->type().oid == type_oid::kBytea) {
        target = type_oid::kBytea;
      }
      for (BoundExprPtr& a : args) {
        if (!CanCoerceType(a->type().oid, target, CoercionContext::kImplicit)) {
          throw no_such_function();
        }
        a = CoerceType(std::move(a), target, CoercionContext::kImplicit, a->location());
      }
      call.kind = AggKind::kStringAgg;
      call.type = DataType{target, -1};
      call.arg = std::move(args[0]);
      call.arg2 = std::move(args[1]);
      return;
    }
    if (args.size() != 1) throw no_such_function();
    BoundExprPtr arg = std::move(args[0]);
    const Oid t = arg->type().oid;
    if (name == "array_agg" || name == "json_agg" || name == "jsonb_agg") {
      arg = ResolveUnknownToText(std::move(arg));
      const Oid in = arg->type().oid;
      if (name == "array_agg") {
        const PgTypeInfo* info = FindPgType(in);
        if (IsArrayType(in)) {
          throw ErrorAt(SqlState::kFeatureNotSupported,
                        "array_agg of arrays (a multidimensional result) is not supported yet",
                        expr.location);
        }
        if (info == nullptr || info->typarray == 0) throw no_such_function();
        call.kind = AggKind::kArrayAgg;
        call.type = DataType{info->typarray, -1};
      } else {
        call.kind = name == "json_agg" ? AggKind::kJsonAgg : AggKind::kJsonbAgg;
        call.type = DataType{name == "json_agg" ? type_oid::kJson : type_oid::kJsonb, -1};
      }
      call.arg = std::move(arg);
      return;
    }
    if (name == "variance" || name == "var_samp" || name == "var_pop" || name == "stddev" ||
        name == "stddev_samp" || name == "stddev_pop") {
      const bool pop = name == "var_pop" || name == "stddev_pop";
      const bool stddev = name.rfind("stddev", 0) == 0;
      call.kind = stddev ? (pop ? AggKind::kStddevPop : AggKind::kStddevSamp)
                         : (pop ? AggKind::kVarPop : AggKind::kVarSamp);
      switch (t) {
        case type_oid::kInt2:
        case type_oid::kInt4:
        case type_oid::kInt8:
        case type_oid::kNumeric:
          call.type = DataType{type_oid::kNumeric, -1};
          break;
        case type_oid::kFloat4:
        case type_oid::kFloat8:
          call.type = DataType{type_oid::kFloat8, -1};
          break;
        case type_oid::kUnknown:
          // Every candidate is numeric: the category's preferred type wins.
          arg = CoerceType(std::move(arg), type_oid::kFloat8, CoercionContext::kImplicit,
                           arg->location());
          call.type = DataType{type_oid::kFloat8, -1};
          break;
        default:
          throw no_such_function();
      }
      call.arg = std::move(arg);
      return;
    }
    if (name == "count") {
      call.kind = AggKind::kCount;
      call.type = DataType{type_oid::kInt8, -1};
    } else if (name == "sum" || name == "avg") {
      const bool sum = name == "sum";
      call.kind = sum ? AggKind::kSum : AggKind::kAvg;
      switch (t) {
        case type_oid::kInt2:
        case type_oid::kInt4:
          call.type = DataType{sum ? type_oid::kInt8 : type_oid::kNumeric, -1};
          break;
        case type_oid::kInt8:
        case type_oid::kNumeric:
          call.type = DataType{type_oid::kNumeric, -1};
          break;
        case type_oid::kFloat4:
          call.type = DataType{sum ? type_oid::kFloat4 : type_oid::kFloat8, -1};
          break;
        case type_oid::kFloat8:
          call.type = DataType{type_oid::kFloat8, -1};
          break;
        case type_oid::kUnknown:
          // PostgreSQL cannot choose among the numeric candidates.
          throw ErrorAt(SqlState::kAmbiguousFunction, "function " + signature + " is not unique",
                        expr.location)
              .WithHint(
                  "Could not choose a best candidate function. You might need to add explicit "
                  "type casts.");
        case type_oid::kInterval:
          call.type = DataType{type_oid::kInterval, -1};
          break;
        default:
          throw no_such_function();
      }
    } else if (name == "range_agg" || name == "range_intersect_agg") {
      // range_agg(anyrange | anymultirange) -> anymultirange;
      // range_intersect_agg(anyrange) -> anyrange, (anymultirange) -> anymultirange.
      const RangeTypeInfo* info = FindRangeType(t);
      if (info == nullptr) throw no_such_function();
      call.kind = name == "range_agg" ? AggKind::kRangeAgg : AggKind::kRangeIntersectAgg;
      call.type = DataType{call.kind == AggKind::kRangeAgg ? info->multirange : t, -1};
    } else if (name == "bit_and" || name == "bit_or" || name == "bit_xor") {
      // int2, int4, int8 or bit (a varbit is bit, binary-coercibly).
      call.kind = name == "bit_and" ? AggKind::kBitAnd
                                    : (name == "bit_or" ? AggKind::kBitOr : AggKind::kBitXor);
      if (t == type_oid::kUnknown) {
        throw ErrorAt(SqlState::kAmbiguousFunction, "function " + signature + " is not unique",
                      expr.location)
            .WithHint(
                "Could not choose a best candidate function. You might need to add explicit "
                "type casts.");
      }
      if (t == bits::kVarbit) {
        arg = CoerceType(std::move(arg), bits::kBit, CoercionContext::kImplicit, arg->location());
      } else if (t != type_oid::kInt2 && t != type_oid::kInt4 && t != type_oid::kInt8 &&
                 t != bits::kBit) {
        throw no_such_function();
      }
      call.type = DataType{arg->type().oid, -1};
    } else if (name == "min" || name == "max") {
      call.kind = name == "min" ? AggKind::kMin : AggKind::kMax;
      arg = ResolveUnknownToText(std::move(arg));
      if (arg->type().oid == type_oid::kBool || arg->type().oid == type_oid::kJson ||
          bits::IsBitType(arg->type().oid) || FindRangeType(arg->type().oid) != nullptr) {
        throw no_such_function();  // (ranges have no max/min in PostgreSQL 15)
      }
      call.type = DataType{arg->type().oid, -1};
    } else {  // bool_and, bool_or, every
      call.kind = name == "bool_or" ? AggKind::kBoolOr : AggKind::kBoolAnd;
      if (!CanCoerceType(t, type_oid::kBool, CoercionContext::kImplicit)) throw no_such_function();
      arg = CoerceType(std::move(arg), type_oid::kBool, CoercionContext::kImplicit,
                       arg->location());
      call.type = DataType{type_oid::kBool, -1};
    }
    call.arg = std::move(arg);
  }
}

}  // namespace strata::sql
