// FOREIGN KEY constraints from the SQL side: defining one (CREATE TABLE,
// ALTER TABLE ADD), checking existing rows (ALTER TABLE ADD), and enforcing
// them on row writes with PostgreSQL's semantics and errors.
//
// Enforcement is PostgreSQL's RI triggers in shape: every row written to a
// table that takes part in a foreign key is queued as an event, and the
// queue is fired at the end of the statement (so a statement that deletes
// and re-inserts a key, or inserts a parent after its child, passes; NO
// ACTION looks again for the key then). For each event:
//   - the referencing side (INSERT, or an UPDATE changing the key): MATCH
//     SIMPLE skips a key with a NULL; else the referenced row must exist,
//     found by its primary key (point read of the latest state under a FOR
//     KEY SHARE row lock, so a concurrent delete of it either waits for us or
//     is seen) or, for a UNIQUE constraint, by a scan; 23503 otherwise.
//   - the referenced side (DELETE, or an UPDATE changing the key): the
//     referencing rows (a scan of the referencing table's latest committed
//     state, merged with our writes) get the action:
//     NO ACTION / RESTRICT 23503, CASCADE, SET NULL, SET DEFAULT, written
//     through a TableWriter of the referencing table whose own events fire
//     right after (cascades recurse).
// A NO ACTION check of a DEFERRABLE constraint that is deferred at the time
// goes to the session's DeferredConstraints instead, which runs it at COMMIT
// (deferred_constraints.h).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/table_statements.h"
#include "sql/commands/command_context.h"
#include "sql/commands/deferred_constraints.h"
#include "sql/table/table_codec.h"
#include "sql/types/value.h"

namespace strata::sql {

// Builds the catalog description of `def` on `table` (the referencing
// table, possibly not in the catalog yet: a self-reference names it), with
// PostgreSQL's checks and errors: 42P01, 42703 "column ... referenced in
// foreign key constraint does not exist", 42704 "there is no primary key for
// referenced table", 42830 "there is no unique constraint matching given
// keys ..." / "number of referencing and referenced columns ... disagree",
// 42804 "... cannot be implemented". A name not given is generated
// (`<table>_<cols>_fkey`, made unique against `used_names`, which gets it).
catalog::ForeignKeyDesc DefineForeignKey(CommandContext& ctx, const catalog::TableDesc& table,
                                         const ast::ForeignKeyDef& def,
                                         std::set<std::string>* used_names);

// The type test of DefineForeignKey on an existing key (after ALTER COLUMN
// TYPE of one of its columns): 42804 "... cannot be implemented".
void CheckForeignKeyTypes(const catalog::TableDesc& table, const catalog::ForeignKeyDesc& fk,
                          const catalog::TableDesc& referenced);

// ALTER TABLE ADD FOREIGN KEY on a table with rows: every row must satisfy
// it (23503 as an insert would report). `referenced`: the referenced table.
void ValidateForeignKey(CommandContext& ctx, const catalog::TableDesc& table,
                        const catalog::ForeignKeyDesc& fk, const catalog::TableDesc& referenced);

// Runs one deferred check of `fk` (a constraint of `table`) against the
// state now (deferred_constraints.h); 23503 as the immediate check reports.
void RunDeferredForeignKeyCheck(const CommandContext& ctx, const catalog::TableDesc& table,
                                const catalog::ForeignKeyDesc& fk, const DeferredCheck& check);

// Whether `table` references or is referenced by any foreign key.
bool HasForeignKeyRole(const CommandContext& ctx, const catalog::TableDesc& table);

// The foreign keys (with their tables) that reference `table_oid`.
struct ReferencingKey {
  const catalog::TableDesc* table = nullptr;
  const catalog::ForeignKeyDesc* fk = nullptr;
};
std::vector<ReferencingKey> ReferencingKeys(const CommandContext& ctx, Oid table_oid);

// pg_get_constraintdef of a foreign key: "FOREIGN KEY (a) REFERENCES pk(id)
// ON DELETE CASCADE".
std::string ForeignKeyDefinition(const catalog::CatalogSnapshot& catalog,
                                 const catalog::TableDesc& table,
                                 const catalog::ForeignKeyDesc& fk);

// The statement's queue of row events of one table (see the file comment).
// LIFETIME: ctx and table outlive it.
class ForeignKeyEvents {
 public:
  ForeignKeyEvents(const CommandContext& ctx, const catalog::TableDesc& table);

  bool active() const { return active_; }
  // `key`: the table key the new row is stored under.
  void RowInserted(const Row& row, const std::string& key);
  void RowUpdated(const Row& old_row, const Row& new_row, const std::string& key);
  void RowDeleted(const Row& old_row);
  // Runs the queued checks and actions in event order, then empties the queue.
  void Fire();

 private:
  struct Event {
    Row old_row;  // empty for an insert
    Row new_row;  // empty for a delete
    std::string key;  // new_row's table key
  };

  const CommandContext& ctx_;
  const catalog::TableDesc& table_;
  bool active_ = false;
  std::vector<Event> events_;
};

}  // namespace strata::sql
