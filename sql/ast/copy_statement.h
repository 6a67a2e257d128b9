// The parsed COPY statement (sql/parser/transform_copy.cpp): its source or
// target (a table with an optional column list, or a query), direction, the
// file name (empty for STDIN/STDOUT) and the raw WITH options, which
// sql/copy/copy_options.cpp validates as PostgreSQL's ProcessCopyOptions does.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/ast/table_statements.h"

namespace strata::sql::ast {

// One COPY option (DefElem): `name` with no argument, a string/number/boolean
// argument as text, `*`, or a parenthesised column list.
struct CopyOption {
  enum class ArgKind { kNone, kString, kInteger, kBoolean, kStar, kList };
  std::string name;
  ArgKind kind = ArgKind::kNone;
  std::string value;              // kString/kInteger text; kBoolean "true"/"false"
  std::vector<std::string> list;  // kList
  int location = -1;
};

struct CopyStatement : Statement {
  CopyStatement() : Statement(StatementKind::kCopy) {}
  // Exactly one of table / query is set.
  bool has_table = false;
  RangeVar table;
  std::vector<TargetColumn> columns;  // empty = all columns
  std::unique_ptr<SelectStatement> query;
  bool is_from = false;
  std::string filename;  // empty = STDIN / STDOUT
  std::vector<CopyOption> options;
};

}  // namespace strata::sql::ast
