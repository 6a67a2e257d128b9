// Transition tables of the running trigger (see transition_tables.h).
#include "sql/commands/transition_tables.h"

namespace strata::sql {

namespace {
thread_local const std::vector<TransitionTable>* current_tables = nullptr;
}

ScopedTransitionTables::ScopedTransitionTables(const std::vector<TransitionTable>* tables)
    : previous_(current_tables) {
  current_tables = tables;
}

ScopedTransitionTables::~ScopedTransitionTables() { current_tables = previous_; }

const TransitionTable* FindTransitionTable(const std::string& name) {
  if (current_tables == nullptr) return nullptr;
  for (const TransitionTable& t : *current_tables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace strata::sql
