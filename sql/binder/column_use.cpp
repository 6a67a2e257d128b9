// Column use notes (see column_use.h).
#include "sql/binder/column_use.h"

namespace strata::sql {

namespace {
thread_local ColumnUseObserver* t_observer = nullptr;
}  // namespace

ColumnUseObserver* SetColumnUseObserver(ColumnUseObserver* observer) {
  ColumnUseObserver* previous = t_observer;
  t_observer = observer;
  return previous;
}

ColumnUseObserver* CurrentColumnUseObserver() { return t_observer; }

void NoteColumnUse(Oid table, int16_t attnum) {
  if (t_observer != nullptr && table != 0 && attnum > 0) t_observer->UseColumn(table, attnum);
}

}  // namespace strata::sql
