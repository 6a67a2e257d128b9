// The NOTICE a DROP ... CASCADE sends about the other objects it dropped, as
// PostgreSQL words it: "drop cascades to <object>" for one, "drop cascades
// to N other objects" with one DETAIL line per object for several.
#pragma once

#include <string>
#include <vector>

#include "sql/commands/command_context.h"

namespace strata::sql {

// `objects` are descriptions such as "view v" or "type d"; nothing is sent
// for none.
void NoticeDropCascades(const CommandContext& ctx, const std::vector<std::string>& objects);

}  // namespace strata::sql
