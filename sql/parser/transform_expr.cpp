// Expression transform: libpg_query expression nodes -> ast::Expr. The
// grammar has already folded a minus sign into numeric literals (-1 is one
// constant) and spelled SQL-standard type names as pg_catalog names.
#include <memory>
#include <string>

#include "sql/ast/expr.h"
#include "sql/parser/transformer.h"
#include "sql/stack_depth.h"

namespace strata::sql::parser {

namespace {

// A readable name for a node kind we do not transform, for the 0A000 message.
std::string DescribeUnsupportedNode(const PgQuery__Node& node) {
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_SUB_LINK:
      switch (node.sub_link->sub_link_type) {
        case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
          return "EXISTS";
        case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
          return "ARRAY(subquery)";
        default:
          return "a subquery";
      }
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      return "ARRAY[...]";
    case PG_QUERY__NODE__NODE_ROW_EXPR:
      return "ROW(...)";
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
      return "subscripting or field selection";
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
      return "COLLATE";
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      switch (node.sqlvalue_function->op) {
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
          return "CURRENT_DATE";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
          return "CURRENT_TIME";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
          return "CURRENT_TIMESTAMP";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
          return "LOCALTIME";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
          return "LOCALTIMESTAMP";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
          return "CURRENT_ROLE";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
          return "CURRENT_USER";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
          return "USER";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
          return "SESSION_USER";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
          return "CURRENT_CATALOG";
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
          return "CURRENT_SCHEMA";
        default:
          return "this SQL value function";
      }
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT:
      return "DEFAULT";
    case PG_QUERY__NODE__NODE_GROUPING_FUNC:
      return "GROUPING";
    case PG_QUERY__NODE__NODE_XML_EXPR:
    case PG_QUERY__NODE__NODE_XML_SERIALIZE:
      return "an XML function";
    default: {
      const ProtobufCFieldDescriptor* field = protobuf_c_message_descriptor_get_field(
          &pg_query__node__descriptor, static_cast<unsigned>(node.node_case));
      return std::string("expression node ") + (field && field->name ? field->name : "???");
    }
  }
}

// Best-effort byte location of an unsupported node.
int NodeLocation(const PgQuery__Node& node) {
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return node.sub_link->location;
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      return node.a_array_expr->location;
    case PG_QUERY__NODE__NODE_ROW_EXPR:
      return node.row_expr->location;
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
      return node.collate_clause->location;
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      return node.sqlvalue_function->location;
    default:
      return -1;
  }
}

}  // namespace

std::vector<ast::ExprPtr> Transformer::TransformExprList(PgQuery__Node* const* nodes, size_t n) {
  std::vector<ast::ExprPtr> exprs;
  exprs.reserve(n);
  for (size_t i = 0; i < n; ++i) exprs.push_back(TransformExpr(nodes[i]));
  return exprs;
}

