// CREATE TRIGGER, DROP TRIGGER and ALTER TRIGGER ... RENAME TO ->
// ast::TriggerStatement.
#include <memory>
#include <string>

#include "catalog/trigger_desc.h"
#include "sql/ast/trigger_statements.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

std::unique_ptr<ast::Statement> Transformer::TransformCreateTrigger(
    const PgQuery__CreateTrigStmt& s) {
  auto stmt = std::make_unique<ast::TriggerStatement>();
  stmt->action = ast::TriggerStatement::Action::kCreate;
  stmt->name = s.trigname != nullptr ? s.trigname : "";
  if (s.relation != nullptr) stmt->table = TransformRangeVar(*s.relation);
  stmt->replace = s.replace;
  stmt->function = StringList(s.funcname, s.n_funcname);
  // The grammar turns every argument (number, string or name) into a
  // String node.
  for (size_t i = 0; i < s.n_args; ++i) stmt->args.push_back(StringValue(s.args[i]));
  // timing holds the BEFORE / INSTEAD bits, events the event bits, both as
  // pg_trigger.tgtype has them.
  stmt->type = static_cast<int16_t>(s.timing | s.events | (s.row ? catalog::kTriggerTypeRow : 0));
  stmt->update_columns = StringList(s.columns, s.n_columns);
  if (s.when_clause != nullptr) {
    stmt->when = DeparseExpr(s.when_clause);
    stmt->when_expr = TransformExpr(s.when_clause);
  }
  stmt->is_constraint = s.isconstraint;
  for (size_t i = 0; i < s.n_transition_rels; ++i) {
    const PgQuery__Node* n = s.transition_rels[i];
    if (n->node_case != PG_QUERY__NODE__NODE_TRIGGER_TRANSITION) continue;
    const PgQuery__TriggerTransition& t = *n->trigger_transition;
    stmt->transitions.push_back({t.name != nullptr ? t.name : "", t.is_new != 0, t.is_table != 0});
  }
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformDropTrigger(const PgQuery__DropStmt& s) {
  if (s.n_objects != 1 || s.objects[0]->node_case != PG_QUERY__NODE__NODE_LIST) {
    throw NotSupported("this DROP TRIGGER");
  }
  // [schema.]table.trigger
  std::vector<std::string> names =
      StringList(s.objects[0]->list->items, s.objects[0]->list->n_items);
  if (names.size() < 2 || names.size() > 3) throw NotSupported("this DROP TRIGGER name");
  auto stmt = std::make_unique<ast::TriggerStatement>();
  stmt->action = ast::TriggerStatement::Action::kDrop;
  stmt->name = names.back();
  stmt->table.name = names[names.size() - 2];
  if (names.size() == 3) stmt->table.schema = names[0];
  stmt->if_exists = s.missing_ok;
  stmt->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformRenameTrigger(
    const PgQuery__RenameStmt& s) {
  auto stmt = std::make_unique<ast::TriggerStatement>();
  stmt->action = ast::TriggerStatement::Action::kRename;
  if (s.relation != nullptr) stmt->table = TransformRangeVar(*s.relation);
  stmt->name = s.subname != nullptr ? s.subname : "";
  stmt->new_name = s.newname != nullptr ? s.newname : "";
  return stmt;
}

}  // namespace strata::sql::parser
