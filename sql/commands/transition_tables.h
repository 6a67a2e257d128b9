// Transition tables (CREATE TRIGGER ... REFERENCING OLD / NEW TABLE AS
// name): the rows a statement deleted / inserted (for UPDATE: the rows
// before and after), as relations the trigger function's queries can name
// (PostgreSQL's ephemeral named relations). A trigger firing installs its
// tables for the duration of its function (ScopedTransitionTables); the FROM
// clause finds them after CTEs and before the catalog (cte_scope.cpp).
// A firing without transition tables installs none, so a trigger fired by
// a statement inside another trigger's function does not see the outer
// trigger's tables.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/executor/execute_select.h"  // Row
#include "sql/types/data_type.h"

namespace strata::sql {

struct TransitionTable {
  std::string name;
  std::vector<std::string> column_names;
  std::vector<DataType> column_types;
  std::shared_ptr<const std::vector<Row>> rows;
};

class ScopedTransitionTables {
 public:
  // LIFETIME: `tables` outlives the scope.
  explicit ScopedTransitionTables(const std::vector<TransitionTable>* tables);
  ~ScopedTransitionTables();
  ScopedTransitionTables(const ScopedTransitionTables&) = delete;
  ScopedTransitionTables& operator=(const ScopedTransitionTables&) = delete;

 private:
  const std::vector<TransitionTable>* previous_;
};

// The transition table named `name` in the innermost scope, or nullptr.
const TransitionTable* FindTransitionTable(const std::string& name);

}  // namespace strata::sql
