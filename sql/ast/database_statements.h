// CREATE / DROP / ALTER DATABASE (PostgreSQL's CreatedbStmt, DropdbStmt,
// AlterDatabaseStmt and RenameStmt of a database; OWNER TO is an
// AlterOwnerStatement, alter_owner_statement.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast/statement.h"

namespace strata::sql::ast {

// One WITH option as the grammar names it (DefElem): "owner", "template",
// "encoding", "connection_limit", "is_template", "allow_connections",
// "locale", "lc_collate", "lc_ctype", "strategy", "tablespace", ... (DROP:
// "force"; ALTER: "connection_limit", "is_template", "allow_connections",
// "tablespace"). A number arrives in `integer`, anything else as `text` (booleans
// as "true"/"on"/...); neither means DEFAULT.
struct DatabaseOption {
  std::string name;
  std::optional<std::string> text;
  std::optional<int64_t> integer;
  int location = -1;
};

struct DatabaseStatement : Statement {
  DatabaseStatement() : Statement(StatementKind::kDatabaseDdl) {}

  enum class Action {
    kCreate,  // CREATE DATABASE name [WITH] options
    kDrop,    // DROP DATABASE [IF EXISTS] name [WITH (FORCE)]
    kAlter,   // ALTER DATABASE name [WITH] options
    kRename,  // ALTER DATABASE name RENAME TO new_name
    kAlterSet,  // ALTER DATABASE name SET / RESET
  };
  Action action = Action::kCreate;
  std::string name;
  std::string new_name;  // kRename
  bool missing_ok = false;  // DROP DATABASE IF EXISTS
  std::vector<DatabaseOption> options;
  std::shared_ptr<const VariableSetStatement> setting;  // kAlterSet
};

}  // namespace strata::sql::ast