ast::ExprPtr Transformer::TransformExpr(const PgQuery__Node* node) {
  CheckStackDepth();
  if (node == nullptr) throw NotSupported("an empty expression");
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
      return TransformConstant(*node->a_const);
    case PG_QUERY__NODE__NODE_COLUMN_REF: {
      const PgQuery__ColumnRef& c = *node->column_ref;
      auto ref = std::make_unique<ast::ColumnRefExpr>(c.location);
      for (size_t i = 0; i < c.n_fields; ++i) {
        const PgQuery__Node* f = c.fields[i];
        ref->fields.push_back(f->node_case == PG_QUERY__NODE__NODE_A_STAR ? std::string("*")
                                                                          : StringValue(f));
      }
      return ref;
    }
    case PG_QUERY__NODE__NODE_PARAM_REF: {
      auto ref = std::make_unique<ast::ParamRefExpr>(node->param_ref->location);
      ref->number = node->param_ref->number;
      return ref;
    }
    case PG_QUERY__NODE__NODE_A_EXPR:
      return TransformAExpr(*node->a_expr);
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
      const PgQuery__BoolExpr& b = *node->bool_expr;
      ast::BoolExpr::Op op = ast::BoolExpr::Op::kAnd;
      switch (b.boolop) {
        case PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR:
          op = ast::BoolExpr::Op::kAnd;
          break;
        case PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR:
          op = ast::BoolExpr::Op::kOr;
          break;
        case PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR:
          op = ast::BoolExpr::Op::kNot;
          break;
        default:
          throw NotSupported("this boolean operator", b.location);
      }
      auto expr = std::make_unique<ast::BoolExpr>(op, b.location);
      expr->args = TransformExprList(b.args, b.n_args);
      return expr;
    }
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      const PgQuery__NullTest& t = *node->null_test;
      auto expr = std::make_unique<ast::NullTestExpr>(t.location);
      expr->arg = TransformExpr(t.arg);
      expr->is_not_null = t.nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL;
      return expr;
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      const PgQuery__BooleanTest& t = *node->boolean_test;
      using Test = ast::BooleanTestExpr::Test;
      Test test = Test::kIsTrue;
      switch (t.booltesttype) {
        case PG_QUERY__BOOL_TEST_TYPE__IS_TRUE:
          test = Test::kIsTrue;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_TRUE:
          test = Test::kIsNotTrue;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_FALSE:
          test = Test::kIsFalse;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_FALSE:
          test = Test::kIsNotFalse;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_UNKNOWN:
          test = Test::kIsUnknown;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_UNKNOWN:
          test = Test::kIsNotUnknown;
          break;
        default:
          throw NotSupported("this boolean test", t.location);
      }
      auto expr = std::make_unique<ast::BooleanTestExpr>(test, t.location);
      expr->arg = TransformExpr(t.arg);
      return expr;
    }
    case PG_QUERY__NODE__NODE_CASE_EXPR:
      return TransformCase(*node->case_expr);
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
      const PgQuery__TypeCast& c = *node->type_cast;
      auto expr = std::make_unique<ast::TypeCastExpr>(c.location);
      expr->arg = TransformExpr(c.arg);
      if (c.type_name == nullptr) throw NotSupported("a cast without a type", c.location);
      expr->type_name = TransformTypeName(*c.type_name);
      return expr;
    }
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return TransformFuncCall(*node->func_call);
    case PG_QUERY__NODE__NODE_GROUPING_FUNC: {
      const PgQuery__GroupingFunc& g = *node->grouping_func;
      auto expr = std::make_unique<ast::FuncCallExpr>(g.location);
      expr->name = {"grouping"};
      expr->args = TransformExprList(g.args, g.n_args);
      expr->is_grouping_func = true;
      return expr;
    }
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: {
      ast::ExprPtr expr = TransformSqlValueFunction(*node->sqlvalue_function);
      if (expr == nullptr) throw NotSupported(DescribeUnsupportedNode(*node), NodeLocation(*node));
      return expr;
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      const PgQuery__CoalesceExpr& c = *node->coalesce_expr;
      auto expr = std::make_unique<ast::CoalesceExpr>(c.location);
      expr->args = TransformExprList(c.args, c.n_args);
      return expr;
    }
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: {
      const PgQuery__AArrayExpr& a = *node->a_array_expr;
      auto expr = std::make_unique<ast::ArrayExpr>(a.location);
      expr->elements = TransformExprList(a.elements, a.n_elements);
      return expr;
    }
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
      return TransformIndirection(*node->a_indirection);
    case PG_QUERY__NODE__NODE_ROW_EXPR: {
      const PgQuery__RowExpr& r = *node->row_expr;
      auto expr = std::make_unique<ast::RowExpr>(r.location);
      expr->args = TransformExprList(r.args, r.n_args);
      return expr;
    }
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: {
      // Text compares bytewise, which is what the "C" and "POSIX" collations
      // and our default collation (C.UTF-8) do: naming one of them changes
      // nothing (psql's patterns say COLLATE pg_catalog.default). Others: 0A000.
      const PgQuery__CollateClause& c = *node->collate_clause;
      const std::string name = c.n_collname > 0 ? StringValue(c.collname[c.n_collname - 1]) : "";
      const bool builtin = name == "default" || name == "C" || name == "POSIX";
      const bool schema_ok = c.n_collname == 1 ||
                             (c.n_collname == 2 && StringValue(c.collname[0]) == "pg_catalog");
      if (!builtin || !schema_ok || c.arg == nullptr) {
        throw NotSupported("COLLATE", c.location);
      }
      return TransformExpr(c.arg);
    }
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return TransformSubLink(*node->sub_link);
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: {
      const PgQuery__MinMaxExpr& m = *node->min_max_expr;
      auto expr =
          std::make_unique<ast::MinMaxExpr>(m.op == PG_QUERY__MIN_MAX_OP__IS_GREATEST, m.location);
      expr->args = TransformExprList(m.args, m.n_args);
      return expr;
    }
    default:
      throw NotSupported(DescribeUnsupportedNode(*node), NodeLocation(*node));
  }
}

