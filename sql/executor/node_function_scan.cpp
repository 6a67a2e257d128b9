// FunctionScan (see node_function_scan.h).
#include "common/interrupts.h"
#include "sql/executor/node_function_scan.h"

#include "sql/types/record_value.h"

namespace strata::sql {

FunctionScan::FunctionScan(const SqlFunction* function, const BoundExpr* call,
                           const std::vector<Value>* params)
    : function_(function), call_(call), ctx_(params) {
  if (function_ != nullptr) {
    for (const BoundExprPtr& a : static_cast<const BoundFunctionCall&>(*call).args()) {
      args_.push_back(a.get());
    }
  }
}

void FunctionScan::Init() {
  generator_.reset();
  scalar_done_ = false;
  row_number_ = 0;
  if (function_ == nullptr) return;
  std::vector<Value> values;
  values.reserve(args_.size());
  for (const BoundExpr* arg : args_) {
    values.push_back(arg->Evaluate(ctx_));
    if (values.back().is_null() && function_->impl.strict) return;  // strict: no rows
  }
  generator_ = function_->set_generator(values);
}

bool FunctionScan::Next(Row* row) {
  if (!NextRow(row)) return false;
  if (ordinality_) row->push_back(Value::Int8(++row_number_));
  return true;
}

bool FunctionScan::NextRow(Row* row) {
  CheckForInterrupts();  // generate_series can be endless
  if (function_ == nullptr) {
    if (scalar_done_) return false;
    scalar_done_ = true;
    row->clear();
    PushColumns(call_->Evaluate(ctx_), row);
    return true;
  }
  if (generator_ == nullptr) return false;
  Value v;
  if (!generator_->Next(&v)) return false;
  row->clear();
  PushColumns(std::move(v), row);
  return true;
}

void FunctionScan::PushColumns(Value v, Row* row) const {
  if (v.is_record() && (record_width_ > 0 || v.type() == type_oid::kRecord)) {
    // A row of several columns, handed over as one record of them.
    for (const Value& column : v.record_value().fields) row->push_back(column);
    return;
  }
  if (v.is_null() && record_width_ > 0) {
    row->insert(row->end(), record_width_, Value::Null(type_oid::kUnknown));
    return;
  }
  row->push_back(std::move(v));
}

}  // namespace strata::sql
