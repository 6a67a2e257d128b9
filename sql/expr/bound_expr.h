// Bound expressions: the typed tree the binder produces and the executor
// evaluates, once per row. Every node knows its result DataType; operator and
// cast nodes hold direct pointers to their implementations, so evaluation
// does no lookups. Nodes are immutable after binding and may be evaluated
// concurrently with separate EvalContexts.
//
// Evaluation order matches what PostgreSQL produces for these expressions:
// function arguments are all evaluated before a NULL check (strictness),
// AND/OR stop at the first FALSE/TRUE, CASE and COALESCE evaluate only the
// arms they reach.
//
// `location` is PostgreSQL's exprLocation(): the byte offset of the leftmost
// token of the expression (or -1), used for error positions during binding.
#pragma once

#include <memory>
#include <vector>

#include "sql/expr/builtin_function.h"
#include "sql/expr/cast_functions.h"
#include "sql/types/data_type.h"
#include "sql/types/value.h"

namespace strata::sql {

// Per-evaluation state: the statement's parameter values ($n) and the value
// of the innermost simple CASE's test expression (PostgreSQL's CaseTestExpr).
class EvalContext {
 public:
  EvalContext() = default;
  // `params` (may be null: no parameters) must outlive the context.
  explicit EvalContext(const std::vector<Value>* params) : params_(params) {}

  // The value of $number. Throws SqlError XX000 if the statement was run
  // without it (a bug: the binder rejects references to absent parameters).
  const Value& Param(int number) const;

  void PushCaseValue(Value v) { case_values_.push_back(std::move(v)); }
  void PopCaseValue() { case_values_.pop_back(); }
  const Value& CaseValue() const { return case_values_.back(); }

  // The row column references read (BoundColumnRef). LIFETIME: the row
  // outlives every Evaluate() until the next SetRow().
  void SetRow(const std::vector<Value>* row) { row_ = row; }
  const Value& Column(int slot) const { return (*row_)[static_cast<size_t>(slot)]; }
  const std::vector<Value>* row() const { return row_; }

  // The subquery row an IN/ANY/ALL comparison is evaluated against
  // (subquery_exprs.h: BoundSubLinkColumn); returns the previous one.
  const std::vector<Value>* SetSubLinkRow(const std::vector<Value>* row) {
    const std::vector<Value>* previous = sublink_row_;
    sublink_row_ = row;
    return previous;
  }
  const Value& SubLinkColumn(int i) const { return (*sublink_row_)[static_cast<size_t>(i)]; }

 private:
  const std::vector<Value>* sublink_row_ = nullptr;
  const std::vector<Value>* params_ = nullptr;
  std::vector<Value> case_values_;
  const std::vector<Value>* row_ = nullptr;
};

enum class BoundExprKind {
  kConstant,
  kParam,         // $n
  kFunctionCall,  // operators and functions
  kCast,
  kTypmodCoercion,
  kBoolOp,
  kNullTest,
  kBooleanTest,
  kCase,
  kCaseTest,
  kCoalesce,
  kMinMax,
  kNullIf,
  kDistinct,
  kScalarArrayOp,  // x = ANY (list): IN lists
  // array_exprs.h
  kArrayConstructor,  // ARRAY[...]
  kSubscript,         // a[i], a[i:j]
  kArrayAnyAll,       // x op ANY/ALL (array value)
  kArrayCoerce,       // element-wise cast of an array
  kColumnRef,      // a column of the current row (a Var)
  // subquery_exprs.h
  kOuterColumnRef,  // a column of an enclosing query's row (varlevelsup > 0)
  kSubLink,         // a subquery used as an expression
  kSubLinkColumn,   // a column of the subquery row an ANY/ALL compares with
  // sql/commands/user_function_call.h
  kUserFunctionCall,  // a call of a user-defined (LANGUAGE sql) function
  // record_exprs.h
  kRowConstructor,  // ROW(a, b)
  kFieldSelect,     // (x).name
};

class BoundExpr {
 public:
  BoundExpr(BoundExprKind kind, DataType type, int location)
      : kind_(kind), type_(type), location_(location) {}
  virtual ~BoundExpr() = default;
  BoundExpr(const BoundExpr&) = delete;
  BoundExpr& operator=(const BoundExpr&) = delete;

