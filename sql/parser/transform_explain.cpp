// EXPLAIN transform (PostgreSQL's ExplainStmt): the options as ExplainQuery()
// reads them (defGetBoolean values; an unknown option is 42601 at its
// position; FORMAT other than TEXT is 0A000) and the explained statement.
#include <cctype>
#include <memory>
#include <string>

#include "sql/ast/explain_statement.h"
#include "sql/ast/position.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

std::string Lower(std::string v) {
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v;
}

// defGetBoolean(): no value, true/false/on/off (any case), 1/0.
bool ExplainBoolean(const PgQuery__DefElem& d) {
  const PgQuery__Node* arg = d.arg;
  if (arg == nullptr) return true;
  if (arg->node_case == PG_QUERY__NODE__NODE_INTEGER) {
    if (arg->integer->ival == 0) return false;
    if (arg->integer->ival == 1) return true;
  } else if (arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) {
    return arg->boolean->boolval;
  } else {
    const std::string v = Lower(StringValue(arg));
    if (v == "true" || v == "on") return true;
    if (v == "false" || v == "off") return false;
  }
  throw SqlError(SqlState::kSyntaxError, std::string(d.defname) + " requires a Boolean value");
}

}  // namespace

std::unique_ptr<ast::Statement> Transformer::TransformExplain(const PgQuery__ExplainStmt& s) {
  auto stmt = std::make_unique<ast::ExplainStatement>();
  for (size_t i = 0; i < s.n_options; ++i) {
    const PgQuery__Node* node = s.options[i];
    if (node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *node->def_elem;
    const std::string name = d.defname != nullptr ? d.defname : "";
    if (name == "analyze") {
      stmt->analyze = ExplainBoolean(d);
    } else if (name == "verbose") {
      stmt->verbose = ExplainBoolean(d);
    } else if (name == "costs") {
      stmt->costs = ExplainBoolean(d);
    } else if (name == "timing") {
      stmt->timing = ExplainBoolean(d);
      stmt->timing_set = true;
    } else if (name == "summary") {
      stmt->summary = ExplainBoolean(d);
      stmt->summary_set = true;
    } else if (name == "buffers") {
      stmt->buffers = ExplainBoolean(d);
    } else if (name == "settings" || name == "wal") {
      (void)ExplainBoolean(d);  // nothing to report for these yet
    } else if (name == "format") {
      const std::string v = Lower(StringValue(d.arg));
      if (v == "xml" || v == "json" || v == "yaml") {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "EXPLAIN (FORMAT " + StringValue(d.arg) + ") is not supported yet");
      }
      if (v != "text") {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "unrecognized value for EXPLAIN option \"format\": \"" +
                           StringValue(d.arg) + "\"")
            .WithPosition(ast::CharPosition(query_, d.location));
      }
    } else {
      throw SqlError(SqlState::kSyntaxError, "unrecognized EXPLAIN option \"" + name + "\"")
          .WithPosition(ast::CharPosition(query_, d.location));
    }
  }
  if (stmt->timing_set && stmt->timing && !stmt->analyze) {
    throw SqlError(SqlState::kInvalidParameterValue, "EXPLAIN option TIMING requires ANALYZE");
  }
  if (!stmt->summary_set) stmt->summary = stmt->analyze;
  if (s.query == nullptr) throw NotSupported("EXPLAIN without a statement");
  stmt->query = TransformStatement(*s.query);
  stmt->query->command_name = CommandName(*s.query);
  return stmt;
}

}  // namespace strata::sql::parser
