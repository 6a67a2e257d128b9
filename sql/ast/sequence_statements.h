// Parsed CREATE SEQUENCE, ALTER SEQUENCE and DROP SEQUENCE. Produced by
// sql/parser/transform_sequence.cpp; run by sql/commands/sequence_commands.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/ast/type_name.h"

namespace strata::sql::ast {

// The options of CREATE/ALTER SEQUENCE, each present only if written.
struct SequenceOptions {
  // A MINVALUE/MAXVALUE clause: NO MINVALUE resets to the type's default.
  struct Bound {
    bool is_default = false;  // NO MINVALUE / NO MAXVALUE
    int64_t value = 0;
  };
  std::optional<TypeName> as_type;
  std::optional<int64_t> increment;
  std::optional<Bound> min_value;
  std::optional<Bound> max_value;
  std::optional<int64_t> start;
  bool restart = false;                  // RESTART [WITH n]
  std::optional<int64_t> restart_value;  // n of RESTART WITH n
  std::optional<int64_t> cache;
  std::optional<bool> cycle;
  // OWNED BY table.column; {"none"} for OWNED BY NONE.
  std::optional<std::vector<std::string>> owned_by;
  int owned_by_location = -1;
};

struct CreateSequenceStatement : Statement {
  CreateSequenceStatement() : Statement(StatementKind::kCreateSequence) {}
  RangeVar sequence;
  bool if_not_exists = false;
  bool temporary = false;  // CREATE TEMP SEQUENCE: in the session's temporary schema
  SequenceOptions options;
};

struct AlterSequenceStatement : Statement {
  AlterSequenceStatement() : Statement(StatementKind::kAlterSequence) {}
  RangeVar sequence;
  bool if_exists = false;
  SequenceOptions options;
};

struct DropSequenceStatement : Statement {
  DropSequenceStatement() : Statement(StatementKind::kDropSequence) {}
  std::vector<RangeVar> sequences;
  bool if_exists = false;
  bool cascade = false;
};

}  // namespace strata::sql::ast
