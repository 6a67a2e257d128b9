// COPY's WITH options, validated as PostgreSQL 15's ProcessCopyOptions does
// (same SQLSTATEs, messages and positions), with its defaults filled in: text
// format uses TAB and \N, CSV uses ',' , '' and '"'.
#pragma once

#include <string>
#include <vector>

#include "sql/ast/copy_statement.h"

namespace strata::sql {

struct CopyOptions {
  bool csv = false;
  bool header = false;
  bool header_match = false;  // HEADER MATCH (COPY FROM only)
  char delimiter = '\t';
  std::string null_print = "\\N";
  char quote = '"';
  char escape = '"';
  bool force_quote_all = false;             // FORCE_QUOTE *
  std::vector<std::string> force_quote;     // COPY TO, CSV
  std::vector<std::string> force_not_null;  // COPY FROM, CSV
  std::vector<std::string> force_null;      // COPY FROM, CSV
};

// Validates `options`. `position` maps a byte location of the query to
// PostgreSQL's 1-based error position. Throws SqlError; FORMAT binary is 0A000.
template <typename PositionFn>
CopyOptions ProcessCopyOptions(const std::vector<ast::CopyOption>& options, bool is_from,
                               PositionFn position);

CopyOptions ProcessCopyOptionsImpl(const std::vector<ast::CopyOption>& options, bool is_from,
                                   const std::vector<int>& positions);

template <typename PositionFn>
CopyOptions ProcessCopyOptions(const std::vector<ast::CopyOption>& options, bool is_from,
                               PositionFn position) {
  std::vector<int> positions;
  for (const auto& o : options) positions.push_back(position(o.location));
  return ProcessCopyOptionsImpl(options, is_from, positions);
}

}  // namespace strata::sql
