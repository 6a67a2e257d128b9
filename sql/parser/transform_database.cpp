// Database statements -> ast::DatabaseStatement (sql/ast/database_statements.h):
// CREATE DATABASE name [WITH] options, DROP DATABASE [IF EXISTS] name
// [WITH (FORCE)]. Options keep the grammar's DefElem names; the command
// checks them (sql/commands/database_commands.cpp).
#include <memory>
#include <string>

#include "sql/ast/database_statements.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

// A value of another node kind is reported by `unsupported` (0A000).
template <typename Unsupported>
std::vector<ast::DatabaseOption> DatabaseOptions(PgQuery__Node** items, size_t n,
                                                 const Unsupported& unsupported) {
  std::vector<ast::DatabaseOption> out;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__Node* node = items[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *node->def_elem;
    ast::DatabaseOption o;
    o.name = d.defname != nullptr ? d.defname : "";
    o.location = d.location;
    if (const PgQuery__Node* arg = d.arg) {
      switch (arg->node_case) {
        case PG_QUERY__NODE__NODE_INTEGER:
          o.integer = arg->integer->ival;
          break;
        case PG_QUERY__NODE__NODE_STRING:
          o.text = arg->string->sval != nullptr ? arg->string->sval : "";
          break;
        case PG_QUERY__NODE__NODE_FLOAT:
          o.text = arg->float_->fval != nullptr ? arg->float_->fval : "";
          break;
        case PG_QUERY__NODE__NODE_BOOLEAN:
          o.text = arg->boolean->boolval ? "true" : "false";
          break;
        default:
          throw unsupported("database option \"" + o.name + "\"", d.location);
      }
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

std::unique_ptr<ast::Statement> Transformer::TransformCreateDatabase(
    const PgQuery__CreatedbStmt& s) {
  auto out = std::make_unique<ast::DatabaseStatement>();
  out->action = ast::DatabaseStatement::Action::kCreate;
  out->name = s.dbname != nullptr ? s.dbname : "";
  out->options = DatabaseOptions(s.options, s.n_options, [this](std::string_view what, int location) {
    return NotSupported(what, location);
  });
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformDropDatabase(const PgQuery__DropdbStmt& s) {
  auto out = std::make_unique<ast::DatabaseStatement>();
  out->action = ast::DatabaseStatement::Action::kDrop;
  out->name = s.dbname != nullptr ? s.dbname : "";
  out->missing_ok = s.missing_ok;
  out->options = DatabaseOptions(s.options, s.n_options, [this](std::string_view what, int location) {
    return NotSupported(what, location);
  });
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterDatabase(
    const PgQuery__AlterDatabaseStmt& s) {
  auto out = std::make_unique<ast::DatabaseStatement>();
  out->action = ast::DatabaseStatement::Action::kAlter;
  out->name = s.dbname != nullptr ? s.dbname : "";
  out->options = DatabaseOptions(s.options, s.n_options, [this](std::string_view what, int location) {
    return NotSupported(what, location);
  });
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterDatabaseSet(
    const PgQuery__AlterDatabaseSetStmt& s) {
  auto out = std::make_unique<ast::DatabaseStatement>();
  out->action = ast::DatabaseStatement::Action::kAlterSet;
  out->name = s.dbname != nullptr ? s.dbname : "";
  out->setting = TransformSettingChange(s.setstmt);
  return out;
}

std::shared_ptr<const ast::VariableSetStatement> Transformer::TransformSettingChange(
    const PgQuery__VariableSetStmt* s) {
  if (s == nullptr) throw NotSupported("this SET");
  std::unique_ptr<ast::Statement> stmt = TransformVariableSet(*s);
  if (stmt->kind != ast::StatementKind::kVariableSet) throw NotSupported("this SET");
  return std::shared_ptr<const ast::VariableSetStatement>(
      static_cast<ast::VariableSetStatement*>(stmt.release()));
}

std::unique_ptr<ast::Statement> Transformer::TransformRenameDatabase(const PgQuery__RenameStmt& s) {
  auto out = std::make_unique<ast::DatabaseStatement>();
  out->action = ast::DatabaseStatement::Action::kRename;
  out->name = s.subname != nullptr ? s.subname : "";
  out->new_name = s.newname != nullptr ? s.newname : "";
  return out;
}

}  // namespace strata::sql::parser
