// GROUPING(args) (PostgreSQL's transformGroupingFunc and its check in
// parseCheckAggregates): an int4 bit mask, bit set for each argument not
// grouped in the current grouping set (first argument = most significant
// bit). Every argument must be a GROUP BY expression (42803). The result
// takes an aggregate slot (a placeholder the grouping node overwrites), so
// a query using GROUPING is grouped, as in PostgreSQL.
#include <string>

#include "catalog/builtin_types.h"
#include "common/sql_error.h"
#include "sql/binder/binder.h"

namespace strata::sql {

BoundExprPtr Binder::BindGroupingFunc(const ast::FuncCallExpr& expr) {
  if (agg_forbidden_ != nullptr) {
    throw ErrorAt(SqlState::kGroupingError,
                  std::string("grouping operations are not allowed in ") + agg_forbidden_,
                  expr.location);
  }
  if (expr.args.size() > 31) {
    throw ErrorAt(SqlState::kTooManyArguments, "GROUPING must have fewer than 32 arguments",
                  expr.location);
  }
  auto not_grouping = [&](int location) {
    return ErrorAt(SqlState::kGroupingError,
                   "arguments to GROUPING must be grouping expressions of the associated query "
                   "level",
                   location);
  };
  if (grouping_ == nullptr || grouping_->in_agg_arg) throw not_grouping(expr.location);
  GroupingState::GroupingFunc func;
  if (grouping_->grouped) {
    for (const ast::ExprPtr& arg : expr.args) {
      const int key = MatchGroupKey(*arg);
      if (key < 0) throw not_grouping(arg->location);
      func.keys.push_back(key);
    }
  }
  AggregateCall placeholder;
  placeholder.kind = AggKind::kCountStar;
  placeholder.type = DataType{type_oid::kInt4, -1};
  func.slot = static_cast<int>(grouping_->keys.size() + grouping_->aggs.size());
  grouping_->aggs.push_back(std::move(placeholder));
  if (grouping_->grouped) grouping_->grouping_funcs.push_back(func);
  return std::make_unique<BoundColumnRef>(func.slot, DataType{type_oid::kInt4, -1}, expr.location);
}

}  // namespace strata::sql
