// Turning executor rows into a StatementOutput (RowDescription fields and
// typed values), shared by SELECT and RETURNING.
#pragma once

#include <string>
#include <vector>

#include "sql/binder/binder.h"
#include "sql/statement_output.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

struct OutputTarget {
  std::string name;
  BoundExprPtr expr;
  // The table column the target is a plain reference to (markTargetListOrigins):
  // RowDescription's table OID and attribute number; 0 otherwise.
  Oid table_oid = 0;
  int16_t attnum = 0;
};

// Binds a select list (or RETURNING list) in the binder's scope: `*` and
// `rel.*` expand to the relation's live columns.
std::vector<OutputTarget> BindTargetList(Binder& binder, const BindScope& scope,
                                         const std::vector<ast::ResTarget>& targets);

// Columns described from the targets' types; rows converted to text.
void SetResultColumns(const std::vector<OutputTarget>& targets, StatementOutput* result);
void AppendResultRow(const Row& row, StatementOutput* result);

}  // namespace strata::sql
