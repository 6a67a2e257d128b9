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

bool ContainsVolatileCall(const BoundExpr& e) {
  const auto any = [](const std::vector<BoundExprPtr>& args) {
    return std::any_of(args.begin(), args.end(),
                       [](const BoundExprPtr& a) { return ContainsVolatileCall(*a); });
  };
  switch (e.kind()) {
    case BoundExprKind::kFunctionCall: {
      const auto& call = static_cast<const BoundFunctionCall&>(e);
      if (call.function() != nullptr && IsVolatileBuiltin(call.function()->name)) return true;
      return any(call.args());
    }
    case BoundExprKind::kUserFunctionCall: {
      const auto& call = static_cast<const BoundUserFunctionCall&>(e);
      return call.function().volatility == 'v' || any(call.args());
    }
    case BoundExprKind::kCast:
      return ContainsVolatileCall(static_cast<const BoundCast&>(e).arg());
    case BoundExprKind::kTypmodCoercion:
      return ContainsVolatileCall(static_cast<const BoundTypmodCoercion&>(e).arg());
    case BoundExprKind::kBoolOp:
      return any(static_cast<const BoundBoolOp&>(e).args());
    case BoundExprKind::kNullTest:
      return ContainsVolatileCall(static_cast<const BoundNullTest&>(e).arg());
    case BoundExprKind::kRowConstructor:
      return any(static_cast<const BoundRowConstructor&>(e).args());
    case BoundExprKind::kFieldSelect:
      return ContainsVolatileCall(static_cast<const BoundFieldSelect&>(e).arg());
    case BoundExprKind::kBooleanTest:
      return ContainsVolatileCall(static_cast<const BoundBooleanTest&>(e).arg());
    case BoundExprKind::kCoalesce:
      return any(static_cast<const BoundCoalesce&>(e).args());
    case BoundExprKind::kMinMax:
      return any(static_cast<const BoundMinMax&>(e).args());
    case BoundExprKind::kNullIf: {
      const auto& n = static_cast<const BoundNullIf&>(e);
      return ContainsVolatileCall(n.left()) || ContainsVolatileCall(n.right());
    }
    case BoundExprKind::kDistinct: {
      const auto& d = static_cast<const BoundDistinct&>(e);
      return ContainsVolatileCall(d.left()) || ContainsVolatileCall(d.right());
    }
    case BoundExprKind::kScalarArrayOp: {
      const auto& a = static_cast<const BoundScalarArrayOp&>(e);
      return ContainsVolatileCall(a.left()) || any(a.elements());
    }
    case BoundExprKind::kCase: {
      const auto& c = static_cast<const BoundCase&>(e);
      if (c.arg() != nullptr && ContainsVolatileCall(*c.arg())) return true;
      for (const BoundCaseWhen& w : c.whens()) {
        if (ContainsVolatileCall(*w.condition) || ContainsVolatileCall(*w.result)) return true;
      }
      return ContainsVolatileCall(c.default_result());
    }
    default:
      return false;
  }
}

}  // namespace strata::sql
