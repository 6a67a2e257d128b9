// DeferredConstraints: one session's deferred FOREIGN KEY checks -- those of
// DEFERRABLE constraints that are deferred at the time (INITIALLY DEFERRED,
// or SET CONSTRAINTS ... DEFERRED) -- queued by a transaction's statements
// and run at its COMMIT, or earlier when SET CONSTRAINTS ... IMMEDIATE makes
// their constraint immediate (PostgreSQL's deferred after-trigger queue for
// its RI triggers).
//
// Only NO ACTION checks are ever deferred, as in PostgreSQL: RESTRICT,
// CASCADE, SET NULL and SET DEFAULT act at the end of the statement whatever
// the constraint says. A queued check is one of:
//  - kReferencing: a row of the referencing table was inserted, or updated
//    with a changed key. At the check the row is read again under its table
//    key: gone, or its key columns changed since, and a later event (or
//    none, for a delete) covers it, as PostgreSQL skips the event of a dead
//    tuple; otherwise its key must be present in the referenced table.
//  - kReferenced: a referenced row was deleted, or its key updated. At the
//    check: fine if a row with the old key exists again, else 23503 if a
//    row still references the old key.
// The checks read the state at the time they run, so a transaction may
// insert a child before its parent, or delete a parent and its children in
// any order.
//
// Everything here belongs to the current transaction: Clear() at its end.
// Savepoints: Mark() at SAVEPOINT, RollbackTo() at ROLLBACK TO drops the
// checks queued and the SET CONSTRAINTS done since (a check that already
// ran and passed in between stays done).
// Not thread-safe: owned by the session's TransactionBlock; statements reach
// it through CurrentDeferredConstraints().
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

struct CommandContext;

struct DeferredCheck {
  enum class Kind { kReferencing, kReferenced };
  Kind kind = Kind::kReferencing;
  Oid table_oid = 0;   // the referencing table (the one holding the constraint)
  std::string fk_name;
  std::string key;     // kReferencing: the row's table key
  Row row;             // kReferencing: the row written; kReferenced: the old row
  Row new_row;         // kReferenced: the row after an UPDATE (empty: DELETE)
  uint64_t seq = 0;    // queue order, for savepoints
};

class DeferredConstraints {
 public:
  // Whether a check of `fk` (of table `table_oid`) is deferred now.
  bool IsDeferred(Oid table_oid, const catalog::ForeignKeyDesc& fk) const;
  void Queue(DeferredCheck check);
  bool empty() const { return checks_.empty(); }
  // An UPDATE moved a row of `table_oid` (a table without a primary key)
  // from `old_key` to `new_key`: each queued kReferencing check of the row
  // is queued again for its new key, as PostgreSQL's check of an updated
  // tuple carries over to its new version. The old checks stay (they find
  // their row gone and pass), so a savepoint rolled back over the move
  // keeps exactly the checks it had.
  void RowMoved(Oid table_oid, const std::string& old_key, const std::string& new_key);

  // SET CONSTRAINTS ALL (forgets the per-constraint settings, as PostgreSQL
  // does) / SET CONSTRAINTS name. REQUIRES: the constraint is deferrable.
  void SetAll(bool deferred);
  void Set(Oid table_oid, const std::string& fk_name, bool deferred);

  // Runs the queued checks in queue order: all of them (`all`: COMMIT), or
  // those whose constraint is not deferred now (SET CONSTRAINTS ...
  // IMMEDIATE). Throws the first 23503; the checks stay queued then (the
  // transaction or its savepoint is rolled back). Checks whose table or
  // constraint was dropped since are dropped.
  void Fire(const CommandContext& ctx, bool all);

  struct Mark {
    uint64_t seq = 0;
    std::optional<bool> all;
    std::map<std::pair<Oid, std::string>, bool> named;
  };
  Mark Save() const { return Mark{next_seq_, all_, named_}; }
  void RollbackTo(const Mark& mark);
  // The transaction ended: nothing queued, every constraint back to its
  // initial mode.
  void Clear();

 private:
  std::vector<DeferredCheck> checks_;
  // kReferencing checks by (table, key): positions in checks_. Rebuilt
  // when stale (after Fire / RollbackTo / Clear renumber checks_).
  std::map<std::pair<Oid, std::string>, std::vector<size_t>> by_key_;
  bool by_key_stale_ = false;
  uint64_t next_seq_ = 0;
  std::optional<bool> all_;                            // SET CONSTRAINTS ALL
  std::map<std::pair<Oid, std::string>, bool> named_;  // SET CONSTRAINTS name
};

// The session's deferred checks while one of its statements runs; null
// outside (a foreign key is then checked immediately).
DeferredConstraints* CurrentDeferredConstraints();

class ScopedDeferredConstraints {
 public:
  explicit ScopedDeferredConstraints(DeferredConstraints* deferred);
  ~ScopedDeferredConstraints();
  ScopedDeferredConstraints(const ScopedDeferredConstraints&) = delete;
  ScopedDeferredConstraints& operator=(const ScopedDeferredConstraints&) = delete;

 private:
  DeferredConstraints* previous_;
};

}  // namespace strata::sql
