// ALTER ROLE / DATABASE ... SET and the settings of a login (see
// role_settings.h).
#include "sql/commands/role_settings.h"

#include <algorithm>
#include <cctype>

#include "common/sql_error.h"
#include "sql/database.h"
#include "sql/settings/execute_variable_set.h"
#include "sql/settings/session_settings.h"

namespace strata::sql {

namespace {

std::string LowerName(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The name part of a stored "name=value".
std::string_view NameOf(const std::string& item) {
  const size_t eq = item.find('=');
  return std::string_view(item).substr(0, eq == std::string::npos ? item.size() : eq);
}

}  // namespace

void AlterRoleSetting(CommandContext& ctx, catalog::Oid database, catalog::Oid role,
                      const ast::VariableSetStatement& change) {
  using Kind = ast::VariableSetStatement::Kind;
  std::vector<std::string> list;
  const auto& all = ctx.catalog->role_settings();
  if (auto it = all.find({database, role}); it != all.end()) list = it->second;
  // A throwaway session's settings check the value as SET would.
  SessionSettings probe;
  std::string name = change.name;
  if (probe.Exists(name)) name = probe.CanonicalName(name);
  const std::string key = LowerName(name);
  auto same_name = [&key](const std::string& item) { return LowerName(NameOf(item)) == key; };
  switch (change.set_kind) {
    case Kind::kValue: {
      const std::string value = FlattenSetArguments(probe, change);
      probe.Set(change.name, value);
      std::replace_if(list.begin(), list.end(), same_name, name + "=" + value);
      if (std::none_of(list.begin(), list.end(), same_name)) list.push_back(name + "=" + value);
      break;
    }
    case Kind::kDefault:
    case Kind::kReset:
      if (!probe.Exists(change.name) && change.name.find('.') == std::string::npos) {
        throw SqlError(SqlState::kUndefinedObject,
                       "unrecognized configuration parameter \"" + change.name + "\"");
      }
      list.erase(std::remove_if(list.begin(), list.end(), same_name), list.end());
      break;
    case Kind::kResetAll:
      list.clear();
      break;
  }
  ctx.db->catalog()->PutRoleSetting(ctx.txn, database, role, list);
}

std::vector<std::pair<std::string, std::string>> LoginSettings(
    const catalog::CatalogSnapshot& catalog, catalog::Oid database, catalog::Oid role) {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<std::string> seen;
  const auto& all = catalog.role_settings();
  for (const std::pair<catalog::Oid, catalog::Oid>& which :
       {std::make_pair(database, role), std::make_pair(catalog::Oid{0}, role),
        std::make_pair(database, catalog::Oid{0}), std::make_pair(catalog::Oid{0}, catalog::Oid{0})}) {
    auto it = all.find(which);
    if (it == all.end()) continue;
    for (const std::string& item : it->second) {
      const size_t eq = item.find('=');
      if (eq == std::string::npos) continue;
      const std::string key = LowerName(item.substr(0, eq));
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      seen.push_back(key);
      out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    }
  }
  return out;
}

}  // namespace strata::sql
