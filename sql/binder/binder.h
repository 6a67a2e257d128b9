// Binder: resolves a parsed statement into typed, bound expressions, exactly
// as PostgreSQL's parse analysis does (parse_expr.c, parse_oper.c,
// parse_coerce.c, parse_target.c): literal typing, operator resolution,
// implicit coercions, common-type selection for CASE/VALUES/COALESCE, output
// column names. Errors are SqlErrors with PostgreSQL's SQLSTATE, message,
// hint and position (1-based characters into the whole query string).
//
// Bind-time errors (an unknown literal that fails its type's input function,
// a missing operator) carry positions; errors while evaluating (overflow,
// division by zero) do not, as in PostgreSQL.
//
// A Binder is cheap and single-use per statement; not thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/binder/bind_scope.h"
#include "sql/binder/bound_statement.h"
#include "sql/binder/coercion_rules.h"
#include "sql/binder/grouping.h"
#include "sql/binder/parameter_types.h"
#include "sql/binder/sublink.h"
#include "sql/binder/window.h"
#include "sql/expr/bound_expr.h"

namespace strata::sql {

struct SetReturningState;  // set_returning_targets.h
class Binder;

// Binds a call of a user-defined function (sql/commands/user_function_call.h):
// the call with its bound arguments, or null when no user-defined function
// has the call's name (the built-ins are tried then). Throws the call's
// errors (42883 no match when no built-in has the name either, 42725).
using UserFunctionBinder = std::function<BoundExprPtr(
    Binder& binder, const ast::FuncCallExpr& call, std::vector<BoundExprPtr>& args,
    bool set_returning_allowed)>;

class Binder {
 public:
  // `query` is the whole query string the statement came from. `params`
  // (may be null: a simple Query, where any $n is 42P02 "there is no
  // parameter $n") holds the parameter types and must outlive the Binder.
  explicit Binder(std::string_view query, ParameterTypes* params = nullptr)
      : query_(query), params_(params) {}

  BoundSelect BindSelect(const ast::SelectStatement& select);

  // Resolves a type name with its typmod (PREPARE's parameter types).
  DataType BindTypeName(const ast::TypeName& type_name) { return ResolveTypeName(type_name); }

  // Binds one expression on its own (EXECUTE's arguments).
  BoundExprPtr BindStandaloneExpr(const ast::Expr& expr) { return BindExpr(expr); }
  // coerce_to_target_type() for callers outside the binder (EXECUTE's
  // arguments, assignment context); null if no coercion exists.
  BoundExprPtr CoerceForAssignment(BoundExprPtr expr, DataType target);

  // After binding a statement with kVariable parameters: PostgreSQL's
  // check_variable_parameters(). A reference created while its parameter had
  // no type and never coerced, whose parameter got a type elsewhere, is 42P08
  // "could not determine data type of parameter $n" at the reference.
  void CheckParameterResolution() const;

  // The relations column references resolve against (null: none, as for a
  // SELECT without FROM). LIFETIME: `scope` outlives the bound expressions'
  // binding (not their evaluation).
  void SetScope(const BindScope* scope) { scope_ = scope; }

  // Aggregates: with a GroupingState (may be null) aggregate calls are
  // collected there (see grouping.h). `clause` (may be null) names the
  // clause being bound where aggregates are not allowed ("WHERE"): 42803.
  void SetGrouping(GroupingState* grouping) { grouping_ = grouping; }
  void SetAggregatesForbidden(const char* clause) { agg_forbidden_ = clause; }
  // Whether the expression being bound may be a set-returning function call
  // (a function in FROM); its arguments never may.
  void SetSetReturningAllowed(bool allowed) { srf_allowed_ = allowed; }
  // With a SetReturningState (set_returning_targets.h; may be null), a
  // set-returning call anywhere in the expressions bound (a select list) is
  // collected there and bound as a reference to its value (ProjectSet).
  void SetSetReturningTargets(SetReturningState* targets) { srf_targets_ = targets; }
  // PostgreSQL's 0A000 message for a set-returning call in the expression
  // being bound ("set-returning functions are not allowed in CASE"), or
  // null; returns the previous one (set_returning_targets.h scopes it).
  const char* SetSetReturningForbidden(const char* message) {
    const char* previous = srf_forbidden_;
    srf_forbidden_ = message;
    return previous;
  }

