// DefineStmt (CREATE OPERATOR, CREATE TYPE name [(definition)]),
// AlterOperatorStmt, CreateCastStmt and DROP OPERATOR / CAST ->
// ast::OperatorStatement / ast::TypeStatement.
#include <memory>
#include <string>

#include "sql/ast/operator_statements.h"
#include "sql/ast/type_statements.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

ast::DefinitionOption Transformer::TransformDefinitionOption(const PgQuery__DefElem& d) {
  using Kind = ast::DefinitionOption::ValueKind;
  ast::DefinitionOption option;
  option.name = d.defname != nullptr ? d.defname : "";
  option.location = d.location;
  const PgQuery__Node* arg = d.arg;
  if (arg == nullptr || arg->node_case == PG_QUERY__NODE__NODE__NOT_SET) return option;
  switch (arg->node_case) {
    case PG_QUERY__NODE__NODE_TYPE_NAME:
      option.kind = Kind::kTypeName;
      option.type = TransformTypeName(*arg->type_name);
      break;
    case PG_QUERY__NODE__NODE_LIST:
      option.kind = Kind::kOperator;
      option.names = StringList(arg->list->items, arg->list->n_items);
      break;
    case PG_QUERY__NODE__NODE_STRING:
      option.kind = Kind::kString;
      option.text = StringValue(arg);
      break;
    case PG_QUERY__NODE__NODE_INTEGER:
      option.kind = Kind::kNumber;
      option.text = std::to_string(arg->integer->ival);
      break;
    case PG_QUERY__NODE__NODE_FLOAT:
      option.kind = Kind::kNumber;
      option.text = arg->float_->fval != nullptr ? arg->float_->fval : "";
      break;
    case PG_QUERY__NODE__NODE_BOOLEAN:
      option.kind = Kind::kString;
      option.text = arg->boolean->boolval ? "true" : "false";
      break;
    default:
      throw NotSupported("this definition option value", d.location);
  }
  return option;
}

ast::OperatorRef Transformer::TransformOperatorRef(const PgQuery__ObjectWithArgs& o) {
  ast::OperatorRef ref;
  ref.name = StringList(o.objname, o.n_objname);
  // oper_argtypes: exactly two entries, NONE as an empty node.
  for (size_t j = 0; j < o.n_objargs && j < 2; ++j) {
    const PgQuery__Node* arg = o.objargs[j];
    std::optional<ast::TypeName> type;
    if (arg != nullptr && arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
      type = TransformTypeName(*arg->type_name);
    }
    (j == 0 ? ref.left : ref.right) = std::move(type);
  }
  return ref;
}

std::unique_ptr<ast::Statement> Transformer::TransformDefine(const PgQuery__DefineStmt& s) {
  if (s.kind == PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR) {
    auto stmt = std::make_unique<ast::OperatorStatement>();
    stmt->action = ast::OperatorStatement::Action::kCreateOperator;
    stmt->name = StringList(s.defnames, s.n_defnames);
    for (size_t i = 0; i < s.n_definition; ++i) {
      if (s.definition[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
      stmt->options.push_back(TransformDefinitionOption(*s.definition[i]->def_elem));
    }
    return stmt;
  }
  if (s.kind == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE && s.n_args == 0) {
    auto stmt = std::make_unique<ast::TypeStatement>();
    stmt->name = StringList(s.defnames, s.n_defnames);
    stmt->action = s.n_definition == 0 ? ast::TypeStatement::Action::kCreateShell
                                       : ast::TypeStatement::Action::kCreateBase;
    for (size_t i = 0; i < s.n_definition; ++i) {
      if (s.definition[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
      stmt->options.push_back(TransformDefinitionOption(*s.definition[i]->def_elem));
    }
    return stmt;
  }
  PgQuery__Node n = PG_QUERY__NODE__INIT;
  n.node_case = PG_QUERY__NODE__NODE_DEFINE_STMT;
  n.define_stmt = const_cast<PgQuery__DefineStmt*>(&s);
  throw NotSupported(CommandName(n));
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterOperator(
    const PgQuery__AlterOperatorStmt& s) {
  auto stmt = std::make_unique<ast::OperatorStatement>();
  stmt->action = ast::OperatorStatement::Action::kAlterOperator;
  if (s.opername == nullptr) throw NotSupported("this ALTER OPERATOR");
  stmt->operators.push_back(TransformOperatorRef(*s.opername));
  for (size_t i = 0; i < s.n_options; ++i) {
    if (s.options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    stmt->options.push_back(TransformDefinitionOption(*s.options[i]->def_elem));
  }
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformCreateCast(const PgQuery__CreateCastStmt& s) {
  auto stmt = std::make_unique<ast::OperatorStatement>();
  stmt->action = ast::OperatorStatement::Action::kCreateCast;
  if (s.sourcetype == nullptr || s.targettype == nullptr) throw NotSupported("this CREATE CAST");
  stmt->source = TransformTypeName(*s.sourcetype);
  stmt->target = TransformTypeName(*s.targettype);
  if (s.func != nullptr) {
    stmt->cast_method = 'f';
    const ast::FunctionRef fn = TransformFunctionRef(*s.func);
    stmt->function_name = fn.name;
    stmt->function_args_given = !fn.args_unspecified;
    for (const ast::TypeName& t : fn.arg_types) {
      ast::TypeName copy;
      copy.names = t.names;
      copy.array_bounds = t.array_bounds;
      copy.setof = t.setof;
      copy.location = t.location;
      if (!t.typmods.empty()) throw NotSupported("a type modifier in CREATE CAST's function");
      stmt->function_args.push_back(std::move(copy));
    }
  } else {
    stmt->cast_method = s.inout ? 'i' : 'b';
  }
  switch (s.context) {
    case PG_QUERY__COERCION_CONTEXT__COERCION_IMPLICIT:
      stmt->cast_context = 'i';
      break;
    case PG_QUERY__COERCION_CONTEXT__COERCION_ASSIGNMENT:
      stmt->cast_context = 'a';
      break;
    default:
      stmt->cast_context = 'e';
      break;
  }
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformDropOperator(const PgQuery__DropStmt& s) {
  auto stmt = std::make_unique<ast::OperatorStatement>();
  stmt->action = ast::OperatorStatement::Action::kDropOperator;
  stmt->if_exists = s.missing_ok;
  stmt->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < s.n_objects; ++i) {
    const PgQuery__Node* obj = s.objects[i];
    if (obj->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
      throw NotSupported("this DROP OPERATOR");
    }
    stmt->operators.push_back(TransformOperatorRef(*obj->object_with_args));
  }
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformDropCast(const PgQuery__DropStmt& s) {
  auto stmt = std::make_unique<ast::OperatorStatement>();
  stmt->action = ast::OperatorStatement::Action::kDropCast;
  stmt->if_exists = s.missing_ok;
  stmt->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  // The one object is a list of the two type names.
  if (s.n_objects != 1 || s.objects[0]->node_case != PG_QUERY__NODE__NODE_LIST ||
      s.objects[0]->list->n_items != 2 ||
      s.objects[0]->list->items[0]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME ||
      s.objects[0]->list->items[1]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME) {
    throw NotSupported("this DROP CAST");
  }
  stmt->source = TransformTypeName(*s.objects[0]->list->items[0]->type_name);
  stmt->target = TransformTypeName(*s.objects[0]->list->items[1]->type_name);
  return stmt;
}

}  // namespace strata::sql::parser
