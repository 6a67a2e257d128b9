// Rewriting stored expression text (CHECK constraints, DEFAULTs) when ALTER
// TABLE renames a column: the catalog keeps expressions as SQL text, so a
// rename must rewrite every column reference in that text.
#pragma once

#include <string>

namespace strata::sql::parser {

// `expr_text` (an expression as DeparseExpr printed it) with every column
// reference whose last name is `old_name` renamed to `new_name`, deparsed
// again. Throws SqlError XX000 if the text does not parse.
std::string RenameColumnInExpr(const std::string& expr_text, const std::string& old_name,
                               const std::string& new_name);

}  // namespace strata::sql::parser
