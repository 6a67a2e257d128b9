// CREATE FUNCTION / PROCEDURE and DROP FUNCTION / PROCEDURE transforms
// (PostgreSQL's CreateFunctionStmt options as compute_function_attributes()
// reads them). LANGUAGE other than sql, WINDOW and SET clauses are 0A000.
#include <cstdlib>
#include <memory>
#include <string>

#include "sql/ast/alter_owner_statement.h"
#include "sql/ast/function_statements.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

bool BoolArg(const PgQuery__DefElem& d) {
  if (d.arg == nullptr) return true;
  if (d.arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return d.arg->boolean->boolval;
  if (d.arg->node_case == PG_QUERY__NODE__NODE_INTEGER) return d.arg->integer->ival != 0;
  return true;
}

double NumberArg(const PgQuery__DefElem& d) {
  if (d.arg == nullptr) return 0;
  if (d.arg->node_case == PG_QUERY__NODE__NODE_INTEGER) return d.arg->integer->ival;
  if (d.arg->node_case == PG_QUERY__NODE__NODE_FLOAT) return std::strtod(d.arg->float_->fval, nullptr);
  return 0;
}

char ParamMode(PgQuery__FunctionParameterMode mode) {
  switch (mode) {
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_OUT: return 'o';
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_INOUT: return 'b';
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_VARIADIC: return 'v';
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE: return 't';
    default: return 'i';
  }
}

// The attributes CREATE FUNCTION and ALTER FUNCTION share (IMMUTABLE,
// STRICT, SECURITY DEFINER, LEAKPROOF, PARALLEL, COST, ROWS), set on either
// statement (plain fields on CREATE's, optionals on ALTER's). False for any
// other option.
template <typename FunctionStatement>
bool ApplyFunctionAttribute(const PgQuery__DefElem& d, FunctionStatement* stmt) {
  const std::string name = d.defname;
  if (name == "volatility") {
    const std::string v = StringValue(d.arg);
    stmt->volatility = v == "immutable" ? 'i' : v == "stable" ? 's' : 'v';
  } else if (name == "strict") {
    stmt->strict = BoolArg(d);
  } else if (name == "security") {
    stmt->security_definer = BoolArg(d);
  } else if (name == "leakproof") {
    stmt->leakproof = BoolArg(d);
  } else if (name == "parallel") {
    const std::string v = StringValue(d.arg);
    stmt->parallel = v == "safe" ? 's' : v == "restricted" ? 'r' : 'u';
  } else if (name == "cost") {
    stmt->cost = NumberArg(d);
  } else if (name == "rows") {
    stmt->rows = NumberArg(d);
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<ast::Statement> Transformer::TransformCreateFunction(
    const PgQuery__CreateFunctionStmt& s) {
  auto stmt = std::make_unique<ast::CreateFunctionStatement>();
  stmt->name = StringList(s.funcname, s.n_funcname);
  stmt->is_procedure = s.is_procedure;
  stmt->or_replace = s.replace;
  for (size_t i = 0; i < s.n_parameters; ++i) {
    const PgQuery__Node* node = s.parameters[i];
    if (node->node_case != PG_QUERY__NODE__NODE_FUNCTION_PARAMETER) {
      throw NotSupported("this function parameter");
    }
    const PgQuery__FunctionParameter& p = *node->function_parameter;
    ast::FunctionParam param;
    if (p.name != nullptr) param.name = p.name;
    param.type = TransformTypeName(*p.arg_type);
    param.mode = ParamMode(p.mode);
    if (param.mode == 'v') throw NotSupported("VARIADIC parameters", p.arg_type->location);
    if (param.mode == 't') stmt->returns_table = true;
    if (p.defexpr != nullptr) {
      param.default_text = DeparseExpr(p.defexpr);
      param.default_expr = TransformExpr(p.defexpr);
    }
    stmt->params.push_back(std::move(param));
  }
  if (s.return_type != nullptr) stmt->return_type = TransformTypeName(*s.return_type);
  std::string as_text;
  size_t as_items = 1;
  bool have_as = false;
  for (size_t i = 0; i < s.n_options; ++i) {
    const PgQuery__Node* node = s.options[i];
    if (node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *node->def_elem;
    const std::string name = d.defname;
    if (name == "as") {
      if (d.arg != nullptr && d.arg->node_case == PG_QUERY__NODE__NODE_LIST) {
        as_items = d.arg->list->n_items;
        as_text = StringValue(d.arg->list->items[0]);
      } else {
        as_text = StringValue(d.arg);
      }
      have_as = true;
    } else if (name == "language") {
      stmt->language = StringValue(d.arg);
    } else if (ApplyFunctionAttribute(d, stmt.get())) {
      // set by the shared attribute parser
    } else if (name == "window") {
      stmt->window = BoolArg(d);
    } else if (name == "set") {
      stmt->has_set = true;
    } else if (name == "support") {
      throw NotSupported("SUPPORT functions");
    }
  }
  if (have_as && s.sql_body != nullptr) {
    throw SqlError(SqlState::kInvalidFunctionDefinition, "duplicate function body specified");
  }
  if (have_as && as_items > 1) {
    if (stmt->language == "sql") {
      throw SqlError(SqlState::kInvalidFunctionDefinition,
                     "only one AS item needed for language \"sql\"");
    }
    throw NotSupported("AS 'obj_file', 'link_symbol'");
  }
  if (have_as) {
    stmt->body = as_text;
    // The string as written: found verbatim in the query unless it had
    // doubled quotes or escapes (then errors in it carry no position).
    const size_t at = query_.find(as_text);
    if (!as_text.empty() && at != std::string_view::npos) stmt->body_location = static_cast<int>(at);
  } else if (s.sql_body != nullptr) {
    stmt->sql_standard_body = true;
    if (s.sql_body->node_case == PG_QUERY__NODE__NODE_RETURN_STMT) {
      stmt->body = "SELECT " + DeparseExpr(s.sql_body->return_stmt->returnval);
    } else if (s.sql_body->node_case == PG_QUERY__NODE__NODE_LIST) {
      // BEGIN ATOMIC: a list holding the list of statements.
      const PgQuery__List* outer = s.sql_body->list;
      const PgQuery__List* list =
          outer->n_items == 1 && outer->items[0]->node_case == PG_QUERY__NODE__NODE_LIST
              ? outer->items[0]->list
              : outer;
      for (size_t i = 0; i < list->n_items; ++i) {
        const PgQuery__Node* st = list->items[i];
        if (st->node_case == PG_QUERY__NODE__NODE_LIST) continue;
        if (!stmt->body.empty()) stmt->body += "; ";
        if (st->node_case == PG_QUERY__NODE__NODE_RETURN_STMT) {
          stmt->body += "SELECT " + DeparseExpr(st->return_stmt->returnval);
        } else {
          stmt->body += DeparseStatement(st, "this function body cannot be stored yet");
        }
      }
    } else {
      throw NotSupported("this function body");
    }
    if (stmt->language.empty()) stmt->language = "sql";
  }
  return stmt;
}

// DO: PostgreSQL's ExecuteDoStmt reads the code ("as") and the language
// (plpgsql unless given).
std::unique_ptr<ast::Statement> Transformer::TransformDo(const PgQuery__DoStmt& s) {
  auto stmt = std::make_unique<ast::CreateFunctionStatement>();
  stmt->do_block = true;
  bool have_code = false;
  for (size_t i = 0; i < s.n_args; ++i) {
    const PgQuery__Node* node = s.args[i];
    if (node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *node->def_elem;
    const std::string name = d.defname;
    if (name == "as") {
      stmt->body = StringValue(d.arg);
      have_code = true;
    } else if (name == "language") {
      stmt->language = StringValue(d.arg);
    }
  }
  if (!have_code) throw SqlError(SqlState::kSyntaxError, "no inline code specified");
  if (stmt->language.empty()) stmt->language = "plpgsql";
  return stmt;
}

ast::FunctionRef Transformer::TransformFunctionRef(const PgQuery__ObjectWithArgs& o) {
  ast::FunctionRef ref;
  ref.name = StringList(o.objname, o.n_objname);
  ref.args_unspecified = o.args_unspecified;
  for (size_t j = 0; j < o.n_objargs; ++j) {
    if (o.objargs[j]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME) {
      throw NotSupported("this function argument list");
    }
    ref.arg_types.push_back(TransformTypeName(*o.objargs[j]->type_name));
  }
  return ref;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterFunction(
    const PgQuery__AlterFunctionStmt& s) {
  auto stmt = std::make_unique<ast::AlterFunctionStatement>();
  stmt->is_procedure = s.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE;
  if (s.func == nullptr) throw NotSupported("this ALTER FUNCTION");
  stmt->function = TransformFunctionRef(*s.func);
  for (size_t i = 0; i < s.n_actions; ++i) {
    const PgQuery__Node* node = s.actions[i];
    if (node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *node->def_elem;
    const std::string name = d.defname;
    if (ApplyFunctionAttribute(d, stmt.get())) {
      // set by the shared attribute parser
    } else if (name == "set") {
      stmt->has_set = true;
    } else {
      throw NotSupported("ALTER FUNCTION " + name);
    }
  }
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformRenameFunction(const PgQuery__RenameStmt& s) {
  auto stmt = std::make_unique<ast::AlterFunctionStatement>();
  stmt->is_procedure = s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE;
  if (s.object == nullptr || s.object->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
    throw NotSupported("this ALTER FUNCTION RENAME");
  }
  stmt->function = TransformFunctionRef(*s.object->object_with_args);
  stmt->new_name = s.newname;
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterFunctionOwner(
    const PgQuery__AlterOwnerStmt& s) {
  auto stmt = std::make_unique<ast::AlterFunctionStatement>();
  stmt->is_procedure = s.object_type == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE;
  if (s.object == nullptr || s.object->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
    throw NotSupported("this ALTER FUNCTION OWNER TO");
  }
  stmt->function = TransformFunctionRef(*s.object->object_with_args);
  stmt->owner_to = true;
  if (s.newowner != nullptr) {
    switch (s.newowner->roletype) {
      case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING:
        stmt->new_owner = s.newowner->rolename != nullptr ? s.newowner->rolename : "";
        break;
      case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER:
        stmt->owner_special = "session_user";
        break;
      case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC:
        stmt->new_owner = "public";
        break;
      default:
        stmt->owner_special = "current_user";
        break;
    }
  }
  return stmt;
}

namespace {

// OWNER TO's role: a name, or CURRENT_USER / CURRENT_ROLE / SESSION_USER.
void SetNewOwner(const PgQuery__RoleSpec* spec, std::string* name, std::string* special) {
  if (spec == nullptr) return;
  switch (spec->roletype) {
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING:
      *name = spec->rolename != nullptr ? spec->rolename : "";
      break;
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER:
      *special = "session_user";
      break;
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC:
      *name = "public";
      break;
    default:
      *special = "current_user";
      break;
  }
}

}  // namespace

std::unique_ptr<ast::Statement> Transformer::TransformAlterSchemaOwner(
    const PgQuery__AlterOwnerStmt& s) {
  auto stmt = std::make_unique<ast::AlterOwnerStatement>();
  stmt->target = 'n';
  if (s.object == nullptr || s.object->node_case != PG_QUERY__NODE__NODE_STRING) {
    throw NotSupported("this ALTER SCHEMA OWNER TO");
  }
  stmt->schema_name = s.object->string->sval;
  SetNewOwner(s.newowner, &stmt->new_owner, &stmt->owner_special);
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterDatabaseOwner(
    const PgQuery__AlterOwnerStmt& s) {
  auto stmt = std::make_unique<ast::AlterOwnerStatement>();
  stmt->target = 'd';
  if (s.object == nullptr || s.object->node_case != PG_QUERY__NODE__NODE_STRING) {
    throw NotSupported("this ALTER DATABASE OWNER TO");
  }
  stmt->schema_name = s.object->string->sval;
  SetNewOwner(s.newowner, &stmt->new_owner, &stmt->owner_special);
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterRelationOwner(
    const PgQuery__AlterTableStmt& s) {
  auto stmt = std::make_unique<ast::AlterOwnerStatement>();
  stmt->target = s.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE ? 'S'
                 : s.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW   ? 'v'
                                                                     : 'r';
  stmt->relation = TransformRangeVar(*s.relation);
  stmt->if_exists = s.missing_ok;
  SetNewOwner(s.cmds[0]->alter_table_cmd->newowner, &stmt->new_owner, &stmt->owner_special);
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformDropFunction(const PgQuery__DropStmt& s) {
  auto stmt = std::make_unique<ast::DropFunctionStatement>();
  stmt->is_procedure = s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE;
  stmt->if_exists = s.missing_ok;
  stmt->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < s.n_objects; ++i) {
    const PgQuery__Node* obj = s.objects[i];
    if (obj->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
      throw NotSupported("this DROP FUNCTION");
    }
    stmt->functions.push_back(TransformFunctionRef(*obj->object_with_args));
  }
  return stmt;
}

}  // namespace strata::sql::parser
