// SET / RESET / SHOW execution; see execute_variable_set.h.
#include "sql/settings/execute_variable_set.h"

#include <string>

#include "common/sql_error.h"
#include "sql/types/data_type.h"

namespace strata::sql {

namespace {

// quote_identifier() without the keyword check: quotes unless the name is a
// plain lower-case identifier.
std::string QuoteIdentifier(const std::string& s) {
  bool safe = !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_');
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) safe = false;
  }
  if (safe) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// flatten_set_variable_args.
std::string Flatten(const SessionSettings& settings, const ast::VariableSetStatement& stmt,
                    const std::string& canonical) {
  if (stmt.args.size() > 1 && !settings.IsListInput(canonical)) {
    throw SqlError(SqlState::kInvalidParameterValue, "SET " + stmt.name +
                                                         " takes only one argument");
  }
  const bool quote = settings.IsListQuoted(canonical);
  std::string out;
  for (size_t i = 0; i < stmt.args.size(); ++i) {
    if (i > 0) out += ", ";
    const auto& arg = stmt.args[i];
    out += arg.is_string && quote ? QuoteIdentifier(arg.text) : arg.text;
  }
  return out;
}

ResultColumn TextColumn(std::string name) {
  ResultColumn c;
  c.name = std::move(name);
  c.type_oid = type_oid::kText;
  c.type_size = -1;
  c.type_modifier = -1;
  return c;
}

}  // namespace

std::string FlattenSetArguments(const SessionSettings& settings,
                                const ast::VariableSetStatement& stmt) {
  const std::string canonical =
      settings.Exists(stmt.name) ? settings.CanonicalName(stmt.name) : stmt.name;
  return Flatten(settings, stmt, canonical);
}

StatementResult ExecuteVariableSet(SessionSettings& settings,
                                   const ast::VariableSetStatement& stmt, bool in_block) {
  using Kind = ast::VariableSetStatement::Kind;
  StatementResult result;
  if (stmt.is_local && !in_block) {
    // It still applies, for the statement's own transaction (guc.c).
    result.notices.push_back(WarningNotice(SqlState::kNoActiveSqlTransaction,
                                     "SET LOCAL can only be used in transaction blocks"));
  }
  switch (stmt.set_kind) {
    case Kind::kValue: {
      const std::string canonical =
          settings.Exists(stmt.name) ? settings.CanonicalName(stmt.name) : stmt.name;
      settings.Set(stmt.name, Flatten(settings, stmt, canonical), stmt.is_local);
      result.command_tag = "SET";
      break;
    }
    case Kind::kDefault:
      settings.Reset(stmt.name, stmt.is_local);
      result.command_tag = "SET";
      break;
    case Kind::kReset:
      settings.Reset(stmt.name);
      result.command_tag = "RESET";
      break;
    case Kind::kResetAll:
      settings.ResetAll();
      result.command_tag = "RESET";
      break;
  }
  return result;
}

StatementResult ExecuteVariableShow(const SessionSettings& settings,
                                    const ast::VariableShowStatement& stmt) {
  StatementResult result;
  result.returns_rows = true;
  result.command_tag = "SHOW";
  if (stmt.name == "all") {
    result.columns = {TextColumn("name"), TextColumn("setting"), TextColumn("description")};
    for (const auto& row : settings.ShowAll()) {
      result.rows.push_back({row.name, row.setting, row.description});
    }
    return result;
  }
  const std::string value = settings.Show(stmt.name);
  result.columns = {TextColumn(settings.CanonicalName(stmt.name))};
  result.rows.push_back({value});
  return result;
}

}  // namespace strata::sql
