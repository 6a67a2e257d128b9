// Role statements -> ast::RoleStatement (sql/ast/role_statements.h):
// CREATE/ALTER/DROP ROLE (USER, GROUP), ALTER ROLE ... RENAME TO, ALTER
// ROLE ... SET/RESET, GRANT/REVOKE role. Options keep the grammar's DefElem
// names; the command checks them (sql/commands/role_commands.cpp).
#include <memory>
#include <string>

#include "sql/ast/role_statements.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

ast::RoleSpec RoleSpecOf(const PgQuery__RoleSpec& spec) {
  ast::RoleSpec out;
  out.location = spec.location;
  switch (spec.roletype) {
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_ROLE:
      out.kind = ast::RoleSpec::Kind::kCurrentRole;
      break;
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_USER:
      out.kind = ast::RoleSpec::Kind::kCurrentUser;
      break;
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER:
      out.kind = ast::RoleSpec::Kind::kSessionUser;
      break;
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC:
      out.kind = ast::RoleSpec::Kind::kPublic;
      break;
    default:
      out.kind = ast::RoleSpec::Kind::kName;
      out.name = spec.rolename != nullptr ? spec.rolename : "";
      break;
  }
  return out;
}

std::vector<ast::RoleSpec> RoleSpecList(PgQuery__Node* const* nodes, size_t n) {
  std::vector<ast::RoleSpec> out;
  for (size_t i = 0; i < n; ++i) {
    if (nodes[i] != nullptr && nodes[i]->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC) {
      out.push_back(RoleSpecOf(*nodes[i]->role_spec));
    }
  }
  return out;
}

}  // namespace

