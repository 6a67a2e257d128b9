// DROP ... CASCADE's NOTICE (see drop_cascade_notice.h).
#include "sql/commands/drop_cascade_notice.h"

#include <source_location>

namespace strata::sql {

void NoticeDropCascades(const CommandContext& ctx, const std::vector<std::string>& objects) {
  if (objects.empty() || ctx.notices == nullptr) return;
  SqlErrorFields f;
  f.sqlstate = SqlState::kSuccessfulCompletion;
  if (objects.size() == 1) {
    f.message = "drop cascades to " + objects[0];
  } else {
    f.message = "drop cascades to " + std::to_string(objects.size()) + " other objects";
    for (const std::string& object : objects) {
      if (!f.detail.empty()) f.detail += "\n";
      f.detail += "drop cascades to " + object;
    }
  }
  SetSourceLocation(&f, std::source_location::current());
  ctx.notices->push_back(std::move(f));
}

}  // namespace strata::sql
