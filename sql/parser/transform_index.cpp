// Index DDL transform: IndexStmt (CREATE INDEX), DropStmt of indexes,
// RenameStmt of an index, ReindexStmt -> ast::IndexStatement.
#include <memory>

#include "sql/ast/index_statements.h"
#include "sql/ast/position.h"
#include "sql/ast/table_statements.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

ast::RangeVar NameListRangeVar(const PgQuery__Node* obj) {
  ast::RangeVar rv;
  if (obj->node_case != PG_QUERY__NODE__NODE_LIST) return rv;
  std::vector<std::string> names = StringList(obj->list->items, obj->list->n_items);
  if (names.empty()) return rv;
  rv.name = names.back();
  if (names.size() >= 2) rv.schema = names[names.size() - 2];
  return rv;
}

}  // namespace

std::unique_ptr<ast::Statement> Transformer::TransformCreateIndex(const PgQuery__IndexStmt& s) {
  auto stmt = std::make_unique<ast::IndexStatement>();
  stmt->action = ast::IndexStatement::Action::kCreate;
  if (HasText(s.idxname)) stmt->name = s.idxname;
  if (s.relation == nullptr) throw NotSupported("CREATE INDEX without a table");
  stmt->table = TransformRangeVar(*s.relation);
  const std::string method = HasText(s.access_method) ? s.access_method : "btree";
  stmt->access_method = method;
  if (method != "btree" && method != "hash") {
    if (method == "gist" || method == "gin" || method == "spgist" || method == "brin") {
      throw NotSupported("access method \"" + method + "\"");
    }
    throw SqlError(SqlState::kUndefinedObject,
                   "access method \"" + method + "\" does not exist");
  }
  if (HasText(s.table_space)) throw NotSupported("TABLESPACE");
  for (size_t i = 0; i < s.n_index_params; ++i) {
    const PgQuery__Node* node = s.index_params[i];
    if (node->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM) throw NotSupported("this index column");
    const PgQuery__IndexElem& e = *node->index_elem;
    ast::IndexColumnDef col;
    if (HasText(e.name)) {
      col.name = e.name;
    } else if (e.expr != nullptr) {
      // An expression key: kept as SQL text, bound and checked at CREATE
      // INDEX (sql/commands/index_expressions.h).
      col.expr = DeparseExpr(e.expr);
      col.location = TransformExpr(e.expr)->location;
    } else {
      throw NotSupported("this index column");
    }
    if (e.n_collation > 0) throw NotSupported("COLLATE in an index");
    if (e.n_opclassopts > 0) throw NotSupported("operator class options in an index");
    if (e.ordering == PG_QUERY__SORT_BY_DIR__SORTBY_USING) throw NotSupported("USING in an index");
    col.descending = e.ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    col.order_given = e.ordering == PG_QUERY__SORT_BY_DIR__SORTBY_ASC ||
                      e.ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    if (e.n_opclass > 0) {
      const std::vector<std::string> names = StringList(e.opclass, e.n_opclass);
      if (names.size() > 1 && names[names.size() - 2] != "pg_catalog") {
        throw NotSupported("operator class \"" + names.back() + "\"");
      }
      col.opclass = names.back();
    }
    if (e.nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) {
      col.nulls = ast::IndexColumnDef::Nulls::kFirst;
    } else if (e.nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) {
      col.nulls = ast::IndexColumnDef::Nulls::kLast;
    }
    stmt->columns.push_back(std::move(col));
  }
  for (size_t i = 0; i < s.n_index_including_params; ++i) {
    const PgQuery__Node* node = s.index_including_params[i];
    if (node->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM || !HasText(node->index_elem->name)) {
      throw NotSupported("expressions in INCLUDE");
    }
    stmt->include.push_back(node->index_elem->name);
  }
  // WITH (fillfactor = ...) and other storage parameters are accepted and ignored.
  if (s.where_clause != nullptr) stmt->where = DeparseExpr(s.where_clause);
  stmt->unique = s.unique;
  stmt->nulls_not_distinct = s.nulls_not_distinct;
  stmt->concurrently = s.concurrent;
  stmt->if_not_exists = s.if_not_exists;
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformDropIndex(const PgQuery__DropStmt& s) {
  auto stmt = std::make_unique<ast::IndexStatement>();
  stmt->action = ast::IndexStatement::Action::kDrop;
  stmt->if_exists = s.missing_ok;
  stmt->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  stmt->concurrently = s.concurrent;
  for (size_t i = 0; i < s.n_objects; ++i) {
    ast::RangeVar rv = NameListRangeVar(s.objects[i]);
    if (rv.name.empty()) throw NotSupported("this DROP INDEX");
    stmt->indexes.push_back(std::move(rv));
  }
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformRenameIndex(const PgQuery__RenameStmt& s) {
  auto stmt = std::make_unique<ast::IndexStatement>();
  stmt->action = ast::IndexStatement::Action::kRename;
  if (s.relation == nullptr) throw NotSupported("this ALTER INDEX");
  stmt->indexes.push_back(TransformRangeVar(*s.relation));
  stmt->if_exists = s.missing_ok;
  stmt->new_name = s.newname;
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformReindex(const PgQuery__ReindexStmt& s) {
  auto stmt = std::make_unique<ast::IndexStatement>();
  // ExecReindex's options: VERBOSE, CONCURRENTLY (the grammar's keyword
  // arrives as an option too), TABLESPACE (not supported: one engine
  // directory holds every tree).
  for (size_t i = 0; i < s.n_params; ++i) {
    const PgQuery__Node* node = s.params[i];
    if (node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *node->def_elem;
    const std::string name = HasText(d.defname) ? d.defname : "";
    if (name == "verbose") {
      stmt->verbose = OptionBoolean(d, query_);
    } else if (name == "concurrently") {
      stmt->concurrently = OptionBoolean(d, query_);
    } else if (name == "tablespace") {
      // One engine directory holds every tree: only the default tablespace.
      if (StringValue(d.arg) != "pg_default") throw NotSupported("REINDEX (TABLESPACE)", d.location);
    } else {
      throw SqlError(SqlState::kSyntaxError, "unrecognized REINDEX option \"" + name + "\"")
          .WithPosition(ast::CharPosition(query_, d.location));
    }
  }
  switch (s.kind) {
    case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_INDEX:
      stmt->action = ast::IndexStatement::Action::kReindexIndex;
      if (s.relation == nullptr) throw NotSupported("this REINDEX");
      stmt->indexes.push_back(TransformRangeVar(*s.relation));
      break;
    case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_TABLE:
      stmt->action = ast::IndexStatement::Action::kReindexTable;
      if (s.relation == nullptr) throw NotSupported("this REINDEX");
      stmt->table = TransformRangeVar(*s.relation);
      break;
    case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA:
      stmt->action = ast::IndexStatement::Action::kReindexSchema;
      stmt->table.schema = HasText(s.name) ? s.name : "";
      break;
    case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_DATABASE:
      stmt->action = ast::IndexStatement::Action::kReindexDatabase;
      stmt->new_name = HasText(s.name) ? s.name : "";
      break;
    case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM:
      stmt->action = ast::IndexStatement::Action::kReindexSystem;
      stmt->new_name = HasText(s.name) ? s.name : "";
      break;
    default:
      throw NotSupported("this REINDEX");
  }
  return stmt;
}

ast::UniqueDef Transformer::TransformUnique(const PgQuery__Constraint& c,
                                            const std::string& column) {
  ast::UniqueDef def;
  if (HasText(c.conname)) def.name = c.conname;
  def.columns = column.empty() ? StringList(c.keys, c.n_keys) : std::vector<std::string>{column};
  def.include = StringList(c.including, c.n_including);
  def.nulls_not_distinct = c.nulls_not_distinct;
  def.location = c.location;
  if (c.deferrable) throw NotSupported("DEFERRABLE UNIQUE constraints", c.location);
  if (HasText(c.indexname)) def.index_name = c.indexname;
  if (HasText(c.indexspace)) throw NotSupported("USING INDEX TABLESPACE", c.location);
  return def;
}

}  // namespace strata::sql::parser
