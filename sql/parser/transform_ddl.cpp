// DDL transform: CREATE TABLE (columns, column and table constraints),
// DROP TABLE / DROP SCHEMA, TRUNCATE, CREATE SCHEMA; plus DeparseExpr, which
// gives DEFAULT and CHECK expressions the SQL text the catalog stores.
#include <pg_query.h>

#include <algorithm>
#include <memory>
#include <string>

#include "sql/ast/index_statements.h"
#include "sql/ast/position.h"
#include "sql/ast/query_ddl_statements.h"
#include "sql/ast/sequence_statements.h"
#include "sql/ast/table_statements.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {


std::string DeparseStatement(const PgQuery__Node* stmt, std::string_view error) {
  PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
  raw.stmt = const_cast<PgQuery__Node*>(stmt);
  PgQuery__RawStmt* raws[] = {&raw};
  PgQuery__ParseResult result = PG_QUERY__PARSE_RESULT__INIT;
  result.version = PG_VERSION_NUM;
  result.n_stmts = 1;
  result.stmts = raws;
  std::string packed(pg_query__parse_result__get_packed_size(&result), '\0');
  pg_query__parse_result__pack(&result, reinterpret_cast<uint8_t*>(packed.data()));
  PgQueryProtobuf buf;
  buf.len = packed.size();
  buf.data = packed.data();
  PgQueryDeparseResult deparsed = pg_query_deparse_protobuf(buf);
  std::string text;
  const bool ok = deparsed.error == nullptr && deparsed.query != nullptr;
  if (ok) text = deparsed.query;
  pg_query_free_deparse_result(deparsed);
  if (!ok) throw SqlError(SqlState::kFeatureNotSupported, std::string(error));
  return text;
}

std::string DeparseExpr(const PgQuery__Node* expr) {
  // Wrap the expression as "SELECT <expr>" and let libpg_query print it.
  PgQuery__ResTarget target = PG_QUERY__RES_TARGET__INIT;
  target.val = const_cast<PgQuery__Node*>(expr);
  PgQuery__Node target_node = PG_QUERY__NODE__INIT;
  target_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
  target_node.res_target = &target;
  PgQuery__Node* targets[] = {&target_node};
  PgQuery__SelectStmt select = PG_QUERY__SELECT_STMT__INIT;
  select.n_target_list = 1;
  select.target_list = targets;
  select.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
  select.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
  PgQuery__Node select_node = PG_QUERY__NODE__INIT;
  select_node.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
  select_node.select_stmt = &select;
  std::string text = DeparseStatement(&select_node, "this expression cannot be stored yet");
  constexpr std::string_view kPrefix = "SELECT ";
  if (text.rfind(kPrefix, 0) == 0) text.erase(0, kPrefix.size());
  return text;
}

ast::ForeignKeyDef Transformer::TransformForeignKey(const PgQuery__Constraint& c,
                                                    const std::string& column) {
  ast::ForeignKeyDef fk;
  if (HasText(c.conname)) fk.name = c.conname;
  fk.location = c.location;
  if (column.empty()) {
    fk.columns = StringList(c.fk_attrs, c.n_fk_attrs);
  } else {
    fk.columns = {column};
  }
  fk.referenced_table = TransformRangeVar(*c.pktable);
  fk.referenced_columns = StringList(c.pk_attrs, c.n_pk_attrs);
  auto letter = [](const char* s, char otherwise) { return HasText(s) ? s[0] : otherwise; };
  fk.match = letter(c.fk_matchtype, 's');
  fk.on_update = letter(c.fk_upd_action, 'a');
  fk.on_delete = letter(c.fk_del_action, 'a');
  fk.delete_set_columns = StringList(c.fk_del_set_cols, c.n_fk_del_set_cols);
  if (fk.match == 'p') {
    // PostgreSQL's own words (tablecmds.c), without a position.
    throw SqlError(SqlState::kFeatureNotSupported, "MATCH PARTIAL not yet implemented");
  }
  // INITIALLY DEFERRED implies DEFERRABLE (the grammar's processCASbits).
  fk.deferrable = c.deferrable || c.initdeferred;
  fk.initially_deferred = c.initdeferred;
  // Only ALTER TABLE ADD honours it; CREATE TABLE has no rows to skip.
  fk.not_valid = c.skip_validation;
  return fk;
}

