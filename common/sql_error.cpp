// Source-location capture for SqlError (the ErrorResponse F/L/R fields).
#include "common/sql_error.h"

namespace strata {

void SetSourceLocation(SqlErrorFields* fields, const std::source_location& where) {
  if (!fields->source_file.empty()) return;
  std::string_view file = where.file_name();
  if (auto slash = file.rfind('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
  // function_name() is a full signature ("void strata::sql::F(int)"); keep the
  // bare routine name, as PostgreSQL reports "int4pl".
  std::string_view routine = where.function_name();
  if (auto paren = routine.find('('); paren != std::string_view::npos) routine = routine.substr(0, paren);
  if (auto colon = routine.rfind("::"); colon != std::string_view::npos) routine.remove_prefix(colon + 2);
  if (auto space = routine.rfind(' '); space != std::string_view::npos) routine.remove_prefix(space + 1);
  fields->source_file = std::string(file);
  fields->source_line = static_cast<int>(where.line());
  fields->source_function = std::string(routine);
}

SqlErrorFields WarningNotice(SqlState state, std::string message,
                             const std::source_location& where) {
  SqlErrorFields f;
  f.severity = ErrorSeverity::kWarning;
  f.sqlstate = state;
  f.message = std::move(message);
  SetSourceLocation(&f, where);
  return f;
}

}  // namespace strata
