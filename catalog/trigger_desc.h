// TriggerDesc: a trigger of a table (CREATE TRIGGER; pg_trigger). Stored
// inside its table's catalog record (catalog_records.h, version 8), so it is
// created, renamed and dropped in the same transaction as that record and
// goes away with the table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/builtin_types.h"

namespace strata::catalog {

// pg_trigger.tgtype bits (PostgreSQL's TRIGGER_TYPE_*). Written to disk.
inline constexpr int16_t kTriggerTypeRow = 1 << 0;
inline constexpr int16_t kTriggerTypeBefore = 1 << 1;
inline constexpr int16_t kTriggerTypeInsert = 1 << 2;
inline constexpr int16_t kTriggerTypeDelete = 1 << 3;
inline constexpr int16_t kTriggerTypeUpdate = 1 << 4;
inline constexpr int16_t kTriggerTypeTruncate = 1 << 5;
inline constexpr int16_t kTriggerTypeInstead = 1 << 6;

struct TriggerDesc {
  Oid oid = 0;  // pg_trigger.oid
  std::string name;
  Oid function = 0;  // tgfoid: a function returning trigger
  int16_t type = 0;  // tgtype: kTriggerType* bits
  // tgenabled: 'O' (origin, the default), 'D' disabled, 'R' replica, 'A'
  // always. Without replication, 'O' and 'A' fire and 'D' and 'R' do not.
  char enabled = 'O';
  std::vector<std::string> args;  // tgargs, as written
  std::vector<int16_t> columns;   // tgattr: UPDATE OF columns (attnums)
  // tgqual: the WHEN condition as SQL text, naming OLD and NEW.
  std::optional<std::string> when;
  // tgoldtable / tgnewtable: REFERENCING OLD / NEW TABLE AS name (empty:
  // none). AFTER triggers of one event only.
  std::string old_table;
  std::string new_table;

  bool Fires(int16_t event_bit) const { return (type & event_bit) != 0; }
  bool IsRow() const { return (type & kTriggerTypeRow) != 0; }
  bool IsBefore() const { return (type & kTriggerTypeBefore) != 0; }
  bool IsInstead() const { return (type & kTriggerTypeInstead) != 0; }
  bool IsEnabled() const { return enabled == 'O' || enabled == 'A'; }
};

}  // namespace strata::catalog
