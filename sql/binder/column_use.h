// Column use notes: the binder reports each table column an expression
// references (Binder::MakeColumnRef, so `*` expansions too) to the observer
// the running statement installed. Column privileges use it to check the
// columns a statement reads (PostgreSQL's selectedCols).
//
// Thread safety: the observer is per thread (a statement binds on one
// worker thread).
#pragma once

#include <cstdint>

#include "sql/types/data_type.h"

namespace strata::sql {

class ColumnUseObserver {
 public:
  virtual ~ColumnUseObserver() = default;
  // Column `attnum` of table `table` is referenced. May throw SqlError.
  virtual void UseColumn(Oid table, int16_t attnum) = 0;
};

// Installs `observer` for this thread (nullptr: none); returns the one it
// replaces.
ColumnUseObserver* SetColumnUseObserver(ColumnUseObserver* observer);
// The installed observer, or nullptr.
ColumnUseObserver* CurrentColumnUseObserver();
// Tells the installed observer, if any (table 0 or attnum <= 0: a computed
// column, not noted).
void NoteColumnUse(Oid table, int16_t attnum);

// While alive, no observer sees this thread's column references: for
// expressions that read columns without the statement's user reading them
// (a table's CHECK constraints).
class ScopedNoColumnUse {
 public:
  ScopedNoColumnUse() : previous_(SetColumnUseObserver(nullptr)) {}
  ~ScopedNoColumnUse() { SetColumnUseObserver(previous_); }
  ScopedNoColumnUse(const ScopedNoColumnUse&) = delete;
  ScopedNoColumnUse& operator=(const ScopedNoColumnUse&) = delete;

 private:
  ColumnUseObserver* previous_;
};

}  // namespace strata::sql