std::vector<ast::RoleOption> Transformer::TransformRoleOptions(PgQuery__Node* const* nodes,
                                                               size_t n) {
  std::vector<ast::RoleOption> out;
  for (size_t i = 0; i < n; ++i) {
    if (nodes[i] == nullptr || nodes[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *nodes[i]->def_elem;
    ast::RoleOption o;
    o.name = d.defname != nullptr ? d.defname : "";
    o.location = d.location;
    const PgQuery__Node* arg = d.arg;
    if (arg != nullptr) {
      switch (arg->node_case) {
        case PG_QUERY__NODE__NODE_BOOLEAN:
          o.bool_value = arg->boolean->boolval;
          break;
        case PG_QUERY__NODE__NODE_INTEGER:
          o.int_value = arg->integer->ival;
          break;
        case PG_QUERY__NODE__NODE_STRING:
          o.text = StringValue(arg);
          break;
        case PG_QUERY__NODE__NODE_LIST:
          o.roles = RoleSpecList(arg->list->items, arg->list->n_items);
          break;
        default:
          throw NotSupported("role option \"" + o.name + "\"", d.location);
      }
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformCreateRole(const PgQuery__CreateRoleStmt& s) {
  auto out = std::make_unique<ast::RoleStatement>();
  out->action = ast::RoleStatement::Action::kCreate;
  out->create_kind = s.stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_USER    ? "USER"
                     : s.stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_GROUP ? "GROUP"
                                                                               : "ROLE";
  out->name = s.role != nullptr ? s.role : "";
  out->options = TransformRoleOptions(s.options, s.n_options);
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterRole(const PgQuery__AlterRoleStmt& s) {
  auto out = std::make_unique<ast::RoleStatement>();
  out->action = ast::RoleStatement::Action::kAlter;
  if (s.role != nullptr) out->role = RoleSpecOf(*s.role);
  out->options = TransformRoleOptions(s.options, s.n_options);
  out->group_action = s.action;
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterRoleSet(
    const PgQuery__AlterRoleSetStmt& s) {
  auto out = std::make_unique<ast::RoleStatement>();
  out->action = ast::RoleStatement::Action::kAlterSet;
  if (s.role != nullptr) {
    out->role = RoleSpecOf(*s.role);
  } else {
    out->all_roles = true;
  }
  out->in_database = s.database != nullptr ? s.database : "";
  out->setting = TransformSettingChange(s.setstmt);
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformDropRole(const PgQuery__DropRoleStmt& s) {
  auto out = std::make_unique<ast::RoleStatement>();
  out->action = ast::RoleStatement::Action::kDrop;
  out->roles = RoleSpecList(s.roles, s.n_roles);
  out->missing_ok = s.missing_ok;
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformGrantRole(const PgQuery__GrantRoleStmt& s) {
  auto out = std::make_unique<ast::RoleStatement>();
  out->action = s.is_grant ? ast::RoleStatement::Action::kGrant
                           : ast::RoleStatement::Action::kRevoke;
  // granted_roles are AccessPriv nodes naming the roles.
  for (size_t i = 0; i < s.n_granted_roles; ++i) {
    const PgQuery__Node* node = s.granted_roles[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV) continue;
    ast::RoleSpec spec;
    spec.name = node->access_priv->priv_name != nullptr ? node->access_priv->priv_name : "";
    out->roles.push_back(std::move(spec));
  }
  out->grantees = RoleSpecList(s.grantee_roles, s.n_grantee_roles);
  out->admin_option = s.admin_opt;
  if (s.grantor != nullptr) out->grantor = RoleSpecOf(*s.grantor);
  out->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformGrant(const PgQuery__GrantStmt& s) {
  auto out = std::make_unique<ast::RoleStatement>();
  out->action = s.is_grant ? ast::RoleStatement::Action::kGrantObject
                           : ast::RoleStatement::Action::kRevokeObject;
  // privileges are AccessPriv nodes; none means ALL [PRIVILEGES].
  for (size_t i = 0; i < s.n_privileges; ++i) {
    const PgQuery__Node* node = s.privileges[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV) continue;
    ast::RoleStatement::Privilege p;
    // ALL (a, b) comes as an AccessPriv without a name but with columns.
    p.name = node->access_priv->priv_name != nullptr ? node->access_priv->priv_name : "";
    p.columns = node->access_priv->n_cols > 0;
    for (size_t c = 0; c < node->access_priv->n_cols; ++c) {
      p.column_names.push_back(StringValue(node->access_priv->cols[c]));
    }
    out->privileges.push_back(std::move(p));
  }
  const bool all_in_schema = s.targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_ALL_IN_SCHEMA;
  switch (s.objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      out->object_type = ast::RoleStatement::ObjectType::kTable;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      out->object_type = ast::RoleStatement::ObjectType::kSchema;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      out->object_type = ast::RoleStatement::ObjectType::kOther;
      out->object_words = all_in_schema ? "ALL SEQUENCES IN SCHEMA" : "SEQUENCE";
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE:
      out->object_type = ast::RoleStatement::ObjectType::kOther;
      out->object_words = "DATABASE";
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
    case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
      out->object_type = ast::RoleStatement::ObjectType::kOther;
      out->object_words = "FUNCTION";
      break;
    default:
      out->object_type = ast::RoleStatement::ObjectType::kOther;
      out->object_words = "this object type";
      break;
  }
  if (s.targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_DEFAULTS) {
    out->object_type = ast::RoleStatement::ObjectType::kOther;
    out->object_words = "DEFAULT PRIVILEGES";
  }
  out->all_in_schema = all_in_schema;
  for (size_t i = 0; i < s.n_objects; ++i) {
    const PgQuery__Node* node = s.objects[i];
    if (node == nullptr) continue;
    if (node->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
      out->tables.push_back(TransformRangeVar(*node->range_var));
    } else if (node->node_case == PG_QUERY__NODE__NODE_STRING) {
      out->schemas.push_back(node->string->sval != nullptr ? node->string->sval : "");
    }
  }
  out->grantees = RoleSpecList(s.grantees, s.n_grantees);
  out->grant_option = s.grant_option;
  if (s.grantor != nullptr) out->grantor = RoleSpecOf(*s.grantor);
  out->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformRenameRole(const PgQuery__RenameStmt& s) {
  auto out = std::make_unique<ast::RoleStatement>();
  out->action = ast::RoleStatement::Action::kRename;
  out->name = s.subname != nullptr ? s.subname : "";
  out->new_name = s.newname != nullptr ? s.newname : "";
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterDefaultPrivileges(
    const PgQuery__AlterDefaultPrivilegesStmt& s) {
  if (s.action == nullptr) throw NotSupported("ALTER DEFAULT PRIVILEGES");
  std::unique_ptr<ast::Statement> stmt = TransformGrant(*s.action);
  auto* out = static_cast<ast::RoleStatement*>(stmt.get());
  out->action = ast::RoleStatement::Action::kDefaultPrivileges;
  out->default_is_grant = s.action->is_grant;
  switch (s.action->objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      out->default_objtype = 'r';
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      out->default_objtype = 'S';
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
    case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
      out->default_objtype = 'f';
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
      out->default_objtype = 'T';
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      out->default_objtype = 'n';
      break;
    default:
      throw NotSupported("ALTER DEFAULT PRIVILEGES on this object type");
  }
  for (size_t i = 0; i < s.n_options; ++i) {
    const PgQuery__Node* node = s.options[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *node->def_elem;
    const std::string name = d.defname != nullptr ? d.defname : "";
    if (d.arg == nullptr || d.arg->node_case != PG_QUERY__NODE__NODE_LIST) continue;
    const PgQuery__List& list = *d.arg->list;
    if (name == "roles") {
      out->for_roles = RoleSpecList(list.items, list.n_items);
    } else if (name == "schemas") {
      for (size_t k = 0; k < list.n_items; ++k) out->in_schemas.push_back(StringValue(list.items[k]));
    }
  }
  return stmt;
}

}  // namespace strata::sql::parser