  virtual Value Evaluate(EvalContext& ctx) const = 0;

  // The typmod PostgreSQL reports for this expression once the planner has
  // folded it to a constant: a CASE or COALESCE folds to the arm it reaches,
  // so it exposes that arm's typmod. Everything else keeps type().typmod.
  // Evaluates conditions; call only after Evaluate() has succeeded.
  virtual int32_t FoldedTypmod(EvalContext&) const { return type_.typmod; }

  BoundExprKind kind() const { return kind_; }
  const DataType& type() const { return type_; }
  int location() const { return location_; }

 private:
  const BoundExprKind kind_;
  const DataType type_;
  const int location_;
};

using BoundExprPtr = std::unique_ptr<BoundExpr>;

// A column of the row being processed (PostgreSQL's Var).
class BoundColumnRef final : public BoundExpr {
 public:
  BoundColumnRef(int slot, DataType type, int location)
      : BoundExpr(BoundExprKind::kColumnRef, type, location), slot_(slot) {}
  Value Evaluate(EvalContext& ctx) const override { return ctx.Column(slot_); }
  int slot() const { return slot_; }
  // Window call results get their slot once the window's input width is known.
  void set_slot(int slot) { slot_ = slot; }

 private:
  int slot_;
};

class BoundConstant final : public BoundExpr {
 public:
  // `value` has type `type.oid` (or is NULL). Unknown-type constants (string
  // literals and NULL before resolution) hold their text as a string.
  BoundConstant(Value value, DataType type, int location)
      : BoundExpr(BoundExprKind::kConstant, type, location), value_(std::move(value)) {}
  Value Evaluate(EvalContext&) const override { return value_; }
  const Value& value() const { return value_; }

 private:
  Value value_;
};

// A parameter reference $n (PostgreSQL's PARAM_EXTERN Param). While a
// statement is prepared, a parameter whose type is not known yet has type
// unknown until a coercion decides it (see Binder::CoerceParam).
class BoundParam final : public BoundExpr {
 public:
  // `reference` identifies an unknown-type reference for the binder's
  // resolution check (-1 for a typed one).
  BoundParam(int number, DataType type, int location, int reference = -1)
      : BoundExpr(BoundExprKind::kParam, type, location), number_(number), reference_(reference) {}
  Value Evaluate(EvalContext& ctx) const override { return ctx.Param(number_); }
  int number() const { return number_; }
  int reference() const { return reference_; }

 private:
  int number_;  // 1-based
  int reference_;
};

// A built-in function: if it is strict, NULL when any argument is NULL;
// else fn(args).
class BoundFunctionCall final : public BoundExpr {
 public:
  BoundFunctionCall(const BuiltinFunction* fn, std::vector<BoundExprPtr> args, DataType type,
                    int location)
      : BoundExpr(BoundExprKind::kFunctionCall, type, location), fn_(fn), args_(std::move(args)) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BuiltinFunction* function() const { return fn_; }
  const std::vector<BoundExprPtr>& args() const { return args_; }

  // The name a function-call expression called it by (`abs` for abs(x),
  // whose implementation also serves the @ operator), and whether it was
  // SQL-value syntax (CURRENT_USER): how EXPLAIN shows the call. Empty for
  // operators and for calls the binder builds itself.
  void set_called_as(std::string name, bool sql_value_function) {
    called_as_ = std::move(name);
    sql_value_function_ = sql_value_function;
  }
  const std::string& called_as() const { return called_as_; }
  bool sql_value_function() const { return sql_value_function_; }

