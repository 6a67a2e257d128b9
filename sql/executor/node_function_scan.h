// FunctionScan: the rows of a function in FROM (PostgreSQL's
// nodeFunctionscan.c). A set-returning function: its arguments evaluated
// once per Init(), then one row per value it produces (one column; or
// the fields of a record, record_set_functions.h) (a NULL
// argument gives no rows: they are strict). Any other function: one row
// holding the call's value.
#pragma once

#include <memory>
#include <vector>

#include "sql/executor/plan_node.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

class FunctionScan final : public PlanNode {
 public:
  // `function` is the set-returning function `call` calls, or null for a
  // scalar call. LIFETIME: `function`, `call` and `params` (may be null)
  // outlive the node.
  FunctionScan(const SqlFunction* function, const BoundExpr* call,
               const std::vector<Value>* params);
  void Init() override;
  bool Next(Row* row) override;
  void Close() override { generator_.reset(); }
  // WITH ORDINALITY: each row ends with its number (bigint, from 1).
  void set_ordinality(bool on) { ordinality_ = on; }
  // A function of a composite type (or `record` with known columns): each
  // value is split into its `width` fields, a NULL into `width` NULLs.
  void set_record_width(size_t width) { record_width_ = width; }

  std::vector<std::string> Describe(ExplainWriter& w) const override;

 private:
  bool NextRow(Row* row);  // the function's columns
  void PushColumns(Value v, Row* row) const;

  const SqlFunction* function_;
  const BoundExpr* call_;
  std::vector<const BoundExpr*> args_;
  bool scalar_done_ = false;
  bool ordinality_ = false;
  size_t record_width_ = 0;
  int64_t row_number_ = 0;
  EvalContext ctx_;
  std::unique_ptr<SetGenerator> generator_;
};

}  // namespace strata::sql
