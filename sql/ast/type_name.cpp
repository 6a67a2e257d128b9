// Out-of-line special members of TypeName (Expr is incomplete in the header).
#include "sql/ast/type_name.h"

#include "sql/ast/expr.h"

namespace strata::sql::ast {

TypeName::TypeName() = default;
TypeName::TypeName(TypeName&&) noexcept = default;
TypeName& TypeName::operator=(TypeName&&) noexcept = default;
TypeName::~TypeName() = default;

}  // namespace strata::sql::ast
