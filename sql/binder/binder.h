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

#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/binder/bound_statement.h"
#include "sql/binder/coercion_rules.h"
#include "sql/expr/bound_expr.h"

namespace strata::sql {

class Binder {
 public:
  // `query` is the whole query string the statement came from.
  explicit Binder(std::string_view query) : query_(query) {}

  BoundSelect BindSelect(const ast::SelectStatement& select);

 private:
  // bind_select.cpp
  BoundSelect BindValues(const ast::SelectStatement& select);

  // bind_expr.cpp: dispatch, constants, column and parameter references.
  BoundExprPtr BindExpr(const ast::Expr& expr);
  BoundExprPtr BindConstant(const ast::ConstantExpr& expr);
  [[noreturn]] void BindColumnRef(const ast::ColumnRefExpr& expr);

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

  std::string_view query_;
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