ast::ExprPtr Transformer::TransformConstant(const PgQuery__AConst& c) {
  using Kind = ast::ConstantExpr::Kind;
  if (c.isnull) return std::make_unique<ast::ConstantExpr>(Kind::kNull, c.location);
  switch (c.val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL: {
      auto expr = std::make_unique<ast::ConstantExpr>(Kind::kInteger, c.location);
      expr->ival = c.ival ? c.ival->ival : 0;
      return expr;
    }
    case PG_QUERY__A__CONST__VAL_FVAL: {
      auto expr = std::make_unique<ast::ConstantExpr>(Kind::kNumber, c.location);
      expr->text = c.fval && c.fval->fval ? c.fval->fval : "0";
      return expr;
    }
    case PG_QUERY__A__CONST__VAL_BOOLVAL: {
      auto expr = std::make_unique<ast::ConstantExpr>(Kind::kBool, c.location);
      expr->bval = c.boolval && c.boolval->boolval;
      return expr;
    }
    case PG_QUERY__A__CONST__VAL_SVAL: {
      auto expr = std::make_unique<ast::ConstantExpr>(Kind::kString, c.location);
      expr->text = c.sval && c.sval->sval ? c.sval->sval : "";
      return expr;
    }
    case PG_QUERY__A__CONST__VAL_BSVAL: {
      auto expr = std::make_unique<ast::ConstantExpr>(Kind::kBitString, c.location);
      expr->text = c.bsval && c.bsval->bsval ? c.bsval->bsval : "";
      return expr;
    }
    default:
      // An A_Const with no value set: protobuf omits a zero integer.
      return std::make_unique<ast::ConstantExpr>(Kind::kInteger, c.location);
  }
}

