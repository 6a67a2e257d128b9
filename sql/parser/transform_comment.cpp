// COMMENT ON ... IS ... -> ast::CommentStatement (executed by
// commands/comment_commands.h).
#include <memory>
#include <string>

#include "sql/ast/comment_statement.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

std::unique_ptr<ast::Statement> Transformer::TransformComment(const PgQuery__CommentStmt& s) {
  using Kind = ast::CommentStatement::ObjectKind;
  auto stmt = std::make_unique<ast::CommentStatement>();
  const PgQuery__Node* obj = s.object;
  const auto names = [&] {
    if (obj != nullptr && obj->node_case == PG_QUERY__NODE__NODE_LIST) {
      stmt->name = StringList(obj->list->items, obj->list->n_items);
    } else {
      stmt->name = {StringValue(obj)};
    }
  };
  switch (s.objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: stmt->object_kind = Kind::kTable; names(); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW: stmt->object_kind = Kind::kView; names(); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
      stmt->object_kind = Kind::kMaterializedView;
      names();
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: stmt->object_kind = Kind::kIndex; names(); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      stmt->object_kind = Kind::kSequence;
      names();
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
      stmt->object_kind = Kind::kForeignTable;
      names();
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: stmt->object_kind = Kind::kColumn; names(); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
      stmt->object_kind = Kind::kTableConstraint;
      names();
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: stmt->object_kind = Kind::kSchema; names(); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER: stmt->object_kind = Kind::kTrigger; names(); break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE:
      stmt->object_kind = Kind::kDatabase;
      names();
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
    case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
      stmt->object_kind = s.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION
                              ? Kind::kFunction
                              : Kind::kProcedure;
      if (obj == nullptr || obj->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
        throw NotSupported("COMMENT ON this object");
      }
      stmt->function = TransformFunctionRef(*obj->object_with_args);
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR:
      stmt->object_kind = Kind::kOperator;
      if (obj == nullptr || obj->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
        throw NotSupported("COMMENT ON this object");
      }
      stmt->op = TransformOperatorRef(*obj->object_with_args);
      break;
    default:
      throw NotSupported("COMMENT ON this kind of object");
  }
  // PostgreSQL treats IS '' as IS NULL (and the parse tree cannot tell them apart).
  if (s.comment != nullptr && s.comment[0] != '\0') stmt->comment = std::string(s.comment);
  return stmt;
}

}  // namespace strata::sql::parser
