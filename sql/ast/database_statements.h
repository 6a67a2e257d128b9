// CREATE DATABASE and DROP DATABASE (PostgreSQL's CreatedbStmt, DropdbStmt).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast/statement.h"

namespace strata::sql::ast {

// One WITH option as the grammar names it (DefElem): "owner", "template",
// "encoding", "connection_limit", "is_template", "allow_connections",
// "locale", "lc_collate", "lc_ctype", "strategy", "tablespace", ... (DROP:
// "force"). A number arrives in `integer`, anything else as `text` (booleans
// as "true"/"on"/...); neither means DEFAULT.
struct DatabaseOption {
  std::string name;
  std::optional<std::string> text;
  std::optional<int64_t> integer;
  int location = -1;
};

struct DatabaseStatement : Statement {
  DatabaseStatement() : Statement(StatementKind::kDatabaseDdl) {}

  bool create = true;       // CREATE DATABASE; false: DROP DATABASE
  std::string name;
  bool missing_ok = false;  // DROP DATABASE IF EXISTS
  std::vector<DatabaseOption> options;
};

}  // namespace strata::sql::ast
