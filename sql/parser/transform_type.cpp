// CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE / RENAME VALUE /
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
  stmt->name = StringList(s.object->list->items, s.object->list->n_items);
  stmt->new_name = s.newname != nullptr ? s.newname : "";
  stmt->if_exists = s.missing_ok;
  return stmt;
}

}  // namespace strata::sql::parser