  // bind_aggregate.cpp: an aggregate call (REQUIRES: IsAggregateName), and
  // a column of the scope as the current grouping mode sees it.
  BoundExprPtr BindAggregate(const ast::FuncCallExpr& expr);
  // The aggregate's kind and result type for its bound arguments (42883 etc.);
  // `signature` is "name(argtypes)" for the errors.
  // The FILTER and ORDER BY of an aggregate call (bind_aggregate.cpp).
  void BindAggregateDecorations(const ast::FuncCallExpr& expr, AggregateCall* call);
  void ResolveAggregateCall(const ast::FuncCallExpr& expr, const std::string& signature,
                            std::vector<BoundExprPtr> args, AggregateCall* call);
  // bind_window.cpp: a call with OVER (see window.h); window functions named
  // without OVER are 42809.
  void SetWindow(WindowState* window) { window_ = window; }
  BoundExprPtr BindWindowCall(const ast::FuncCallExpr& expr);
  // bind_grouping_func.cpp: GROUPING(args).
  BoundExprPtr BindGroupingFunc(const ast::FuncCallExpr& expr);
  BoundExprPtr MakeColumnRef(const ScopeRelation& rel, const ScopeColumn& column, int location);
  // The GROUP BY key slot `expr` matches in a grouped second pass, or -1.
  int MatchGroupKey(const ast::Expr& expr);

  // The helpers below are public so the table-statement binders and
  // executors (sql/commands/) can compose them.

  // bind_sublink.cpp: subqueries as expressions and references to the
  // columns of enclosing queries. `outer` (may be null: a top-level query)
  // resolves what the scope does not; without an analyzer (or with
  // SetSubqueriesForbidden's message) a subquery is 0A000.
  void SetOuter(OuterResolver* outer) { outer_ = outer; }
  void SetSubqueryAnalyzer(SubqueryAnalyzer analyzer) { analyzer_ = std::move(analyzer); }
  void SetSubqueriesForbidden(const char* message) { sublink_forbidden_ = message; }
  // Calls of user-defined functions (none without it).
  void SetUserFunctionBinder(UserFunctionBinder binder) { user_functions_ = std::move(binder); }
  BoundExprPtr BindSubLink(const ast::SubLinkExpr& expr);
  // The enclosing queries' column `ref` names when the scope has no
  // relation or column it could mean; null otherwise.
  BoundExprPtr BindOuterColumnRef(const ast::ColumnRefExpr& ref);
  // This level as an enclosing query of a subquery: `ref` in the scope (as
  // the grouping mode sees it, 42803 for an ungrouped column), else further
  // out.
  std::optional<OuterColumn> ResolveForSubquery(const ast::ColumnRefExpr& ref);
  // PostgreSQL's agglevelsup: an aggregate call whose arguments read only
  // columns of enclosing queries is an aggregate of the innermost of them;
  // it is bound there and read here as an outer column (null otherwise).
  BoundExprPtr BindOuterAggregate(const ast::FuncCallExpr& call);
  // This level as an enclosing query: such an aggregate, if it is this
  // level's (some argument column is in the scope), else further out.
  std::optional<OuterColumn> ResolveAggregateForSubquery(const ast::FuncCallExpr& call);

  // bind_select.cpp
  BoundSelect BindValues(const ast::SelectStatement& select);

  // bind_expr.cpp: dispatch, constants, column and parameter references.
  BoundExprPtr BindExpr(const ast::Expr& expr);
  BoundExprPtr BindConstant(const ast::ConstantExpr& expr);
  BoundExprPtr BindColumnRef(const ast::ColumnRefExpr& expr);
  // A parameter name of the function whose body is being bound
  // (function_params.h) as its $n; null if `expr` names none.
  BoundExprPtr BindFunctionParamName(const ast::ColumnRefExpr& expr);

  // bind_param.cpp: $n references and their type inference.
  BoundExprPtr BindParamRef(const ast::ParamRefExpr& expr);
  // The coerce_param_hook: gives an unknown-type parameter the type `target`
  // (42P08 "inconsistent types deduced for parameter $n" if it already has
  // another). REQUIRES: param has type unknown.
  BoundExprPtr CoerceParam(const BoundParam& param, Oid target, int location);