 private:
  const BuiltinFunction* fn_;
  std::vector<BoundExprPtr> args_;
  std::string called_as_;
  bool sql_value_function_ = false;
};

class BoundCast final : public BoundExpr {
 public:
  BoundCast(BoundExprPtr arg, CastMethod method, DataType type, int location)
      : BoundExpr(BoundExprKind::kCast, type, location), arg_(std::move(arg)), method_(method) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BoundExpr& arg() const { return *arg_; }

 private:
  BoundExprPtr arg_;
  CastMethod method_;
};

// numeric(p,s) / varchar(n) coercion of a value already of the right type.
class BoundTypmodCoercion final : public BoundExpr {
 public:
  BoundTypmodCoercion(BoundExprPtr arg, DataType type, bool is_explicit, int location)
      : BoundExpr(BoundExprKind::kTypmodCoercion, type, location),
        arg_(std::move(arg)),
        is_explicit_(is_explicit) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BoundExpr& arg() const { return *arg_; }

 private:
  BoundExprPtr arg_;
  bool is_explicit_;
};

// AND / OR (any number of arguments) and NOT, with three-valued logic.
class BoundBoolOp final : public BoundExpr {
 public:
  enum class Op { kAnd, kOr, kNot };
  BoundBoolOp(Op op, std::vector<BoundExprPtr> args, int location)
      : BoundExpr(BoundExprKind::kBoolOp, DataType{type_oid::kBool}, location),
        op_(op),
        args_(std::move(args)) {}
  Value Evaluate(EvalContext& ctx) const override;
  Op op() const { return op_; }
  const std::vector<BoundExprPtr>& args() const { return args_; }

 private:
  Op op_;
  std::vector<BoundExprPtr> args_;
};

class BoundNullTest final : public BoundExpr {
 public:
  BoundNullTest(BoundExprPtr arg, bool is_not_null, int location)
      : BoundExpr(BoundExprKind::kNullTest, DataType{type_oid::kBool}, location),
        arg_(std::move(arg)),
        is_not_null_(is_not_null) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BoundExpr& arg() const { return *arg_; }
  bool is_not_null() const { return is_not_null_; }

 private:
  BoundExprPtr arg_;
  bool is_not_null_;
};

class BoundBooleanTest final : public BoundExpr {
 public:
  enum class Test { kIsTrue, kIsNotTrue, kIsFalse, kIsNotFalse, kIsUnknown, kIsNotUnknown };
  BoundBooleanTest(BoundExprPtr arg, Test test, int location)
      : BoundExpr(BoundExprKind::kBooleanTest, DataType{type_oid::kBool}, location),
        arg_(std::move(arg)),
        test_(test) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BoundExpr& arg() const { return *arg_; }
  Test test() const { return test_; }

 private:
  BoundExprPtr arg_;
  Test test_;
};

struct BoundCaseWhen {
  BoundExprPtr condition;  // boolean
  BoundExprPtr result;
};

// CASE [arg] WHEN ... THEN ... ELSE ... END. With an `arg`, conditions refer
// to its value through BoundCaseTest nodes (`arg = when_value`).
class BoundCase final : public BoundExpr {
 public:
  BoundCase(BoundExprPtr arg, std::vector<BoundCaseWhen> whens, BoundExprPtr default_result,
            DataType type, int location)
      : BoundExpr(BoundExprKind::kCase, type, location),
        arg_(std::move(arg)),
        whens_(std::move(whens)),
        default_result_(std::move(default_result)) {}
  Value Evaluate(EvalContext& ctx) const override;
  int32_t FoldedTypmod(EvalContext& ctx) const override;
  const BoundExpr* arg() const { return arg_.get(); }
  const std::vector<BoundCaseWhen>& whens() const { return whens_; }
  const BoundExpr& default_result() const { return *default_result_; }

