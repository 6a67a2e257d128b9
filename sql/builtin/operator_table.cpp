// pg_operator lookups over the generated table in pg_operator_data.inc.
#include "sql/builtin/operator_table.h"

#include <iterator>

namespace strata::sql {

namespace {

constexpr PgOperator kPgOperators[] = {
#define STRATA_PG_OPERATOR(oid, name, kind, left, right, result, proname) \
  {oid, name, kind, left, right, result, proname},
#include "sql/builtin/pg_operator_data.inc"
#undef STRATA_PG_OPERATOR
};

}  // namespace

std::span<const PgOperator> AllOperators() { return kPgOperators; }

std::vector<const PgOperator*> FindOperators(std::string_view name, char kind) {
  std::vector<const PgOperator*> found;
  for (const PgOperator& op : kPgOperators) {
    if (op.kind == kind && op.name == name) found.push_back(&op);
  }
  return found;
}

bool IsKnownOperatorName(std::string_view name) {
  for (const PgOperator& op : kPgOperators) {
    if (op.name == name) return true;
  }
  return false;
}

const PgOperator* FindOperatorExact(std::string_view name, char kind, Oid left, Oid right) {
  for (const PgOperator& op : kPgOperators) {
    if (op.kind == kind && op.name == name && op.left == left && op.right == right) {
      return &op;
    }
  }
  return nullptr;
}

}  // namespace strata::sql
