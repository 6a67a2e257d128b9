// VACUUM / ANALYZE transform (PostgreSQL's VacuumStmt): the options as
// ExecVacuum() reads them (defGetBoolean values; an unknown option is 42601
// at its position, raised when the statement runs) and the tables with their
// column lists.
#include <cctype>
#include <memory>
#include <string>

#include "sql/ast/position.h"
#include "sql/ast/vacuum_statement.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

bool OptionBoolean(const PgQuery__DefElem& d, std::string_view query) {
  const PgQuery__Node* arg = d.arg;
  if (arg == nullptr) return true;
  if (arg->node_case == PG_QUERY__NODE__NODE_INTEGER) {
    if (arg->integer->ival == 0) return false;
    if (arg->integer->ival == 1) return true;
  } else if (arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) {
    return arg->boolean->boolval;
  } else {
    std::string v = StringValue(arg);
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v == "true" || v == "on") return true;
    if (v == "false" || v == "off") return false;
  }
  (void)query;  // defGetBoolean's error carries no position
  throw SqlError(SqlState::kSyntaxError, std::string(d.defname) + " requires a Boolean value");
}

std::unique_ptr<ast::Statement> Transformer::TransformVacuum(const PgQuery__VacuumStmt& s) {
  auto stmt = std::make_unique<ast::VacuumStatement>();
  stmt->is_vacuum = s.is_vacuumcmd;
  stmt->analyze = !s.is_vacuumcmd;
  const char* command = s.is_vacuumcmd ? "VACUUM" : "ANALYZE";
  for (size_t i = 0; i < s.n_options; ++i) {
    const PgQuery__Node* node = s.options[i];
    if (node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *node->def_elem;
    const std::string name = d.defname != nullptr ? d.defname : "";
    if (name == "verbose") {
      stmt->verbose = OptionBoolean(d, query_);
    } else if (name == "skip_locked") {
      stmt->skip_locked = OptionBoolean(d, query_);
    } else if (!s.is_vacuumcmd) {
      throw SqlError(SqlState::kSyntaxError, "unrecognized ANALYZE option \"" + name + "\"")
          .WithPosition(ast::CharPosition(query_, d.location));
    } else if (name == "analyze") {
      stmt->analyze = OptionBoolean(d, query_);
    } else if (name == "freeze") {
      stmt->freeze = OptionBoolean(d, query_);
    } else if (name == "full") {
      stmt->full = OptionBoolean(d, query_);
    } else if (name == "disable_page_skipping" || name == "process_toast" ||
               name == "truncate") {
      (void)OptionBoolean(d, query_);  // no pages to skip, no TOAST, nothing to truncate
    } else if (name == "index_cleanup" || name == "parallel") {
      // Accepted; an LSM compaction has no separate index pass to tune.
    } else {
      throw SqlError(SqlState::kSyntaxError,
                     std::string("unrecognized ") + command + " option \"" + name + "\"")
          .WithPosition(ast::CharPosition(query_, d.location));
    }
  }
  for (size_t i = 0; i < s.n_rels; ++i) {
    const PgQuery__Node* node = s.rels[i];
    if (node->node_case != PG_QUERY__NODE__NODE_VACUUM_RELATION ||
        node->vacuum_relation->relation == nullptr) {
      continue;
    }
    const PgQuery__VacuumRelation& r = *node->vacuum_relation;
    ast::VacuumStatement::Target target;
    target.table = TransformRangeVar(*r.relation);
    for (size_t j = 0; j < r.n_va_cols; ++j) target.columns.push_back(StringValue(r.va_cols[j]));
    stmt->targets.push_back(std::move(target));
  }
  return stmt;
}

}  // namespace strata::sql::parser
