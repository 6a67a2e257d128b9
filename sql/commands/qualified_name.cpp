// JoinQualifiedName / TypeNameText / SchemaOfQualifiedName (see qualified_name.h).
#include "sql/commands/qualified_name.h"

#include "common/sql_error.h"

namespace strata::sql {

std::string JoinQualifiedName(const std::vector<std::string>& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (i > 0) out += ".";
    out += name[i];
  }
  return out;
}

std::string TypeNameText(const ast::TypeName& type) {
  std::string out = JoinQualifiedName(type.names);
  for (int i = 0; i < type.array_bounds; ++i) out += "[]";
  return out;
}

const catalog::NamespaceDesc& SchemaOfQualifiedName(const CommandContext& ctx,
                                                    const std::vector<std::string>& name) {
  if (name.size() > 2) {
    throw SqlError(SqlState::kSyntaxError,
                   "improper qualified name (too many dotted names): " + JoinQualifiedName(name));
  }
  return ResolveSchema(ctx, name.size() == 2 ? name[0] : std::string());
}

}  // namespace strata::sql
