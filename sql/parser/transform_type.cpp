// CREATE TYPE ... AS ENUM / AS (...), ALTER TYPE ... ADD VALUE / RENAME VALUE /
// RENAME TO and DROP TYPE -> ast::TypeStatement.
#include <memory>
#include <string>

#include "sql/ast/type_statements.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

std::unique_ptr<ast::Statement> Transformer::TransformCreateEnum(const PgQuery__CreateEnumStmt& s) {
  auto stmt = std::make_unique<ast::TypeStatement>();
  stmt->action = ast::TypeStatement::Action::kCreateEnum;
  stmt->name = StringList(s.type_name, s.n_type_name);
  stmt->labels = StringList(s.vals, s.n_vals);
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformCreateComposite(
    const PgQuery__CompositeTypeStmt& s) {
  auto stmt = std::make_unique<ast::TypeStatement>();
  stmt->action = ast::TypeStatement::Action::kCreateComposite;
  if (s.typevar == nullptr) throw NotSupported("CREATE TYPE without a name");
  const ast::RangeVar name = TransformRangeVar(*s.typevar);
  if (!name.schema.empty()) stmt->name.push_back(name.schema);
  stmt->name.push_back(name.name);
  for (size_t i = 0; i < s.n_coldeflist; ++i) {
    const PgQuery__Node* node = s.coldeflist[i];
    if (node->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) {
      throw NotSupported("this CREATE TYPE element");
    }
    const PgQuery__ColumnDef& cd = *node->column_def;
    if (cd.coll_clause != nullptr) throw NotSupported("COLLATE", cd.coll_clause->location);
    if (cd.type_name == nullptr) throw NotSupported("an attribute without a type", cd.location);
    ast::ColumnDef attr;
    attr.name = cd.colname;
    attr.location = cd.location;
    attr.type = TransformTypeName(*cd.type_name);
    stmt->attributes.push_back(std::move(attr));
  }
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterEnum(const PgQuery__AlterEnumStmt& s) {
  auto stmt = std::make_unique<ast::TypeStatement>();
  stmt->name = StringList(s.type_name, s.n_type_name);
  stmt->label = s.new_val != nullptr ? s.new_val : "";
  if (s.old_val != nullptr && s.old_val[0] != '\0') {
    stmt->action = ast::TypeStatement::Action::kRenameEnumValue;
    stmt->old_label = s.old_val;
    return stmt;
  }
  stmt->action = ast::TypeStatement::Action::kAddEnumValue;
  stmt->neighbor = s.new_val_neighbor != nullptr ? s.new_val_neighbor : "";
  stmt->after = s.new_val_is_after;
  stmt->if_not_exists = s.skip_if_new_val_exists;
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformDropType(const PgQuery__DropStmt& s) {
  auto stmt = std::make_unique<ast::TypeStatement>();
  stmt->action = ast::TypeStatement::Action::kDrop;
  stmt->is_domain = s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN;
  stmt->if_exists = s.missing_ok;
  stmt->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < s.n_objects; ++i) {
    const PgQuery__Node* obj = s.objects[i];
    if (obj->node_case != PG_QUERY__NODE__NODE_TYPE_NAME) throw NotSupported("this DROP TYPE");
    const ast::TypeName t = TransformTypeName(*obj->type_name);
    if (t.array_bounds > 0 || !t.typmods.empty()) throw NotSupported("this DROP TYPE name");
    stmt->names.push_back(t.names);
    stmt->name_locations.push_back(t.location);
  }
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformRenameType(const PgQuery__RenameStmt& s) {
  if (s.object == nullptr || s.object->node_case != PG_QUERY__NODE__NODE_LIST) {
    throw NotSupported("this ALTER TYPE ... RENAME");
  }
  auto stmt = std::make_unique<ast::TypeStatement>();
  stmt->action = ast::TypeStatement::Action::kRename;
  stmt->is_domain = s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN;
  stmt->name = StringList(s.object->list->items, s.object->list->n_items);
  stmt->new_name = s.newname != nullptr ? s.newname : "";
  stmt->if_exists = s.missing_ok;
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformCreateDomain(
    const PgQuery__CreateDomainStmt& s) {
  auto stmt = std::make_unique<ast::TypeStatement>();
  stmt->action = ast::TypeStatement::Action::kCreateDomain;
  stmt->name = StringList(s.domainname, s.n_domainname);
  if (s.type_name == nullptr) throw NotSupported("CREATE DOMAIN without a type");
  stmt->base_type = TransformTypeName(*s.type_name);
  if (s.coll_clause != nullptr) throw NotSupported("CREATE DOMAIN ... COLLATE");
  for (size_t i = 0; i < s.n_constraints; ++i) {
    const PgQuery__Node* node = s.constraints[i];
    if (node->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) throw NotSupported("this constraint");
    const PgQuery__Constraint& c = *node->constraint;
    switch (c.contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
        if (stmt->null_seen) {
          throw SqlError(SqlState::kSyntaxError, "conflicting NULL/NOT NULL constraints");
        }
        stmt->not_null = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
        if (stmt->not_null) {
          throw SqlError(SqlState::kSyntaxError, "conflicting NULL/NOT NULL constraints");
        }
        stmt->null_seen = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
        if (stmt->default_text) {
          throw SqlError(SqlState::kSyntaxError, "multiple default expressions");
        }
        stmt->default_text = DeparseExpr(c.raw_expr);
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
        if (c.is_no_inherit) {
          throw SqlError(SqlState::kInvalidObjectDefinition,
                         "check constraints for domains cannot be marked NO INHERIT");
        }
        stmt->checks.push_back(TransformCheck(c));
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        throw SqlError(SqlState::kSyntaxError, "unique constraints not possible for domains");
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        throw SqlError(SqlState::kSyntaxError, "primary key constraints not possible for domains");
      default:
        throw NotSupported("this domain constraint", c.location);
    }
  }
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterDomain(
    const PgQuery__AlterDomainStmt& s) {
  auto stmt = std::make_unique<ast::TypeStatement>();
  stmt->action = ast::TypeStatement::Action::kAlterDomain;
  stmt->is_domain = true;
  stmt->name = StringList(s.type_name, s.n_type_name);
  using Change = ast::TypeStatement::DomainChange;
  const char subtype = s.subtype != nullptr ? s.subtype[0] : '\0';
  switch (subtype) {
    case 'T':
      stmt->change = Change::kDefault;
      if (s.def != nullptr) stmt->default_text = DeparseExpr(s.def);
      break;
    case 'N':
      stmt->change = Change::kDropNotNull;
      break;
    case 'O':
      stmt->change = Change::kSetNotNull;
      break;
    case 'C': {
      stmt->change = Change::kAddConstraint;
      if (s.def == nullptr || s.def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) {
        throw NotSupported("this ALTER DOMAIN ... ADD");
      }
      const PgQuery__Constraint& c = *s.def->constraint;
      if (c.contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK) {
        throw NotSupported("ALTER DOMAIN ... ADD of this constraint type", c.location);
      }
      if (c.skip_validation) throw NotSupported("ALTER DOMAIN ... ADD ... NOT VALID", c.location);
      stmt->checks.push_back(TransformCheck(c));
      break;
    }
    case 'X':
      stmt->change = Change::kDropConstraint;
      stmt->constraint_name = s.name != nullptr ? s.name : "";
      stmt->if_exists = s.missing_ok;
      stmt->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
      break;
    default:
      throw NotSupported("this ALTER DOMAIN");
  }
  return stmt;
}

}  // namespace strata::sql::parser
