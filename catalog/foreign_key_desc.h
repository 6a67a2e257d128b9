// ForeignKeyDesc: a FOREIGN KEY constraint of a table (pg_constraint contype
// 'f'). Stored inside the referencing table's catalog record
// (catalog_records.h, version 4), so it is created and dropped in the same
// transaction as that record; the referenced table knows nothing of it (the
// SQL layer finds a table's referencing constraints by scanning the catalog
// snapshot).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/builtin_types.h"

namespace strata::catalog {

// pg_constraint.confupdtype / confdeltype letters. Written to disk.
enum class ForeignKeyAction : char {
  kNoAction = 'a',
  kRestrict = 'r',
  kCascade = 'c',
  kSetNull = 'n',
  kSetDefault = 'd',
};

// pg_constraint.confmatchtype letters. Written to disk.
enum class ForeignKeyMatch : char {
  kSimple = 's',
  kFull = 'f',
};

struct ForeignKeyDesc {
  std::string name;  // "<table>_<cols>_fkey"
  // Referencing columns (conkey) and the referenced table's columns they
  // match, position by position (confkey): same length, >= 1.
  std::vector<int16_t> columns;
  Oid referenced_table = 0;
  std::vector<int16_t> referenced_columns;
  ForeignKeyAction on_update = ForeignKeyAction::kNoAction;
  ForeignKeyAction on_delete = ForeignKeyAction::kNoAction;
  ForeignKeyMatch match = ForeignKeyMatch::kSimple;
  // ON DELETE SET NULL (cols) / SET DEFAULT (cols): confdelsetcols; empty =
  // every referencing column.
  std::vector<int16_t> delete_set_columns;
  bool deferrable = false;
  bool initially_deferred = false;
  // pg_constraint.convalidated: false after ADD ... NOT VALID until
  // VALIDATE CONSTRAINT checked the existing rows (new rows are always
  // checked).
  bool validated = true;
};

}  // namespace strata::catalog
