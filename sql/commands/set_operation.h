// Set operations: UNION / INTERSECT / EXCEPT [ALL] as PostgreSQL's
// transformSetOperationStmt/transformSetOperationTree and its executor
// (nodeSetOp.c, nodeAppend.c + Unique) define them:
//  * each operand runs to rows first (RunQuery); a parenthesized operand with
//    its own ORDER BY/LIMIT/WITH is a leaf, as in PostgreSQL;
//  * operands must have the same number of columns (42601), each result
//    column's type is select_common_type of the two sides ("UNION types
//    integer and text cannot be matched", 42804), an unknown-type literal
//    ('x', NULL) of a leaf's select list takes the common type (its input
//    function runs: 22P02 at the literal), other columns are coerced;
//  * output names are the leftmost operand's; duplicates are found by the
//    memcomparable encoding of the whole row (NULLs equal);
//  * UNION ALL keeps left then right rows; UNION the first of each distinct
//    row; INTERSECT [ALL] min(m, n) copies (one without ALL); EXCEPT [ALL]
//    max(m - n, 0) copies (one if m > 0 and n = 0 without ALL). Row order
//    otherwise follows the left operand, which PostgreSQL leaves
//    unspecified: tests must ORDER BY.
#pragma once

#include <vector>

#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"
#include "sql/commands/run_query.h"

namespace strata::sql {

// REQUIRES: stmt.set_op != kNone. Runs the set operation with its ORDER BY
// and LIMIT/OFFSET (output columns only). WITH is the caller's (RunQuery).
QueryRows RunSetOperation(CommandContext& ctx, const ast::SelectStatement& stmt);

// The byte location of each output column of a plain SELECT or VALUES (for
// errors about that column; -1 where unknown, e.g. after `*`).
std::vector<int> OutputColumnLocations(const ast::SelectStatement& stmt, size_t columns);

}  // namespace strata::sql
