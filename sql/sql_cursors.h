// SqlCursors: a session's SQL cursors (DECLARE ... CURSOR, FETCH, MOVE,
// CLOSE) and their positions, with PostgreSQL's rules for where FETCH and
// MOVE leave a cursor (DoPortalRunFetch / PortalRunSelect) and for which
// cursors a transaction's end closes.
//
// A cursor's query runs when it is declared and its rows are kept, as the
// session's protocol portals keep theirs (portal.h): what FETCH returns is
// the snapshot of the DECLARE, as in PostgreSQL. Being materialized, every
// cursor can move backward unless declared NO SCROLL (PostgreSQL also
// refuses backward moves for plans that cannot run backward; ours all can).
//
// Lifetime: a cursor without WITH HOLD closes when its transaction ends; a
// holdable one stays until CLOSE or the session's end, unless the
// transaction that declared it rolls back. ROLLBACK TO a savepoint closes
// the cursors declared after it. Not thread-safe: owned by one session.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sql/ast/cursor_statement.h"
#include "sql/statement_output.h"

namespace strata::sql {

struct SqlCursor {
  std::string name;
  std::string statement;  // the DECLARE's text (pg_cursors.statement)
  bool holdable = false;
  bool binary = false;
  bool scrollable = true;   // false: NO SCROLL
  int64_t creation_time = 0;  // timestamptz microseconds
  uint64_t sequence = 0;      // declaration order (savepoint rollback)
  bool declared_in_open_transaction = true;
  StatementOutput output;   // columns and rows
  // PostgreSQL's portalPos / atStart / atEnd as one number: 0 before the
  // first row, k on row k (1-based), rows + 1 after the last.
  size_t position = 0;
};

class SqlCursors {
 public:
  // 42P03 if `cursor.name` exists. Takes the cursor's declaration sequence.
  void Declare(SqlCursor cursor);
  // FETCH or MOVE: the rows fetched (none for MOVE) and the tag "FETCH n" /
  // "MOVE n". 34000 for an unknown cursor, 55000 moving a NO SCROLL cursor
  // backward.
  StatementOutput Fetch(const ast::FetchStatement& fetch);
  // CLOSE name (34000 if unknown) / CLOSE ALL.
  void Close(const ast::CloseCursorStatement& close);

  // The current transaction ended: committed, holdable cursors stay;
  // otherwise those declared in it go; cursors without WITH HOLD go.
  void AtTransactionEnd(bool commit);
  // A savepoint: the mark to pass to RollbackTo.
  uint64_t Mark() const { return next_sequence_; }
  // ROLLBACK TO: closes the cursors declared since `mark`.
  void RollbackTo(uint64_t mark);

  // Every open cursor, by name (pg_cursors).
  const std::map<std::string, SqlCursor>& cursors() const { return cursors_; }

 private:
  std::map<std::string, SqlCursor> cursors_;
  uint64_t next_sequence_ = 1;
};

// The cursors of the session whose statement runs on this thread (for the
// pg_cursors view), installed by SqlSession around each statement.
const SqlCursors* CurrentSqlCursorsOrNull();
class ScopedSqlCursors {
 public:
  explicit ScopedSqlCursors(const SqlCursors* cursors);
  ~ScopedSqlCursors();
  ScopedSqlCursors(const ScopedSqlCursors&) = delete;
  ScopedSqlCursors& operator=(const ScopedSqlCursors&) = delete;

 private:
  const SqlCursors* previous_;
};

}  // namespace strata::sql
