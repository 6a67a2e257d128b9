// libpg_query reports only a message and cursor position, not the SQLSTATE.
// Almost every scanner and grammar error is 42601 (syntax_error); the few
// that PostgreSQL raises with another code, or with a hint, are listed here,
// matched by source file and message ("%s" matches any text).
#include "sql/parser/parse_error.h"

#include <string>
#include <string_view>

namespace strata::sql::parser {

namespace {

struct KnownError {
  std::string_view file;  // "" matches any file
  std::string_view message;
  SqlState state;
  std::string_view hint;
};

constexpr KnownError kKnownErrors[] = {
    {"gram.y", "%s constraints cannot be marked DEFERRABLE", SqlState::kFeatureNotSupported, ""},
    {"gram.y", "%s constraints cannot be marked NO INHERIT", SqlState::kFeatureNotSupported, ""},
    {"gram.y", "%s constraints cannot be marked NOT VALID", SqlState::kFeatureNotSupported, ""},
    {"gram.y", "CREATE ASSERTION is not yet implemented", SqlState::kFeatureNotSupported, ""},
    {"gram.y", "CREATE EXTENSION ... FROM is no longer supported", SqlState::kFeatureNotSupported,
     ""},
    {"gram.y", "CREATE OR REPLACE CONSTRAINT TRIGGER is not supported",
     SqlState::kFeatureNotSupported, ""},
    {"gram.y", "CREATE SCHEMA IF NOT EXISTS cannot include schema elements",
     SqlState::kFeatureNotSupported, ""},
    {"gram.y", "MATCH PARTIAL not yet implemented", SqlState::kFeatureNotSupported, ""},
    {"gram.y", "RECHECK is no longer required", SqlState::kFeatureNotSupported,
     "Update your data type."},
    {"gram.y", "UNENCRYPTED PASSWORD is no longer supported", SqlState::kFeatureNotSupported,
     "Remove UNENCRYPTED to store the password in encrypted form instead."},
    {"gram.y", "UNIQUE predicate is not yet implemented", SqlState::kFeatureNotSupported, ""},
    {"gram.y", "WITH CHECK OPTION not supported on recursive views", SqlState::kFeatureNotSupported,
     ""},
    {"gram.y", "a column list with %s is only supported for ON DELETE actions",
     SqlState::kFeatureNotSupported, ""},
    {"gram.y", "aggregates cannot have output arguments", SqlState::kFeatureNotSupported, ""},
    {"gram.y", "an ordered-set aggregate with a VARIADIC direct argument %s",
     SqlState::kFeatureNotSupported, ""},
    {"gram.y", "current database cannot be changed", SqlState::kFeatureNotSupported, ""},
    {"gram.y", "column number must be in range from 1 to %s", SqlState::kInvalidParameterValue, ""},
    {"gram.y", "precision for type float must be at least 1 bit", SqlState::kInvalidParameterValue,
     ""},
    {"gram.y", "precision for type float must be less than 54 bits",
     SqlState::kInvalidParameterValue, ""},
    {"gram.y", "modulus for hash partition provided more than once", SqlState::kDuplicateObject,
     ""},
    {"gram.y", "remainder for hash partition provided more than once", SqlState::kDuplicateObject,
     ""},
    {"gram.y", "%s cannot be used as a role name here", SqlState::kReservedName, ""},
    {"gram.y", "role name \"%s\" is reserved", SqlState::kReservedName, ""},
    {"gram.y", "frame %s", SqlState::kWindowingError, ""},
    {"gram.y", "unrecognized row security option \"%s\"", SqlState::kSyntaxError,
     "Only PERMISSIVE or RESTRICTIVE policies are supported currently."},
    {"gram.y", "missing argument", SqlState::kSyntaxError,
     "Use NONE to denote the missing argument of a unary operator."},
    {"gram.y", "LIMIT #,# syntax is not supported", SqlState::kSyntaxError,
     "Use separate LIMIT and OFFSET clauses."},
    {"gram.y", "VALUES in FROM must have an alias", SqlState::kSyntaxError,
     "For example, FROM (VALUES ...) [AS] foo."},
    {"gram.y", "subquery in FROM must have an alias", SqlState::kSyntaxError,
     "For example, FROM (SELECT ...) [AS] foo."},
    {"scan.l", "unsafe use of string constant with Unicode escapes", SqlState::kFeatureNotSupported,
     ""},
    {"scan.l", "invalid Unicode escape", SqlState::kInvalidEscapeSequence,
     "Unicode escapes must be \\uXXXX or \\UXXXXXXXX."},
    {"scan.l", "unsafe use of \\' in a string literal", SqlState::kNonstandardUseOfEscapeCharacter,
     "Use '' to write quotes in strings. \\' is insecure in client-only encodings."},
    {"parser.c", "invalid Unicode escape", SqlState::kSyntaxError,
     "Unicode escapes must be \\XXXX or \\+XXXXXX."},
};

// Matches `text` against `pattern`, where each "%s" matches any substring.
bool MatchesPattern(std::string_view pattern, std::string_view text) {
  const size_t hole = pattern.find("%s");
  if (hole == std::string_view::npos) return pattern == text;
  std::string_view head = pattern.substr(0, hole);
  if (text.substr(0, head.size()) != head) return false;
  std::string_view rest = pattern.substr(hole + 2);
  text.remove_prefix(head.size());
  for (size_t i = 0; i <= text.size(); ++i) {
    if (MatchesPattern(rest, text.substr(i))) return true;
  }
  return false;
}

std::string_view OrEmpty(const char* s) { return s ? std::string_view(s) : ""; }

}  // namespace

SqlError MakeParseError(const PgQueryError& error) {
  SqlErrorFields fields;
  fields.sqlstate = SqlState::kSyntaxError;
  fields.message = std::string(OrEmpty(error.message));
  fields.position = error.cursorpos > 0 ? error.cursorpos : 0;
  // libpg_query names some files after its source tree layout
  // ("src_backend_parser_parser.c"); PostgreSQL reports "parser.c".
  std::string_view file = OrEmpty(error.filename);
  constexpr std::string_view kTreePrefix = "src_backend_parser_";
  if (file.substr(0, kTreePrefix.size()) == kTreePrefix) file.remove_prefix(kTreePrefix.size());
  fields.source_file = std::string(file);
  fields.source_line = error.lineno;
  fields.source_function = std::string(OrEmpty(error.funcname));
  if (error.context != nullptr) fields.context = error.context;
  for (const KnownError& known : kKnownErrors) {
    if (!known.file.empty() && known.file != fields.source_file) continue;
    if (!MatchesPattern(known.message, fields.message)) continue;
    fields.sqlstate = known.state;
    fields.hint = std::string(known.hint);
    break;
  }
  return SqlError(std::move(fields));
}

}  // namespace strata::sql::parser