ast::CheckDef Transformer::TransformCheck(const PgQuery__Constraint& c) {
  ast::CheckDef check;
  if (HasText(c.conname)) check.name = c.conname;
  check.expr = TransformExpr(c.raw_expr);
  check.expr_text = DeparseExpr(c.raw_expr);
  check.location = c.location;
  check.no_inherit = c.is_no_inherit;
  return check;
}

std::unique_ptr<ast::Statement> Transformer::TransformCreateTable(const PgQuery__CreateStmt& s) {
  if (s.of_typename != nullptr) throw NotSupported("CREATE TABLE OF");
  if (s.relation == nullptr) throw NotSupported("CREATE TABLE without a name");
  const bool temporary =
      s.relation->relpersistence != nullptr && std::string(s.relation->relpersistence) == "t";
  if (s.oncommit == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DROP) throw NotSupported("ON COMMIT DROP");
  if (s.oncommit == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DELETE_ROWS) {
    throw NotSupported("ON COMMIT DELETE ROWS");
  }
  if (s.relation->relpersistence != nullptr && std::string(s.relation->relpersistence) == "u") {
    throw NotSupported("CREATE UNLOGGED TABLE", s.relation->location);
  }
  auto stmt = std::make_unique<ast::CreateTableStatement>();
  stmt->temporary = temporary;
  stmt->table = TransformRangeVar(*s.relation);
  stmt->if_not_exists = s.if_not_exists;
  for (size_t i = 0; i < s.n_inh_relations; ++i) {
    stmt->inherits.push_back(TransformRangeVar(*s.inh_relations[i]->range_var));
  }
  if (s.partspec != nullptr) TransformPartitionSpec(*s.partspec, stmt.get());
  if (s.partbound != nullptr) {
    stmt->partition_of = true;
    stmt->bound = TransformPartitionBound(*s.partbound);
  }
  auto table_constraint = [&](const PgQuery__Constraint& c) {
    switch (c.contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        if (c.deferrable) throw NotSupported("DEFERRABLE PRIMARY KEY constraints", c.location);
        if (!stmt->primary_key.empty() || stmt->primary_key_location >= 0) {
          throw SqlError(SqlState::kInvalidTableDefinition,
                         "multiple primary keys for table \"" + stmt->table.name +
                             "\" are not allowed")
              .WithPosition(ast::CharPosition(query_, c.location));
        }
        stmt->primary_key = StringList(c.keys, c.n_keys);
        stmt->primary_key_location = c.location;
        if (HasText(c.conname)) stmt->primary_key_name = c.conname;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
        stmt->checks.push_back(TransformCheck(c));
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        stmt->uniques.push_back(TransformUnique(c, ""));
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
        stmt->foreign_keys.push_back(TransformForeignKey(c, ""));
        break;
      default:
        throw NotSupported("this table constraint", c.location);
    }
  };
  for (size_t i = 0; i < s.n_table_elts; ++i) {
    const PgQuery__Node* elt = s.table_elts[i];
    if (elt->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      table_constraint(*elt->constraint);
      continue;
    }
    if (elt->node_case == PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE) {
      const PgQuery__TableLikeClause& like = *elt->table_like_clause;
      stmt->likes.push_back(
          {TransformRangeVar(*like.relation), like.options, stmt->columns.size()});
      continue;
    }
    if (elt->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) {
      throw NotSupported("this CREATE TABLE element");
    }
    const PgQuery__ColumnDef& cd = *elt->column_def;
    ast::ColumnDef col;
    col.name = cd.colname;
    col.location = cd.location;
    if (cd.type_name == nullptr) {
      if (!stmt->partition_of) throw NotSupported("a column without a type", cd.location);
      col.has_type = false;
    } else {
      col.type = TransformTypeName(*cd.type_name);
    }
    if (cd.coll_clause != nullptr) throw NotSupported("COLLATE", cd.coll_clause->location);
    // DEFERRABLE / INITIALLY ... follow the constraint they qualify as nodes
    // of their own (PostgreSQL's transformConstraintAttrs): `attrs_target`
    // is the last constraint that can take them (-1: none; a foreign key:
    // its index in stmt->foreign_keys; kKeyConstraint: a primary key or
    // UNIQUE, which cannot be deferrable here).
    constexpr int kNoTarget = -1;
    constexpr int kKeyConstraint = -2;
    const char* key_kind = "PRIMARY KEY";  // of kKeyConstraint
    int attrs_target = kNoTarget;
    bool saw_deferrability = false;
    bool saw_initially = false;
    const auto attr = [&](const PgQuery__Constraint& c, const char* clause) {
      if (attrs_target == kNoTarget) {
        throw SqlError(SqlState::kSyntaxError, std::string("misplaced ") + clause + " clause")
            .WithPosition(ast::CharPosition(query_, c.location));
      }
    };
    const auto attr_error = [&](const PgQuery__Constraint& c, const std::string& message) {
      return SqlError(SqlState::kSyntaxError, message)
          .WithPosition(ast::CharPosition(query_, c.location));
    };
    for (size_t k = 0; k < cd.n_constraints; ++k) {
      const PgQuery__Constraint& c = *cd.constraints[k]->constraint;
      switch (c.contype) {
        case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
          attrs_target = c.contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN
                             ? static_cast<int>(stmt->foreign_keys.size())
                             : kKeyConstraint;
          key_kind = c.contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE ? "UNIQUE" : "PRIMARY KEY";
          saw_deferrability = saw_initially = false;
          break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE:
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE:
          break;
        default:
          attrs_target = kNoTarget;
          break;
      }
      switch (c.contype) {
        case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
          break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
          col.not_null = true;
          break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
          if (col.generated) {
            throw SqlError(SqlState::kSyntaxError,
                           "both default and generation expression specified for column \"" +
                               col.name + "\" of table \"" + stmt->table.name + "\"")
                .WithPosition(ast::CharPosition(query_, c.location));
          }
          if (col.identity != 0) {
            throw SqlError(SqlState::kSyntaxError,
                           "both default and identity specified for column \"" + col.name +
                               "\" of table \"" + stmt->table.name + "\"")
                .WithPosition(ast::CharPosition(query_, c.location));
          }
          col.default_expr = TransformExpr(c.raw_expr);
          col.default_text = DeparseExpr(c.raw_expr);
          break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
          if (col.generated) {
            throw SqlError(SqlState::kSyntaxError,
                           "both identity and generation expression specified for column \"" +
                               col.name + "\" of table \"" + stmt->table.name + "\"")
                .WithPosition(ast::CharPosition(query_, c.location));
          }
          if (col.identity != 0) {
            throw SqlError(SqlState::kSyntaxError,
                           "multiple identity specifications for column \"" + col.name +
                               "\" of table \"" + stmt->table.name + "\"")
                .WithPosition(ast::CharPosition(query_, c.location));
          }
          if (col.default_expr != nullptr) {
            throw SqlError(SqlState::kSyntaxError,
                           "both default and identity specified for column \"" + col.name +
                               "\" of table \"" + stmt->table.name + "\"")
                .WithPosition(ast::CharPosition(query_, c.location));
          }
          col.identity = c.generated_when != nullptr && c.generated_when[0] == 'd' ? 'd' : 'a';
          col.identity_options = std::make_shared<const ast::SequenceOptions>(
              TransformSequenceOptions(c.options, c.n_options));
          col.not_null = true;
          break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
          col.checks.push_back(TransformCheck(c));
          break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
          if (c.deferrable) throw NotSupported("DEFERRABLE PRIMARY KEY constraints", c.location);
          if (!stmt->primary_key.empty() || stmt->primary_key_location >= 0) {
            throw SqlError(SqlState::kInvalidTableDefinition,
                           "multiple primary keys for table \"" + stmt->table.name +
                               "\" are not allowed")
                .WithPosition(ast::CharPosition(query_, c.location));
          }
          stmt->primary_key = {col.name};
          stmt->primary_key_location = c.location;
          if (HasText(c.conname)) stmt->primary_key_name = c.conname;
          break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
          stmt->uniques.push_back(TransformUnique(c, col.name));
          break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
          stmt->foreign_keys.push_back(TransformForeignKey(c, col.name));
          break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE:
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE: {
          const bool deferrable =
              c.contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE;
          attr(c, deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
          if (saw_deferrability) {
            throw attr_error(c, "multiple DEFERRABLE/NOT DEFERRABLE clauses not allowed");
          }
          saw_deferrability = true;
          if (attrs_target == kKeyConstraint) {
            if (deferrable) {
              throw NotSupported(std::string("DEFERRABLE ") + key_kind + " constraints",
                                 c.location);
            }
            break;
          }
          ast::ForeignKeyDef& fk = stmt->foreign_keys[static_cast<size_t>(attrs_target)];
          if (!deferrable && saw_initially && fk.initially_deferred) {
            throw attr_error(c, "constraint declared INITIALLY DEFERRED must be DEFERRABLE");
          }
          fk.deferrable = deferrable;
          break;
        }
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE: {
          const bool deferred = c.contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED;
          attr(c, deferred ? "INITIALLY DEFERRED" : "INITIALLY IMMEDIATE");
          if (saw_initially) {
            throw attr_error(c, "multiple INITIALLY IMMEDIATE/DEFERRED clauses not allowed");
          }
          saw_initially = true;
          if (attrs_target == kKeyConstraint) {
            if (deferred) {
              throw NotSupported(std::string("DEFERRABLE ") + key_kind + " constraints",
                                 c.location);
            }
            break;
          }
          ast::ForeignKeyDef& fk = stmt->foreign_keys[static_cast<size_t>(attrs_target)];
          if (deferred) {
            // INITIALLY DEFERRED implies DEFERRABLE, unless NOT DEFERRABLE said otherwise.
            if (saw_deferrability && !fk.deferrable) {
              throw attr_error(c, "constraint declared INITIALLY DEFERRED must be DEFERRABLE");
            }
            fk.deferrable = true;
          }
          fk.initially_deferred = deferred;
          break;
        }
        case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED: {
          auto conflict = [&](const std::string& what) {
            return SqlError(SqlState::kSyntaxError,
                            what + " specified for column \"" + col.name + "\" of table \"" +
                                stmt->table.name + "\"")
                .WithPosition(ast::CharPosition(query_, c.location));
          };
          if (col.generated) throw conflict("multiple generation clauses");
          if (col.identity != 0) throw conflict("both identity and generation expression");
          if (col.default_expr != nullptr) throw conflict("both default and generation expression");
          col.generated = true;
          col.default_expr = TransformExpr(c.raw_expr);
          col.default_text = DeparseExpr(c.raw_expr);
          break;
        }
        default:
          throw NotSupported("this column constraint", c.location);
      }
    }
    stmt->columns.push_back(std::move(col));
  }
  for (size_t i = 0; i < s.n_constraints; ++i) table_constraint(*s.constraints[i]->constraint);
  // WITH (fillfactor = ...): storage parameters (commands/table_options.h).
  stmt->options = RelOptions(s.options, s.n_options);
  if (HasText(s.tablespacename)) throw NotSupported("TABLESPACE");
  if (HasText(s.access_method)) throw NotSupported("USING (table access method)");
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformDrop(const PgQuery__DropStmt& s) {
  const bool cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  if (s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    auto stmt = std::make_unique<ast::DropTableStatement>();
    stmt->if_exists = s.missing_ok;
    stmt->cascade = cascade;
    for (size_t i = 0; i < s.n_objects; ++i) {
      const PgQuery__Node* obj = s.objects[i];
      if (obj->node_case != PG_QUERY__NODE__NODE_LIST) throw NotSupported("this DROP TABLE");
      std::vector<std::string> names = StringList(obj->list->items, obj->list->n_items);
      ast::RangeVar rv;
      if (names.size() > 3) throw NotSupported("this DROP TABLE name");
      rv.name = names.back();
      if (names.size() >= 2) rv.schema = names[names.size() - 2];
      stmt->tables.push_back(std::move(rv));
    }
    return stmt;
  }
  if (s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE) return TransformDropSequence(s);
  if (s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION ||
      s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE) {
    return TransformDropFunction(s);
  }
  if (s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX) return TransformDropIndex(s);
  if (s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR) return TransformDropOperator(s);
  if (s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_CAST) return TransformDropCast(s);
  if (s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER) return TransformDropTrigger(s);
  if (s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE ||
      s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN) {
    return TransformDropType(s);
  }
  if (s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW) {
    auto stmt = std::make_unique<ast::DropViewStatement>();
    stmt->if_exists = s.missing_ok;
    stmt->cascade = cascade;
    for (size_t i = 0; i < s.n_objects; ++i) {
      const PgQuery__Node* obj = s.objects[i];
      if (obj->node_case != PG_QUERY__NODE__NODE_LIST) throw NotSupported("this DROP VIEW");
      std::vector<std::string> names = StringList(obj->list->items, obj->list->n_items);
      if (names.size() > 3) throw NotSupported("this DROP VIEW name");
      ast::RangeVar rv;
      rv.name = names.back();
      if (names.size() >= 2) rv.schema = names[names.size() - 2];
      stmt->views.push_back(std::move(rv));
    }
    return stmt;
  }
  if (s.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) {
    auto stmt = std::make_unique<ast::DropSchemaStatement>();
    stmt->if_exists = s.missing_ok;
    stmt->cascade = cascade;
    for (size_t i = 0; i < s.n_objects; ++i) stmt->names.push_back(StringValue(s.objects[i]));
    return stmt;
  }
  throw NotSupported(CommandName([&] {
    PgQuery__Node n = PG_QUERY__NODE__INIT;
    n.node_case = PG_QUERY__NODE__NODE_DROP_STMT;
    n.drop_stmt = const_cast<PgQuery__DropStmt*>(&s);
    return n;
  }()));
}

std::unique_ptr<ast::Statement> Transformer::TransformTruncate(const PgQuery__TruncateStmt& s) {
  auto stmt = std::make_unique<ast::TruncateStatement>();
  stmt->cascade = s.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < s.n_relations; ++i) {
    stmt->tables.push_back(TransformRangeVar(*s.relations[i]->range_var));
  }
  return stmt;
}

namespace {

// The relation a schema element creates (null for elements without one).
ast::RangeVar* ElementRelation(ast::Statement& element) {
  switch (element.kind) {
    case ast::StatementKind::kCreateTable:
      return &static_cast<ast::CreateTableStatement&>(element).table;
    case ast::StatementKind::kCreateView:
      return &static_cast<ast::CreateViewStatement&>(element).view;
    case ast::StatementKind::kCreateSequence:
      return &static_cast<ast::CreateSequenceStatement&>(element).sequence;
    case ast::StatementKind::kIndexDdl:  // the indexed table, whose schema the index takes
      return &static_cast<ast::IndexStatement&>(element).table;
    default:
      return nullptr;
  }
}

// PostgreSQL runs schema elements by kind, whatever order they are written
// in (transformCreateSchemaStmt): sequences, tables, views, then the rest
// (indexes).
int ElementRank(const ast::Statement& element) {
  switch (element.kind) {
    case ast::StatementKind::kCreateSequence: return 0;
    case ast::StatementKind::kCreateTable: return 1;
    case ast::StatementKind::kCreateView: return 2;
    default: return 3;
  }
}

}  // namespace

std::unique_ptr<ast::Statement> Transformer::TransformCreateSchema(
    const PgQuery__CreateSchemaStmt& s) {
  if (!HasText(s.schemaname)) throw NotSupported("CREATE SCHEMA AUTHORIZATION");
  auto stmt = std::make_unique<ast::CreateSchemaStatement>();
  stmt->name = s.schemaname;
  stmt->if_not_exists = s.if_not_exists;
  for (size_t i = 0; i < s.n_schema_elts; ++i) {
    const PgQuery__Node& node = *s.schema_elts[i];
    std::unique_ptr<ast::Statement> element;
    switch (node.node_case) {
      case PG_QUERY__NODE__NODE_CREATE_STMT:
      case PG_QUERY__NODE__NODE_VIEW_STMT:
      case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      case PG_QUERY__NODE__NODE_INDEX_STMT:
        element = TransformStatement(node);
        break;
      default:
        throw NotSupported("this CREATE SCHEMA element");
    }
    ast::RangeVar* rel = ElementRelation(*element);
    if (rel == nullptr) throw NotSupported("this CREATE SCHEMA element");
    if (!rel->schema.empty() && rel->schema != stmt->name) {
      throw SqlError(SqlState::kInvalidSchemaDefinition,
                     "CREATE specifies a schema (" + rel->schema +
                         ") different from the one being created (" + stmt->name + ")");
    }
    rel->schema = stmt->name;
    stmt->elements.push_back(std::move(element));
  }
  std::stable_sort(stmt->elements.begin(), stmt->elements.end(),
                   [](const auto& a, const auto& b) { return ElementRank(*a) < ElementRank(*b); });
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformRenameSchema(const PgQuery__RenameStmt& s) {
  auto stmt = std::make_unique<ast::RenameSchemaStatement>();
  stmt->name = HasText(s.subname) ? s.subname : "";
  stmt->new_name = s.newname;
  return stmt;
}

}  // namespace strata::sql::parser
