// pg_operator lookups over the generated table in pg_operator_data.inc.
#include "sql/builtin/operator_table.h"

#include <iterator>
#include <unordered_map>

namespace strata::sql {

namespace {

constexpr PgOperator kPgOperators[] = {
#define STRATA_PG_OPERATOR(oid, name, kind, left, right, result, proname) \
  {oid, name, kind, left, right, result, proname},
#include "sql/builtin/pg_operator_data.inc"
#undef STRATA_PG_OPERATOR
};

// The operators grouped by name, in pg_operator order within each name,
// built once: resolution runs on every bound operator of every statement,
// and a scan of all ~680 rows per lookup showed in the point-select profile.
const std::unordered_map<std::string_view, std::vector<const PgOperator*>>& OperatorsByName() {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string_view, std::vector<const PgOperator*>>();
    for (const PgOperator& op : kPgOperators) (*m)[op.name].push_back(&op);
    return m;
  }();
  return *index;
}

const std::vector<const PgOperator*>* OperatorsNamed(std::string_view name) {
  const auto& index = OperatorsByName();
  auto it = index.find(name);
  return it == index.end() ? nullptr : &it->second;
}

}  // namespace

std::span<const PgOperator> AllOperators() { return kPgOperators; }

std::vector<const PgOperator*> FindOperators(std::string_view name, char kind) {
  std::vector<const PgOperator*> found;
  if (const auto* named = OperatorsNamed(name)) {
    for (const PgOperator* op : *named) {
      if (op->kind == kind) found.push_back(op);
    }
  }
  return found;
}

bool IsKnownOperatorName(std::string_view name) { return OperatorsNamed(name) != nullptr; }

const PgOperator* FindOperatorExact(std::string_view name, char kind, Oid left, Oid right) {
  if (const auto* named = OperatorsNamed(name)) {
    for (const PgOperator* op : *named) {
      if (op->kind == kind && op->left == left && op->right == right) return op;
    }
  }
  return nullptr;
}

}  // namespace strata::sql