  // bind_operator.cpp: operators and the constructs built from them.
  struct ChosenOperator {
    const BuiltinFunction* fn;
    Oid left_type;   // declared input types (polymorphic ones resolved);
    Oid right_type;  // left_type is kInvalid for a prefix operator
    Oid result_type;
  };
  // Resolves operator `name` for the input types, throwing PostgreSQL's
  // errors (42883, 42725) at `location`, or 0A000 if we cannot evaluate it.
  ChosenOperator ChooseOperator(const std::vector<std::string>& name, Oid left, Oid right,
                                int location);
  BoundExprPtr BindOperator(const ast::OperatorExpr& expr);
  // make_op(): resolves `name` for the argument types and coerces them.
  // `left` is null for a prefix operator.
  BoundExprPtr MakeOperator(const std::vector<std::string>& name, BoundExprPtr left,
                            BoundExprPtr right, int location);
  // bind_user_operator.cpp: make_op() for a user-defined operator (CREATE
  // OPERATOR) that `name` reaches for these inputs: the call of its function
  // with the inputs coerced to its argument types; null (inputs untouched)
  // if no user-defined operator applies.
  BoundExprPtr MakeUserOperator(const std::vector<std::string>& name, BoundExprPtr& left,
                                BoundExprPtr& right, int location);
  // A call of pg_proc function `fn` (a user-defined one, or the built-in
  // `builtin_name` when fn is not in the catalog) with arguments already
  // coerced to its declared types (operators' and casts' functions).
  BoundExprPtr CallFunctionByOid(Oid fn, const std::string& builtin_name,
                                 std::vector<BoundExprPtr> args, int location);
  BoundExprPtr BindDistinct(const ast::DistinctExpr& expr);
  BoundExprPtr BindNullIf(const ast::NullIfExpr& expr);
  BoundExprPtr BindInList(const ast::InListExpr& expr);
  BoundExprPtr BindBetween(const ast::BetweenExpr& expr);

  // bind_bool_expr.cpp
  BoundExprPtr BindBoolExpr(const ast::BoolExpr& expr);
  BoundExprPtr BindNullTest(const ast::NullTestExpr& expr);
  BoundExprPtr BindBooleanTest(const ast::BooleanTestExpr& expr);

  // bind_case.cpp: CASE, COALESCE, GREATEST/LEAST.
  BoundExprPtr BindCase(const ast::CaseExpr& expr);
  BoundExprPtr BindCoalesce(const ast::CoalesceExpr& expr);
  BoundExprPtr BindMinMax(const ast::MinMaxExpr& expr);

  // bind_cast.cpp: casts and type names.
  BoundExprPtr BindTypeCast(const ast::TypeCastExpr& expr);
  DataType ResolveTypeName(const ast::TypeName& type_name);
  int32_t ResolveTypmod(const ast::TypeName& type_name, Oid type);

  // bind_func_call.cpp: calls of the SQL-callable built-ins (sql_function.h),
  // resolved as PostgreSQL's func_get_detail() does; other calls are 0A000.
  BoundExprPtr BindFuncCall(const ast::FuncCallExpr& expr);
  // The call `expr` names (its own arguments ignored) with `args` bound
  // already: function resolution and coercion as BindFuncCall does.
  BoundExprPtr BindCallWithBoundArgs(const ast::FuncCallExpr& expr,
                                     std::vector<BoundExprPtr> args);
  BoundExprPtr BindCallOfArgs(const ast::FuncCallExpr& expr, std::vector<BoundExprPtr>& args,
                              const std::vector<Oid>& types, const std::string& signature,
                              bool srf_allowed, SetReturningState* srf_targets,
                              size_t srf_targets_before);
  // coercion.cpp: a coercion through a user-defined cast (CREATE CAST) from
  // `expr`'s type to `target`; null if there is none for this context.
  BoundExprPtr CoerceViaUserCast(BoundExprPtr& expr, Oid target, CoercionContext context,
                                 int location);
  // bind_builtin_func.cpp: the functions we evaluate (func_select_candidate
  // over our own pg_proc subset); nullptr if `name` is none of them.
  BoundExprPtr BindBuiltinFunction(const ast::FuncCallExpr& expr,
                                   std::vector<BoundExprPtr>& args);

