// ContainsVolatileCall and the volatile built-in names (bound_volatility.h).
#include "sql/commands/bound_volatility.h"
#include "sql/expr/record_exprs.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

#include "sql/commands/user_function_call.h"

namespace strata::sql {

bool IsVolatileBuiltin(std::string_view name) {
  // pg_proc rows with provolatile = 'v' that we implement, by the name our
  // registry uses (drandom is random(); nextval/currval/setval are the
  // sequence functions, prosrc nextval_oid/currval_oid/setval_oid).
  static constexpr std::array<std::string_view, 19> kVolatile = {
      "drandom",         "setseed",          "nextval",
      "currval",         "setval",           "lastval",              "clock_timestamp",
      "timeofday",       "gen_random_uuid",  "pg_sleep",             "set_config",
      "pg_cancel_backend", "pg_terminate_backend", "pg_stat_reset",  "pg_relation_size",
      "pg_total_relation_size", "pg_table_size", "pg_indexes_size",  "pg_notify"};
  return std::find(kVolatile.begin(), kVolatile.end(), name) != kVolatile.end();
}

bool IsImmutableBuiltin(std::string_view name) {
  static const std::unordered_set<std::string_view> kNonImmutable = {
#define STRATA_NON_IMMUTABLE(name) name,
#include "sql/commands/non_immutable_functions.inc"
#undef STRATA_NON_IMMUTABLE
  };
  return kNonImmutable.count(name) == 0;
}

namespace {

// Whether `e` calls a volatile function, or with `not_immutable` any
// function that is not immutable.
bool ContainsCallWhere(const BoundExpr& e, bool not_immutable) {
  const auto any = [not_immutable](const std::vector<BoundExprPtr>& args) {
    return std::any_of(args.begin(), args.end(),
                       [not_immutable](const BoundExprPtr& a) { return ContainsCallWhere(*a, not_immutable); });
  };
  switch (e.kind()) {
    case BoundExprKind::kFunctionCall: {
      const auto& call = static_cast<const BoundFunctionCall&>(e);
      if (call.function() != nullptr &&
          (not_immutable ? !IsImmutableBuiltin(call.function()->name)
                         : IsVolatileBuiltin(call.function()->name))) {
        return true;
      }
      return any(call.args());
    }
    case BoundExprKind::kUserFunctionCall: {
      const auto& call = static_cast<const BoundUserFunctionCall&>(e);
      return (not_immutable ? call.function().volatility != 'i'
                            : call.function().volatility == 'v') ||
             any(call.args());
    }
    case BoundExprKind::kCast:
      return ContainsCallWhere(static_cast<const BoundCast&>(e).arg(), not_immutable);
    case BoundExprKind::kTypmodCoercion:
      return ContainsCallWhere(static_cast<const BoundTypmodCoercion&>(e).arg(), not_immutable);
    case BoundExprKind::kBoolOp:
      return any(static_cast<const BoundBoolOp&>(e).args());
    case BoundExprKind::kNullTest:
      return ContainsCallWhere(static_cast<const BoundNullTest&>(e).arg(), not_immutable);
    case BoundExprKind::kRowConstructor:
      return any(static_cast<const BoundRowConstructor&>(e).args());
    case BoundExprKind::kFieldSelect:
      return ContainsCallWhere(static_cast<const BoundFieldSelect&>(e).arg(), not_immutable);
    case BoundExprKind::kBooleanTest:
      return ContainsCallWhere(static_cast<const BoundBooleanTest&>(e).arg(), not_immutable);
    case BoundExprKind::kCoalesce:
      return any(static_cast<const BoundCoalesce&>(e).args());
    case BoundExprKind::kMinMax:
      return any(static_cast<const BoundMinMax&>(e).args());
    case BoundExprKind::kNullIf: {
      const auto& n = static_cast<const BoundNullIf&>(e);
      return ContainsCallWhere(n.left(), not_immutable) || ContainsCallWhere(n.right(), not_immutable);
    }
    case BoundExprKind::kDistinct: {
      const auto& d = static_cast<const BoundDistinct&>(e);
      return ContainsCallWhere(d.left(), not_immutable) || ContainsCallWhere(d.right(), not_immutable);
    }
    case BoundExprKind::kScalarArrayOp: {
      const auto& a = static_cast<const BoundScalarArrayOp&>(e);
      return ContainsCallWhere(a.left(), not_immutable) || any(a.elements());
    }
    case BoundExprKind::kCase: {
      const auto& c = static_cast<const BoundCase&>(e);
      if (c.arg() != nullptr && ContainsCallWhere(*c.arg(), not_immutable)) return true;
      for (const BoundCaseWhen& w : c.whens()) {
        if (ContainsCallWhere(*w.condition, not_immutable) || ContainsCallWhere(*w.result, not_immutable)) return true;
      }
      return ContainsCallWhere(c.default_result(), not_immutable);
    }
    default:
      return false;
  }
}

}  // namespace

bool ContainsVolatileCall(const BoundExpr& e) { return ContainsCallWhere(e, false); }

bool ContainsMutableCall(const BoundExpr& e) { return ContainsCallWhere(e, true); }

}  // namespace strata::sql