 private:
  BoundExprPtr arg_;  // may be null
  std::vector<BoundCaseWhen> whens_;
  BoundExprPtr default_result_;  // never null (NULL constant if no ELSE)
};

class BoundCaseTest final : public BoundExpr {
 public:
  BoundCaseTest(DataType type, int location)
      : BoundExpr(BoundExprKind::kCaseTest, type, location) {}
  Value Evaluate(EvalContext& ctx) const override { return ctx.CaseValue(); }
};

class BoundCoalesce final : public BoundExpr {
 public:
  BoundCoalesce(std::vector<BoundExprPtr> args, DataType type, int location)
      : BoundExpr(BoundExprKind::kCoalesce, type, location), args_(std::move(args)) {}
  Value Evaluate(EvalContext& ctx) const override;
  int32_t FoldedTypmod(EvalContext& ctx) const override;
  const std::vector<BoundExprPtr>& args() const { return args_; }

 private:
  std::vector<BoundExprPtr> args_;
};

// GREATEST/LEAST: NULLs are ignored; `less` is the type's "<" function.
class BoundMinMax final : public BoundExpr {
 public:
  BoundMinMax(std::vector<BoundExprPtr> args, const BuiltinFunction* less, bool is_greatest,
              DataType type, int location)
      : BoundExpr(BoundExprKind::kMinMax, type, location),
        args_(std::move(args)),
        less_(less),
        is_greatest_(is_greatest) {}
  Value Evaluate(EvalContext& ctx) const override;
  const std::vector<BoundExprPtr>& args() const { return args_; }
  bool is_greatest() const { return is_greatest_; }

 private:
  std::vector<BoundExprPtr> args_;
  const BuiltinFunction* less_;
  bool is_greatest_;
};

// NULLIF(a, b): NULL if a = b, else a.
class BoundNullIf final : public BoundExpr {
 public:
  BoundNullIf(const BuiltinFunction* equal, BoundExprPtr left, BoundExprPtr right, DataType type,
              int location)
      : BoundExpr(BoundExprKind::kNullIf, type, location),
        equal_(equal),
        left_(std::move(left)),
        right_(std::move(right)) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BoundExpr& left() const { return *left_; }
  const BoundExpr& right() const { return *right_; }

 private:
  const BuiltinFunction* equal_;
  BoundExprPtr left_;
  BoundExprPtr right_;
};

// a IS [NOT] DISTINCT FROM b: equality treating NULLs as comparable values.
class BoundDistinct final : public BoundExpr {
 public:
  BoundDistinct(const BuiltinFunction* equal, BoundExprPtr left, BoundExprPtr right,
                bool is_not_distinct, int location)
      : BoundExpr(BoundExprKind::kDistinct, DataType{type_oid::kBool}, location),
        equal_(equal),
        left_(std::move(left)),
        right_(std::move(right)),
        is_not_distinct_(is_not_distinct) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BoundExpr& left() const { return *left_; }
  const BoundExpr& right() const { return *right_; }
  bool is_not_distinct() const { return is_not_distinct_; }

 private:
  const BuiltinFunction* equal_;
  BoundExprPtr left_;
  BoundExprPtr right_;
  bool is_not_distinct_;
};

// left op ANY (elements) (use_or) or left op ALL (elements): IN / NOT IN
// lists. All elements are evaluated before comparing, as PostgreSQL builds
// the array first.
class BoundScalarArrayOp final : public BoundExpr {
 public:
  BoundScalarArrayOp(const BuiltinFunction* op, bool use_or, BoundExprPtr left,
                     std::vector<BoundExprPtr> elements, int location)
      : BoundExpr(BoundExprKind::kScalarArrayOp, DataType{type_oid::kBool}, location),
        op_(op),
        use_or_(use_or),
        left_(std::move(left)),
        elements_(std::move(elements)) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BuiltinFunction* op() const { return op_; }
  bool use_or() const { return use_or_; }
  const BoundExpr& left() const { return *left_; }
  const std::vector<BoundExprPtr>& elements() const { return elements_; }

 private:
  const BuiltinFunction* op_;
  bool use_or_;
  BoundExprPtr left_;
  std::vector<BoundExprPtr> elements_;
};

}  // namespace strata::sql
