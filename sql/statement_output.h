// StatementOutput: what running one statement produced, as typed Values --
// the protocol layer formats them as text or binary. SqlSession::Execute turns
// it into the text StatementResult of a simple Query.
#pragma once

#include <string>
#include <vector>

#include "sql/executor/execute_select.h"  // Row
#include "sql/sql_session.h"
#include "sql/types/value.h"

namespace strata::sql {

struct StatementOutput {
  bool returns_rows = false;
  std::vector<ResultColumn> columns;
  std::vector<Row> rows;
  std::string command_tag;
  std::vector<SqlErrorFields> notices;  // NOTICEs to send before the result
  CopyMode copy_mode = CopyMode::kNone;
  size_t copy_columns = 0;
  std::vector<std::string> copy_data;  // COPY TO STDOUT lines, terminators included
};

// A RowDescription column for an output of type `type` named `name`.
ResultColumn MakeResultColumn(std::string name, const DataType& type);

}  // namespace strata::sql
