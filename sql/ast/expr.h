// Parsed (unbound) expressions: our own node types, produced from
// libpg_query's tree by sql/parser/ and consumed by sql/binder/. Nothing here
// knows about PostgreSQL's node structs.
//
// Locations are 0-based byte offsets into the whole query string, or -1 when
// unknown, exactly as libpg_query reports them. The binder turns them into
// the 1-based character positions of error messages.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sql/ast/type_name.h"

namespace strata::sql::ast {

enum class ExprKind {
  kConstant,
  kColumnRef,
  kParamRef,
  kOperator,     // a + b, -a, OPERATOR(pg_catalog.+)
  kBool,         // AND, OR, NOT
  kNullTest,     // IS [NOT] NULL
  kBooleanTest,  // IS [NOT] TRUE/FALSE/UNKNOWN
  kCase,
  kTypeCast,  // x::t, CAST(x AS t), t 'literal'
  kFuncCall,
  kCoalesce,
  kMinMax,  // GREATEST, LEAST
  kNullIf,
  kDistinct,  // IS [NOT] DISTINCT FROM
  kInList,    // x [NOT] IN (a, b, ...)
  kBetween,   // x [NOT] BETWEEN a AND b
  kArray,      // ARRAY[a, b, ...]
  kSubscript,  // x[i], x[i:j]
  kArrayOp,    // x op ANY (array), x op ALL (array)
  kSubLink,    // (SELECT ...), EXISTS, IN/ANY/ALL (SELECT ...), ARRAY(SELECT ...)
  kRow,          // ROW(a, b), (a, b)
  kFieldSelect,  // (x).name
};

struct Expr {
  explicit Expr(ExprKind k, int loc = -1) : kind(k), location(loc) {}
  virtual ~Expr() = default;

  const ExprKind kind;
  int location;
};

using ExprPtr = std::unique_ptr<Expr>;

struct ConstantExpr : Expr {
  enum class Kind {
    kInteger,  // fits int32: `ival`
    kNumber,   // any other numeric literal, as written: `text` ("1.5", "1e3")
    kString,   // `text`
    kBool,     // `bval`
    kNull,
    kBitString,  // B'0101' / X'1F': `text` is bit_in's input ("b0101", "x1F")
  };
  explicit ConstantExpr(Kind k, int loc) : Expr(ExprKind::kConstant, loc), const_kind(k) {}

