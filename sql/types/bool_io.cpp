// Boolean input (boolin): t/true/y/yes/on/1 and f/false/n/no/off/0, any
// unambiguous prefix, case-insensitive, surrounding whitespace ignored.
#include <cctype>
#include <string>

#include "common/sql_error.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

// True if `value` is a case-insensitive prefix of `word` at least `min_len`
// characters long.
bool IsPrefixOf(std::string_view value, std::string_view word, size_t min_len) {
  if (value.size() < min_len || value.size() > word.size()) return false;
  for (size_t i = 0; i < value.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != word[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool ParseBool(std::string_view text) {
  std::string_view v = text;
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) {
    v.remove_prefix(1);
  }
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) {
    v.remove_suffix(1);
  }
  if (IsPrefixOf(v, "true", 1) || IsPrefixOf(v, "yes", 1) || IsPrefixOf(v, "on", 2) || v == "1") {
    return true;
  }
  if (IsPrefixOf(v, "false", 1) || IsPrefixOf(v, "no", 1) || IsPrefixOf(v, "off", 2) || v == "0") {
    return false;
  }
  throw SqlError(SqlState::kInvalidTextRepresentation,
                 "invalid input syntax for type boolean: \"" + std::string(text) + "\"");
}

}  // namespace strata::sql
