// Parsed DDL that stores or runs a query: CREATE TABLE AS / SELECT INTO,
// CREATE [OR REPLACE] VIEW, DROP VIEW. Produced by
// sql/parser/transform_query_ddl.cpp.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sql/ast/statement.h"

namespace strata::sql::ast {

// CREATE TABLE [IF NOT EXISTS] t [(names)] AS query [WITH [NO] DATA], and
// SELECT ... INTO t FROM ... (is_select_into).
struct CreateTableAsStatement : Statement {
  CreateTableAsStatement() : Statement(StatementKind::kCreateTableAs) {}
  RangeVar table;
  std::vector<std::string> column_names;  // may name fewer columns than the query has
  std::unique_ptr<SelectStatement> query;
  bool with_data = true;
  bool if_not_exists = false;
  bool is_select_into = false;
  bool temporary = false;  // CREATE TEMP TABLE ... AS, SELECT INTO TEMP
  // CREATE TABLE ... AS EXECUTE name(args): the prepared SELECT runs with the
  // arguments as its parameters (then `query` is null).
  std::unique_ptr<ExecuteStatement> execute;
};

// CREATE [OR REPLACE] VIEW v [(names)] AS query. The query is kept both
// parsed (to check it now) and as SQL text (deparsed by libpg_query) for the
// catalog, which re-parses it whenever the view is used.
struct CreateViewStatement : Statement {
  CreateViewStatement() : Statement(StatementKind::kCreateView) {}
  RangeVar view;
  std::vector<std::string> column_names;
  std::unique_ptr<SelectStatement> query;
  std::string query_text;
  bool or_replace = false;
  bool temporary = false;  // CREATE TEMP[ORARY] VIEW
  // WITH (name = value, ...) and WITH [LOCAL | CASCADED] CHECK OPTION (as
  // check_option=local / cascaded), in the order given.
  std::vector<std::pair<std::string, std::string>> options;
};

struct DropViewStatement : Statement {
  DropViewStatement() : Statement(StatementKind::kDropView) {}
  std::vector<RangeVar> views;
  bool if_exists = false;
  bool cascade = false;
};

}  // namespace strata::sql::ast
