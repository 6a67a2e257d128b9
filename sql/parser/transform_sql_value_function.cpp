// The SQLValueFunctions (CURRENT_DATE, CURRENT_TIMESTAMP[(p)],
// LOCALTIME[(p)], LOCALTIMESTAMP[(p)], CURRENT_USER, CURRENT_SCHEMA, ...) as calls of the internal functions of
// the same names (expr/datetime_sql_functions.cpp). A precision becomes a
// cast to the type with that typmod, which is what PostgreSQL evaluates; the
// output column name stays the function's ("current_timestamp"), as
// FigureColname looks through casts.
#include <memory>

#include "sql/parser/transformer.h"

namespace strata::sql::parser {

ast::ExprPtr Transformer::TransformSqlValueFunction(const PgQuery__SQLValueFunction& f) {
  const char* name = nullptr;
  const char* type = nullptr;
  bool with_precision = false;
  switch (f.op) {
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
      name = "current_date";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
      with_precision = true;
      [[fallthrough]];
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
      name = "current_timestamp";
      type = "timestamptz";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
      with_precision = true;
      [[fallthrough]];
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
      name = "localtime";
      type = "time";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
      with_precision = true;
      [[fallthrough]];
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
      name = "localtimestamp";
      type = "timestamp";
      break;
    // The session functions (system_relations/catalog_functions.cpp).
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
      name = "current_role";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
      name = "current_user";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
      name = "user";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
      name = "session_user";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
      name = "current_catalog";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
      name = "current_schema";
      break;
    default:
      return nullptr;  // CURRENT_TIME (timetz)
  }
  auto call = std::make_unique<ast::FuncCallExpr>(f.location);
  call->name = {"pg_catalog", name};
  call->is_sql_value_function = true;
  if (!with_precision) return call;
  auto cast = std::make_unique<ast::TypeCastExpr>(f.location);
  cast->type_name.names = {"pg_catalog", type};
  cast->type_name.location = f.location;
  auto precision = std::make_unique<ast::ConstantExpr>(ast::ConstantExpr::Kind::kInteger, -1);
  precision->ival = f.typmod;
  cast->type_name.typmods.push_back(std::move(precision));
  cast->arg = std::move(call);
  return cast;
}

}  // namespace strata::sql::parser
