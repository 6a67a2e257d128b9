// EvaluateLimitClause (see limit_clause.h).
#include "sql/commands/limit_clause.h"

#include <optional>
#include <string>

#include "sql/builtin/type_table.h"

namespace strata::sql {

namespace {

// Binds LIMIT/OFFSET to bigint and evaluates it once; nullopt for NULL (and
// when only analyzing: the parameters have no values then).
std::optional<int64_t> EvaluateLimit(const CommandContext& cmd, Binder& binder,
                                     const ast::Expr& expr, const char* what) {
  BoundExprPtr bound = binder.BindExpr(expr);
  const Oid type = bound->type().oid;
  if (!CanCoerceType(type, type_oid::kInt8, CoercionContext::kAssignment)) {
    throw binder.ErrorAt(SqlState::kDatatypeMismatch,
                         std::string("argument of ") + what + " must be type bigint, not type " +
                             FormatTypeName(type),
                         bound->location());
  }
  bound = binder.CoerceToTargetType(std::move(bound), DataType{type_oid::kInt8, -1},
                                    CoercionContext::kAssignment, false, bound->location());
  if (cmd.analyze_only) return std::nullopt;
  EvalContext ctx = cmd.MakeEval();
  const Value v = bound->Evaluate(ctx);
  if (v.is_null()) return std::nullopt;
  return v.int_value();
}

}  // namespace

LimitClause EvaluateLimitClause(const CommandContext& ctx, const ast::SelectStatement& stmt) {
  LimitClause out;
  Binder binder = ctx.MakeBinder();  // no scope: LIMIT cannot name columns
  if (stmt.limit_offset) {
    auto v = EvaluateLimit(ctx, binder, *stmt.limit_offset, "OFFSET");
    if (v.has_value() && *v < 0) {
      throw SqlError(SqlState::kInvalidRowCountInResultOffsetClause,
                     "OFFSET must not be negative");
    }
    out.offset = v.value_or(0);
  }
  if (stmt.limit_count) {
    // transformLimitClause: a literal NULL count WITH TIES (an expression
    // that yields NULL means no limit, as in PostgreSQL).
    if (stmt.limit_with_ties && stmt.limit_count->kind == ast::ExprKind::kConstant &&
        static_cast<const ast::ConstantExpr&>(*stmt.limit_count).const_kind ==
            ast::ConstantExpr::Kind::kNull) {
      throw SqlError(SqlState::kInvalidRowCountInLimitClause,
                     "row count cannot be null in FETCH FIRST ... WITH TIES clause");
    }
    auto v = EvaluateLimit(ctx, binder, *stmt.limit_count, "LIMIT");
    if (v.has_value() && *v < 0) {
      throw SqlError(SqlState::kInvalidRowCountInLimitClause, "LIMIT must not be negative");
    }
    out.count = v.value_or(-1);
  }
  return out;
}

}  // namespace strata::sql
