// Subqueries used as expressions (PostgreSQL's SubLink / SubPlan) and the
// references that cross query levels.
//
// Evaluation model: a BoundSubLink runs its subquery through a
// SubqueryRunner (built by sql/commands/subquery_runner.cpp, which binds and
// runs the query like any other SELECT). While it runs, the row the
// enclosing query is evaluating sits on a thread-local stack of outer rows;
// a BoundOuterColumnRef with levels_up = k reads slot `slot` of the k-th row
// from the top of that stack (k = 1: the directly enclosing query). Queries
// run synchronously inside Evaluate(), so the stack always mirrors the
// nesting of the subqueries being run.
//
// An uncorrelated subquery (no outer reference at any depth) runs once per
// statement and its rows are cached in the node (PostgreSQL's initplan); a
// correlated one runs again for every evaluation.
#pragma once

#include <memory>
#include <optional>
#include <unordered_set>
#include <vector>

#include "sql/expr/bound_expr.h"

namespace strata::sql {

// Runs a subquery to its rows, reading outer references from the stack.
class SubqueryRunner {
 public:
  virtual ~SubqueryRunner() = default;
  // `max_rows` >= 0: the caller needs no more rows than that (EXISTS: 1,
  // a scalar subquery: 2); the runner may stop there.
  virtual std::vector<std::vector<Value>> Run(int64_t max_rows) = 0;
  // Whether the subquery reads a column of any enclosing query.
  virtual bool correlated() const = 0;
};

// Pushes an enclosing query's current row for the duration of a subquery.
class OuterRowScope {
 public:
  explicit OuterRowScope(const std::vector<Value>* row);
  ~OuterRowScope();
  OuterRowScope(const OuterRowScope&) = delete;
  OuterRowScope& operator=(const OuterRowScope&) = delete;
};

// The value BoundOuterColumnRef(levels_up, slot) reads now, or null when
// the stack has no such row.
const Value* OuterValue(int levels_up, int slot);

// A column of an enclosing query's row (a Var with varlevelsup > 0).
class BoundOuterColumnRef final : public BoundExpr {
 public:
  BoundOuterColumnRef(int levels_up, int slot, DataType type, int location)
      : BoundExpr(BoundExprKind::kOuterColumnRef, type, location),
        levels_up_(levels_up),
        slot_(slot) {}
  Value Evaluate(EvalContext& ctx) const override;
  int levels_up() const { return levels_up_; }
  int slot() const { return slot_; }

 private:
  int levels_up_;
  int slot_;
};

// Column i of the subquery row an ANY/ALL comparison is evaluated against
// (PostgreSQL's PARAM_EXEC Param of a SubPlan's testexpr).
class BoundSubLinkColumn final : public BoundExpr {
 public:
  BoundSubLinkColumn(int index, DataType type, int location)
      : BoundExpr(BoundExprKind::kSubLinkColumn, type, location), index_(index) {}
  Value Evaluate(EvalContext& ctx) const override { return ctx.SubLinkColumn(index_); }

 private:
  int index_;
};

class BoundSubLink final : public BoundExpr {
 public:
  enum class Type { kExists, kAny, kAll, kExpr, kArray };
  // `combine` (kAny/kAll): the boolean comparison of the left operand(s)
  // with BoundSubLinkColumn(s); kArray: the BoundSubLinkColumn of the
  // element; otherwise null.
  BoundSubLink(Type type, std::shared_ptr<SubqueryRunner> runner, BoundExprPtr combine,
               DataType result_type, int location)
      : BoundExpr(BoundExprKind::kSubLink, result_type, location),
        type_(type),
        runner_(std::move(runner)),
        combine_(std::move(combine)) {}
  Value Evaluate(EvalContext& ctx) const override;

  // Hashed ANY (PostgreSQL's hashed SubPlan). REQUIRES: an uncorrelated
  // kAny whose combine is a BoundFunctionCall `left = column 0` with both
  // arguments of one type whose equality is equality of key encodings.
  void EnableHashedAny() { hashed_ = true; }

 private:
  const std::vector<std::vector<Value>>& Rows(int64_t max_rows) const;
  Value EvaluateHashed(EvalContext& ctx) const;

  Type type_;
  std::shared_ptr<SubqueryRunner> runner_;
  BoundExprPtr combine_;
  bool hashed_ = false;
  // Evaluation state (the executor evaluates one statement on one thread).
  mutable std::optional<std::vector<std::vector<Value>>> cache_;
  mutable std::vector<std::vector<Value>> scratch_;
  mutable bool hash_built_ = false;
  mutable bool hash_has_null_ = false;
  mutable std::unordered_set<std::string> hash_;
};

}  // namespace strata::sql
