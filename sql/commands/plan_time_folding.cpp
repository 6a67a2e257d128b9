// FoldAtPlanTime (plan_time_folding.h): a walk in eval_const_expressions'
// order that evaluates the constant subtrees it reaches.
#include "sql/commands/plan_time_folding.h"

#include <vector>

#include "sql/commands/bound_volatility.h"
#include "sql/commands/user_function_call.h"

namespace strata::sql {

namespace {

// Casts whose conversion PostgreSQL marks stable (date/time input and output
// read DateStyle and TimeZone, reg* look names up, money reads lc_monetary):
// not folded. Every other cast we implement is immutable.
bool IsStableCastType(Oid type) {
  switch (type) {
    case 1082:  // date
    case 1083:  // time
    case 1114:  // timestamp
    case 1184:  // timestamptz
    case 1186:  // interval
    case 1266:  // timetz
    case 790:   // money
    case 24:    // regproc
    case 2202:  // regprocedure
    case 2203:  // regoper
    case 2204:  // regoperator
    case 2205:  // regclass
    case 2206:  // regtype
    case 3734:  // regconfig
    case 3769:  // regdictionary
    case 4089:  // regnamespace
    case 4096:  // regrole
    case 4191:  // regcollation
      return true;
    default:
      return false;
  }
}

class Folder {
 public:
  std::optional<Value> Fold(const BoundExpr& e);

 private:
  // Folds every one of `args` (so each raises its errors); true if all are
  // constants.
  bool FoldAll(const std::vector<BoundExprPtr>& args) {
    bool all = true;
    for (const BoundExprPtr& a : args) all = Fold(*a).has_value() && all;
    return all;
  }
  std::optional<Value> FoldCase(const BoundCase& c);
  std::optional<Value> FoldCoalesce(const BoundCoalesce& c);
  std::optional<Value> FoldBoolOp(const BoundBoolOp& op);

