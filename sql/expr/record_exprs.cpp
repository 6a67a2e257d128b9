// ROW(...) and field selection (see record_exprs.h).
#include "sql/expr/record_exprs.h"

#include "sql/types/record_value.h"

namespace strata::sql {

Value BoundRowConstructor::Evaluate(EvalContext& ctx) const {
  std::vector<Value> fields;
  fields.reserve(args_.size());
  for (const BoundExprPtr& arg : args_) {
    Value v = arg->Evaluate(ctx);
    if (v.type() == type_oid::kUnknown) v = v.Relabel(type_oid::kText);
    fields.push_back(std::move(v));
  }
  return MakeRecord(std::move(fields), type().oid, type().typmod);
}

Value BoundFieldSelect::Evaluate(EvalContext& ctx) const {
  const Value record = arg_->Evaluate(ctx);
  if (record.is_null()) return Value::Null(type().oid);
  const std::vector<Value>& fields = record.record_value().fields;
  // A record built for this type always has the field; be safe regardless.
  if (index_ >= fields.size()) return Value::Null(type().oid);
  return fields[index_];
}

}  // namespace strata::sql
