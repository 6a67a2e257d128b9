// DECLARE name CURSOR ... FOR query, FETCH / MOVE and CLOSE (PostgreSQL's
// DeclareCursorStmt, FetchStmt and ClosePortalStmt).
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "sql/ast/statement.h"

namespace strata::sql::ast {

struct DeclareCursorStatement : Statement {
  DeclareCursorStatement() : Statement(StatementKind::kDeclareCursor) {}

  std::string name;
  bool binary = false;
  bool scroll = false;     // SCROLL
  bool no_scroll = false;  // NO SCROLL
  bool hold = false;       // WITH HOLD
  std::unique_ptr<Statement> query;  // a SELECT (or VALUES)
};

struct FetchStatement : Statement {
  // FETCH NEXT is kForward 1, PRIOR kBackward 1, FIRST kAbsolute 1, LAST
  // kAbsolute -1, as PostgreSQL's grammar turns them.
  enum class Direction { kForward, kBackward, kAbsolute, kRelative };
  // The count of FETCH ALL / FORWARD ALL / BACKWARD ALL.
  static constexpr int64_t kAll = std::numeric_limits<int64_t>::max();

  FetchStatement() : Statement(StatementKind::kFetch) {}

  std::string cursor;
  Direction direction = Direction::kForward;
  int64_t count = 1;
  bool is_move = false;  // MOVE: position only, no rows
};

struct CloseCursorStatement : Statement {
  CloseCursorStatement() : Statement(StatementKind::kCloseCursor) {}

  std::string cursor;  // empty for CLOSE ALL
  bool all = false;
};

}  // namespace strata::sql::ast