ast::ExprPtr Transformer::TransformAExpr(const PgQuery__AExpr& e) {
  std::vector<std::string> name = StringList(e.name, e.n_name);
  const std::string op = name.empty() ? "" : name.back();
  switch (e.kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:    // ~~ / !~~ (ESCAPE: like_escape())
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:  // ~~* / !~~*
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR: {  // ~ / !~ of similar_to_escape(pattern)
      auto expr = std::make_unique<ast::OperatorExpr>(e.location);
      expr->name = std::move(name);
      if (e.lexpr != nullptr) expr->left = TransformExpr(e.lexpr);
      if (e.rexpr == nullptr) throw NotSupported("a postfix operator", e.location);
      expr->right = TransformExpr(e.rexpr);
      return expr;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT: {
      auto expr = std::make_unique<ast::DistinctExpr>(
          e.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT, e.location);
      expr->left = TransformExpr(e.lexpr);
      expr->right = TransformExpr(e.rexpr);
      return expr;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF: {
      auto expr = std::make_unique<ast::NullIfExpr>(e.location);
      expr->left = TransformExpr(e.lexpr);
      expr->right = TransformExpr(e.rexpr);
      return expr;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
      if (e.rexpr == nullptr || e.rexpr->node_case != PG_QUERY__NODE__NODE_LIST) {
        throw NotSupported("IN with this right-hand side", e.location);
      }
      auto expr = std::make_unique<ast::InListExpr>(e.location);
      expr->negated = op == "<>";
      expr->arg = TransformExpr(e.lexpr);
      expr->list = TransformExprList(e.rexpr->list->items, e.rexpr->list->n_items);
      return expr;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN: {
      if (e.rexpr == nullptr || e.rexpr->node_case != PG_QUERY__NODE__NODE_LIST ||
          e.rexpr->list->n_items != 2) {
        throw NotSupported("this BETWEEN form", e.location);
      }
      auto expr = std::make_unique<ast::BetweenExpr>(e.location);
      expr->negated = e.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN;
      expr->arg = TransformExpr(e.lexpr);
      expr->lower = TransformExpr(e.rexpr->list->items[0]);
      expr->upper = TransformExpr(e.rexpr->list->items[1]);
      return expr;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM:
      throw NotSupported("BETWEEN SYMMETRIC", e.location);
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL: {
      auto expr = std::make_unique<ast::ArrayOpExpr>(e.kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY,
                                                     e.location);
      expr->name = std::move(name);
      expr->left = TransformExpr(e.lexpr);
      expr->right = TransformExpr(e.rexpr);
      return expr;
    }
    default:
      throw NotSupported("this operator form", e.location);
  }
}

ast::ExprPtr Transformer::TransformIndirection(const PgQuery__AIndirection& ind) {
  // The indirection list mixes subscripts and field names ((x).a[1].b):
  // consecutive subscripts form one SubscriptExpr, each field name wraps what
  // precedes it in a FieldSelectExpr.
  ast::ExprPtr expr = TransformExpr(ind.arg);
  const int location = expr->location;
  std::unique_ptr<ast::SubscriptExpr> subscripts;
  const auto flush_subscripts = [&]() {
    if (subscripts == nullptr) return;
    subscripts->arg = std::move(expr);
    expr = std::move(subscripts);
  };
  for (size_t i = 0; i < ind.n_indirection; ++i) {
    const PgQuery__Node* n = ind.indirection[i];
    if (n != nullptr && n->node_case == PG_QUERY__NODE__NODE_A_INDICES) {
      if (subscripts == nullptr) subscripts = std::make_unique<ast::SubscriptExpr>(location);
      const PgQuery__AIndices& idx = *n->a_indices;
      ast::Subscript sub;
      sub.is_slice = idx.is_slice;
      if (idx.lidx != nullptr) sub.lower = TransformExpr(idx.lidx);
      if (idx.uidx != nullptr) sub.upper = TransformExpr(idx.uidx);
      subscripts->subscripts.push_back(std::move(sub));
      continue;
    }
    flush_subscripts();
    // (x).*: a FieldSelectExpr of field "*", expanded where a select list
    // or ROW(...) allows it.
    const bool star = n != nullptr && n->node_case == PG_QUERY__NODE__NODE_A_STAR &&
                      i + 1 == ind.n_indirection;
    if (!star && (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_STRING)) {
      throw NotSupported("this field selection", location);
    }
    auto field = std::make_unique<ast::FieldSelectExpr>(location);
    field->arg = std::move(expr);
    field->field = star ? std::string("*") : StringValue(n);
    expr = std::move(field);
  }
  flush_subscripts();
  return expr;
}

ast::ExprPtr Transformer::TransformFuncCall(const PgQuery__FuncCall& f) {
  auto expr = std::make_unique<ast::FuncCallExpr>(f.location);
  expr->name = StringList(f.funcname, f.n_funcname);
  for (size_t i = 0; i < f.n_args; ++i) {
    const PgQuery__Node* node = f.args[i];
    if (node != nullptr && node->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
      expr->arg_names.resize(i);
      expr->arg_names.push_back(node->named_arg_expr->name);
      expr->args.push_back(TransformExpr(node->named_arg_expr->arg));
    } else {
      if (!expr->arg_names.empty()) expr->arg_names.push_back("");
      expr->args.push_back(TransformExpr(f.args[i]));
    }
  }
  expr->agg_star = f.agg_star;
  expr->agg_distinct = f.agg_distinct;
  // Any decoration: only aggregates accept ORDER BY / FILTER (the binder
  // reads them from agg_order / filter), only VARIADIC "any" built-ins
  // VARIADIC.
  expr->has_decorations = f.n_agg_order > 0 || (f.agg_filter != nullptr && f.over == nullptr) ||
                          f.agg_within_group || f.func_variadic;
  expr->variadic_only = f.func_variadic && f.n_agg_order == 0 && f.agg_filter == nullptr &&
                        f.over == nullptr && !f.agg_within_group && !f.agg_star &&
                        !f.agg_distinct;
  if (f.over != nullptr) expr->over = TransformWindowDef(*f.over);
  if (f.agg_filter != nullptr) expr->filter = TransformExpr(f.agg_filter);
  expr->agg_within_group = f.agg_within_group;
  expr->func_variadic = f.func_variadic;
  for (size_t i = 0; i < f.n_agg_order; ++i) {
    expr->agg_order.push_back(TransformSortItem(*f.agg_order[i]->sort_by));
  }
  return expr;
}

ast::ExprPtr Transformer::TransformCase(const PgQuery__CaseExpr& c) {
  auto expr = std::make_unique<ast::CaseExpr>(c.location);
  if (c.arg != nullptr) expr->arg = TransformExpr(c.arg);
  for (size_t i = 0; i < c.n_args; ++i) {
    const PgQuery__Node* node = c.args[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_CASE_WHEN) {
      throw NotSupported("this CASE arm", c.location);
    }
    ast::CaseWhen when;
    when.condition = TransformExpr(node->case_when->expr);
    when.result = TransformExpr(node->case_when->result);
    when.location = node->case_when->location;
    expr->whens.push_back(std::move(when));
  }
  if (c.defresult != nullptr) expr->default_result = TransformExpr(c.defresult);
  return expr;
}

}  // namespace strata::sql::parser