  Kind const_kind;
  int32_t ival = 0;
  bool bval = false;
  std::string text;
};

struct ColumnRefExpr : Expr {
  explicit ColumnRefExpr(int loc) : Expr(ExprKind::kColumnRef, loc) {}
  std::vector<std::string> fields;  // name parts, "*" for a star
};

struct ParamRefExpr : Expr {
  explicit ParamRefExpr(int loc) : Expr(ExprKind::kParamRef, loc) {}
  int number = 0;  // $n
};

struct OperatorExpr : Expr {
  explicit OperatorExpr(int loc) : Expr(ExprKind::kOperator, loc) {}
  std::vector<std::string> name;  // {"+"} or {"pg_catalog", "+"}
  ExprPtr left;                   // null for a prefix operator
  ExprPtr right;
};

struct BoolExpr : Expr {
  enum class Op { kAnd, kOr, kNot };
  explicit BoolExpr(Op o, int loc) : Expr(ExprKind::kBool, loc), op(o) {}
  Op op;
  std::vector<ExprPtr> args;
};

struct NullTestExpr : Expr {
  explicit NullTestExpr(int loc) : Expr(ExprKind::kNullTest, loc) {}
  ExprPtr arg;
  bool is_not_null = false;
};

struct BooleanTestExpr : Expr {
  enum class Test { kIsTrue, kIsNotTrue, kIsFalse, kIsNotFalse, kIsUnknown, kIsNotUnknown };
  explicit BooleanTestExpr(Test t, int loc) : Expr(ExprKind::kBooleanTest, loc), test(t) {}
  Test test;
  ExprPtr arg;
};

struct CaseWhen {
  ExprPtr condition;
  ExprPtr result;
  int location = -1;
};

struct CaseExpr : Expr {
  explicit CaseExpr(int loc) : Expr(ExprKind::kCase, loc) {}
  ExprPtr arg;  // CASE arg WHEN ...; null for a searched CASE
  std::vector<CaseWhen> whens;
  ExprPtr default_result;  // null when there is no ELSE
};

struct TypeCastExpr : Expr {
  explicit TypeCastExpr(int loc) : Expr(ExprKind::kTypeCast, loc) {}
  ExprPtr arg;
  TypeName type_name;
};

// A window specification: OVER (...) or WINDOW name AS (...)
// (PostgreSQL's WindowDef; frame_options uses its FRAMEOPTION_* bits, see
// sql/binder/window.h).
struct WindowSortItem {
  ExprPtr expr;
  bool descending = false;
  int nulls = 0;  // 0 default, 1 NULLS FIRST, 2 NULLS LAST
  int location = -1;
};
struct WindowDef {
  std::string name;     // WINDOW name AS (...); empty for OVER (...)
  std::string refname;  // OVER w / OVER (w ...): the window it copies
  std::vector<ExprPtr> partition;
  std::vector<WindowSortItem> order;
  int frame_options = 0;
  ExprPtr start_offset;
  ExprPtr end_offset;
  int location = -1;
};

struct FuncCallExpr : Expr {
  explicit FuncCallExpr(int loc) : Expr(ExprKind::kFuncCall, loc) {}
  std::shared_ptr<const WindowDef> over;  // f(...) OVER ...; null if none
  ExprPtr filter;                         // FILTER (WHERE ...) of a window aggregate
  bool is_grouping_func = false;          // GROUPING(args)
  std::vector<std::string> name;  // possibly schema-qualified
  std::vector<ExprPtr> args;
  // f(a, name => b): the name of each argument ("" for positional ones);
  // empty when the call names none.
  std::vector<std::string> arg_names;
  bool agg_star = false;         // f(*)
  bool agg_distinct = false;     // f(DISTINCT x)
  bool has_decorations = false;  // ORDER BY / FILTER / OVER / WITHIN GROUP / VARIADIC
  // f(..., VARIADIC arr) and no other decoration (has_decorations is set too):
  // only the VARIADIC "any" built-ins accept it (binder/bind_builtin_func.cpp).
  bool variadic_only = false;
  // CURRENT_DATE, LOCALTIMESTAMP, ...: an internal function no user call reaches.
  bool is_sql_value_function = false;
  // An aggregate's own decorations: f(x ORDER BY ...) and FILTER (WHERE ...)
  // (`filter`, without OVER); WITHIN GROUP and VARIADIC are not supported on
  // aggregates.
  std::vector<WindowSortItem> agg_order;
  bool agg_within_group = false;
  bool func_variadic = false;
};

struct CoalesceExpr : Expr {
  explicit CoalesceExpr(int loc) : Expr(ExprKind::kCoalesce, loc) {}
  std::vector<ExprPtr> args;
};

struct MinMaxExpr : Expr {
  explicit MinMaxExpr(bool greatest, int loc)
      : Expr(ExprKind::kMinMax, loc), is_greatest(greatest) {}
  bool is_greatest;
  std::vector<ExprPtr> args;
};

struct NullIfExpr : Expr {
  explicit NullIfExpr(int loc) : Expr(ExprKind::kNullIf, loc) {}
  ExprPtr left;
  ExprPtr right;
};

struct DistinctExpr : Expr {
  explicit DistinctExpr(bool negated, int loc)
      : Expr(ExprKind::kDistinct, loc), is_not_distinct(negated) {}
  bool is_not_distinct;  // IS NOT DISTINCT FROM
  ExprPtr left;
  ExprPtr right;
};

struct InListExpr : Expr {
  explicit InListExpr(int loc) : Expr(ExprKind::kInList, loc) {}
  ExprPtr arg;
  std::vector<ExprPtr> list;
  bool negated = false;  // NOT IN (operator "<>" combined with AND)
};

struct BetweenExpr : Expr {
  explicit BetweenExpr(int loc) : Expr(ExprKind::kBetween, loc) {}
  ExprPtr arg;
  ExprPtr lower;
  ExprPtr upper;
  bool negated = false;
};

struct ArrayExpr : Expr {
  explicit ArrayExpr(int loc) : Expr(ExprKind::kArray, loc) {}
  std::vector<ExprPtr> elements;  // a nested ARRAY[...] element is itself an ArrayExpr
};

struct Subscript {
  bool is_slice = false;  // x[a:b]
  ExprPtr lower;          // x[i] has only `upper`; slice bounds may be null
  ExprPtr upper;
};

struct SubscriptExpr : Expr {
  explicit SubscriptExpr(int loc) : Expr(ExprKind::kSubscript, loc) {}
  ExprPtr arg;
  std::vector<Subscript> subscripts;
};

// ROW(a, b) or (a, b): a composite value of anonymous record type, or the
// operand of a row comparison ((a, b) < (c, d)).
struct RowExpr : Expr {
  explicit RowExpr(int loc) : Expr(ExprKind::kRow, loc) {}
  std::vector<ExprPtr> args;
};

// (x).name: one field of a composite value. `location` is the argument's,
// where PostgreSQL points its errors.
struct FieldSelectExpr : Expr {
  explicit FieldSelectExpr(int loc) : Expr(ExprKind::kFieldSelect, loc) {}
  ExprPtr arg;
  std::string field;
};

struct ArrayOpExpr : Expr {
  explicit ArrayOpExpr(bool any, int loc) : Expr(ExprKind::kArrayOp, loc), use_or(any) {}
  bool use_or;                    // ANY (true) or ALL (false)
  std::vector<std::string> name;  // the operator
  ExprPtr left;
  ExprPtr right;  // the array
};

struct SelectStatement;

// A subquery used as an expression (PostgreSQL's SubLink). NOT IN is
// NOT (x = ANY (...)), as the grammar builds it.
struct SubLinkExpr : Expr {
  enum class Type {
    kExists,  // EXISTS (SELECT ...)
    kAny,     // test op ANY/SOME (SELECT ...), test IN (SELECT ...)
    kAll,     // test op ALL (SELECT ...)
    kExpr,    // (SELECT ...): a scalar
    kArray,   // ARRAY(SELECT ...)
  };
  SubLinkExpr(Type t, int loc) : Expr(ExprKind::kSubLink, loc), link_type(t) {}
  Type link_type;
  // kAny/kAll: the left operand, or a row's fields ((a, b) IN (SELECT x, y)).
  std::vector<ExprPtr> test;
  bool test_is_row = false;
  int test_location = -1;          // of the left operand (row constructor)
  std::vector<std::string> op;     // kAny/kAll: the operator ("=" for IN)
  std::shared_ptr<const SelectStatement> subquery;
};

}  // namespace strata::sql::ast
