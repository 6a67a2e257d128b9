// One item of a CREATE OPERATOR / CREATE TYPE / ALTER OPERATOR ... SET
// definition list (PostgreSQL's DefElem with its def_arg): `name = value`
// or a bare `name`. The value keeps the shape the grammar gave it; the
// command decides what each option accepts (defGetTypeName, defGetString,
// ...).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/ast/type_name.h"

namespace strata::sql::ast {

struct DefinitionOption {
  std::string name;  // as written: the grammar lower-cases unquoted names only
  enum class ValueKind {
    kNone,      // a bare name (HASHES)
    kTypeName,  // a type or function name (leftarg = int8, function = f); see `type`
    kOperator,  // an operator name (commutator = ##, possibly qualified); see `names`
    kString,    // a string or keyword (= NONE -> "none", = 'x'); see `text`
    kNumber,    // an integer or numeric literal; see `text`
  };
  ValueKind kind = ValueKind::kNone;
  std::optional<TypeName> type;
  std::vector<std::string> names;
  std::string text;
  int location = -1;

  // The value as a (possibly qualified) name: a type or function name, an
  // operator name, or the string itself.
  std::vector<std::string> AsName() const {
    if (kind == ValueKind::kTypeName && type) return type->names;
    if (kind == ValueKind::kOperator) return names;
    return {text};
  }
};

}  // namespace strata::sql::ast
