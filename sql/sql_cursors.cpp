// SqlCursors: DECLARE / FETCH / MOVE / CLOSE over materialized rows, moving
// exactly as PostgreSQL 15's DoPortalRunFetch, PortalRunSelect and
// DoPortalRewind move a portal (see sql_cursors.h).
#include "sql/sql_cursors.h"

#include <limits>
#include <utility>

#include "common/sql_error.h"

namespace strata::sql {

namespace {

using Direction = ast::FetchStatement::Direction;
constexpr int64_t kAll = ast::FetchStatement::kAll;

[[noreturn]] void ThrowUndefinedCursor(const std::string& name) {
  throw SqlError(SqlState::kUndefinedCursor, "cursor \"" + name + "\" does not exist");
}

[[noreturn]] void ThrowForwardOnly() {
  throw SqlError(SqlState::kObjectNotInPrerequisiteState, "cursor can only scan forward")
      .WithHint("Declare it with SCROLL option to enable backward scan.");
}

// One FETCH or MOVE on one cursor. PostgreSQL keeps portalPos, atStart and
// atEnd; SqlCursor::position says the same in one number (on an empty
// result PostgreSQL's atStart stays set after a forward fetch where ours
// does not, which no movement can tell apart).
class CursorMove {
 public:
  CursorMove(SqlCursor& cursor, std::vector<Row>* out)
      : cursor_(cursor), rows_(cursor.output.rows.size()), out_(out) {}

  // DoPortalRunFetch. `emit`: FETCH (rows go to out_), else MOVE.
  uint64_t Fetch(Direction direction, int64_t count, bool emit) {
    switch (direction) {
      case Direction::kForward:
      case Direction::kBackward:
        if (count < 0) {
          direction = direction == Direction::kForward ? Direction::kBackward : Direction::kForward;
          count = -count;
        }
        break;
      case Direction::kAbsolute:
        if (count > 0) {
          // Scan from where we are unless the target is nearer the start.
          if (static_cast<uint64_t>(count - 1) <= PortalPos() / 2) {
            Rewind();
            if (count > 1) Run(true, count - 1, false);
          } else {
            int64_t pos = static_cast<int64_t>(PortalPos());
            if (AtEnd()) ++pos;  // one extra step back from past the end
            if (count <= pos) {
              Run(false, pos - count + 1, false);
            } else if (count > pos + 1) {
              Run(true, count - pos - 1, false);
            }
          }
          return Run(true, 1, emit);
        }
        if (count < 0) {
          Run(true, kAll, false);
          if (count < -1) Run(false, -count - 1, false);
          return Run(false, 1, emit);
        }
        Rewind();
        return Run(true, 0, emit);
      case Direction::kRelative:
        if (count > 0) {
          if (count > 1) Run(true, count - 1, false);
          return Run(true, 1, emit);
        }
        if (count < 0) {
          if (count < -1) Run(false, -count - 1, false);
          return Run(false, 1, emit);
        }
        direction = Direction::kForward;  // RELATIVE 0 is FORWARD 0
        break;
    }
    bool forward = direction == Direction::kForward;
    if (count == 0) {
      // Zero re-fetches the current row, if the cursor is on one.
      const bool on_row = !AtStart() && !AtEnd();
      if (!emit) return on_row ? 1 : 0;
      if (on_row) {
        Run(false, 1, false);
        count = 1;
        forward = true;
      }
    }
    if (!forward && count == kAll && !emit) {
      // MOVE BACKWARD ALL counts the rows before the current one and rewinds.
      uint64_t moved = PortalPos();
      if (moved > 0 && !AtEnd()) --moved;
      Rewind();
      return moved;
    }
    return Run(forward, count, emit);
  }

 private:
  bool AtStart() const { return cursor_.position == 0; }
  bool AtEnd() const { return cursor_.position > rows_; }
  uint64_t PortalPos() const { return AtEnd() ? rows_ : cursor_.position; }

  // PortalRunSelect: up to `count` rows (kAll: every one) in one direction.
  uint64_t Run(bool forward, int64_t count, bool emit) {
    const uint64_t want =
        count == kAll ? std::numeric_limits<uint64_t>::max() : static_cast<uint64_t>(count);
    uint64_t done = 0;
    if (forward) {
      if (AtEnd() || count <= 0) return 0;
      while (done < want && cursor_.position < rows_) {
        ++cursor_.position;
        Emit(emit);
        ++done;
      }
      if (done < want) cursor_.position = rows_ + 1;
      return done;
    }
    if (!cursor_.scrollable) ThrowForwardOnly();
    if (AtStart() || count <= 0) return 0;
    while (done < want && cursor_.position > 1) {
      --cursor_.position;
      Emit(emit);
      ++done;
    }
    if (done < want) cursor_.position = 0;
    return done;
  }

  void Rewind() {
    if (AtStart() && !AtEnd()) return;  // nothing read yet: no NO SCROLL error
    if (!cursor_.scrollable) ThrowForwardOnly();
    cursor_.position = 0;
  }

  void Emit(bool emit) {
    if (emit) out_->push_back(cursor_.output.rows[cursor_.position - 1]);
  }

  SqlCursor& cursor_;
  const uint64_t rows_;
  std::vector<Row>* out_;
};

thread_local const SqlCursors* current_cursors = nullptr;

}  // namespace

void SqlCursors::Declare(SqlCursor cursor) {
  if (cursors_.count(cursor.name) != 0) {
    throw SqlError(SqlState::kDuplicateCursor, "cursor \"" + cursor.name + "\" already exists");
  }
  cursor.sequence = next_sequence_++;
  cursor.position = 0;
  std::string name = cursor.name;
  cursors_.emplace(std::move(name), std::move(cursor));
}

StatementOutput SqlCursors::Fetch(const ast::FetchStatement& fetch) {
  auto it = cursors_.find(fetch.cursor);
  if (it == cursors_.end()) ThrowUndefinedCursor(fetch.cursor);
  SqlCursor& cursor = it->second;
  StatementOutput out;
  const uint64_t n =
      CursorMove(cursor, &out.rows).Fetch(fetch.direction, fetch.count, !fetch.is_move);
  if (fetch.is_move) {
    out.command_tag = "MOVE " + std::to_string(n);
  } else {
    out.returns_rows = true;
    out.columns = cursor.output.columns;
    out.command_tag = "FETCH " + std::to_string(n);
  }
  return out;
}

void SqlCursors::Close(const ast::CloseCursorStatement& close) {
  if (close.all) {
    cursors_.clear();
    return;
  }
  if (cursors_.erase(close.cursor) == 0) ThrowUndefinedCursor(close.cursor);
}

void SqlCursors::AtTransactionEnd(bool commit) {
  for (auto it = cursors_.begin(); it != cursors_.end();) {
    SqlCursor& cursor = it->second;
    const bool keep = cursor.holdable && (commit || !cursor.declared_in_open_transaction);
    if (!keep) {
      it = cursors_.erase(it);
      continue;
    }
    cursor.declared_in_open_transaction = false;
    ++it;
  }
}

void SqlCursors::RollbackTo(uint64_t mark) {
  std::erase_if(cursors_, [mark](const auto& entry) { return entry.second.sequence >= mark; });
}

const SqlCursors* CurrentSqlCursorsOrNull() { return current_cursors; }

ScopedSqlCursors::ScopedSqlCursors(const SqlCursors* cursors) : previous_(current_cursors) {
  current_cursors = cursors;
}

ScopedSqlCursors::~ScopedSqlCursors() { current_cursors = previous_; }

}  // namespace strata::sql