  // bind_array.cpp: ARRAY[...] (with the element type a cast to an array
  // type imposes, or kInvalid), subscripts, op ANY/ALL (array), and
  // element-wise array coercions.
  BoundExprPtr BindArrayExpr(const ast::ArrayExpr& expr, Oid cast_array_type);
  BoundExprPtr BindSubscript(const ast::SubscriptExpr& expr);
  BoundExprPtr BindArrayOp(const ast::ArrayOpExpr& expr);
  BoundExprPtr CoerceArray(BoundExprPtr expr, Oid target, CoercionContext context,
                           int32_t element_typmod, bool is_explicit, int location);

  // bind_record.cpp: ROW(...) values, field selection ((x).name) and row
  // comparisons ((a, b) < (c, d), PostgreSQL's make_row_comparison_op).
  BoundExprPtr BindRow(const ast::RowExpr& expr);
  BoundExprPtr BindFieldSelect(const ast::FieldSelectExpr& expr);
  BoundExprPtr BindRowComparison(const ast::OperatorExpr& expr, const ast::RowExpr& left,
                                 const ast::RowExpr& right);
  // coerce_record_to_complex(): a record-typed ROW(...) (or whole-row
  // reference) to named composite type `target`, field by field; 42846
  // "cannot cast type record to t" with a DETAIL when the fields do not fit.
  BoundExprPtr CoerceRecordToComposite(BoundExprPtr expr, Oid target, CoercionContext context,
                                       int location);

  // coercion.cpp: applying the coercion rules to expressions.
  // coerce_type(): converts `expr` to type `target` (typmod untouched).
  // REQUIRES: CanCoerceType(expr type, target, context).
  // `target_typmod` reaches the input function of an untyped literal
  // (interval_in reads INTERVAL '1' DAY with its field range).
  BoundExprPtr CoerceType(BoundExprPtr expr, Oid target, CoercionContext context, int location,
                          int32_t target_typmod = -1);
  // coerce_type_typmod(): applies target.typmod (or relabels to it).
  BoundExprPtr CoerceTypeTypmod(BoundExprPtr expr, DataType target, bool is_explicit, int location);
  // coerce_to_target_type(): type then typmod.
  // REQUIRES: CanCoerceType(expr type, target.oid, context).
  BoundExprPtr CoerceToTargetType(BoundExprPtr expr, DataType target, CoercionContext context,
                                  bool is_explicit, int location);
  // coerce_to_boolean(): 42804 "argument of <construct> must be type boolean".
  BoundExprPtr CoerceToBoolean(BoundExprPtr expr, std::string_view construct);
  // select_common_type(): with a null `context` returns kInvalid on
  // failure; otherwise throws 42804 "<context> types X and Y cannot be matched".
  Oid SelectCommonType(const std::vector<const BoundExpr*>& exprs, const char* context);
  // select_common_typmod().
  static int32_t SelectCommonTypmod(const std::vector<const BoundExpr*>& exprs, Oid common_type);
  // coerce_to_common_type(): 42846 "<context> could not convert type X to Y".
  BoundExprPtr CoerceToCommonType(BoundExprPtr expr, Oid target, const char* context);
  // Unknown-type expressions in a select list become text.
  BoundExprPtr ResolveUnknownToText(BoundExprPtr expr);

  // An SqlError positioned at byte `location` of the query.
  SqlError ErrorAt(SqlState state, std::string message, int location) const;
  int Position(int location) const;

  std::string_view query() const { return query_; }

 private:
  std::string_view query_;
  ParameterTypes* params_;
  const BindScope* scope_ = nullptr;
  GroupingState* grouping_ = nullptr;
  WindowState* window_ = nullptr;
  const char* agg_forbidden_ = nullptr;
  bool srf_allowed_ = false;
  SetReturningState* srf_targets_ = nullptr;
  const char* srf_forbidden_ = nullptr;
  OuterResolver* outer_ = nullptr;
  SubqueryAnalyzer analyzer_;
  const char* sublink_forbidden_ = nullptr;
  UserFunctionBinder user_functions_;
};

// PostgreSQL's FigureColname(): the output column name of a select-list
// expression without an alias ("?column?", "int4", "case", "coalesce", ...).
std::string FigureColumnName(const ast::Expr& expr);

// timestamp(p)/time(p)/interval fields and precision typmods
// (anytime_typmodin, intervaltypmodin); throws PostgreSQL's 22023 errors.
int32_t DatetimeTypmod(Oid type, const std::vector<int64_t>& mods);

// The leftmost of two byte locations, ignoring -1 (exprLocation's rule).
int LeftmostLocation(int a, int b);

}  // namespace strata::sql
