// Lock escalation for huge inserts (txn/README.md, "Huge transactions").
//
// Every new key an INSERT writes (the primary key, unique index values)
// takes a row lock, one lock-table entry per row until the transaction
// ends. Past Transaction::escalation_threshold() locks, the inserter instead
// takes ShareRowExclusiveLock on the table -- the mode that blocks every
// other writer of the table (their RowExclusiveLock), as
// LOCK TABLE ... IN SHARE ROW EXCLUSIVE MODE would -- and from then on locks
// no new key of that table row by row. Nobody else can write the table
// until we end, so no other transaction can wait on or insert our new keys;
// uniqueness against rows committed before the table lock is still checked
// at commit (PutNew). Readers are not blocked. Rows updated or deleted keep
// their row locks (others may lock those rows FOR SHARE / KEY SHARE).
#pragma once

#include <string>

#include "catalog/catalog_objects.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

// Before writing the new key `key` into `target` (the table itself or one of
// its unique indexes) of `table`: its row lock, or the escalated table lock.
void LockNewKeyForWrite(const CommandContext& ctx, const catalog::TableDesc& table,
                        const catalog::TableDesc& target, const std::string& key);

}  // namespace strata::sql