  EvalContext ctx_;
  // Per enclosing simple CASE: whether its test value is a known constant
  // (then pushed on ctx_, where BoundCaseTest reads it).
  std::vector<bool> case_known_;
};

std::optional<Value> Folder::Fold(const BoundExpr& e) {
  switch (e.kind()) {
    case BoundExprKind::kConstant:
      return static_cast<const BoundConstant&>(e).value();
    case BoundExprKind::kCaseTest:
      if (!case_known_.empty() && case_known_.back()) return ctx_.CaseValue();
      return std::nullopt;
    case BoundExprKind::kFunctionCall: {
      const auto& call = static_cast<const BoundFunctionCall&>(e);
      const bool constant_args = FoldAll(call.args());
      if (constant_args && call.function() != nullptr &&
          IsImmutableBuiltin(call.function()->name)) {
        return e.Evaluate(ctx_);
      }
      return std::nullopt;
    }
    case BoundExprKind::kCast: {
      const BoundExpr& arg = static_cast<const BoundCast&>(e).arg();
      if (Fold(arg) && !IsStableCastType(arg.type().oid) && !IsStableCastType(e.type().oid)) {
        return e.Evaluate(ctx_);
      }
      return std::nullopt;
    }
    case BoundExprKind::kTypmodCoercion:
      if (Fold(static_cast<const BoundTypmodCoercion&>(e).arg())) return e.Evaluate(ctx_);
      return std::nullopt;
    case BoundExprKind::kBoolOp:
      return FoldBoolOp(static_cast<const BoundBoolOp&>(e));
    case BoundExprKind::kNullTest:
      if (Fold(static_cast<const BoundNullTest&>(e).arg())) return e.Evaluate(ctx_);
      return std::nullopt;
    case BoundExprKind::kBooleanTest:
      if (Fold(static_cast<const BoundBooleanTest&>(e).arg())) return e.Evaluate(ctx_);
      return std::nullopt;
    case BoundExprKind::kCase:
      return FoldCase(static_cast<const BoundCase&>(e));
    case BoundExprKind::kCoalesce:
      return FoldCoalesce(static_cast<const BoundCoalesce&>(e));
    case BoundExprKind::kMinMax:
      if (FoldAll(static_cast<const BoundMinMax&>(e).args())) return e.Evaluate(ctx_);
      return std::nullopt;
    case BoundExprKind::kNullIf: {
      const auto& n = static_cast<const BoundNullIf&>(e);
      const bool left = Fold(n.left()).has_value();
      const bool right = Fold(n.right()).has_value();
      if (left && right) return e.Evaluate(ctx_);
      return std::nullopt;
    }
    case BoundExprKind::kDistinct: {
      const auto& d = static_cast<const BoundDistinct&>(e);
      const bool left = Fold(d.left()).has_value();
      const bool right = Fold(d.right()).has_value();
      if (left && right) return e.Evaluate(ctx_);
      return std::nullopt;
    }
    case BoundExprKind::kScalarArrayOp: {
      const auto& a = static_cast<const BoundScalarArrayOp&>(e);
      const bool left = Fold(a.left()).has_value();
      const bool elements = FoldAll(a.elements());
      if (left && elements) return e.Evaluate(ctx_);
      return std::nullopt;
    }
    case BoundExprKind::kUserFunctionCall:
      FoldAll(static_cast<const BoundUserFunctionCall&>(e).args());
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// simplify_and_arguments / simplify_or_arguments: a constant FALSE (AND) or
// TRUE (OR) decides the result and the arguments after it are not folded.
std::optional<Value> Folder::FoldBoolOp(const BoundBoolOp& op) {
  if (op.op() == BoundBoolOp::Op::kNot) {
    if (Fold(*op.args().at(0))) return op.Evaluate(ctx_);
    return std::nullopt;
  }
  const bool is_and = op.op() == BoundBoolOp::Op::kAnd;
  bool all_constant = true;
  for (const BoundExprPtr& a : op.args()) {
    const std::optional<Value> v = Fold(*a);
    if (!v) {
      all_constant = false;
      continue;
    }
    if (!v->is_null() && v->bool_value() != is_and) return Value::Bool(!is_and);
  }
  if (all_constant) return op.Evaluate(ctx_);
  return std::nullopt;
}

// A WHEN whose condition folds to FALSE or NULL is dropped without folding
// its result; one that folds to TRUE becomes the ELSE, and nothing after it
// is folded. The CASE is constant when no arm is left before that point and
// the reached result is constant.
std::optional<Value> Folder::FoldCase(const BoundCase& c) {
  const bool has_arg = c.arg() != nullptr;
  if (has_arg) {
    std::optional<Value> arg = Fold(*c.arg());
    case_known_.push_back(arg.has_value());
    if (arg) ctx_.PushCaseValue(std::move(*arg));
  }
  std::optional<Value> result;
  bool kept_arm = false;
  bool reached_true = false;
  for (const BoundCaseWhen& w : c.whens()) {
    const std::optional<Value> cond = Fold(*w.condition);
    if (cond) {
      if (cond->is_null() || !cond->bool_value()) continue;
      std::optional<Value> r = Fold(*w.result);
      if (!kept_arm) result = std::move(r);
      reached_true = true;
      break;
    }
    kept_arm = true;
    Fold(*w.result);
  }
  if (!reached_true) {
    std::optional<Value> d = Fold(c.default_result());
    if (!kept_arm) result = std::move(d);
  }
  if (has_arg) {
    if (case_known_.back()) ctx_.PopCaseValue();
    case_known_.pop_back();
  }
  return result;
}

// NULL constants are dropped; a non-NULL constant ends the list (the
// arguments after it are not folded) and is the value if nothing precedes it.
std::optional<Value> Folder::FoldCoalesce(const BoundCoalesce& c) {
  bool non_constant = false;
  for (const BoundExprPtr& a : c.args()) {
    std::optional<Value> v = Fold(*a);
    if (!v) {
      non_constant = true;
      continue;
    }
    if (v->is_null()) continue;
    if (non_constant) return std::nullopt;
    return v;
  }
  if (non_constant) return std::nullopt;
  return Value::Null(c.type().oid);
}

}  // namespace

std::optional<Value> FoldAtPlanTime(const BoundExpr& e) {
  Folder folder;
  return folder.Fold(e);
}

}  // namespace strata::sql
